/**
 * The clearing ledger of one venue: accounts by agent id (dense ints) with wallet collateral,
 * per-instrument signed positions with an exact integer cost basis, isolated margin buckets,
 * realized PnL and fees; plus the system balances (venue fees, insurance fund, rounding residue,
 * socialized loss). Every money movement is balanced and checked with `assertMoney`.
 *
 * Units: money in integer units of the house's settlement currency (10^-4 quote currency; 10^-8
 * coin for inverse contracts), positions in signed lots. An inverse instrument's trade value is
 * d * u(P) with u(P) = -K / P rounded per fill (contract.ts), so everything below holds for it too.
 * Cost basis: signed, `cost = sum(signed lots * price ticks * quotePerTickLot)` of the open lots,
 * so uPnL(mark) = pos * mark * q - cost and entry = cost / (pos * q). On a reduction the removed
 * cost is the proportional share rounded to an integer (the remainder stays with the open lots,
 * all of it leaves with the last lot), so every quantity stays an exact integer.
 *
 * Conservation: a trade of signed lots d at value v (= d * P * q) changes
 * (collateral - cost) of the account by exactly -v and of its counterparty by +v. Hence
 * totalMoney() = sum(wallets + isolated buckets) + system balances - sum(cost bases) is changed
 * only by deposits. (Because open lots net to zero per instrument, -sum(cost) equals the total
 * unrealized PnL at any common price: totalMoney is "all money plus all open PnL".)
 */
import { assertMoney, assertInt } from '../../model/units.js';
import type { AgentId, InstrumentId } from '../../model/ids.js';
import { MarginMode } from './types.js';
import { DEFAULT_ACCOUNT_LEVERAGE } from './defaults.js';
import { ContractKind, tradeValueUnits } from './contract.js';

/** System balances kept by the ledger (indices into {@link Ledger.system}). */
export const SystemAccount = { Fees: 0, Insurance: 1, Rounding: 2, Socialized: 3 } as const;
export type SystemAccount = (typeof SystemAccount)[keyof typeof SystemAccount];

/** Signed-lot direction of a value: -1, 0, 1. */
const sgn = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

export class Ledger {
  readonly nInstruments: number;
  /** Integer quote units per tick*lot, per instrument (linear instruments). */
  readonly quotePerTickLot: Float64Array;
  /** Contract kind per instrument (contract.ts). */
  readonly kind: Uint8Array;
  /** Per-lot value scale per instrument: q (linear) or K (inverse), see contract.ts `lotValue`. */
  readonly scale: Float64Array;
  /** Fees, insurance fund, rounding, socialized (<= 0: the uncovered deficit as a debt). */
  readonly system = new Float64Array(4);
  private capacity = 0;
  private nAccounts = 0;
  /** Wallet collateral per account. */
  wallet = new Float64Array(0);
  mode = new Uint8Array(0);
  leverage = new Float64Array(0);
  realizedPnl = new Float64Array(0);
  feesPaid = new Float64Array(0);
  /** Number of instruments with a nonzero position, per account. */
  openPositions = new Int32Array(0);
  /** [account * nInstruments + instrument] */
  pos = new Float64Array(0);
  cost = new Float64Array(0);
  isoMargin = new Float64Array(0);
  /** Sum of all deposits and initial system funding (what totalMoney must equal). */
  depositedUnits = 0;
  /** Deposits per account (the `balances` table's `deposited_units`: who brought which money in). */
  deposits = new Float64Array(0);
  /** Initial funding per system balance (the insurance fund's starting balance). */
  readonly systemDeposits = new Float64Array(4);

  /** `inverseScale[i]` > 0 makes instrument i inverse with that K (contract.ts); 0 or absent: linear. */
  constructor(quotePerTickLot: readonly number[], initialAccounts = 16, inverseScale: readonly number[] = []) {
    this.nInstruments = quotePerTickLot.length;
    this.quotePerTickLot = Float64Array.from(quotePerTickLot, (q) => assertInt(q, 'quotePerTickLot'));
    this.kind = Uint8Array.from(quotePerTickLot, (_, i) => ((inverseScale[i] ?? 0) > 0 ? ContractKind.Inverse : ContractKind.Linear));
    this.scale = Float64Array.from(quotePerTickLot, (q, i) => ((inverseScale[i] ?? 0) > 0 ? (inverseScale[i] as number) : q));
    this.grow(Math.max(1, initialAccounts));
  }

  /** Number of account slots in use (max account id + 1). */
  get accountCount(): number {
    return this.nAccounts;
  }

