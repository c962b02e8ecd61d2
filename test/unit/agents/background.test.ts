import { describe, expect, it } from 'vitest';
import { HawkesFlow, hawkesFlowKind, hawkesFlowSchema } from '../../../src/agents/hawkesFlow.js';
import { metaorderKind, metaorderSchema } from '../../../src/agents/metaorder.js';
import { valueTraderKind, valueTraderSchema } from '../../../src/agents/valueTrader.js';
import { chartistKind, chartistSchema } from '../../../src/agents/chartist.js';
import { MarketMaker, marketMakerKind, marketMakerSchema } from '../../../src/agents/marketMaker.js';
import { MsgKind, OrderType } from '../../../src/model/messages.js';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { Harness } from './harness.js';

const S = NS_PER_SEC;
const where = { venue: 'cex', instrument: 'BTC-PERP' } as const;

describe('hawkes_flow', () => {
  const trace = (fillMarket: boolean, wobble: number) => {
    const h = new Harness(5, { fillMarket });
    h.setMid(100_000);
    const p = hawkesFlowSchema.parse({ kind: 'hawkes_flow', ...where, kernel: { shape: 'exponential', timescale: '5s' } });
    h.add('flow/0', hawkesFlowKind.create(p, h.env('flow')));
    for (let s = 1; s <= 300; s++) {
      h.setMid(100_000 * (1 + wobble * Math.sin(s / 7)));
      h.run(s * S);
    }
    return h.sent(MsgKind.SubmitOrder).map((r) => [r.t, r.msg.orderType, r.msg.side, r.msg.sizeLots]);
  };

  it('clusters: event counts in 10 s windows are over-dispersed (Fano factor > 1.5)', () => {
    const h = new Harness(5, { fillMarket: true });
    h.setMid(100_000);
    const a = new HawkesFlow(hawkesFlowSchema.parse({ kind: 'hawkes_flow', ...where, kernel: { shape: 'exponential', timescale: '5s' } }), h.env('flow'));
    h.add('flow/0', a);
    const bins: number[] = [];
    let prev = 0;
    for (let k = 1; k <= 300; k++) {
      h.run(k * 10 * S);
      const c = (a.counts[0] as number) + (a.counts[1] as number) + (a.counts[2] as number);
      bins.push(c - prev);
      prev = c;
    }
    const mean = bins.reduce((x, y) => x + y, 0) / bins.length;
    const v = bins.reduce((x, y) => x + (y - mean) ** 2, 0) / (bins.length - 1);
    // Default base rates 3.5/s and branching ratio ~0.55: about 7.7 events/s. A Poisson count
    // has Fano factor 1; this Hawkes process about 2.5 at 10 s (1/(1-n)^2 = 5 at long windows).
    expect(mean).toBeGreaterThan(60);
    expect(mean).toBeLessThan(95);
    expect(v / mean).toBeGreaterThan(1.5);
  });

  it('common random numbers: times, types, sides and sizes do not depend on the book', () => {
    // Without price excitation the flow reads 5 uniforms per event whatever it sees; limit prices
    // follow the book, nothing else does.
    expect(trace(false, 0.002)).toEqual(trace(true, 0));
  });

  it('activity_feedback: base rates rise with the observed 1-minute volatility and fall in a calm market', () => {
    // Reference 10 bps per minute, elasticity 0.5, cap 4: a mid alternating +-30 bps every minute
    // (|r| 60 bps) gives v -> 3600 bps^2, (3600 / 100)^0.5 = 6 -> capped at 4; a still mid gives v -> 0,
    // the floor 1/4. Market events over the last two hours must follow.
    const run = (swingBps: number) => {
      const h = new Harness(5, { fillMarket: true });
      h.setMid(100_000);
      const p = hawkesFlowSchema.parse({ kind: 'hawkes_flow', ...where, kernel: { shape: 'exponential', timescale: '5s' }, activity_feedback: { elasticity: 0.5, timescale: '20m', reference_bps: 10 } });
      const a = new HawkesFlow(p, h.env('flow'));
      h.add('flow/0', a);
      let early = 0;
      for (let m = 1; m <= 360; m++) {
        h.setMid(100_000 * (1 + ((m % 2 === 0 ? 1 : -1) * swingBps) / 10_000));
        h.run(m * 60 * S + 30 * S);
        if (m === 240) early = a.counts[0] as number;
      }
      return { scale: a.baseScale, lateMarket: (a.counts[0] as number) - early };
    };
    const wild = run(30);
    const calm = run(0);
    expect(wild.scale).toBeCloseTo(4, 6);
    expect(calm.scale).toBeCloseTo(0.25, 6);
    // Base rate 0.5 market/s (x 1/(1 - n) from branching): 16x more market events over the same 2 h.
    expect(wild.lateMarket).toBeGreaterThan(8 * calm.lateMarket);
  });
});

