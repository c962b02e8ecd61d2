/**
 * Partial liquidation down the brackets (LiquidationParams.stepDown, stepDown.ts).
 *
 * 1. BitMEX XBTUSD (inverse, 1 USD contracts, money in satoshis) with BitMEX's risk-limit table
 *    (riskLimitsExamples: MM 0.50 % below 200 XBT, +0.50 % per 150 XBT step, on the whole
 *    position: < 200 XBT 0.50 %, < 350 XBT 1.00 %, < 500 XBT 1.50 %, < 650 XBT 2.00 %) and its
 *    documented procedure (liquidationExamples: a FillOrKill sized to bring the position value
 *    below a lower risk limit, re-check, then the full takeover). The numbers are ours, on that
 *    table: a cross long of 4,600,000 contracts at 20,000 (230 XBT, BitMEX's example size, one
 *    step above the base limit) with 5 XBT in the wallet is liquidatable at a mark of 19,770
 *    (value 232.676 XBT, MM 1 % = 2.32676 XBT, equity 235 - 232.676 = 2.3236 XBT). The cut keeps
 *    ceil(200 x 19,770) - 1 = 3,953,999 contracts (199.99995 XBT < 200) and takes 646,001 over at
 *    the mark; the MM drops to 0.5 % of 199.99995 = 0.99999975 XBT, the equity (no fee) stays
 *    2.3236 XBT, so the account survives with 3,953,999 contracts. At a mark where even the first
 *    tier is breached the rest is taken over.
 * 2. Which position first (Bitunix's reduction priority): the highest bracket, then the largest
 *    maintenance margin released, then the largest notional.
 */
import { describe, expect, it } from 'vitest';
import { ClearingHouse, DEFAULT_LIQUIDATION_PARAMS, LiqEvent, MarginMode, makeBrackets, type MarginBracket } from '../../../src/venue/clearing/index.js';
import { LIQUIDATOR, SAT, makeInverseHouse, stepLog } from './fixtures.js';

// BitMEX's whole-position rates: no maintenance deduction (cum 0), unlike Binance's continuous form.
const BITMEX_XBTUSD: MarginBracket[] = [
  { floorUnits: 0, maxLeverage: 100, mmr: 0.005, cumUnits: 0 },
  { floorUnits: 200 * SAT, maxLeverage: 66.67, mmr: 0.01, cumUnits: 0 },
  { floorUnits: 350 * SAT, maxLeverage: 50, mmr: 0.015, cumUnits: 0 },
  { floorUnits: 500 * SAT, maxLeverage: 40, mmr: 0.02, cumUnits: 0 },
];
const TRADER = 1;
const CPTY = 2;

function bitmex(stepDown: boolean): ClearingHouse {
  const h = makeInverseHouse({ face: 1, tick: 0.5, brackets: BITMEX_XBTUSD, fund: 1000 * SAT, liq: { feeRate: 0, stepDown }, markTicks: 40_000 });
  h.openAccount(TRADER, MarginMode.Cross, 50);
  h.deposit(TRADER, 5 * SAT);
  h.openAccount(CPTY, MarginMode.Cross, 1);
  h.deposit(CPTY, 10_000 * SAT);
  h.bookInitialPosition(TRADER, CPTY, 0, 4_600_000, 40_000);
  return h;
}

