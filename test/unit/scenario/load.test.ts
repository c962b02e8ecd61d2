/**
 * The loader on good input: a full scenario resolves to integer units, defaults are filled from
 * the schema, the hash ignores YAML key order, and extends / --set / --seed layer as documented.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { NS_PER_HOUR, NS_PER_MIN, NS_PER_MS, NS_PER_SEC } from '../../../src/engine/time.js';
import { AGENT_KINDS } from '../../../src/scenario/agentKinds.js';
import { canonicalJson } from '../../../src/scenario/canonical.js';
import { loadScenario, type LoadOptions } from '../../../src/scenario/load.js';
import type { ResolvedVenue } from '../../../src/scenario/resolvedTypes.js';
import { MINIMAL, memFiles } from './memFiles.js';
import { TEST_KINDS } from './testKinds.js';

const mem = (files: Record<string, string>, main: string, options: LoadOptions = {}) =>
  loadScenario(main, { kinds: TEST_KINDS, readText: memFiles(files), ...options });

describe('a full scenario (real agent kinds)', () => {
  const { scenario: s, sha256 } = loadScenario('test/fixtures/scenarios/good/full.yaml', { kinds: AGENT_KINDS });
  const cex = s.venues[0] as Extract<ResolvedVenue, { kind: 'cex' }>;
  const [spot, perp] = cex.instruments;

  test('clock, seed and hash', () => {
    expect(s.seed).toBe(7);
    expect(s.clock).toEqual({ startUtcMs: Date.UTC(2026, 2, 27), durationNs: 8 * NS_PER_HOUR, endUtcMs: Date.UTC(2026, 2, 27, 8) });
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('prices and sizes on each instrument grid', () => {
    expect(spot).toMatchObject({ symbol: 'BTC-USD', initialPriceTicks: 600_000, quotePerTickLot: 1, makerFeeBps: 1, takerFeeBps: 5, perp: null });
    expect(perp).toMatchObject({ symbol: 'BTC-PERP', initialPriceTicks: 120_000, quotePerTickLot: 5, makerFeeBps: -0.5 });
    expect(perp?.perp?.marginTiers.map((t) => t.maxNotionalUnits)).toEqual([50_000 * 10_000, 250_000 * 10_000]);
    expect(perp?.perp?.funding.intervalNs).toBe(8 * NS_PER_HOUR);
    expect(cex.liquidation.insuranceFundInitialUnits).toBe(2_500_005_000);
    expect(cex.index).toEqual({ method: 'ema', windowNs: 30 * NS_PER_SEC, externalWeight: 0, sourceSymbol: 'BTC-USD' });
  });

  test('latency parsed to ns, defaults for unset links', () => {
    expect(cex.latency.orderEntry).toEqual({ kind: 'lognormal', medianNs: 3 * NS_PER_MS, sigma: 0.5, capNs: 250 * NS_PER_MS, minNs: 0 });
    expect(cex.latency.response).toEqual({ kind: 'constant', latencyNs: NS_PER_MS });
    expect(cex.latency.marketData).toEqual({ kind: 'constant', latencyNs: 5 * NS_PER_MS });
  });

  test('option series: expiries x strikes x {call, put} plus the extra series, sorted', () => {
    const series = cex.options?.series ?? [];
    expect(series).toHaveLength(2 * 3 * 2 + 1);
    expect(series[0]?.symbol).toBe('BTC-20260327T0800-55000-C');
    expect(series.map((x) => x.expiryUtcMs)).toEqual([...series.map((x) => x.expiryUtcMs)].sort((a, b) => a - b));
    expect(s.openInterest).toEqual([{ venue: 'cex', series: 'BTC-20260327T0800-60000-C', contracts: 500, dealerSide: 'short', dealerGroup: 'dealers' }]);
  });

  test('agents in file order, schedule sorted by time with list index kept', () => {
    expect(s.agents.map((g) => [g.group, g.kind, g.count])).toEqual([
      ['noise_a', 'noise', 20],
      ['noise_b', 'noise', 1],
      ['dealers', 'option_dealer', 1],
    ]);
    expect(s.schedule.map((e) => [e.index, e.atNs, e.action])).toEqual([
      [1, NS_PER_HOUR, 'fundamental_jump'],
      [0, 2 * NS_PER_HOUR, 'market_order'],
      [2, 3 * NS_PER_HOUR, 'feed_halt'],
      [3, 4 * NS_PER_HOUR, 'vol_shift'],
    ]);
    expect(s.schedule[1]).toMatchObject({ sizeLots: 25_500, side: 'sell' });
  });

  test('the resolved scenario is plain JSON (round-trips exactly)', () => {
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(() => canonicalJson(s)).not.toThrow();
  });
});

describe('defaults live in the schema', () => {
  const { scenario: s } = mem({ 'm/min.yaml': MINIMAL }, 'm/min.yaml');
  test('top level, output and fundamental', () => {
    expect(s.seed).toBe(1);
    expect(s.description).toBe('');
    expect(s.underlying.quote).toBe('USD');
    expect(s.underlying.fundamental).toEqual({ drift: 0, vol: 0.5, jumpRatePerYear: 0, jumpMean: 0, jumpStdev: 0, gridNs: NS_PER_SEC });
    expect(s.output).toEqual({ tables: [], bookIntervalNs: NS_PER_SEC, greeksIntervalNs: NS_PER_MIN, accountsIntervalNs: NS_PER_MIN, depthLevels: 10, gexProfileRange: 0.1, gexProfilePoints: 21 });
    expect(s.schedule).toEqual([]);
    expect(s.openInterest).toEqual([]);
  });
  test('venue and perp', () => {
    const v = s.venues[0] as Extract<ResolvedVenue, { kind: 'cex' }>;
    expect(v.index).toEqual({ method: 'twap', windowNs: NS_PER_MIN, externalWeight: 0, sourceSymbol: 'BTC-PERP' });
    expect(v.options).toBeNull();
    expect(v.liquidation).toEqual({ feeBps: 50, partialFraction: 1, insuranceFundInitialUnits: 1_000_000 * 10_000 });
    const p = v.instruments[0]!.perp!;
    expect(p.maxLeverage).toBe(50);
    expect(p.marginTiers).toEqual([{ maxNotionalUnits: Number.MAX_SAFE_INTEGER, maintenanceMarginRate: 0.01, maxLeverage: 50 }]);
    expect(p.funding).toEqual({ intervalNs: 8 * NS_PER_HOUR, interest: 0.0001, clamp: 0.0005, cap: 0.003 });
  });
  test("agent parameters get their kind's defaults", () => {
    expect(s.agents[0]?.params).toEqual({ kind: 'test_taker', count: 1, venue: 'cex', instrument: 'BTC-PERP', leverage: 10, hedge: { band: 0.1, policy: 'band' } });
  });
});

/** Rewrites YAML with every map's keys in a shuffled order (except group order in agents and venues). */
function shuffledYaml(text: string, choices: readonly number[]): string {
  let k = 0;
  const pick = (n: number): number => (choices.length === 0 ? 0 : (choices[k++ % choices.length] as number) % n);
  const shuffle = (v: unknown, keepOrder: boolean): unknown => {
    if (Array.isArray(v)) return v.map((x) => shuffle(x, false));
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v).map(([key, x]) => [key, shuffle(x, key === 'agents' || key === 'venues')] as const);
    if (!keepOrder) for (let i = entries.length - 1; i > 0; i--) { const j = pick(i + 1); [entries[i], entries[j]] = [entries[j]!, entries[i]!]; }
    return Object.fromEntries(entries);
  };
  return stringify(shuffle(parse(text), false));
}