describe('metaorder', () => {
  it('splits Pareto parents into children of one sign, with rests longer than any child gap', () => {
    const h = new Harness(9, { fillMarket: true });
    h.setMid(100_000);
    const p = metaorderSchema.parse({ kind: 'metaorder', ...where, rate: 0.05, min_size: 1, size_alpha: 1.5, max_size: 20, child_size: 0.5, child_interval: '2s', rest: '4s' });
    h.add('meta/0', metaorderKind.create(p, h.env('meta')));
    h.run(4 * 3600 * S);
    const subs = h.sent(MsgKind.SubmitOrder);
    expect(subs.every((r) => r.msg.orderType === OrderType.Market && r.msg.sizeLots <= 500)).toBe(true);
    // Read parents back the way bench/market/impact.ts does: same sign and gap <= 3 s.
    const parents: { sign: number; lots: number }[] = [];
    let last = -Infinity;
    for (const r of subs) {
      const cur = parents[parents.length - 1];
      if (cur !== undefined && cur.sign === r.msg.side && r.t - last <= 3 * S) cur.lots += r.msg.sizeLots;
      else parents.push({ sign: r.msg.side, lots: r.msg.sizeLots });
      last = r.t;
    }
    expect(parents.length).toBeGreaterThan(50);
    // Sizes: at least min_size, at most max_size, and heavy-tailed: P(size > 4) = (1/4)^1.5 = 12.5%.
    expect(Math.min(...parents.map((x) => x.lots))).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...parents.map((x) => x.lots))).toBeLessThanOrEqual(20_000);
    const big = parents.filter((x) => x.lots > 4000).length / parents.length;
    expect(big).toBeGreaterThan(0.04);
    expect(big).toBeLessThan(0.25);
  });
});

describe('value_trader', () => {
  it('trades on a delayed, noisy estimate, never on the true value at once', () => {
    const h = new Harness(4, { fillMarket: true });
    h.setMid(100_000);
    h.fundamentalValue = 100_000;
    const p = valueTraderSchema.parse({ kind: 'value_trader', ...where, rate: 1, delay: '2m', observe_interval: '10s', error_bps: 1, threshold_bps: 10 });
    h.add('v/0', valueTraderKind.create(p, h.env('v')));
    h.run(200 * S);
    expect(h.sent(MsgKind.SubmitOrder)).toHaveLength(0);
    h.fundamentalValue = 101_000; // +100 bp from t = 200 s
    h.run(300 * S);
    // The estimate still rests on values from 2 minutes ago: nothing yet.
    expect(h.sent(MsgKind.SubmitOrder)).toHaveLength(0);
    h.run(360 * S);
    const subs = h.sent(MsgKind.SubmitOrder);
    expect(subs.length).toBeGreaterThan(5);
    expect(subs.every((r) => r.msg.side === 1 && r.t > 320 * S)).toBe(true);
  });
});

describe('chartist', () => {
  it('buys a rising market at its horizon and sells a falling one', () => {
    const run = (drift: number) => {
      const h = new Harness(3, { fillMarket: true });
      h.setMid(100_000);
      h.add('c/0', chartistKind.create(chartistSchema.parse({ kind: 'chartist', ...where, rate: 1, horizons: ['30s'], sample_interval: '1s', vol_timescale: '30s' }), h.env('c')));
      for (let k = 1; k <= 180; k++) {
        h.setMid(100_000 * (1 + drift * k + 0.00002 * Math.sin(k)));
        h.run(k * S);
      }
      return h.sent(MsgKind.SubmitOrder).map((r) => r.msg.side);
    };
    const up = run(0.0001);
    const down = run(-0.0001);
    expect(up.length).toBeGreaterThan(2);
    expect(up.filter((s) => s > 0).length).toBeGreaterThan(0.8 * up.length);
    expect(down.filter((s) => s < 0).length).toBeGreaterThan(0.8 * down.length);
  });
});

