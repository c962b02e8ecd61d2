/**
 * Liquidation engine walk-throughs with hand-computed numbers (q = 1 quote unit per tick*lot).
 */
import { describe, expect, it } from 'vitest';
import { LiqEvent, MarginMode, OrderCheck, SystemAccount, type LiquidationOrder } from '../../../src/venue/clearing/index.js';
import { ENTRY_TICKS, LIQUIDATOR, makeHouse, stepLog } from './fixtures.js';

const order = (): LiquidationOrder => ({ liquidationId: 0, instrument: 0, side: 0, sizeLots: 0, limitTicks: 0 });

/** Account 1: isolated 10x long 100 lots at 1,000,000; account 2: cross short 100 lots; 3: spare counterparty. */
function setup(fund: number, feeRate: number) {
  const house = makeHouse({ fund, liq: { feeRate } });
  house.openAccount(1, MarginMode.Isolated, 10);
  house.openAccount(2, MarginMode.Cross, 5);
  house.openAccount(3, MarginMode.Cross, 5);
  house.deposit(1, 1e8);
  house.deposit(2, 1e9);
  house.deposit(3, 1e9);
  house.applyFill(1, 0, 1, 100, ENTRY_TICKS, 0);
  house.applyFill(2, 0, -1, 100, ENTRY_TICKS, 0);
  return house;
}

