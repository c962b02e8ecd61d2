import { describe, expect, it } from 'vitest';
import { dealerSchema, optionDealerKind, type OptionDealer } from '../../../src/agents/dealer/index.js';
import { bsGreeks, bsPrice, newGreeks } from '../../../src/instruments/black.js';
import { NS_PER_DAY, NS_PER_SEC, NS_PER_YEAR_365 } from '../../../src/engine/time.js';
import { MsgKind, OrderType } from '../../../src/model/messages.js';
import { GREEKS, HEDGES } from '../../../src/model/tables.js';
import type { OptionSeriesInfo } from '../../../src/model/market.js';
import { Harness, START_UTC_MS } from './harness.js';

const S = NS_PER_SEC;
const where = { kind: 'option_dealer', venue: 'cex', instrument: 'BTC-PERP', spot_source: 'mid', greeks_interval: '10s' } as const;
const FLAT = { atm_vol: 0.5, rr25: 0, bf25: 0 };
const EXPIRY = START_UTC_MS + 7 * 86_400_000;
const straddle: OptionSeriesInfo[] = [
  { venueId: 0, seriesId: 11, symbol: 'BTC-7D-100000-C', isCall: true, strike: 100_000, expiryUtcMs: EXPIRY, contractSize: 1, settlementWindowNs: 0 },
  { venueId: 0, seriesId: 12, symbol: 'BTC-7D-100000-P', isCall: false, strike: 100_000, expiryUtcMs: EXPIRY, contractSize: 1, settlementWindowNs: 0 },
];
const shortStraddle = [
  { series: 'BTC-7D-100000-C', contracts: -100 },
  { series: 'BTC-7D-100000-P', contracts: -100 },
];

/** Independent straddle delta at spot s and time tNs (flat 50 % vol). */
function straddleDelta(s: number, tNs: number, contracts: number): number {
  const t = (7 * NS_PER_DAY - tNs) / NS_PER_YEAR_365;
  const g = newGreeks();
  const call = bsGreeks(true, s, 100_000, t, 0, 0, 0.5, g).delta;
  const put = bsGreeks(false, s, 100_000, t, 0, 0, 0.5, g).delta;
  return contracts * (call + put);
}

function dealerWorld(extra: Record<string, unknown>, opts = {}) {
  const h = new Harness(1, opts);
  h.series.push(...straddle);
  h.setMid(100_000);
  const d = optionDealerKind.create(dealerSchema.parse({ ...where, surface: FLAT, positions: shortStraddle, ...extra }), h.env('dealer', 0)) as OptionDealer;
  const id = h.add('dealer/0', d);
  return { h, d, id };
}

