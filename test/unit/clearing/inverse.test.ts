/**
 * Inverse (coin-margined) contracts against worked examples from venue documentation. Money is
 * in satoshis (1e-8 BTC); a contract is `face` USD; prices are ticks of `tick` USD.
 *
 * Sources (each example cites its page; also listed in docs/clearing.md):
 * - Deribit, "Example (futures)", https://www.deribit.com/docs/example-futures/ : 100 contracts of
 *   10 USD bought at 600 and sold at 700 make 1000/600 - 1000/700 = 0.238095 BTC; two taker fees
 *   of 0.05 % of 1000 USD cost 0.5/600 + 0.5/700 BTC; margin 4 % of 1000 USD = 40/600 BTC.
 * - Crypto Facilities (Kraken Futures), "Calculation of profit and loss",
 *   https://support.cryptofacilities.com/hc/en-us/articles/115002807834 : buy 10,000 at 5,000,
 *   sell at 6,000: (1/5,000 - 1/6,000) * 10,000 = 0.33 BTC.
 * - Bybit, "How to Calculate Average Entry Price": 50 contracts at 10,000 and 50 at 15,000,
 *   average entry = 100 / (50/10,000 + 50/15,000) = 12,000.
 * - Bybit, "Initial Margin (Inverse Contract)": 12,000 contracts at 8,000 with 50x = 0.03 BTC.
 * - Bybit, "How to calculate Liquidation Price (Inverse Contract)",
 *   https://help.bybit.com/hc/en-us/articles/360039261334 : cross, balance 0.5 BTC, long 10,000
 *   contracts at 8,000, bankruptcy price with the 0.075 % closing fee
 *   1.00075 * 10,000 / (10,000/8,000 + 0.5) = 5,718.57.
 * - crypto-mechanics.md §2.3 closed forms: 100x at 100,000, MMR 0.4 %: long LP 99,405.9,
 *   BP 99,009.9 (and short LP E(1-mmr)/(1-1/L) = 100,606.06, BP E/(1-1/L) = 101,010.10).
 */
import { describe, expect, it } from 'vitest';
import { ClearingHouse, ContractKind, DEFAULT_LIQUIDATION_PARAMS, MarginMode, SystemAccount, inverseBankruptcyTicks, inverseLiquidationTicks, inverseScale, makeBracketsIn } from '../../../src/venue/clearing/index.js';
import { feeUnits } from '../../../src/venue/trading/fees.js';
import { LIQUIDATOR, SAT, makeInverseHouse, stepLog } from './fixtures.js';

const E = 100_000;
const L = 100;
const mmr = 0.004;

describe('inverse PnL, fees and margin (Deribit, Crypto Facilities, Bybit examples)', () => {
  it('Deribit example (futures): +0.238095 BTC, fees 0.5/600 + 0.5/700 BTC, margin 40/600 BTC', () => {
    // Tick 0.5 USD: 600 USD = 1200 ticks, 700 USD = 1400 ticks. K = 10 * 1e8 / 0.5.
    const h = makeInverseHouse({ face: 10, tick: 0.5, markTicks: 1200 });
    h.openAccount(1, MarginMode.Cross, 25);
    h.openAccount(2, MarginMode.Cross, 25);
    h.deposit(1, SAT);
    h.deposit(2, 10 * SAT);
    const notionalAt = (ticks: number): number => h.margin.notionalOf(0, 100, ticks);
    // 4 % margin = 25x: 1000/600/25 BTC = 0.0666667 BTC.
    expect(h.orderMargin(1, 0, 100, 1200) / SAT).toBeCloseTo(40 / 600, 8);
    const fee1 = feeUnits(notionalAt(1200), 5);
    h.applyFill(1, 0, 1, 100, 1200, fee1);
    h.applyFill(2, 0, -1, 100, 1200, 0);
    // Cost is rounded to a satoshi: entry exact to ~1e-6 USD.
    expect(h.ledger.entryTicks(1, 0) * 0.5).toBeCloseTo(600, 4);
    h.setMark(0, 1400);
    expect(h.margin.upnl(1, 0, 1400) / SAT).toBeCloseTo(1000 / 600 - 1000 / 700, 8);
    const fee2 = feeUnits(notionalAt(1400), 5);
    const realized = h.applyFill(1, 0, -1, 100, 1400, fee2);
    h.applyFill(2, 0, 1, 100, 1400, 0);
    expect(realized / SAT).toBeCloseTo(0.238095, 6);
    expect(Math.abs(realized - (1000 / 600 - 1000 / 700) * SAT)).toBeLessThanOrEqual(1);
    // The page prints 0.00154755 (it rounds 0.5/700 to 0.00071425); exactly 0.5/600 + 0.5/700 = 0.00154762.
    expect((fee1 + fee2) / SAT).toBeCloseTo(0.5 / 600 + 0.5 / 700, 8);
    expect(h.ledger.wallet[1]).toBe(SAT + realized - fee1 - fee2);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });

  it('Crypto Facilities: (1/5000 - 1/6000) * 10,000 = 0.3333 BTC; the short loses the same', () => {
    const h = makeInverseHouse({ face: 1, tick: 0.5, markTicks: 10_000 });
    h.deposit(1, 5 * SAT);
    h.deposit(2, 5 * SAT);
    h.applyFill(1, 0, 1, 10_000, 10_000, 0);
    h.applyFill(2, 0, -1, 10_000, 10_000, 0);
    const r1 = h.applyFill(1, 0, -1, 10_000, 12_000, 0);
    const r2 = h.applyFill(2, 0, 1, 10_000, 12_000, 0);
    expect(r1 / SAT).toBeCloseTo(1 / 3, 7);
    expect(r1 + r2).toBe(0);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });

  it('Bybit average entry price: 50 @ 10,000 + 50 @ 15,000 -> 12,000 (harmonic mean)', () => {
    const h = makeInverseHouse({ face: 1, tick: 0.5, markTicks: 20_000 });
    h.deposit(1, SAT);
    h.deposit(2, SAT);
    h.applyFill(1, 0, 1, 50, 20_000, 0);
    h.applyFill(2, 0, -1, 50, 20_000, 0);
    h.applyFill(1, 0, 1, 50, 30_000, 0);
    h.applyFill(2, 0, -1, 50, 30_000, 0);
    // Cost rounds each fill to a satoshi: 100 contracts of 1 USD are ~0.0083 BTC, so the entry is exact to ~1e-4 USD.
    expect(h.ledger.entryTicks(1, 0) * 0.5).toBeCloseTo(12_000, 0);
    expect(Math.abs(h.ledger.entryTicks(1, 0) * 0.5 - 12_000)).toBeLessThan(0.5);
  });

  it('Bybit initial margin: 12,000 contracts at 8,000 with 50x = 0.03 BTC', () => {
    const h = makeInverseHouse({ face: 1, tick: 0.5, markTicks: 16_000 });
    h.openAccount(1, MarginMode.Cross, 50);
    expect(h.orderMargin(1, 0, 12_000, 16_000) / SAT).toBeCloseTo(0.03, 10);
  });
});