describe('the scenario hash', () => {
  const TWO_GROUPS = `${MINIMAL}  dealers:\n    kind: test_dealer\n    venue: cex\n    instrument: BTC-PERP\n    gamma_sign: 1\n`;
  const hashOf = (text: string) => mem({ 'h/s.yaml': text }, 'h/s.yaml').sha256;
  const reference = hashOf(TWO_GROUPS);

  test('does not depend on the key order of the YAML', () => {
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (choices) => hashOf(shuffledYaml(TWO_GROUPS, choices)) === reference), { numRuns: 40 });
  });

  test('changes when a value changes, and when agent groups swap (their ids change)', () => {
    expect(hashOf(TWO_GROUPS.replace('duration: 1h', 'duration: 2h'))).not.toBe(reference);
    const swapped = MINIMAL.replace('agents:\n', 'agents:\n  dealers:\n    kind: test_dealer\n    venue: cex\n    instrument: BTC-PERP\n    gamma_sign: 1\n');
    expect(mem({ 'h/w.yaml': swapped }, 'h/w.yaml').scenario.agents.map((g) => g.group)).toEqual(['dealers', 'takers']);
    expect(hashOf(swapped)).not.toBe(reference);
  });

  test('defaults written out explicitly give the same hash', () => {
    expect(hashOf(TWO_GROUPS.replace('name: minimal\n', 'name: minimal\nseed: 1\ndescription: ""\n'))).toBe(reference);
  });
});

describe('YAML anchors and merge keys', () => {
  const WITH_MERGE = MINIMAL.replace(
    '  takers:\n    kind: test_taker\n',
    '  takers: &taker\n    kind: test_taker\n    leverage: 5\n    venue: cex\n    instrument: BTC-PERP\n  takers2:\n    <<: *taker\n    leverage: 7\n  takers3:\n    <<: *taker\n    levrage: 3\n',
  );

  test('merged groups get the anchor’s values, local keys win', () => {
    const text = WITH_MERGE.replace('    levrage: 3\n', '');
    const s = mem({ 'y/m.yaml': text }, 'y/m.yaml').scenario;
    expect(s.agents.map((g) => [g.group, g.params['leverage']])).toEqual([['takers', 5], ['takers2', 7], ['takers3', 5]]);
  });

  test('an error in a merging map points at its own key', () => {
    expect(() => mem({ 'y/m.yaml': WITH_MERGE }, 'y/m.yaml')).toThrow(
      'y/m.yaml:24:5  agents.takers3: Unrecognized key "levrage" (did you mean "leverage"?)',
    );
  });
});

describe('the shape documented in src/scenario/README.md', () => {
  test('loads with the real agent kinds', () => {
    const readme = readFileSync('src/scenario/README.md', 'utf8');
    const block = /## Shape[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const r = loadScenario('doc/README.yaml', { kinds: AGENT_KINDS, readText: memFiles({ 'doc/README.yaml': block ?? '' }) });
    expect(r.scenario.schedule.map((e) => e.action)).toEqual([
      'fundamental_jump', 'market_order', 'liquidity_withdrawal', 'feed_halt', 'open_interest', 'congestion', 'vol_shift',
    ]);
  });
});
