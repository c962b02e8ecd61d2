/**
 * Spot balances of one venue: per account a base position (lots) and quote cash (quote units)
 * per spot instrument. v1 has no margin or balance checks on spot: an account may go short the
 * base or negative in cash (think of it as an unlimited credit line); this ledger is separate
 * from the perp clearing wallets, so spot trading never affects perp margin. Each fill moves the
 * exact notional between the parties and each fee to the venue's fee balance, so
 * sum(cash) + feesUnits = 0 and sum(base) = 0 per instrument at all times.
 */
import { assertMoney } from '../../model/units.js';

export class SpotLedger {
  /** [account * n + instrument] */
  private base = new Float64Array(0);
  private cash = new Float64Array(0);
  private accounts = 0;
  /** Fees collected by the venue on spot (quote units). */
  feesUnits = 0;

  constructor(private readonly n: number) {}

  /** Largest account id seen + 1. */
  get accountCount(): number {
    return this.accounts;
  }

  basePosition(acct: number, inst: number): number {
    return acct < this.accounts ? (this.base[acct * this.n + inst] as number) : 0;
  }

  cashUnits(acct: number, inst: number): number {
    return acct < this.accounts ? (this.cash[acct * this.n + inst] as number) : 0;
  }

  /** Books a fill: `acct` trades `side * lots` at total `notionalUnits`, paying `feeUnits`. */
  apply(acct: number, inst: number, side: number, lots: number, notionalUnits: number, fee: number): void {
    this.ensure(acct);
    const i = acct * this.n + inst;
    this.base[i] = (this.base[i] as number) + side * lots;
    this.cash[i] = assertMoney((this.cash[i] as number) - side * notionalUnits - fee, 'spot cash');
    this.feesUnits = assertMoney(this.feesUnits + fee, 'spot fees');
  }

  /** Sum of all cash plus fees (0 when conserved). */
  totalUnits(): number {
    let s = this.feesUnits;
    for (let k = 0; k < this.accounts * this.n; k++) s += this.cash[k] as number;
    return s;
  }

  private ensure(acct: number): void {
    if (acct < this.accounts) return;
    if (acct < this.base.length / this.n) {
      this.accounts = acct + 1;
      return;
    }
    const cap = Math.max(acct + 1, this.accounts * 2, 16);
    const b = new Float64Array(cap * this.n);
    b.set(this.base);
    const c = new Float64Array(cap * this.n);
    c.set(this.cash);
    this.base = b;
    this.cash = c;
    this.accounts = acct + 1;
  }
}