describe('inverse liquidation and bankruptcy prices', () => {
  it('Bybit cross example: bankruptcy with the 0.075 % closing fee = 5,718.57', () => {
    // The fee-to-close at the bankruptcy price is a coin charge of Q/BP * 0.075 %, i.e. the LP
    // equation with mmr = 0.00075: BP = Q (1 + f) / (WB + Q/E).
    const k = inverseScale(1, SAT, 0.01);
    const lots = 10_000;
    const cost = -(lots * k) / 800_000; // entry 8,000 USD = 800,000 ticks of 0.01
    const br = makeBracketsIn([[0, 100, 0.00075]], SAT);
    expect(inverseLiquidationTicks(1, lots, cost, 0.5 * SAT, k, br) * 0.01).toBeCloseTo(5718.57, 2);
    // Without the fee, equity = 0 at Q / (WB + Q/E) = 10,000 / 1.75 = 5,714.29.
    expect(inverseBankruptcyTicks(1, lots, cost, 0.5 * SAT, k) * 0.01).toBeCloseTo(10_000 / 1.75, 6);
  });

  it('100x at 100,000, mmr 0.4 %: long LP 99,405.9 / BP 99,009.9, short LP 100,606.1 / BP 101,010.1 (closed form)', () => {
    const k = inverseScale(100, SAT, 0.5);
    const lots = 100; // 10,000 USD
    const ticks = E / 0.5;
    const notional = (lots * k) / ticks; // 0.1 BTC
    const br = makeBracketsIn([[0, 125, mmr]], SAT);
    const wb = notional / L;
    expect(inverseLiquidationTicks(1, lots, -notional, wb, k, br) * 0.5).toBeCloseTo((E * (1 + mmr)) / (1 + 1 / L), 4);
    expect(inverseLiquidationTicks(1, lots, -notional, wb, k, br) * 0.5).toBeCloseTo(99_405.94, 1);
    expect(inverseBankruptcyTicks(1, lots, -notional, wb, k) * 0.5).toBeCloseTo(99_009.9, 1);
    expect(inverseLiquidationTicks(-1, lots, notional, wb, k, br) * 0.5).toBeCloseTo((E * (1 - mmr)) / (1 - 1 / L), 4);
    expect(inverseBankruptcyTicks(-1, lots, notional, wb, k) * 0.5).toBeCloseTo(E / (1 - 1 / L), 4);
    // A 1x short in coin never goes bankrupt: margin covers the whole coin notional.
    expect(inverseLiquidationTicks(-1, lots, notional, notional, k, br)).toBe(Infinity);
    expect(inverseBankruptcyTicks(-1, lots, notional, notional, k)).toBe(Infinity);
  });

  it('the house keys an isolated 100x inverse long at its LP and liquidates exactly when the mark crosses it', () => {
    const h = makeInverseHouse({ face: 100, tick: 0.5, mmr });
    h.openAccount(1, MarginMode.Isolated, L);
    h.openAccount(2, MarginMode.Cross, 5);
    h.deposit(1, SAT);
    h.deposit(2, 10 * SAT);
    h.applyFill(1, 0, 1, 100, 200_000, 0);
    h.applyFill(2, 0, -1, 100, 200_000, 0);
    const lp = h.margin.liquidationTicks(1, 0, h.marks);
    // Isolated bucket = ceil(IM) = 0.001 BTC exactly: LP = E (1 + mmr) / (1 + 1/L).
    expect(lp * 0.5).toBeCloseTo(99_405.94, 1);
    const out = new Int32Array(4);
    h.setMark(0, Math.ceil(lp) + 1);
    expect(h.triggered(0, out)).toBe(0);
    expect(h.isLiquidatable(1, 0)).toBe(false);
    h.setMark(0, Math.floor(lp));
    expect(h.triggered(0, out)).toBe(1);
    expect(h.isLiquidatable(1, 0)).toBe(true);
  });
});

