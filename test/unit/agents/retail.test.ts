import { describe, expect, it } from 'vitest';
import { retailKind, retailSchema, type RetailTrader } from '../../../src/agents/retail.js';
import { accountSetupOf } from '../../../src/agents/kind.js';
import { MsgFlag, MsgKind, OrderType, Reason } from '../../../src/model/messages.js';
import { NS_PER_MIN, NS_PER_SEC } from '../../../src/engine/time.js';
import { Harness } from './harness.js';

const where = { kind: 'retail', venue: 'cex', instrument: 'BTC-PERP' } as const;
const S = NS_PER_SEC;

function world(extra: Record<string, unknown>, seed = 1) {
  const h = new Harness(seed);
  h.setMid(100_000);
  // margin_usage 1 keeps the sizes round (notional = collateral * leverage); its default is tested below.
  const params = retailSchema.parse({ ...where, leverage: { dist: 'fixed', value: 10 }, signal: 'random', entry_rate: 1, cooldown: '1m', margin_usage: 1, ...extra });
  const r = retailKind.create(params, h.env('retail')) as RetailTrader;
  const id = h.add('retail/0', r);
  return { h, r, id };
}

describe('retail schema', () => {
  it('has defaults and exposes collateral and margin mode for the world builder', () => {
    const p = retailSchema.parse(where);
    expect(p).toMatchObject({ collateral: 1000, margin_mode: 'isolated', max_leverage: 100, signal: 'momentum', take_profit: 0.02, stop_loss: 0.01, reentry_probability: 0.5 });
    const h = new Harness(1);
    const r = retailKind.create(retailSchema.parse({ ...where, collateral: 5000, margin_mode: 'cross', leverage: { dist: 'uniform', min: 5, max: 50 } }), h.env('retail', 3));
    const acct = accountSetupOf(r)!;
    expect(acct).toMatchObject({ venue: 'cex', collateral: 5000, marginMode: 'cross' });
    expect(acct.leverage).toBeGreaterThanOrEqual(5);
    expect(acct.leverage).toBeLessThan(50);
    // Drawn from the member's own stream at creation: same member, same leverage; another member differs.
    const again = accountSetupOf(retailKind.create(retailSchema.parse({ ...where, leverage: { dist: 'uniform', min: 5, max: 50 } }), new Harness(1).env('retail', 3)))!;
    const other = accountSetupOf(retailKind.create(retailSchema.parse({ ...where, leverage: { dist: 'uniform', min: 5, max: 50 } }), new Harness(1).env('retail', 4)))!;
    expect(again.leverage).toBe(acct.leverage);
    expect(other.leverage).not.toBe(acct.leverage);
  });
  it.each([
    ['unknown margin mode', { ...where, margin_mode: 'portfolio' }],
    ['stop loss of 100 %', { ...where, stop_loss: 1 }],
    ['zero collateral', { ...where, collateral: 0 }],
    ['leverage cap below 1', { ...where, max_leverage: 0.5 }],
  ])('rejects %s', (_n, input) => {
    expect(retailSchema.safeParse(input).success).toBe(false);
  });
  it('caps drawn leverage', () => {
    const { r } = world({ leverage: { dist: 'fixed', value: 500 }, max_leverage: 50 });
    expect(r.leverage).toBe(50);
  });
});

