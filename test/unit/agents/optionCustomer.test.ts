import { describe, expect, it } from 'vitest';
import { optionCustomerKind, optionCustomerSchema } from '../../../src/agents/optionCustomer.js';
import { MsgKind } from '../../../src/model/messages.js';
import { NS_PER_MIN, NS_PER_SEC } from '../../../src/engine/time.js';
import type { OptionSeriesInfo } from '../../../src/model/market.js';
import { Harness, START_UTC_MS } from './harness.js';

const DAY_MS = 86_400_000;
const where = { kind: 'option_customer', venue: 'cex', instrument: 'BTC-PERP' } as const;

/** Calls and puts at strikes 90k..110k step 2k, expiring in 1 and 7 days, plus one 60-day series. */
function listing(): OptionSeriesInfo[] {
  const out: OptionSeriesInfo[] = [];
  let id = 100;
  for (const days of [1, 7, 60]) {
    for (let k = 90_000; k <= 110_000; k += 2_000) {
      for (const isCall of [true, false]) {
        out.push({ venueId: 0, seriesId: id++, symbol: `BTC-${days}D-${k}-${isCall ? 'C' : 'P'}`, isCall, strike: k, expiryUtcMs: START_UTC_MS + days * DAY_MS, contractSize: 1, settlementWindowNs: 0 });
      }
    }
  }
  return out;
}

function world(extra: Record<string, unknown>, seed = 1) {
  const h = new Harness(seed);
  h.series.push(...listing());
  h.setMid(100_000);
  const c = optionCustomerKind.create(optionCustomerSchema.parse({ ...where, ...extra }), h.env('cust'));
  h.add('cust/0', c);
  const byId = new Map(h.series.map((s) => [s.seriesId, s]));
  return { h, byId };
}

describe('option_customer', () => {
  it('has defaults and rejects bad input', () => {
    expect(optionCustomerSchema.parse(where)).toMatchObject({ rate: 0.01, call_probability: 0.5, buy_probability: 0.6, moneyness_sd: 0.05, expiry_choice: 'nearest', trend: { enabled: false, max_multiplier: 5 } });
    expect(optionCustomerSchema.safeParse({ ...where, call_probability: 2 }).success).toBe(false);
    expect(optionCustomerSchema.safeParse({ ...where, trend: { enabled: true, window: '1h' } }).success).toBe(false);
  });

  it('requests the nearest expiry at the strike closest to the target moneyness, with the configured mix', () => {
    const { h, byId } = world({ rate: 1, moneyness_sd: 0, call_probability: 0.3, buy_probability: 0.8 });
    h.run(2000 * NS_PER_SEC);
    const reqs = h.sent(MsgKind.RequestOption);
    expect(reqs.length).toBeGreaterThan(1800);
    const series = reqs.map((r) => byId.get(r.msg.instrument)!);
    expect(series.every((s) => s.strike === 100_000 && s.expiryUtcMs === START_UTC_MS + DAY_MS)).toBe(true);
    const calls = series.filter((s) => s.isCall).length / reqs.length;
    const buys = reqs.filter((r) => r.msg.side === 1).length / reqs.length;
    expect(calls).toBeGreaterThan(0.26);
    expect(calls).toBeLessThan(0.34);
    expect(buys).toBeGreaterThan(0.76);
    expect(buys).toBeLessThan(0.84);
  });

  it('spreads strikes with moneyness_sd and never picks expiries beyond max_expiry', () => {
    const { h, byId } = world({ rate: 1, moneyness_sd: 0.05, expiry_choice: 'random' });
    h.run(1000 * NS_PER_SEC);
    const series = h.sent(MsgKind.RequestOption).map((r) => byId.get(r.msg.instrument)!);
    expect(new Set(series.map((s) => s.strike)).size).toBeGreaterThan(5);
    expect(new Set(series.map((s) => s.expiryUtcMs)).size).toBe(2);
    expect(series.every((s) => s.expiryUtcMs <= START_UTC_MS + 30 * DAY_MS)).toBe(true);
  });

  it('trend chasing raises the call-buy rate after a rally and not after a flat market', () => {
    const callBuys = (rally: boolean) => {
      const { h, byId } = world({ rate: 0.1, trend: { enabled: true, lookback: '10m', sample_interval: '1m', sensitivity: 1, max_multiplier: 5 } }, 9);
      for (let m = 1; m <= 70; m++) {
        if (rally) h.setMid(100_000 * (1 + 0.003 * m)); // +0.3 % a minute: +3 % over every 10 minutes
        h.run(m * NS_PER_MIN);
      }
      // Count in minutes 10..20, once the 10-minute lookback is full.
      return h.sent(MsgKind.RequestOption).filter((r) => r.t > 10 * NS_PER_MIN && r.t <= 20 * NS_PER_MIN && r.msg.side === 1 && byId.get(r.msg.instrument)!.isCall).length;
    };
    const flat = callBuys(false);
    const rally = callBuys(true);
    // Base call-buy rate 0.03/s = 18 per 10 minutes; multiplier about 4 => about 70.
    expect(flat).toBeGreaterThan(6);
    expect(flat).toBeLessThan(32);
    expect(rally).toBeGreaterThan(2 * flat);
    expect(rally).toBeGreaterThan(50);
  });

  it('is deterministic per seed', () => {
    const key = (seed: number) => {
      const { h } = world({ rate: 1 }, seed);
      h.run(100 * NS_PER_SEC);
      return JSON.stringify(h.received.map((r) => [r.t, r.msg.instrument, r.msg.side]));
    };
    expect(key(4)).toBe(key(4));
    expect(key(4)).not.toBe(key(5));
  });
});