  /** Makes sure `acct` has storage (accounts are dense agent ids). */
  ensure(acct: AgentId): void {
    if (!(Number.isInteger(acct) && acct >= 0)) throw new RangeError(`account id must be a non-negative integer, got ${acct}`);
    if (acct >= this.capacity) this.grow(Math.max(acct + 1, this.capacity * 2));
    if (acct >= this.nAccounts) {
      for (let a = this.nAccounts; a <= acct; a++) this.leverage[a] = DEFAULT_ACCOUNT_LEVERAGE;
      this.nAccounts = acct + 1;
    }
  }

  private grow(cap: number): void {
    const n = this.nInstruments;
    const f = <T extends Float64Array | Uint8Array | Int32Array>(old: T, make: (k: number) => T, k: number): T => {
      const next = make(k);
      next.set(old);
      return next;
    };
    this.wallet = f(this.wallet, (k) => new Float64Array(k), cap);
    this.mode = f(this.mode, (k) => new Uint8Array(k), cap);
    this.leverage = f(this.leverage, (k) => new Float64Array(k), cap);
    this.realizedPnl = f(this.realizedPnl, (k) => new Float64Array(k), cap);
    this.feesPaid = f(this.feesPaid, (k) => new Float64Array(k), cap);
    this.deposits = f(this.deposits, (k) => new Float64Array(k), cap);
    this.openPositions = f(this.openPositions, (k) => new Int32Array(k), cap);
    this.pos = f(this.pos, (k) => new Float64Array(k), cap * n);
    this.cost = f(this.cost, (k) => new Float64Array(k), cap * n);
    this.isoMargin = f(this.isoMargin, (k) => new Float64Array(k), cap * n);
    this.capacity = cap;
  }

  slot(acct: AgentId, inst: InstrumentId): number {
    return acct * this.nInstruments + inst;
  }

  position(acct: AgentId, inst: InstrumentId): number {
    return acct < this.nAccounts ? (this.pos[acct * this.nInstruments + inst] as number) : 0;
  }

  costBasis(acct: AgentId, inst: InstrumentId): number {
    return acct < this.nAccounts ? (this.cost[acct * this.nInstruments + inst] as number) : 0;
  }

  /** True when `inst` is an inverse (coin-settled) contract. */
  isInverse(inst: InstrumentId): boolean {
    return this.kind[inst] === ContractKind.Inverse;
  }

  /**
   * Average entry price in fractional ticks (NaN when flat): C / (pos q) for linear, and for
   * inverse -pos K / C, the contract-weighted harmonic mean of the fill prices (Bybit "How to
   * Calculate Average Entry Price").
   */
  entryTicks(acct: AgentId, inst: InstrumentId): number {
    const p = this.position(acct, inst);
    if (p === 0) return NaN;
    if (this.isInverse(inst)) return (-p * (this.scale[inst] as number)) / this.costBasis(acct, inst);
    return this.costBasis(acct, inst) / (p * (this.quotePerTickLot[inst] as number));
  }

  /** Sets the margin mode; only while the account has no open position. */
  setMode(acct: AgentId, mode: MarginMode): void {
    this.ensure(acct);
    if ((this.openPositions[acct] as number) !== 0 && this.mode[acct] !== mode) throw new Error(`account ${acct}: cannot change margin mode with open positions`);
    this.mode[acct] = mode;
  }

  setLeverage(acct: AgentId, leverage: number): void {
    if (!(Number.isFinite(leverage) && leverage >= 1)) throw new RangeError(`leverage must be >= 1, got ${leverage}`);
    this.ensure(acct);
    this.leverage[acct] = leverage;
  }

  /** Adds new money to an account's wallet (the only operation that changes totalMoney). */
  deposit(acct: AgentId, units: number): void {
    assertMoney(units, 'deposit');
    if (units < 0) throw new RangeError('deposit must be >= 0');
    this.ensure(acct);
    this.wallet[acct] = assertMoney((this.wallet[acct] as number) + units, 'wallet');
    this.deposits[acct] = assertMoney((this.deposits[acct] as number) + units, 'deposits');
    this.depositedUnits = assertMoney(this.depositedUnits + units);
  }

  /** Adds new money to a system balance (initial insurance fund). */
  fundSystem(sys: SystemAccount, units: number): void {
    assertMoney(units, 'fund');
    this.system[sys] = assertMoney((this.system[sys] as number) + units);
    this.systemDeposits[sys] = assertMoney((this.systemDeposits[sys] as number) + units);
    this.depositedUnits = assertMoney(this.depositedUnits + units);
  }

  /** Moves `units` from one account's wallet to another's (settlements, premiums). May go negative. */
  transfer(from: AgentId, to: AgentId, units: number): void {
    assertMoney(units, 'transfer');
    this.ensure(from);
    this.ensure(to);
    this.wallet[from] = assertMoney((this.wallet[from] as number) - units);
    this.wallet[to] = assertMoney((this.wallet[to] as number) + units);
  }