describe('option_dealer hedging', () => {
  it('band: a short-gamma dealer buys exactly when |delta| first leaves the band after a rise', () => {
    const { h } = dealerWorld({ hedge: { policy: 'band', band: 5, band_move: 0 } });
    let expectedAt = -1;
    let expectedLots = 0;
    for (let k = 1; k <= 120; k++) {
      const mid = 100_000 + 10 * k;
      h.setMid(mid);
      const t = k * S;
      const delta = straddleDelta(mid, t, -100);
      if (expectedAt < 0 && Math.abs(delta) > 5) {
        expectedAt = t;
        expectedLots = Math.floor(Math.abs(delta) / 0.001 + 1e-9);
      }
      h.run(t); // the check at t sees this mid
    }
    expect(expectedAt).toBeGreaterThan(0);
    const first = h.sent(MsgKind.SubmitOrder)[0]!;
    expect(first.t).toBe(expectedAt);
    expect(first.msg.side).toBe(1);
    expect(first.msg.orderType).toBe(OrderType.Market);
    expect(first.msg.sizeLots).toBe(expectedLots);
  });

  it('band: a long-gamma dealer sells after the same rise', () => {
    const { h } = dealerWorld({ hedge: { policy: 'band', band: 5, band_move: 0 }, positions: shortStraddle.map((p) => ({ ...p, contracts: 100 })) });
    for (let k = 1; k <= 120; k++) {
      h.setMid(100_000 + 10 * k);
      h.run(k * S);
    }
    const subs = h.sent(MsgKind.SubmitOrder);
    expect(subs.length).toBeGreaterThan(0);
    expect(subs.every((r) => r.msg.side === -1)).toBe(true);
  });

  it('partial: trades the stated fraction of the gap', () => {
    const { h, d } = dealerWorld({ hedge: { policy: 'partial', fraction: 0.3, band: 5 } });
    h.setMid(100_500);
    h.run(S);
    const net = straddleDelta(100_500, S, -100);
    const sub = h.sent(MsgKind.SubmitOrder)[0]!;
    expect(sub.msg.side).toBe(1);
    expect(sub.msg.sizeLots).toBe(Math.floor((0.3 * Math.abs(net)) / 0.001 + 1e-9));
    h.run(S + 1);
    expect(d.hedgePosition).toBeCloseTo(sub.msg.sizeLots * 0.001, 9);
  });

  it('constant_gamma: hedge target is -G (S - S_ref)', () => {
    const { h, d } = dealerWorld({ positions: [], hedge: { policy: 'constant_gamma', gamma: -0.01, interval: '1s' } });
    h.setMid(100_100);
    h.run(S + 1);
    expect(h.sent(MsgKind.SubmitOrder).map((r) => [r.msg.side, r.msg.sizeLots])).toEqual([[1, 1000]]);
    expect(d.hedgePosition).toBeCloseTo(1, 9);
    h.setMid(99_900);
    h.run(2 * S + 1);
    expect(h.sent(MsgKind.SubmitOrder).map((r) => [r.msg.side, r.msg.sizeLots])[1]).toEqual([-1, 2000]);
    expect(d.hedgePosition).toBeCloseTo(-1, 9);
  });

  it('whalley_wilmott: lower cost means a narrower band and more hedges on the same path', () => {
    const count = (costBps: number) => {
      const { h } = dealerWorld({ hedge: { policy: 'whalley_wilmott', cost_bps: costBps, include_half_spread: false, risk_aversion: 0.001 } });
      for (let k = 1; k <= 300; k++) {
        h.setMid(100_000 + 300 * Math.sin(k / 10));
        h.run(k * S);
      }
      return h.sent(MsgKind.SubmitOrder).length;
    };
    const [high, low] = [count(20), count(0.5)];
    expect(low).toBeGreaterThan(high);
  });

  it('passive: rests at the near touch, then cancels and goes to market after the timeout', () => {
    const { h } = dealerWorld({ hedge: { policy: 'partial', fraction: 1 }, execution: { style: 'passive', passive_timeout: '3s' } });
    h.setBook(100_499.9, 100_500.1);
    h.run(S);
    const [limit] = h.sent(MsgKind.SubmitOrder);
    expect(limit!.msg.orderType).toBe(OrderType.Limit);
    expect(limit!.msg.priceTicks).toBe(1_004_999); // buy at the bid
    h.run(4 * S + 1);
    expect(h.sent(MsgKind.CancelOrder).map((r) => [r.t, r.msg.clientOrderId])).toEqual([[4 * S, limit!.msg.clientOrderId]]);
    const market = h.sent(MsgKind.SubmitOrder)[1]!;
    expect([market.t, market.msg.orderType, market.msg.side]).toEqual([4 * S, OrderType.Market, 1]);
  });

  it('marketable_limit: IOC at the far touch plus limit_ticks', () => {
    const { h } = dealerWorld({ hedge: { policy: 'partial', fraction: 1 }, execution: { style: 'marketable_limit', limit_ticks: 3 } });
    h.setBook(100_499.9, 100_500.1);
    h.run(S);
    const [o] = h.sent(MsgKind.SubmitOrder);
    expect([o!.msg.orderType, o!.msg.side, o!.msg.priceTicks]).toEqual([OrderType.IOC, 1, 1_005_004]);
  });

  it('gives up a hedge with no final answer after inflight_timeout (recorded as dropped) and decides again', () => {
    const { h } = dealerWorld({ hedge: { policy: 'partial', fraction: 1 }, execution: { style: 'passive', passive_timeout: '1m', inflight_timeout: '5s' } });
    h.setBook(100_499.9, 100_500.1);
    h.run(7 * S);
    const subs = h.sent(MsgKind.SubmitOrder);
    expect(subs.map((r) => r.t)).toEqual([S, 6 * S]);
    const expire = h.tableRows(HEDGES).find((r) => r.values[HEDGES.col.event] === 3)!;
    expect([expire.t, expire.values[HEDGES.col.outcome], expire.values[HEDGES.col.latency_ns]]).toEqual([6 * S, 3, 5 * S]);
  });

  it('records hedge decisions and fills (slippage against the decision mid) and greeks rows', () => {
    const { h, id } = dealerWorld({ hedge: { policy: 'partial', fraction: 1 } }, { feeUnits: 50 });
    h.setBook(100_499, 100_501);
    h.run(10 * S);
    const rows = h.tableRows(HEDGES);
    const dec = rows.find((r) => r.values[HEDGES.col.event] === 0)!;
    const fill = rows.find((r) => r.values[HEDGES.col.event] === 1)!;
    expect(dec.values[HEDGES.col.dealer]).toBe(id);
    expect(dec.values[HEDGES.col.policy]).toBe(4); // partial
    const size = fill.values[HEDGES.col.size]!;
    expect(size).toBeGreaterThan(0);
    expect(fill.values[HEDGES.col.price]).toBeCloseTo(100_501, 6);
    expect(fill.values[HEDGES.col.slippage]).toBeCloseTo(1 * size, 6); // bought 1 above the 100500 mid
    expect(Math.abs(fill.values[HEDGES.col.delta_after]!)).toBeLessThan(0.001);
    const greeks = h.tableRows(GREEKS);
    expect(greeks.map((r) => r.t)).toEqual([0, 10 * S]);
    const last = greeks[1]!.values;
    expect(last[GREEKS.col.gamma]).toBeLessThan(0);
    expect(last[GREEKS.col.hedge_position]).toBeCloseTo(size, 9);
    expect(last[GREEKS.col.fees]).toBeCloseTo(0.005, 9);
    expect(last[GREEKS.col.gex_per_pct]).toBeCloseTo((last[GREEKS.col.gamma]! * last[GREEKS.col.spot]! ** 2) / 100, 6);
  });
});