describe('liquidation engine', () => {
  it('takes over at the bankruptcy price, charges the fee, fills with a surplus to the fund', () => {
    const house = setup(1_000_000, 0.001);
    const { steps, sink } = stepLog();
    // Mark 903,000: equity = 1e7 + 100*(903,000 - 1,000,000) = 300,000; MM = 100*903,000*0.004 = 361,200.
    house.setMark(0, 903_000);
    const out = new Int32Array(4);
    expect(house.triggered(0, out)).toBe(1);
    expect(house.liquidate(1, 0, sink)).toBe(1);
    // Fee = min(round(0.001 * 9.03e7) = 90,300, 300,000) = 90,300. Left in bucket 1e7 - 90,300 = 9,909,700.
    // Bankruptcy value = 1e8 - 9,909,700 = 90,090,300 -> BP = 900,903 ticks.
    const trig = steps[0];
    expect(trig?.event).toBe(LiqEvent.Triggered);
    expect(trig?.feeUnits).toBe(90_300);
    expect(trig?.bankruptcyTicks).toBe(900_903);
    expect(trig?.insuranceFundUnits).toBe(1_090_300);
    expect(house.ledger.isoMargin[house.ledger.slot(1, 0)]).toBe(0);
    expect(house.ledger.wallet[1]).toBe(9e7);
    expect(house.ledger.position(LIQUIDATOR, 0)).toBe(100);
    const o = order();
    expect(house.nextLiquidationOrder(o)).toBe(true);
    // Sell limit = ceil((90,090,300 - 1,090,300) / 100) = 890,000.
    expect(o).toEqual({ liquidationId: trig?.liquidationId, instrument: 0, side: -1, sizeLots: 100, limitTicks: 890_000 });
    expect(house.nextLiquidationOrder(order())).toBe(false);
    // Account 3 buys 100 at 902,000: surplus = 90,200,000 - 90,090,300 = 109,700 to the fund.
    house.applyFill(3, 0, 1, 100, 902_000, 0);
    house.onLiquidationFill(o.liquidationId, 100, 902_000, sink);
    house.onLiquidationOrderDone(o.liquidationId, sink);
    expect(house.ledger.system[SystemAccount.Insurance]).toBe(1_200_000);
    expect(steps.map((s) => s.event)).toEqual([LiqEvent.Triggered, LiqEvent.Fill, LiqEvent.Completed]);
    expect(house.ledger.position(LIQUIDATOR, 0)).toBe(0);
    expect(house.ledger.wallet[LIQUIDATOR]).toBe(0);
    expect(house.totalMoney()).toBe(house.ledger.depositedUnits);
  });

  it('draws on the fund for a fill worse than bankruptcy, then deleverages what the fund cannot cover', () => {
    const house = setup(50_000, 0);
    house.applyFill(3, 0, -1, 50, ENTRY_TICKS, 0); // 3 short 50 at 1,000,000
    house.applyFill(2, 0, 1, 50, ENTRY_TICKS, 0); // 2 now short 50
    const { steps, sink } = stepLog();
    house.setMark(0, 901_000);
    // equity = 1e7 - 9.9e6 = 100,000 <= MM 360,400. Fee 0. Bankruptcy value 1e8 - 1e7 = 9e7, BP 900,000.
    expect(house.liquidate(1, 0, sink)).toBe(1);
    const o = order();
    house.nextLiquidationOrder(o);
    // limit = ceil((9e7 - 50,000)/100) = 899,500
    expect(o.limitTicks).toBe(899_500);
    // 40 lots fill at 899,500: cost portion round(9e7*40/100) = 3.6e7; value 35,980,000 -> loss 20,000 drawn.
    house.applyFill(2, 0, 1, 40, 899_500, 0);
    house.onLiquidationFill(o.liquidationId, 40, 899_500, sink);
    expect(house.ledger.system[SystemAccount.Insurance]).toBe(30_000);
    // The rest (60 lots) did not fill: ADL at the bankruptcy value 5.4e7 (900,000 per lot).
    // Ranking at mark 901,000: 2 (short 10 at 1e6, equity ~ 1e9) and 3 (short 50, equity ~ 1e9); both pnl% = 9.9 %,
    // effLev = notional/equity: 3 has the larger notional -> higher score -> deleveraged first.
    house.onLiquidationOrderDone(o.liquidationId, sink);
    const adl = steps.filter((s) => s.event === LiqEvent.Adl);
    expect(adl.map((s) => [s.account, s.sizeLots, s.fillTicks])).toEqual([
      [3, 50, 900_000],
      [2, 10, 900_000],
    ]);
    expect(steps.at(-1)?.event).toBe(LiqEvent.Completed);
    expect(house.ledger.position(3, 0)).toBe(0);
    // 3 realized (1,000,000 - 900,000) * 50 = 5e6.
    expect(house.ledger.realizedPnl[3]).toBe(5e6);
    expect(house.totalMoney()).toBe(house.ledger.depositedUnits);
  });

  it('records socialized loss when the liquidator must pay more than the fund holds', () => {
    const house = setup(0, 0);
    const { steps, sink } = stepLog();
    // Gap: mark 850,000, equity = 1e7 - 1.5e7 = -5e6. BP value = 1e8 - 1e7 = 9e7 (900,000 > mark).
    house.setMark(0, 850_000);
    house.liquidate(1, 0, sink);
    const o = order();
    house.nextLiquidationOrder(o);
    expect(o.limitTicks).toBe(900_000); // fund 0: no worse than bankruptcy
    // The venue fills anyway at 850,000 (e.g. a backstop at mark): loss 5e6, fund 0 -> all socialized.
    house.applyFill(3, 0, 1, 100, 850_000, 0);
    house.onLiquidationFill(o.liquidationId, 100, 850_000, sink);
    house.onLiquidationOrderDone(o.liquidationId, sink);
    const soc = steps.filter((s) => s.event === LiqEvent.SocializedLoss);
    expect(soc.map((s) => s.socializedLossUnits)).toEqual([5e6]);
    expect(house.ledger.system[SystemAccount.Socialized]).toBe(-5e6);
    expect(house.totalMoney()).toBe(house.ledger.depositedUnits);
  });

  it('pre-trade check: rejects beyond leverage, allows reductions, enforces reduce-only', () => {
    const house = makeHouse();
    house.openAccount(1, MarginMode.Cross, 10);
    house.deposit(1, 1e7); // 1,000 USD at 10x: up to 10,000 USD = 1e8 units = 100 lots at 1,000,000
    expect(house.checkOrder(1, 0, 1, 100, ENTRY_TICKS)).toBe(OrderCheck.Ok);
    expect(house.checkOrder(1, 0, 1, 101, ENTRY_TICKS)).toBe(OrderCheck.InsufficientMargin);
    expect(house.checkOrder(1, 0, 1, 50, ENTRY_TICKS, false, 5e6 + 1)).toBe(OrderCheck.InsufficientMargin);
    expect(house.checkOrder(1, 0, -1, 1, ENTRY_TICKS, true)).toBe(OrderCheck.ReduceOnlyViolation);
    house.openAccount(2, MarginMode.Cross, 10);
    house.deposit(2, 1e9);
    house.applyFill(1, 0, 1, 100, ENTRY_TICKS, 0);
    house.applyFill(2, 0, -1, 100, ENTRY_TICKS, 0);
    expect(house.checkOrder(1, 0, 1, 1, ENTRY_TICKS)).toBe(OrderCheck.InsufficientMargin);
    expect(house.checkOrder(1, 0, -1, 100, 1, true)).toBe(OrderCheck.Ok);
    expect(house.checkOrder(1, 0, -1, 101, ENTRY_TICKS, true)).toBe(OrderCheck.ReduceOnlyViolation);
  });
});