describe('inverse liquidation engine, insurance fund in coin, funding in coin', () => {
  it('a close above bankruptcy pays the surplus into the coin fund; money is conserved', () => {
    const h = makeInverseHouse({ face: 100, tick: 0.5, mmr, fund: SAT, liq: { feeRate: 0 } });
    const { steps, sink } = stepLog();
    h.openAccount(1, MarginMode.Isolated, L);
    h.deposit(1, SAT);
    h.deposit(2, 10 * SAT);
    h.deposit(3, 10 * SAT);
    h.applyFill(1, 0, 1, 100, 200_000, 0);
    h.applyFill(2, 0, -1, 100, 200_000, 0);
    h.setMark(0, 198_800); // 99,400 < LP 99,405.9
    expect(h.liquidate(1, 0, sink)).toBe(1);
    const trig = steps[0];
    expect(trig?.bankruptcyTicks).toBeCloseTo(99_009.9 / 0.5, 0);
    const o = { liquidationId: 0, instrument: 0, side: 0, sizeLots: 0, limitTicks: 0 };
    expect(h.nextLiquidationOrder(o)).toBe(true);
    expect(o.side).toBe(-1);
    // The fund (1 BTC) covers any price down to chunk K / (fund - c), far below bankruptcy.
    expect(o.limitTicks).toBeLessThan(trig?.bankruptcyTicks ?? 0);
    const fundBefore = h.ledger.system[SystemAccount.Insurance] as number;
    h.applyFill(3, 0, 1, 100, 198_800, 0);
    h.onLiquidationFill(o.liquidationId, 100, 198_800, sink);
    h.onLiquidationOrderDone(o.liquidationId, sink);
    // Surplus = 10,000/99,009.9 - 10,000/99,400 BTC (the bucket the account lost, minus the gap to mark).
    const surplus = (h.ledger.system[SystemAccount.Insurance] as number) - fundBefore;
    expect(surplus / SAT).toBeCloseTo(10_000 / 99_009.9 - 10_000 / 99_400, 6);
    expect(h.ledger.wallet[LIQUIDATOR]).toBe(0);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });

  it('funding pays on the coin notional: 10,000 USD long at mark 50,000, rate 0.01 % -> 2,000 sat', () => {
    const h = makeInverseHouse({ face: 100, tick: 0.5, markTicks: 100_000 });
    h.deposit(1, SAT);
    h.deposit(2, SAT);
    h.applyFill(1, 0, 1, 100, 100_000, 0);
    h.applyFill(2, 0, -1, 100, 100_000, 0);
    const r = h.settleFunding(0, 0.0001, { paidByLongsUnits: 0, roundingUnits: 0, openInterestLots: 0 });
    expect(r.paidByLongsUnits).toBe(2000);
    expect(h.ledger.wallet[1]).toBe(SAT - 2000);
    expect(h.ledger.wallet[2]).toBe(SAT + 2000);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });

  it('rejects mixing linear and inverse instruments in one house (one settlement currency per house)', () => {
    const br = makeBracketsIn([[0, 125, 0.004]], SAT);
    const mk = (inverse: boolean): ConstructorParameters<typeof ClearingHouse>[0] => ({
      instruments: [
        { instrumentId: 0, quotePerTickLot: 1, brackets: br, contract: ContractKind.Inverse, inverseScale: 1e9 },
        inverse ? { instrumentId: 1, quotePerTickLot: 1, brackets: br, contract: ContractKind.Inverse, inverseScale: 1e9 } : { instrumentId: 1, quotePerTickLot: 1, brackets: br },
      ],
      liquidatorAccount: LIQUIDATOR, insuranceFundUnits: 0, liquidation: DEFAULT_LIQUIDATION_PARAMS,
    });
    expect(() => new ClearingHouse(mk(true))).not.toThrow();
    expect(() => new ClearingHouse(mk(false))).toThrow(/settles in one currency/);
  });
});