describe('option_dealer options book', () => {
  it('quotes the desk at model value +/- the vol spread and declines beyond its limit', () => {
    const { h, id } = dealerWorld({ hedge: { policy: 'none' }, positions: [], max_contracts: 10, quote_spread_vol: 0.05 });
    h.run(S);
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.QuoteRequested, orderId: 7, instrument: 11, side: 1, sizeLots: 5 }));
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.QuoteRequested, orderId: 8, instrument: 12, side: -1, sizeLots: 5 }));
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.QuoteRequested, orderId: 9, instrument: 11, side: 1, sizeLots: 50 }));
    h.run(2 * S);
    const q = h.sent(MsgKind.QuoteOption);
    const t = (7 * NS_PER_DAY - S) / NS_PER_YEAR_365;
    expect(q.map((r) => [r.msg.orderId, r.msg.side, r.msg.sizeLots])).toEqual([[7, -1, 5], [8, 1, 5]]); // 9 declined: no answer
    expect(q[0]!.msg.priceTicks).toBe(Math.ceil(bsPrice(true, 100_000, 100_000, t, 0, 0, 0.55) * 1e4));
    expect(q[1]!.msg.priceTicks).toBe(Math.floor(bsPrice(false, 100_000, 100_000, t, 0, 0, 0.45) * 1e4));
  });

  it('mirrors fills from the desk and loses the gamma of a settled series', () => {
    const { h, d, id } = dealerWorld({ hedge: { policy: 'none' }, positions: [] });
    h.run(S);
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.OptionFilled, instrument: 11, side: -1, sizeLots: 20, priceTicks: 30_000_000 }));
    h.run(11 * S);
    expect(d.book.contracts[0]).toBe(-20);
    expect(d.gamma).toBeLessThan(0);
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.OptionSettled, instrument: 11, sizeLots: -20, aux0: 0 }));
    h.run(21 * S);
    expect(d.book.contracts[0]).toBe(0);
    expect(d.gamma).toBe(0);
    // Premium received 20 * 3000 and nothing paid at settlement: option PnL 60000.
    const last = h.tableRows(GREEKS).at(-1)!.values;
    expect(last[GREEKS.col.option_pnl]).toBeCloseTo(60_000, 6);
  });

  it('is deterministic', () => {
    const key = () => {
      const { h } = dealerWorld({ hedge: { policy: 'band', band: 1, band_move: 0 } });
      for (let k = 1; k <= 60; k++) {
        h.setMid(100_000 + 200 * Math.sin(k / 7));
        h.run(k * S);
      }
      return JSON.stringify(h.received.map((r) => [r.t, r.msg.side, r.msg.sizeLots]));
    };
    expect(key()).toBe(key());
  });
});
