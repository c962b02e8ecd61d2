import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_AGENT_KINDS, accountSetupOf } from '../../../src/agents/index.js';
import { Harness } from './harness.js';

/** Every property of an object schema, with its description (walks strict objects only). */
function describedProperties(schema: z.ZodType): { name: string; description: string | undefined }[] {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as { properties?: Record<string, { description?: string }> };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({ name, description: p.description }));
}

/** Fields a kind requires beyond kind/venue/instrument (the arbitrageur's second book). */
const REQUIRED: Record<string, Record<string, unknown>> = {
  arbitrageur: { other_venue: 'dex', other_instrument: 'BTC-PERP' },
};

describe('agent kinds', () => {
  it('are listed once each with the documented names', () => {
    expect(ALL_AGENT_KINDS.map((k) => k.kind)).toEqual(['noise', 'liquidity_provider', 'fundamental', 'momentum', 'option_dealer', 'option_customer', 'retail', 'shock', 'arbitrageur', 'hawkes_flow', 'metaorder', 'value_trader', 'chartist', 'market_maker']);
  });

  it.each(ALL_AGENT_KINDS.map((k) => [k.kind, k] as const))('%s: strict schema, every field described, combinable by kind', (name, k) => {
    const props = describedProperties(k.schema);
    expect(props.map((p) => p.name)).toEqual(expect.arrayContaining(['kind', 'count', 'venue', 'instrument']));
    for (const p of props) expect(p.description, `${name}.${p.name}`).toBeTruthy();
    const minimal = { kind: name, venue: 'cex', instrument: 'BTC-PERP', ...REQUIRED[name] };
    expect(k.schema.safeParse(minimal).success).toBe(true);
    expect(k.schema.safeParse({ ...minimal, no_such_field: 1 }).success).toBe(false);
    expect(k.schema.safeParse({ ...minimal, count: 0 }).success).toBe(false);
  });

  it('combine into one discriminated union', () => {
    const union = z.discriminatedUnion('kind', ALL_AGENT_KINDS.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]]);
    expect(union.safeParse({ kind: 'retail', venue: 'v', instrument: 'i' }).success).toBe(true);
    expect(union.safeParse({ kind: 'whale', venue: 'v', instrument: 'i' }).success).toBe(false);
  });

  it.each(ALL_AGENT_KINDS.map((k) => [k.kind, k] as const))('%s: exposes the account the world builder opens', (name, k) => {
    const params = k.schema.parse({ kind: name, venue: 'cex', instrument: 'BTC-PERP', collateral: 12_345, ...REQUIRED[name] });
    const acct = accountSetupOf(k.create(params, new Harness(1).env(name, 0)));
    expect(acct).toMatchObject({ venue: 'cex', collateral: 12_345 });
    expect(acct!.leverage).toBeGreaterThanOrEqual(1);
    expect(['isolated', 'cross']).toContain(acct!.marginMode);
  });

  const busy: Record<string, Record<string, unknown>> = {
    noise: { rate: 2 },
    liquidity_provider: {},
    fundamental: { rate: 2 },
    momentum: { rate: 2, lookback: '10s' },
    option_dealer: { spot_source: 'mid', hedge: { policy: 'constant_gamma', gamma: -0.01 } },
    option_customer: { rate: 1 },
    retail: { signal: 'random', entry_rate: 0.2, cooldown: '5s', take_profit: 0.0005, stop_loss: 0.0005 },
    shock: { orders: [{ at: '5s', side: 'buy', size: 1 }] },
    metaorder: { rate: 1, child_interval: '1s', rest: '2s' },
    chartist: { rate: 2, horizons: ['10s'], sample_interval: '1s', min_order_size: 0.001 },
  };
  // The arbitrageur needs two venues (this harness has one); its same-seed test runs in a CEX+DEX world in test/unit/scenario/dexWorld.test.ts.
  it.each(ALL_AGENT_KINDS.filter((k) => k.kind !== 'arbitrageur').map((k) => [k.kind, k] as const))('%s: same seed, same messages', (name, k) => {
    const trace = (seed: number) => {
      const h = new Harness(seed);
      h.series.push({ venueId: 0, seriesId: 0, symbol: 'C', isCall: true, strike: 100_000, expiryUtcMs: h.clock.startUtcMs + 86_400_000, contractSize: 1 });
      h.setMid(100_000);
      h.fundamentalValue = 100_500;
      h.add(`${name}/0`, k.create(k.schema.parse({ kind: name, venue: 'cex', instrument: 'BTC-PERP', ...busy[name] }), h.env(name, 0)));
      for (let s = 1; s <= 60; s++) {
        h.setMid(100_000 * (1 + 0.003 * Math.sin(s / 5)));
        h.run(s * 1_000_000_000);
      }
      return JSON.stringify(h.received.map((r) => [r.t, r.msg.kind, r.msg.side, r.msg.priceTicks, r.msg.sizeLots, r.msg.instrument]));
    };
    const a = trace(21);
    expect(a.length).toBeGreaterThan(2);
    expect(trace(21)).toBe(a);
  });
});
