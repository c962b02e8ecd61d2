/**
 * Funding settlement with an exact zero sum. With rate r (fraction per interval, longs pay when
 * r > 0) and mark M (ticks): each payer pays ceil(|pos| * M * q * |r|) quote units; the total T is
 * shared among receivers as floor(T * |pos| / OI) (OI = total lots of either side); the residue
 * T - sum(received) >= 0 stays in the rounding account. Isolated positions pay and receive in
 * their margin bucket. The liquidation engine's account takes part like any other (the house then
 * sweeps it to the insurance fund).
 */
import { assertFinite, assertMoney } from '../../model/units.js';
import type { InstrumentId } from '../../model/ids.js';
import { SystemAccount, type Ledger } from './ledger.js';
import type { FundingResult } from './types.js';

/** floor(a * b / c) for non-negative safe integers, exact even when a * b exceeds 2^53. */
export function mulDivFloor(a: number, b: number, c: number): number {
  const prod = a * b;
  if (Number.isSafeInteger(prod)) return Math.floor(prod / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** Settles one funding interval for `inst`; writes into and returns `out`. */
export function settleFunding(ledger: Ledger, inst: InstrumentId, rate: number, markTicks: number, out: FundingResult): FundingResult {
  assertFinite(rate, 'funding rate');
  assertFinite(markTicks, 'mark');
  const q = ledger.quotePerTickLot[inst] as number;
  const payerSign = rate > 0 ? 1 : -1;
  const absRate = Math.abs(rate);
  let total = 0;
  let oi = 0;
  const n = ledger.accountCount;
  if (rate !== 0) {
    for (let a = 0; a < n; a++) {
      const p = ledger.position(a, inst);
      if (p === 0 || Math.sign(p) !== payerSign) continue;
      const pay = assertMoney(Math.ceil(Math.abs(p) * markTicks * q * absRate), 'funding payment');
      ledger.toSystem(a, inst, SystemAccount.Rounding, pay);
      total += pay;
      oi += Math.abs(p);
    }
  } else {
    oi = ledger.openLots(inst, 1);
  }
  let paidOut = 0;
  if (total > 0) {
    for (let a = 0; a < n; a++) {
      const p = ledger.position(a, inst);
      if (p === 0 || Math.sign(p) === payerSign) continue;
      const get = mulDivFloor(total, Math.abs(p), oi);
      ledger.toSystem(a, inst, SystemAccount.Rounding, -get);
      paidOut += get;
    }
  }
  const residue = total - paidOut;
  if (residue < 0) throw new Error('funding paid out more than collected');
  out.paidByLongsUnits = assertMoney(payerSign * total);
  out.roundingUnits = residue;
  out.openInterestLots = oi;
  return out;
}
