/**
 * Dated futures at expiry (house.settleExpiry): every position closes at the settlement price
 * (the venue's TWAP of the index, crypto-mechanics.md §4.1 convention, Binance/Deribit/Bybit
 * futures "delivery" at the settlement price), PnL realized, no more orders; linear values exact,
 * inverse values rounded against each holder with the residue in `Rounding`.
 */
import { describe, expect, it } from 'vitest';
import { MarginMode, OrderCheck, SystemAccount } from '../../../src/venue/clearing/index.js';
import { ENTRY_TICKS, SAT, makeHouse, makeInverseHouse, stepLog } from './fixtures.js';

describe('expiry settlement of dated futures', () => {
  it('linear: long 0.1 BTC at 100,000 settled at 101,000 realizes +100 USD exactly; the short -100', () => {
    const h = makeHouse();
    const { sink } = stepLog();
    h.deposit(1, 1e8);
    h.openAccount(2, MarginMode.Isolated, 10);
    h.deposit(2, 1e8);
    h.applyFill(1, 0, 1, 100, ENTRY_TICKS, 0);
    h.applyFill(2, 0, -1, 100, ENTRY_TICKS, 0);
    expect(h.settleExpiry(0, 1_010_000, sink)).toBe(2);
    // 100 lots * 10,000 ticks * q=1 = 1e6 units = 100 USD.
    expect(h.ledger.wallet[1]).toBe(1e8 + 1e6);
    expect(h.ledger.wallet[2]).toBe(1e8 - 1e6);
    expect(h.ledger.isoMargin[h.ledger.slot(2, 0)]).toBe(0);
    expect(h.ledger.position(1, 0)).toBe(0);
    expect(h.ledger.system[SystemAccount.Rounding]).toBe(0);
    expect(h.checkOrder(1, 0, 1, 1, ENTRY_TICKS)).toBe(OrderCheck.Expired);
    expect(h.checkOrder(1, 0, -1, 1, ENTRY_TICKS, true)).toBe(OrderCheck.Expired);
    expect(() => h.settleExpiry(0, 1_010_000, sink)).toThrow(/already expired/);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });

  it('inverse: 10,000 USD long at 50,000 settled at 40,000 loses 10,000 (1/50,000 - 1/40,000) = -0.05 BTC', () => {
    const h = makeInverseHouse({ face: 100, tick: 0.5, markTicks: 100_000 });
    const { sink } = stepLog();
    h.deposit(1, SAT);
    h.deposit(2, SAT);
    h.deposit(3, SAT);
    h.applyFill(1, 0, 1, 100, 100_000, 0);
    h.applyFill(2, 0, -1, 70, 100_000, 0);
    h.applyFill(3, 0, -1, 30, 100_000, 0);
    h.settleExpiry(0, 80_000, sink);
    expect(h.ledger.wallet[1]).toBe(SAT - 0.05 * SAT);
    expect(h.ledger.wallet[2]).toBe(SAT + 0.035 * SAT);
    expect(h.ledger.wallet[3]).toBe(SAT + 0.015 * SAT);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });

  it('inverse rounding: odd values round against each holder; the residue lands in Rounding and money is conserved', () => {
    const h = makeInverseHouse({ face: 1, tick: 0.5, markTicks: 60_001 });
    const { sink } = stepLog();
    for (let a = 1; a <= 3; a++) h.deposit(a, SAT);
    h.applyFill(1, 0, 1, 7, 60_001, 0);
    h.applyFill(2, 0, -1, 3, 60_001, 0);
    h.applyFill(3, 0, -1, 4, 60_001, 0);
    h.settleExpiry(0, 59_999, sink);
    const residue = h.ledger.system[SystemAccount.Rounding] as number;
    expect(residue).toBeGreaterThanOrEqual(0);
    expect(residue).toBeLessThanOrEqual(2);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });

  it('a liquidation still held by the engine at expiry settles at the settlement price against the fund', () => {
    const h = makeHouse({ fund: 1e9, liq: { feeRate: 0 } });
    const { steps, sink } = stepLog();
    h.openAccount(1, MarginMode.Isolated, 50);
    h.deposit(1, 1e8);
    h.deposit(2, 1e9);
    h.applyFill(1, 0, 1, 100, ENTRY_TICKS, 0);
    h.applyFill(2, 0, -1, 100, ENTRY_TICKS, 0);
    h.setMark(0, 983_000); // below LP 983,935.7 (50x)
    expect(h.liquidate(1, 0, sink)).toBe(1);
    const fund0 = h.ledger.system[SystemAccount.Insurance] as number;
    h.settleExpiry(0, 990_000, sink);
    // Bankruptcy 980,000; settled at 990,000: surplus 100 lots * 10,000 ticks = 1e6 units to the fund.
    expect((h.ledger.system[SystemAccount.Insurance] as number) - fund0).toBe(1e6);
    expect(steps[steps.length - 1]?.event).toBe(5);
    expect(h.engine.activeCount).toBe(0);
    expect(h.ledger.position(99, 0)).toBe(0);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });
});
