/** Ledger arithmetic (exact cost basis, realized PnL, isolated buckets) and funding settlement. */
import { describe, expect, it } from 'vitest';
import { MarginMode, SystemAccount, type FundingResult } from '../../../src/venue/clearing/index.js';
import { makeHouse } from './fixtures.js';

const funding = (): FundingResult => ({ paidByLongsUnits: 0, roundingUnits: 0, openInterestLots: 0 });

describe('ledger', () => {
  it('realizes PnL on reduction with an exact integer cost basis', () => {
    const h = makeHouse({ q: 3 });
    h.deposit(1, 1e9);
    h.deposit(2, 1e9);
    // 1 buys 3 @ 100 and 4 @ 101: cost = 3*(300+404) = 2,112 (q = 3).
    h.applyFill(1, 0, 1, 3, 100, 5);
    h.applyFill(1, 0, 1, 4, 101, 0);
    h.applyFill(2, 0, -1, 7, 100, 0);
    expect(h.ledger.costBasis(1, 0)).toBe(2112);
    // Sell 2 @ 110: removed cost round(2112*2/7) = round(603.43) = 603; realized = 2*110*3 - 603 = 57.
    expect(h.applyFill(1, 0, -1, 2, 110, 0)).toBe(57);
    expect(h.ledger.costBasis(1, 0)).toBe(1509);
    // Flip: sell 8 @ 90 -> close 5 (value 1,350, realized 1,350 - 1,509 = -159), open short 3 at cost -810.
    expect(h.applyFill(1, 0, -1, 8, 90, 0)).toBe(-159);
    expect(h.ledger.position(1, 0)).toBe(-3);
    expect(h.ledger.costBasis(1, 0)).toBe(-810);
    expect(h.ledger.feesPaid[1]).toBe(5);
    expect(h.ledger.system[SystemAccount.Fees]).toBe(5);
  });

  it('isolated: allocates IM on open, releases pro rata on reduce and everything when flat', () => {
    const h = makeHouse();
    h.openAccount(1, MarginMode.Isolated, 20);
    h.deposit(1, 1e8);
    h.deposit(2, 1e9);
    h.applyFill(1, 0, 1, 100, 1_000_000, 0); // IM = 1e8/20 = 5e6
    h.applyFill(2, 0, -1, 100, 1_000_000, 0);
    expect(h.ledger.isoMargin[h.ledger.slot(1, 0)]).toBe(5e6);
    expect(h.ledger.wallet[1]).toBe(9.5e7);
    // Sell 40 @ 1,010,000: realized 40*10,000 = 400,000 into the bucket (5.4e6), release 40 % = 2,160,000.
    h.applyFill(1, 0, -1, 40, 1_010_000, 0);
    h.applyFill(2, 0, 1, 40, 1_010_000, 0);
    expect(h.ledger.isoMargin[h.ledger.slot(1, 0)]).toBe(3_240_000);
    h.applyFill(1, 0, -1, 60, 990_000, 0); // realized -600,000
    h.applyFill(2, 0, 1, 60, 990_000, 0);
    expect(h.ledger.isoMargin[h.ledger.slot(1, 0)]).toBe(0);
    expect(h.ledger.wallet[1]).toBe(1e8 - 200_000);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });

});

describe('funding', () => {
  it('payers pay the rounded-up amount, receivers get the rounded-down one, the residue goes to rounding', () => {
    const h = makeHouse();
    for (const a of [1, 2, 3, 4]) h.deposit(a, 1e9);
    h.applyFill(1, 0, 1, 7, 1_000_003, 0);
    h.applyFill(2, 0, 1, 5, 1_000_003, 0);
    h.applyFill(3, 0, -1, 9, 1_000_003, 0);
    h.applyFill(4, 0, -1, 3, 1_000_003, 0);
    h.setMark(0, 1_000_003);
    const before = [1, 2, 3, 4].map((a) => h.ledger.wallet[a] as number);
    const r = h.settleFunding(0, 0.0001, funding());
    // Rule of instruments/funding.ts: flow = floor(-pos * mark * q * rate).
    // Long 1: floor(-700.0021) = -701; long 2: floor(-500.0015) = -501; paid 1,202.
    // Short 3: floor(900.0027) = 900; short 4: floor(300.0009) = 300; residue 1,202 - 1,200 = 2.
    const after = [1, 2, 3, 4].map((a) => h.ledger.wallet[a] as number);
    expect(after.map((v, i) => v - (before[i] as number))).toEqual([-701, -501, 900, 300]);
    expect(r).toEqual({ paidByLongsUnits: 1202, roundingUnits: 2, openInterestLots: 12 });
    expect(h.ledger.system[SystemAccount.Rounding]).toBe(2);
    // Negative rate: shorts pay.
    const r2 = h.settleFunding(0, -0.0001, funding());
    expect(r2.paidByLongsUnits).toBeLessThan(0);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });
});