describe('partial liquidation down the brackets', () => {
  it('BitMEX XBTUSD: one cut below the 200 XBT risk limit restores the account (3,953,999 contracts kept)', () => {
    const h = bitmex(true);
    h.setMark(0, 39_540); // 19,770 USD
    expect(h.margin.maintenance(TRADER, h.marks) / SAT).toBeCloseTo(0.01 * (4_600_000 / 19_770), 6);
    expect(h.margin.equity(TRADER, h.marks) / SAT).toBeCloseTo(235 - 4_600_000 / 19_770, 6);
    expect(h.isLiquidatable(TRADER, 0)).toBe(true);
    const log = stepLog();
    expect(h.liquidate(TRADER, 0, log.sink)).toBe(1);
    expect(h.ledger.position(TRADER, 0)).toBe(3_953_999);
    expect(h.ledger.position(LIQUIDATOR, 0)).toBe(646_001);
    expect(h.margin.maintenance(TRADER, h.marks) / SAT).toBeCloseTo(0.005 * (3_953_999 / 19_770), 6);
    // Equity unchanged by a cut at the mark (to the unit rounding of its value).
    expect(Math.abs(h.margin.equity(TRADER, h.marks) / SAT - (235 - 4_600_000 / 19_770))).toBeLessThan(2e-8);
    expect(h.isLiquidatable(TRADER, 0)).toBe(false);
    const trig = log.steps.filter((s) => s.event === LiqEvent.Triggered);
    expect(trig.map((s) => [s.sizeLots, s.bankruptcyTicks])).toEqual([[646_001, expect.closeTo(39_540, 4)]]);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });

  it('BitMEX XBTUSD: without step_down the same mark takes the whole position over', () => {
    const h = bitmex(false);
    h.setMark(0, 39_540);
    expect(h.liquidate(TRADER, 0, stepLog().sink)).toBe(1);
    expect(h.ledger.position(TRADER, 0)).toBe(0);
    expect(h.ledger.position(LIQUIDATOR, 0)).toBe(4_600_000);
  });

  it('BitMEX XBTUSD: past the first tier too, the cut is followed by the full takeover', () => {
    const h = bitmex(true);
    // 19,600 USD: equity 235 - 234.69 = 0.31 XBT is below even 0.5 % of 200 XBT (1.0 XBT). The
    // cut keeps 3,919,999 contracts: 3,920,000 would be exactly 200 XBT, in the second tier.
    h.setMark(0, 39_200);
    const log = stepLog();
    expect(h.liquidate(TRADER, 0, log.sink)).toBe(2);
    expect(log.steps.filter((s) => s.event === LiqEvent.Triggered).map((s) => s.sizeLots)).toEqual([4_600_000 - (200 * 19_600 - 1), 200 * 19_600 - 1]);
    expect(h.ledger.position(TRADER, 0)).toBe(0);
    expect(h.ledger.wallet[TRADER]).toBe(0);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });

  it('which position first: the highest bracket, then the largest maintenance released', () => {
    // Linear, q = 1 unit per tick-lot, tick 0.1 USD: 1 lot at 100,000 USD = 10^6 units = 100 USD.
    const brackets = makeBrackets([[0, 125, 0.004], [50_000, 100, 0.005], [250_000, 50, 0.01], [1_000_000, 20, 0.025]]);
    const h = new ClearingHouse({
      instruments: [0, 1].map((i) => ({ instrumentId: i, quotePerTickLot: 1, brackets })),
      liquidatorAccount: LIQUIDATOR,
      insuranceFundUnits: 1e10,
      liquidation: { ...DEFAULT_LIQUIDATION_PARAMS, feeRate: 0, stepDown: true },
    });
    h.setMark(0, 1_000_000);
    h.setMark(1, 1_000_000);
    h.openAccount(TRADER, MarginMode.Cross, 20);
    h.openAccount(CPTY, MarginMode.Cross, 1);
    h.deposit(CPTY, 1e12);
    // Instrument 1: 3,000 lots = 300,000 USD (bracket 2); instrument 0: 2,000 lots = 200,000 USD (bracket 1).
    h.bookInitialPosition(TRADER, CPTY, 0, 2_000, 1_000_000);
    h.bookInitialPosition(TRADER, CPTY, 1, 3_000, 1_000_000);
    // Equity 1,000 USD against MM 0.005 x 200k - 50 + 0.01 x 300k - 1,300 = 950 + 1,700 = 2,650: liquidatable.
    h.deposit(TRADER, 1_000 * 10_000);
    const log = stepLog();
    h.liquidate(TRADER, 0, log.sink);
    const cuts = log.steps.filter((s) => s.event === LiqEvent.Triggered).map((s) => [s.instrument, s.sizeLots]);
    // 1st: instrument 1 (bracket 2) to 2,499 lots; 2nd: instrument 1 again (2,499 lots, 249,900 USD,
    // releases more than instrument 0's 200,000) to 499; 3rd: instrument 0 to 499; then both are in
    // bracket 0 with MM 0.004 x 99,800 = 399.2 USD < 1,000: healthy.
    expect(cuts).toEqual([[1, 501], [1, 2_000], [0, 1_501]]);
    expect([h.ledger.position(TRADER, 0), h.ledger.position(TRADER, 1)]).toEqual([499, 499]);
    expect(h.isLiquidatable(TRADER, 0)).toBe(false);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });
});
