/**
 * Funding settlement on the ledger, with the payment rule of src/instruments/funding.ts
 * (`fundingPayments`, the single source of truth): each account's cash flow is
 * floor(-position * mark * q * rate) quote units (longs pay when rate > 0), so payers pay the
 * rounded-up amount and receivers get the rounded-down one; the residue (>= 0) goes to the
 * rounding account and the flows plus the residue sum to zero exactly. The mark is rounded to an
 * integer tick first. Isolated positions pay and receive in their margin bucket. The liquidation
 * engine's account takes part like any other (the house then sweeps it to the insurance fund).
 *
 * Inverse contracts (contract.ts) pay in the coin on the coin notional, as on BitMEX, Binance
 * COIN-M and Deribit (crypto-mechanics.md §1.4 "payment (inverse) = side x contracts_usd / Mark x F"):
 * flow = floor(-position * K / mark * rate) settlement units, same rounding rule and residue.
 */
import { fundingPayments } from '../../instruments/funding.js';
import { assertFinite, assertMoney } from '../../model/units.js';
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
  const residue = ledger.isInverse(inst)
    ? inverseFundingPayments(pos, Math.round(markTicks), rate, ledger.scale[inst] as number, flows)
    : fundingPayments(pos, Math.round(markTicks), rate, ledger.quotePerTickLot[inst] as number, flows);
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

/**
 * Inverse funding flows: out[i] = floor(-lots_i * K / markTicks * rate) settlement units (longs pay
 * when rate > 0; payers round up, receivers down). Returns the residue (>= 0): sum(out) + residue = 0.
 */
export function inverseFundingPayments(positionsLots: ArrayLike<number>, markTicks: number, rate: number, scale: number, out: { length: number; [i: number]: number }): number {
  if (!(markTicks > 0)) throw new RangeError(`inverse funding needs a positive mark, got ${markTicks}`);
  let net = 0;
  let sum = 0;
  for (let i = 0; i < positionsLots.length; i++) {
    const lots = positionsLots[i] as number;
    net += lots;
    const pay = assertMoney(Math.floor((-lots * scale * rate) / markTicks) + 0, 'inverse funding payment');
    out[i] = pay;
    sum += pay;
  }
  if (net !== 0) throw new RangeError(`funding needs positions that net to zero, got ${net} lots`);
  return assertMoney(-sum + 0, 'funding residue');
}