  /**
   * Moves `units` from an account to a system balance (negative: the system pays the account).
   * With `inst >= 0` and an isolated account, the position's margin bucket is used.
   */
  toSystem(acct: AgentId, inst: InstrumentId | -1, sys: SystemAccount, units: number): void {
    assertMoney(units, 'system transfer');
    this.credit(acct, inst, -units);
    this.system[sys] = assertMoney((this.system[sys] as number) + units);
  }

  /**
   * Credits a system balance with the residue of a set of trades that together moved
   * `-units` out of the accounts (expiry settlement rounding): balanced, so not a deposit.
   */
  creditResidue(sys: SystemAccount, units: number): void {
    assertMoney(units, 'residue');
    this.system[sys] = assertMoney((this.system[sys] as number) + units);
  }

  /** Moves `units` between system balances. */
  systemTransfer(from: SystemAccount, to: SystemAccount, units: number): void {
    assertMoney(units, 'system transfer');
    this.system[from] = assertMoney((this.system[from] as number) - units);
    this.system[to] = assertMoney((this.system[to] as number) + units);
  }

  /** Money an account's instrument-level PnL lands in: the isolated bucket or the wallet. */
  private credit(acct: AgentId, inst: InstrumentId | -1, units: number): void {
    this.ensure(acct);
    if (inst >= 0 && this.mode[acct] === MarginMode.Isolated) {
      const k = acct * this.nInstruments + inst;
      this.isoMargin[k] = assertMoney((this.isoMargin[k] as number) + units);
    } else {
      this.wallet[acct] = assertMoney((this.wallet[acct] as number) + units);
    }
  }

  /**
   * A fill: `side` (+1 buy, -1 sell) `lots` at integer `priceTicks`, paying `feeUnits`
   * (negative = rebate) to the venue's fee balance. Realizes PnL on the reduced part. For
   * isolated accounts, the initial margin of added notional moves from the wallet into the
   * position's bucket (`allocateUnits`, computed by the caller) and a reduction releases the
   * bucket pro rata (all of it when flat). Returns the realized PnL.
   */
  applyFill(acct: AgentId, inst: InstrumentId, side: number, lots: number, priceTicks: number, feeUnits: number, allocateUnits = 0): number {
    assertInt(lots, 'lots');
    assertInt(priceTicks, 'priceTicks');
    if (lots <= 0 || (side !== 1 && side !== -1)) throw new RangeError(`bad fill side ${side} lots ${lots}`);
    const value = this.kind[inst] === ContractKind.Inverse
      ? tradeValueUnits(ContractKind.Inverse, this.scale[inst] as number, side * lots, priceTicks)
      : assertMoney(side * lots * priceTicks * (this.quotePerTickLot[inst] as number), 'fill value');
    const realized = this.trade(acct, inst, side * lots, value, NaN, allocateUnits);
    this.toSystem(acct, -1, SystemAccount.Fees, feeUnits);
    this.feesPaid[acct] = assertMoney((this.feesPaid[acct] as number) + feeUnits);
    return realized;
  }

  /**
   * Core position change: signed `dLots` at exact signed value `valueUnits` (buy positive).
   * `removedCost` fixes the cost basis leaving on a pure reduction (NaN: pro rata). Used by
   * fills, liquidation takeovers and ADL (which trade at exact bankruptcy values).
   */
  trade(acct: AgentId, inst: InstrumentId, dLots: number, valueUnits: number, removedCost = NaN, allocateUnits = 0): number {
    assertInt(dLots, 'dLots');
    assertMoney(valueUnits, 'value');
    this.ensure(acct);
    const k = acct * this.nInstruments + inst;
    const p = this.pos[k] as number;
    const c = this.cost[k] as number;
    const isolated = this.mode[acct] === MarginMode.Isolated;
    let realized = 0;
    if (dLots === 0) return 0;
    if (p === 0 || sgn(p) === sgn(dLots)) {
      this.pos[k] = p + dLots;
      this.cost[k] = assertMoney(c + valueUnits, 'cost');
    } else if (Math.abs(dLots) <= Math.abs(p)) {
      const removed = Math.abs(dLots) === Math.abs(p) ? c : Number.isNaN(removedCost) ? Math.round((c * Math.abs(dLots)) / Math.abs(p)) : removedCost;
      assertMoney(removed, 'removed cost');
      realized = -valueUnits - removed;
      this.pos[k] = p + dLots;
      this.cost[k] = assertMoney(c - removed, 'cost');
    } else {
      // Flip: close |p| lots, open the rest; the value splits by lots (exact for fills).
      const vClose = Math.round((valueUnits * Math.abs(p)) / Math.abs(dLots));
      realized = -vClose - c;
      this.pos[k] = p + dLots;
      this.cost[k] = assertMoney(valueUnits - vClose, 'cost');
    }
    assertMoney(realized, 'realized');
    this.realizedPnl[acct] = assertMoney((this.realizedPnl[acct] as number) + realized);
    this.credit(acct, inst, realized);
    const after = this.pos[k] as number;
    if (p === 0 && after !== 0) this.openPositions[acct] = (this.openPositions[acct] as number) + 1;
    else if (p !== 0 && after === 0) this.openPositions[acct] = (this.openPositions[acct] as number) - 1;
    if (isolated) this.rebalanceIsolated(acct, k, p, after, allocateUnits);
    return realized;
  }

