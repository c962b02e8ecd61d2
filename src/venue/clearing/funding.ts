/**
 * Funding settlement on the ledger, with the payment rule of src/instruments/funding.ts
 * (`fundingPayments`, the single source of truth): each account's cash flow is
 * floor(-position * mark * q * rate) quote units (longs pay when rate > 0), so payers pay the
 * rounded-up amount and receivers get the rounded-down one; the residue (>= 0) goes to the
 * rounding account and the flows plus the residue sum to zero exactly. The mark is rounded to an
 * integer tick first. Isolated positions pay and receive in their margin bucket. The liquidation
 * engine's account takes part like any other (the house then sweeps it to the insurance fund).
 */
import { fundingPayments } from '../../instruments/funding.js';
import { assertFinite } from '../../model/units.js';
import type { InstrumentId } from '../../model/ids.js';
import { SystemAccount, type Ledger } from './ledger.js';
import type { FundingResult } from './types.js';

/** Reusable buffers for {@link settleFunding} (one per clearing house; no module state). */
export class FundingBuffers {
  positions = new Float64Array(0);
  flows = new Float64Array(0);
  ensure(n: number): void {
    if (this.positions.length >= n) return;
    this.positions = new Float64Array(n);
    this.flows = new Float64Array(n);
  }
}

/** Settles one funding interval for `inst` at `rate` and `markTicks`; writes into and returns `out`. */
export function settleFunding(ledger: Ledger, inst: InstrumentId, rate: number, markTicks: number, out: FundingResult, buf: FundingBuffers = new FundingBuffers()): FundingResult {
  assertFinite(rate, 'funding rate');
  assertFinite(markTicks, 'mark');
  const n = ledger.accountCount;
  buf.ensure(n);
  const pos = buf.positions.subarray(0, n);
  const flows = buf.flows.subarray(0, n);
  for (let a = 0; a < n; a++) pos[a] = ledger.position(a, inst);
  const residue = fundingPayments(pos, Math.round(markTicks), rate, ledger.quotePerTickLot[inst] as number, flows);
  let paidByLongs = 0;
  let oi = 0;
  for (let a = 0; a < n; a++) {
    const f = flows[a] as number;
    const p = pos[a] as number;
    if (p > 0) {
      paidByLongs -= f;
      oi += p;
    }
    if (f !== 0) ledger.toSystem(a, inst, SystemAccount.Rounding, -f);
  }
  out.paidByLongsUnits = paidByLongs;
  out.roundingUnits = residue;
  out.openInterestLots = oi;
  return out;
}