describe('market_maker', () => {
  const quotes = (fundamental: number, wobbleBps: number) => {
    const h = new Harness(2);
    h.setMid(100_000);
    h.fundamentalValue = fundamental;
    const p = marketMakerSchema.parse({ kind: 'market_maker', ...where, levels: 2, vol_timescale: '20s', requote_interval: '1s' });
    h.add('mm/0', marketMakerKind.create(p, h.env('mm')));
    for (let k = 1; k <= 120; k++) {
      h.setMid(100_000 * (1 + (wobbleBps / 10_000) * (k % 2 === 0 ? 1 : -1)));
      h.run(k * S);
    }
    const last = h.sent(MsgKind.SubmitOrder).slice(-4);
    const bids = last.filter((r) => r.msg.side > 0).map((r) => r.msg.priceTicks);
    const asks = last.filter((r) => r.msg.side < 0).map((r) => r.msg.priceTicks);
    return { all: h.sent(MsgKind.SubmitOrder).map((r) => [r.t, r.msg.side, r.msg.priceTicks, r.msg.sizeLots]), spread: Math.min(...asks) - Math.max(...bids), size: last[0]?.msg.sizeLots ?? 0 };
  };

  it('never reads the fundamental', () => {
    expect(quotes(50_000, 0).all).toEqual(quotes(200_000, 0).all);
  });

  it('widens and thins its quotes when its realized volatility rises', () => {
    const calm = quotes(Number.NaN, 0);
    const wild = quotes(Number.NaN, 5);
    expect(wild.spread).toBeGreaterThan(calm.spread * 1.5);
    expect(wild.size).toBeLessThan(calm.size);
  });

  it('with transient_impact, a fill\'s move of the quoted fair value decays back to its permanent share', () => {
    // A taker buys 10 base from the maker's ask (our ask filled: side -1). The fair value moves
    // up by flow_impact_bps * 10 * surprise; a fraction 0.8 of it is transient and decays.
    const run = (transient: boolean) => {
      const h = new Harness(3);
      h.setMid(100_000);
      const p = marketMakerSchema.parse({ kind: 'market_maker', ...where, levels: 1, flow_prediction: 0, flow_impact_bps: 1, anchor_timescale: '1000h', ...(transient ? { transient_impact: { fraction: 0.8, exponent: 0.5, min_timescale: '1s', max_timescale: '1h' } } : {}) });
      const mm = marketMakerKind.create(p, h.env('mm')) as MarketMaker;
      const id = h.add('mm/0', mm);
      h.run(1 * S);
      h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.OrderFilled, instrument: 1, side: -1, sizeLots: 10_000, priceTicks: 1_000_001 }));
      h.run(1 * S + 1);
      const right = mm.quotedFairTicks(h.kernel.now);
      // The anchor is slow (1000 h), so the permanent part stays: read the quoted fair value at once and 30 min later.
      h.run(1801 * S);
      return { moveBps: (right / 1_000_000 - 1) * 10_000, laterBps: (mm.quotedFairTicks(h.kernel.now) / 1_000_000 - 1) * 10_000 };
    };
    const perm = run(false);
    const tr = run(true);
    // Same immediate move (10 bps: 1 bp per base unit, full surprise).
    expect(perm.moveBps).toBeCloseTo(10, 1);
    expect(tr.moveBps).toBeCloseTo(10, 1);
    // 30 min later the permanent move is all there, the transient one has decayed to the 20% permanent
    // share plus 80% x G(30 min), G < 0.1 for l^-0.5 on [1 s, 1 h] (src/agents/common/propagator.ts).
    expect(perm.laterBps).toBeGreaterThan(9.5);
    expect(tr.laterBps).toBeGreaterThan(2);
    expect(tr.laterBps).toBeLessThan(2 + 0.8 * 10 * 0.1);
  });
});