  /**
   * A position change with an explicit cost-basis change (liquidation engine only): signed
   * `dLots` at exact signed value `valueUnits`, cost basis moved by `dCostUnits`; the cash
   * `dCostUnits - valueUnits` (the realized PnL) lands in the wallet, so conservation holds for
   * any split. The engine tracks each liquidation's own cost basis, so positions of several
   * liquidations netted in one account never realize phantom PnL.
   */
  bookTrade(acct: AgentId, inst: InstrumentId, dLots: number, valueUnits: number, dCostUnits: number): number {
    assertInt(dLots, 'dLots');
    assertMoney(valueUnits, 'value');
    assertMoney(dCostUnits, 'cost change');
    this.ensure(acct);
    const k = acct * this.nInstruments + inst;
    const p = this.pos[k] as number;
    const after = p + dLots;
    this.pos[k] = after;
    this.cost[k] = assertMoney((this.cost[k] as number) + dCostUnits, 'cost');
    const cash = assertMoney(dCostUnits - valueUnits, 'cash');
    this.wallet[acct] = assertMoney((this.wallet[acct] as number) + cash);
    this.realizedPnl[acct] = assertMoney((this.realizedPnl[acct] as number) + cash);
    if (p === 0 && after !== 0) this.openPositions[acct] = (this.openPositions[acct] as number) + 1;
    else if (p !== 0 && after === 0) this.openPositions[acct] = (this.openPositions[acct] as number) - 1;
    return cash;
  }

  /** Isolated bucket: release pro rata on reduction (all when flat or flipped), then allocate. */
  private rebalanceIsolated(acct: AgentId, k: number, before: number, after: number, allocateUnits: number): void {
    const bucket = this.isoMargin[k] as number;
    let release = 0;
    if (after === 0 || sgn(after) !== sgn(before)) release = bucket;
    else if (Math.abs(after) < Math.abs(before) && bucket > 0) release = Math.floor((bucket * (Math.abs(before) - Math.abs(after))) / Math.abs(before));
    const alloc = assertMoney(Math.max(0, allocateUnits), 'allocate');
    const net = release - alloc;
    this.isoMargin[k] = assertMoney(bucket - net);
    this.wallet[acct] = assertMoney((this.wallet[acct] as number) + net);
  }

  /** Moves margin between the wallet and an isolated bucket (add margin / remove margin). */
  moveIsolatedMargin(acct: AgentId, inst: InstrumentId, units: number): void {
    assertMoney(units, 'isolated margin');
    const k = this.slot(acct, inst);
    this.wallet[acct] = assertMoney((this.wallet[acct] as number) - units);
    this.isoMargin[k] = assertMoney((this.isoMargin[k] as number) + units);
  }

  /** Sum of all lots per instrument with the given sign (+1: long lots, -1: short lots). */
  openLots(inst: InstrumentId, sign: 1 | -1): number {
    let s = 0;
    for (let a = 0; a < this.nAccounts; a++) {
      const p = this.pos[a * this.nInstruments + inst] as number;
      if (sgn(p) === sign) s += Math.abs(p);
    }
    return s;
  }

  /**
   * All money plus all open PnL: wallets + isolated buckets + system balances - cost bases.
   * Equals `depositedUnits` after every operation (checked by tests and `assertConserved`).
   */
  totalMoney(): number {
    let t = 0;
    for (let a = 0; a < this.nAccounts; a++) t += this.wallet[a] as number;
    const n = this.nAccounts * this.nInstruments;
    for (let k = 0; k < n; k++) t += (this.isoMargin[k] as number) - (this.cost[k] as number);
    for (let s = 0; s < this.system.length; s++) t += this.system[s] as number;
    return assertMoney(t, 'total money');
  }

  /** Throws if money was created or destroyed (a broken invariant). */
  assertConserved(): void {
    const t = this.totalMoney();
    if (t !== this.depositedUnits) throw new Error(`money not conserved: total ${t} != deposited ${this.depositedUnits}`);
  }
}
