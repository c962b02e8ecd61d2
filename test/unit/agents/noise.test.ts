import { describe, expect, it } from 'vitest';
import { noiseKind, noiseSchema } from '../../../src/agents/noise.js';
import { MsgKind, OrderType } from '../../../src/model/messages.js';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { Harness } from './harness.js';

const base = { kind: 'noise', venue: 'cex', instrument: 'BTC-PERP' } as const;

function runNoise(seed: number, extra: Record<string, unknown> = {}, seconds = 200) {
  const h = new Harness(seed);
  h.setBook(99_999.9, 100_000.1);
  const params = noiseSchema.parse({ ...base, ...extra });
  const id = h.add('noise/0', noiseKind.create(params, h.env('noise', 0)));
  h.run(seconds * NS_PER_SEC);
  return { h, id };
}

describe('noise schema', () => {
  it('fills documented defaults', () => {
    const p = noiseSchema.parse(base);
    expect(p).toMatchObject({ count: 1, rate: 1, market_probability: 0.2, cancel_probability: 0.2, buy_probability: 0.5, order_lifetime: 300 * NS_PER_SEC, max_open_orders: 32 });
    expect(p.limit_offset_bps).toEqual({ dist: 'exponential', mean: 10 });
  });
  it.each([
    ['unknown key', { ...base, rte: 2 }],
    ['negative rate', { ...base, rate: -1 }],
    ['probabilities above one', { ...base, market_probability: 0.7, cancel_probability: 0.5 }],
    ['bad duration', { ...base, order_lifetime: '5 parsecs' }],
    ['missing venue', { kind: 'noise', instrument: 'X' }],
    ['bad distribution', { ...base, size: { dist: 'uniform', min: 2, max: 1 } }],
  ])('rejects %s', (_name, input) => {
    expect(noiseSchema.safeParse(input).success).toBe(false);
  });
});

describe('noise behaviour', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const key = (r: ReturnType<typeof runNoise>) => JSON.stringify(r.h.received.map((x) => [x.t, x.msg.kind, x.msg.side, x.msg.priceTicks, x.msg.sizeLots, x.msg.clientOrderId]));
    expect(key(runNoise(5))).toBe(key(runNoise(5)));
    expect(key(runNoise(5))).not.toBe(key(runNoise(6)));
  });

  it('arrives at the configured rate with the configured market-order share', () => {
    const { h } = runNoise(3, { rate: 2, market_probability: 0.5, cancel_probability: 0, max_open_orders: 1024 }, 500);
    const submits = h.sent(MsgKind.SubmitOrder);
    // 1000 expected arrivals: Poisson SD about 32.
    expect(submits.length).toBeGreaterThan(880);
    expect(submits.length).toBeLessThan(1120);
    const market = submits.filter((r) => r.msg.orderType === OrderType.Market).length;
    expect(market / submits.length).toBeGreaterThan(0.42);
    expect(market / submits.length).toBeLessThan(0.58);
  });

  it('places limit orders on the passive side at the drawn offset', () => {
    const { h } = runNoise(4, { market_probability: 0, cancel_probability: 0, limit_offset_bps: { dist: 'fixed', value: 10 } });
    const limits = h.sent(MsgKind.SubmitOrder);
    expect(limits.length).toBeGreaterThan(50);
    for (const r of limits) {
      // 10 bps of 100000 = 100 quote = 1000 ticks from the mid (1_000_000 ticks).
      expect(r.msg.priceTicks).toBe(r.msg.side > 0 ? 999_000 : 1_001_000);
      expect(r.msg.sizeLots).toBeGreaterThanOrEqual(1);
    }
  });

  it('cancels only its own live orders, and expires them after the lifetime', () => {
    const { h } = runNoise(8, { market_probability: 0, cancel_probability: 0.3, order_lifetime: '20s' }, 300);
    const submitted = new Set(h.sent(MsgKind.SubmitOrder).map((r) => r.msg.clientOrderId));
    const cancels = h.sent(MsgKind.CancelOrder);
    expect(cancels.length).toBeGreaterThan(50);
    for (const c of cancels) expect(submitted.has(c.msg.clientOrderId)).toBe(true);
    // Every order is canceled at most once, and all but the last 20 s of orders are gone.
    const ids = cancels.map((c) => c.msg.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    const old = h.sent(MsgKind.SubmitOrder).filter((r) => r.t < 280 * NS_PER_SEC);
    for (const r of old) expect(ids).toContain(r.msg.clientOrderId);
  });
});
