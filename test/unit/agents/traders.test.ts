import { describe, expect, it } from 'vitest';
import { fundamentalKind, fundamentalSchema } from '../../../src/agents/fundamental.js';
import { momentumKind, momentumSchema } from '../../../src/agents/momentum.js';
import { shockKind, shockSchema } from '../../../src/agents/shock.js';
import { MsgKind, OrderType } from '../../../src/model/messages.js';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { Harness } from './harness.js';

const S = NS_PER_SEC;
const where = { venue: 'cex', instrument: 'BTC-PERP' } as const;

describe('fundamental', () => {
  it('has defaults and rejects bad input', () => {
    expect(fundamentalSchema.parse({ kind: 'fundamental', ...where })).toMatchObject({ rate: 0.5, threshold_bps: 5, size_per_bps: 0.01, max_order_size: 1, order_type: 'limit' });
    expect(fundamentalSchema.safeParse({ kind: 'fundamental', ...where, order_type: 'stop' }).success).toBe(false);
    expect(fundamentalSchema.safeParse({ kind: 'fundamental', ...where, size_per_bps: 0 }).success).toBe(false);
  });

  it.each([
    ['fundamental above the mid', 100_300, 1, 1_003_000, 300],
    ['fundamental below the mid', 99_800, -1, 998_000, 200],
  ])('%s: limit toward it, size proportional to mispricing', (_n, f, side, priceTicks, lots) => {
    const h = new Harness(2);
    h.setMid(100_000);
    h.fundamentalValue = f;
    h.add('f/0', fundamentalKind.create(fundamentalSchema.parse({ kind: 'fundamental', ...where, rate: 1 }), h.env('f')));
    h.run(20 * S);
    const subs = h.sent(MsgKind.SubmitOrder);
    expect(subs.length).toBeGreaterThan(5);
    for (const r of subs) expect([r.msg.side, r.msg.priceTicks, r.msg.sizeLots]).toEqual([side, priceTicks, lots]);
    // Each limit is canceled after its 30 s lifetime.
    h.run(60 * S);
    expect(h.sent(MsgKind.CancelOrder).length).toBeGreaterThan(5);
  });

  it('does nothing inside the threshold and stops at the position cap', () => {
    const h = new Harness(2);
    h.setMid(100_000);
    h.fundamentalValue = 100_040; // 4 bps < 5
    h.add('f/0', fundamentalKind.create(fundamentalSchema.parse({ kind: 'fundamental', ...where, rate: 5, order_type: 'market', max_position: 2 }), h.env('f')));
    h.run(20 * S);
    expect(h.sent(MsgKind.SubmitOrder)).toHaveLength(0);
    h.fundamentalValue = 101_000; // 100 bps: 1 BTC per order, cap 2 BTC
    h.run(60 * S);
    const subs = h.sent(MsgKind.SubmitOrder);
    expect(subs.map((r) => r.msg.sizeLots)).toEqual([1000, 1000]);
    expect(subs.every((r) => r.msg.orderType === OrderType.Market && r.msg.side === 1)).toBe(true);
  });
});

describe('momentum', () => {
  const run = (drift: number, contrarian = false, seed = 3) => {
    const h = new Harness(seed);
    h.setMid(100_000);
    h.add('m/0', momentumKind.create(momentumSchema.parse({ kind: 'momentum', ...where, rate: 1, lookback: '30s', max_position: 100, contrarian }), h.env('m')));
    for (let k = 1; k <= 120; k++) {
      h.setMid(100_000 * (1 + drift * k));
      h.run(k * S);
    }
    return h.sent(MsgKind.SubmitOrder);
  };

  it('has defaults and rejects bad input', () => {
    expect(momentumSchema.parse({ kind: 'momentum', ...where })).toMatchObject({ rate: 0.2, lookback: 60 * S, threshold_bps: 10, contrarian: false });
    expect(momentumSchema.safeParse({ kind: 'momentum', ...where, sample_interval: '0' }).success).toBe(false);
  });

  it.each([
    ['buys a rally', 1e-4, false, 1],
    ['sells a fall', -1e-4, false, -1],
    ['contrarian sells a rally', 1e-4, true, -1],
  ])('%s', (_n, drift, contrarian, side) => {
    const subs = run(drift, contrarian);
    expect(subs.length).toBeGreaterThan(40);
    expect(subs.every((r) => r.msg.side === side && r.msg.orderType === OrderType.Market && r.msg.sizeLots === 50)).toBe(true);
    // Nothing before a full lookback exists.
    expect(subs[0]!.t).toBeGreaterThanOrEqual(30 * S);
  });

  it('stays out when the move is under the threshold', () => {
    expect(run(1e-6)).toHaveLength(0);
  });
});

describe('shock', () => {
  it('fires the scripted market orders at their times', () => {
    const h = new Harness(1);
    h.setMid(100_000);
    const p = shockSchema.parse({ kind: 'shock', ...where, orders: [{ at: '10s', side: 'sell', size: 50 }, { at: '1m', side: 'buy', size: 0.5 }] });
    h.add('shock/0', shockKind.create(p, h.env('shock')));
    h.run(120 * S);
    expect(h.sent(MsgKind.SubmitOrder).map((r) => [r.t, r.msg.side, r.msg.sizeLots, r.msg.orderType])).toEqual([
      [10 * S, -1, 50_000, OrderType.Market],
      [60 * S, 1, 500, OrderType.Market],
    ]);
    expect(shockSchema.safeParse({ kind: 'shock', ...where, orders: [{ at: '1s', side: 'short', size: 1 }] }).success).toBe(false);
  });
});