describe('cross liquidation with two positions', () => {
  it('shares the leftover collateral pro rata to notional and leaves the wallet at exactly 0', () => {
    const house = makeHouse({ instruments: 2, fund: 0, liq: { feeRate: 0, chunkFraction: 0.3, adlOnUnfilled: false } });
    house.openAccount(1, MarginMode.Cross, 20);
    house.deposit(1, 1e7);
    house.deposit(2, 1e10);
    // 1: long 100 in instrument 0 and long 50 in instrument 1, both at 1,000,000 (notional 1.5e8, 15x).
    house.applyFill(1, 0, 1, 100, ENTRY_TICKS, 0);
    house.applyFill(2, 0, -1, 100, ENTRY_TICKS, 0);
    house.applyFill(1, 1, 1, 50, ENTRY_TICKS, 0);
    house.applyFill(2, 1, -1, 50, ENTRY_TICKS, 0);
    // Marks (930,000, 1e6): equity = 1e7 - 7e6 = 3e6 > MM = 100*930,000*0.004 + 50*1e6*0.004 = 572,000.
    house.setMark(0, 930_000);
    expect(house.isLiquidatable(1, 0)).toBe(false);
    house.setMark(0, 920_000);
    // (920,000, 980,000): equity = 1e7 - 8e6 - 1e6 = 1e6 > MM 368,000 + 196,000 = 564,000: not yet.
    house.setMark(1, 980_000);
    expect(house.isLiquidatable(1, 0)).toBe(false);
    house.setMark(1, 975_000); // equity 750,000 > MM 563,000
    // (918,000, 975,000): equity = 1e7 - 8.2e6 - 1.25e6 = 550,000 <= MM 367,200 + 195,000 = 562,200.
    // The LP in instrument 0 was re-keyed when instrument 1's mark moved, so the index finds it.
    house.setMark(0, 918_000);
    const out = new Int32Array(4);
    expect(house.triggered(0, out)).toBe(1);
    const { steps, sink } = stepLog();
    expect(house.liquidate(1, 0, sink)).toBe(2);
    // Leftover wallet 1e7 shared by notional: 9.18e7 / (9.18e7 + 4.875e7) -> round(1e7 * 0.653148...) = 6,531,483;
    // instrument 1 gets the rest 3,468,517. Bankruptcy values 1e8 - 6,531,483 and 5e7 - 3,468,517.
    expect(steps.map((s) => s.bankruptcyTicks)).toEqual([(1e8 - 6_531_483) / 100, (5e7 - 3_468_517) / 50]);
    expect(house.ledger.wallet[1]).toBe(0);
    expect(house.ledger.openPositions[1]).toBe(0);
    // Chunks of ceil(0.3 * 100) = 30 lots; an unfilled order stalls the liquidation until the next mark.
    const o = order();
    expect(house.nextLiquidationOrder(o)).toBe(true);
    expect(o.sizeLots).toBe(30);
    house.onLiquidationOrderDone(o.liquidationId, sink);
    expect(house.nextLiquidationOrder(o)).toBe(true);
    expect(o.instrument).toBe(1);
    expect(o.sizeLots).toBe(15);
    house.onLiquidationOrderDone(o.liquidationId, sink);
    expect(house.nextLiquidationOrder(o)).toBe(false);
    house.setMark(0, 918_000);
    expect(house.nextLiquidationOrder(o)).toBe(true);
    expect(house.totalMoney()).toBe(house.ledger.depositedUnits);
  });
});

describe('fund capacity of concurrent close orders', () => {
  it('a second outstanding order only sees the fund left after the first one’s worst case', () => {
    const house = makeHouse({ fund: 100_000, liq: { feeRate: 0 } });
    for (const a of [1, 2]) {
      house.openAccount(a, MarginMode.Isolated, 10);
      house.deposit(a, 1e8);
    }
    house.deposit(3, 1e10);
    house.applyFill(1, 0, 1, 100, ENTRY_TICKS, 0);
    house.applyFill(2, 0, 1, 100, ENTRY_TICKS, 0);
    house.applyFill(3, 0, -1, 200, ENTRY_TICKS, 0);
    house.setMark(0, 901_000);
    const { sink } = stepLog();
    house.liquidate(1, 0, sink);
    house.liquidate(2, 0, sink);
    const o1 = order();
    const o2 = order();
    // Both bankruptcy values are 9e7 (BP 900,000). First: limit ceil((9e7 - 100,000)/100) = 899,000,
    // worst loss 9e7 - 100*899,000 = 100,000 = the whole fund. Second: fund left 0 -> limit 900,000.
    expect(house.nextLiquidationOrder(o1)).toBe(true);
    expect(house.nextLiquidationOrder(o2)).toBe(true);
    expect([o1.limitTicks, o2.limitTicks]).toEqual([899_000, 900_000]);
    house.onLiquidationOrderDone(o1.liquidationId, sink); // unfilled -> ADL, releases its hold
    house.onLiquidationOrderDone(o2.liquidationId, sink);
    expect(house.engine.activeCount).toBe(0);
    expect(house.totalMoney()).toBe(house.ledger.depositedUnits);
  });
});