describe('retail trading', () => {
  it('enters with collateral * leverage notional, then take-profit closes reduce-only', () => {
    const { h, r } = world({ long_probability: 1 });
    h.run(10 * S);
    const [entry] = h.sent(MsgKind.SubmitOrder);
    expect([entry!.msg.side, entry!.msg.sizeLots, entry!.msg.orderType]).toEqual([1, 100, OrderType.Market]); // 10000 USD / 100000 = 0.1 BTC
    expect(r.positionLots).toBe(100);
    h.setMid(101_000); // +1 %: inside the band
    h.run(20 * S);
    expect(h.sent(MsgKind.SubmitOrder)).toHaveLength(1);
    h.setMid(102_100); // beyond +2 %
    h.run(30 * S);
    const exit = h.sent(MsgKind.SubmitOrder)[1]!;
    expect([exit.msg.side, exit.msg.sizeLots, exit.msg.flags & MsgFlag.ReduceOnly]).toEqual([-1, 100, MsgFlag.ReduceOnly]);
    expect(r.positionLots).toBe(0);
    expect([r.takeProfits, r.stopLosses]).toEqual([1, 0]);
  });

  it('stop-loss closes a short after a rise, and no entry happens during the cooldown', () => {
    const { h, r } = world({ long_probability: 0 });
    h.run(10 * S);
    expect(r.positionLots).toBe(-100);
    h.setMid(101_100); // +1.1 % against a short
    h.run(11 * S);
    expect([r.takeProfits, r.stopLosses, r.positionLots]).toEqual([0, 1, 0]);
    const exitT = h.sent(MsgKind.SubmitOrder)[1]!.t;
    h.run(exitT + NS_PER_MIN - 1);
    expect(h.sent(MsgKind.SubmitOrder)).toHaveLength(2);
    h.run(exitT + 2 * NS_PER_MIN);
    expect(h.sent(MsgKind.SubmitOrder).length).toBeGreaterThan(2);
  });

  it('goes flat on PositionLiquidated and re-enters only after the cooldown', () => {
    const { h, r, id } = world({ long_probability: 1, reentry_probability: 1 });
    h.run(10 * S);
    expect(r.positionLots).toBe(100);
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.PositionLiquidated, instrument: 1, side: -1, sizeLots: 100, priceTicks: 990_000, aux0: 991_000 }));
    h.run(10 * S + 1);
    expect([r.positionLots, r.liquidations]).toEqual([0, 1]);
    expect(h.watchCount).toBe(0);
    h.setMid(80_000); // far below the old stop: nothing may fire
    h.run(10 * S + NS_PER_MIN - 1);
    expect(h.sent(MsgKind.SubmitOrder)).toHaveLength(1);
    h.run(10 * S + 2 * NS_PER_MIN);
    expect(h.sent(MsgKind.SubmitOrder).length).toBe(2);
  });

  it('retires after a liquidation when it does not re-enter', () => {
    const { h, r, id } = world({ long_probability: 1, reentry_probability: 0 });
    h.run(10 * S);
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.PositionLiquidated, instrument: 1, side: -1, sizeLots: 100 }));
    h.run(60 * NS_PER_MIN);
    expect(r.liquidations).toBe(1);
    expect(h.sent(MsgKind.SubmitOrder)).toHaveLength(1);
  });

  it.each([
    ['momentum buys a rally', 'momentum', 1],
    ['contrarian sells a rally', 'contrarian', -1],
  ])('%s', (_n, signal, side) => {
    const { h } = world({ signal, lookback: '1m', entry_rate: 1 / 60, take_profit: 0, stop_loss: 0 }, 3);
    for (let k = 1; k <= 600; k++) {
      h.setMid(100_000 * (1 + 0.0001 * k)); // +0.6 % a minute
      h.run(k * S);
    }
    const [first] = h.sent(MsgKind.SubmitOrder);
    expect(first?.msg.side).toBe(side);
  });

  it('commits margin_usage (default 0.9) of the collateral, leaving room for fees', () => {
    const { h } = world({ long_probability: 1, margin_usage: 0.9 });
    h.run(10 * S);
    expect(h.sent(MsgKind.SubmitOrder)[0]?.msg.sizeLots).toBe(90); // 0.9 * 10000 USD / 100000
    expect(retailSchema.parse(where).margin_usage).toBe(0.9);
  });

  it('auto-deleveraging that flattens the position stands the trader down: no exit, watches gone, cooldown', () => {
    const { h, r, id } = world({ long_probability: 1 });
    h.run(10 * S);
    expect(r.positionLots).toBe(100);
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.PositionDeleveraged, instrument: 1, side: -1, sizeLots: 100, priceTicks: 990_000 }));
    h.run(10 * S + 1);
    expect(r.positionLots).toBe(0);
    expect(h.watchCount).toBe(0);
    h.setMid(80_000); // far below the old stop: no exit may be sent for a position that is gone
    h.run(10 * S + NS_PER_MIN - 1);
    expect(h.sent(MsgKind.SubmitOrder)).toHaveLength(1);
  });

  it('a partial deleverage keeps the rest, which the stop-loss then closes', () => {
    const { h, r, id } = world({ long_probability: 1 });
    h.run(10 * S);
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.PositionDeleveraged, instrument: 1, side: -1, sizeLots: 40, priceTicks: 990_000 }));
    h.run(10 * S + 1);
    expect(r.positionLots).toBe(60);
    h.setMid(98_000); // -2 %: beyond the 1 % stop
    h.run(20 * S);
    const exit = h.sent(MsgKind.SubmitOrder)[1]!;
    expect([exit.msg.side, exit.msg.sizeLots]).toEqual([-1, 60]);
  });

  it('an exit the venue cancels is retried after a second, not at once; a reduce-only reject ends the retries', () => {
    const { h, r, id } = world({ long_probability: 1 });
    h.run(10 * S);
    h.opts.fillMarket = false;
    h.setMid(98_000);
    h.run(10 * S + S / 2);
    const exits = () => h.sent(MsgKind.SubmitOrder).slice(1);
    expect(exits()).toHaveLength(1);
    const firstExitT = exits()[0]!.t;
    h.run(firstExitT + S - 1);
    expect(exits()).toHaveLength(1); // no retry storm
    h.run(firstExitT + S + 10_000_000);
    expect(exits()).toHaveLength(2);
    const pending = exits()[1]!.msg.clientOrderId;
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.OrderRejected, instrument: 1, clientOrderId: pending, reason: Reason.ReduceOnlyWouldIncrease }));
    h.run(firstExitT + 30 * S);
    expect(r.positionLots).toBe(0);
    expect(exits().length).toBeLessThanOrEqual(3); // at most the retry already in flight
  });

  it('an entry whose fills cross a leftover position leaves no NaN watch band', () => {
    const { h, r, id } = world({ long_probability: 1, cooldown: '1s' });
    h.opts.splitFills = 4; // the entry fills in parts: the first ones close the leftover, the rest build
    // A stray fill (not of its pending order) leaves a short of half an entry size while flat.
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.OrderFilled, instrument: 1, clientOrderId: 999_999, side: -1, sizeLots: 50, priceTicks: 1_000_000 }));
    h.run(1);
    expect(r.positionLots).toBe(-50);
    h.run(60 * S); // the entry (buy 100 in 4 fills of 25) crosses zero: -50 -> -25 -> 0 -> +25 -> +50
    expect(r.positionLots).toBe(50);
    const bands = (h as unknown as { watches: { low: number; high: number }[] }).watches;
    expect(bands).toHaveLength(1);
    expect(bands.every((w) => Number.isFinite(w.low) && Number.isFinite(w.high) && w.low > 0)).toBe(true);
  });
});
