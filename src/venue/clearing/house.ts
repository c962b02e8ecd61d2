/**
 * ClearingHouse: the one object a venue holds for clearing. It owns the ledger, the margin
 * calculator, the liquidation trigger index, the liquidation engine and the current marks, and
 * keeps the index in step with every change. Pure and synchronous: no kernel, no book.
 *
 * Venue call sequence:
 *   open/deposit   house.openAccount(agent, mode, leverage); house.deposit(agent, units)
 *   pre-trade      house.checkOrder(agent, inst, side, lots, priceTicks, reduceOnly, reservedUnits)
 *                  -> OrderCheck.Ok | InsufficientMargin | ReduceOnlyViolation
 *   fill           house.applyFill(agent, inst, side, lots, priceTicks, feeUnits) for each party
 *                  that is not the liquidator; house.onLiquidationFill(...) for the liquidator side
 *   mark           house.setMark(inst, markTicks); n = house.triggered(inst, outAccounts)
 *                  for each account: cancel its orders, then house.liquidate(agent, inst, sink)
 *   close orders   while (house.nextLiquidationOrder(order)) { send IOC (order.side, sizeLots,
 *                  limitTicks) as the liquidator; per fill house.onLiquidationFill(order.liquidationId,
 *                  lots, priceTicks, sink); then house.onLiquidationOrderDone(id, sink) (ADL inside) }
 *   funding        house.settleFunding(inst, rate, out)
 *   settlement     house.transfer(from, to, units)
 * Units: money quote units (10^-4), lots, ticks (marks may be fractional).
 */
import type { AgentId, InstrumentId } from '../../model/ids.js';
import { assertFinite } from '../../model/units.js';
import { FundingBuffers, settleFunding } from './funding.js';
import { Ledger, SystemAccount } from './ledger.js';
import { LiquidationEngine } from './liquidation.js';
import { MarginCalc } from './margin.js';
import { TriggerIndex } from './triggerIndex.js';
import { nextStepDown, type StepDownCut } from './stepDown.js';
import { ContractKind, settlementValueUnits, tradeValueUnits } from './contract.js';
import { MarginMode, OrderCheck, type ClearingConfig, type FundingResult, type LiquidationOrder, type LiquidationSink } from './types.js';

export class ClearingHouse {
  readonly ledger: Ledger;
  readonly margin: MarginCalc;
  readonly index: TriggerIndex;
  readonly engine: LiquidationEngine;
  /** Current mark per instrument in fractional ticks (set by the venue). */
  readonly marks: Float64Array;
  readonly liquidatorAccount: AgentId;
  /** Cross accounts with positions in 2+ instruments: re-keyed on every mark change. */
  private multi: AgentId[] = [];
  private multiPos = new Int32Array(0);
  /**
   * A mark moved since the multi-position accounts were last re-keyed: they are re-keyed once,
   * at the next `triggered` (the venue sets every mark, then asks for triggers), rather than once
   * per `setMark`; the keys they get are the same (a pure function of the ledger and the marks).
   */
  private multiStale = false;
  /**
   * For each multi-position account of a linear house, at its last re-key: the slack
   * equity - MM, the wallet and the marks (row acct * nInstruments). A re-key after marks moved
   * is skipped while the largest change those moves can make to equity - MM,
   * sum_j |pos_j| q_j (1 + max mmr_j) |dM_j|, stays below the slack: the account cannot be
   * liquidatable, so it leaves the trigger index (its keys would be stale) until a re-key puts it
   * back. `triggered` thus returns what re-keying every account on every mark would return (the
   * property test checks it against a brute-force scan), at O(instruments) per far account.
   */
  private slack = new Float64Array(0);
  private slackWallet = new Float64Array(0);
  private slackMarks = new Float64Array(0);
  /** 1 while a far account's entries are out of the trigger index (cleared by reindex). */
  private unkeyed = new Uint8Array(0);
  /** Per instrument, |equity - MM| change per tick of mark per lot held: q (1 + max mmr). */
  private readonly slackRate: Float64Array;
  /** Only linear houses skip (an inverse contract's value is not linear in the mark). */
  private readonly canSkipRekey: boolean;
  /** Partial liquidation down the brackets (LiquidationParams.stepDown) and its scratch cut. */
  private readonly stepDown: boolean;
  private readonly cut: StepDownCut = { inst: 0, lots: 0, bracket: 0, releasedMm: 0 };
  private readonly fundingBuffers = new FundingBuffers();
  /** 1 once a dated future has been settled at expiry (no more orders). */
  readonly expired: Uint8Array;

  constructor(cfg: ClearingConfig) {
    if (cfg.instruments.length === 0) throw new RangeError('a clearing house needs at least one instrument');
    cfg.instruments.forEach((ins, i) => {
      if (ins.instrumentId !== i) throw new RangeError(`instrument ${i} has id ${ins.instrumentId}: ids must be dense 0..n-1`);
    });
    cfg.instruments.forEach((ins, i) => {
      const inverse = ins.contract === ContractKind.Inverse;
      if (inverse !== (ins.inverseScale !== undefined && ins.inverseScale > 0)) throw new RangeError(`instrument ${i}: an inverse contract needs inverseScale > 0, and only an inverse one has it`);
      if (i > 0 && inverse !== (cfg.instruments[0]?.contract === ContractKind.Inverse)) throw new RangeError('one clearing house settles in one currency: all its instruments are linear or all inverse');
    });
    this.ledger = new Ledger(cfg.instruments.map((i) => i.quotePerTickLot), cfg.initialAccounts ?? 16, cfg.instruments.map((i) => i.inverseScale ?? 0));
    this.expired = new Uint8Array(cfg.instruments.length);
    this.margin = new MarginCalc(this.ledger, cfg.instruments, cfg.maintenanceValuation === 'entry');
    this.index = new TriggerIndex(cfg.instruments.length);
    this.marks = new Float64Array(cfg.instruments.length);
    this.liquidatorAccount = cfg.liquidatorAccount;
    this.engine = new LiquidationEngine(this.ledger, this.margin, cfg.liquidation, cfg.liquidatorAccount, (a) => this.reindex(a));
    this.ledger.fundSystem(SystemAccount.Insurance, cfg.insuranceFundUnits);
    this.slackRate = Float64Array.from(cfg.instruments, (ins) => ins.quotePerTickLot * (1 + Math.max(0, ...ins.brackets.map((b) => b.mmr))));
    this.canSkipRekey = cfg.instruments.every((ins) => ins.contract !== ContractKind.Inverse);
    this.stepDown = cfg.liquidation.stepDown === true;
  }

  /** Creates (or re-configures, while flat) an account. */
  openAccount(acct: AgentId, mode: MarginMode = MarginMode.Cross, leverage?: number): void {
    this.ledger.setMode(acct, mode);
    if (leverage !== undefined) this.ledger.setLeverage(acct, leverage);
  }

  /** Adds initial collateral (the only way new money enters). */
  deposit(acct: AgentId, units: number): void {
    this.ledger.deposit(acct, units);
    this.reindex(acct);
  }

  /** Wallet-to-wallet transfer (option premiums and settlements). */
  transfer(from: AgentId, to: AgentId, units: number): void {
    this.ledger.transfer(from, to, units);
    this.reindex(from);
    this.reindex(to);
  }

  /** Pre-trade initial-margin and reduce-only check at the current marks. */
  checkOrder(acct: AgentId, inst: InstrumentId, side: number, lots: number, priceTicks: number, reduceOnly = false, reservedUnits = 0, feeUnits = 0): OrderCheck {
    if (this.expired[inst] === 1) return OrderCheck.Expired;
    return this.margin.checkOrder(acct, inst, side, lots, priceTicks, this.marks, reduceOnly, reservedUnits, feeUnits);
  }

  /**
   * Expiry of dated future `inst` at `settleTicks` (the venue's TWAP of the index over the
   * settlement window, rounded to a tick): every open position, the liquidation engine's
   * included, is closed at the settlement price, its PnL realized into the wallet (or isolated
   * bucket, then released). Linear values are exact; inverse ones are rounded against each
   * holder and the residue goes to `Rounding`, so money is conserved exactly. Flat accounts left
   * negative are covered by the fund (then socialized). No orders are accepted afterwards. The
   * venue cancels resting orders in `inst` first. Returns the number of positions settled.
   */
  settleExpiry(inst: InstrumentId, settleTicks: number, sink: LiquidationSink): number {
    if (!(Number.isSafeInteger(settleTicks) && settleTicks > 0)) throw new RangeError(`settlement price must be a positive integer tick, got ${settleTicks}`);
    if (this.expired[inst] === 1) throw new Error(`instrument ${inst} already expired`);
    const L = this.ledger;
    const kind = L.kind[inst] as ContractKind;
    const scale = L.scale[inst] as number;
    this.marks[inst] = settleTicks;
    let booked = 0;
    let settled = 0;
    for (let a = 0; a < L.accountCount; a++) {
      if (a === this.liquidatorAccount) continue;
      const p = L.position(a, inst);
      if (p === 0) continue;
      const value = settlementValueUnits(kind, scale, p, settleTicks);
      L.trade(a, inst, -p, value);
      booked += value;
      settled++;
    }
    booked += this.engine.settleExpiry(inst, settleTicks, this.marks, sink);
    if (booked !== 0) L.creditResidue(SystemAccount.Rounding, booked);
    this.expired[inst] = 1;
    for (let a = 0; a < L.accountCount; a++) {
      if (a === this.liquidatorAccount) continue;
      this.coverNegative(a, inst, sink);
      this.reindex(a);
    }
    return settled;
  }

  /** Initial margin an order of `lots` at `priceTicks` needs (for the venue's open-order reservations). */
  orderMargin(acct: AgentId, inst: InstrumentId, lots: number, priceTicks: number): number {
    this.ledger.ensure(acct);
    return this.margin.initialFor(acct, inst, lots, priceTicks);
  }

  /** Applies one party's fill (not the liquidator's: use onLiquidationFill). Returns realized PnL. */
  applyFill(acct: AgentId, inst: InstrumentId, side: number, lots: number, priceTicks: number, feeUnits: number): number {
    if (acct === this.liquidatorAccount) throw new Error('liquidator fills go through onLiquidationFill');
    const alloc = this.margin.isolatedAllocation(acct, inst, side, lots, priceTicks, feeUnits);
    const r = this.ledger.applyFill(acct, inst, side, lots, priceTicks, feeUnits, alloc);
    this.reindex(acct);
    return r;
  }

  /**
   * A position held from t = 0 (world build, no fill and no fee): `acct` gets `signedLots` at
   * `priceTicks` and `counterparty` the opposite, as one trade would give them (isolated
   * accounts move their initial margin into the position's bucket).
   */
  bookInitialPosition(acct: AgentId, counterparty: AgentId, inst: InstrumentId, signedLots: number, priceTicks: number): void {
    if (acct === counterparty || acct === this.liquidatorAccount || counterparty === this.liquidatorAccount) throw new Error(`initial position ${acct} vs ${counterparty}: two distinct non-liquidator accounts needed`);
    const side = Math.sign(signedLots);
    const lots = Math.abs(signedLots);
    if (lots === 0) return;
    // The exact value of the trade (linear lots * P * q; inverse -K lots / P, as a fill's).
    const value = tradeValueUnits(this.ledger.kind[inst] as ContractKind, this.ledger.scale[inst] as number, signedLots, priceTicks);
    this.ledger.trade(acct, inst, signedLots, value, NaN, this.margin.isolatedAllocation(acct, inst, side, lots, priceTicks, 0));
    this.ledger.trade(counterparty, inst, -signedLots, -value, NaN, this.margin.isolatedAllocation(counterparty, inst, -side, lots, priceTicks, 0));
    this.reindex(acct);
    this.reindex(counterparty);
  }

  /** Sets the mark of `inst` (fractional ticks) and re-keys multi-instrument cross accounts. */
  setMark(inst: InstrumentId, markTicks: number): void {
    assertFinite(markTicks, 'mark');
    this.marks[inst] = markTicks;
    this.engine.unstall();
    if (this.multi.length > 0) this.multiStale = true;
  }

  /**
   * Accounts whose liquidation price in `inst` the current mark has crossed, in deterministic
   * order (see TriggerIndex). The venue then calls `liquidate` for each (which re-checks exactly).
   */
  triggered(inst: InstrumentId, out: Int32Array): number {
    if (this.multiStale) {
      this.multiStale = false;
      // reindex may drop an account from `multi` (swap-remove): walk it from the end.
      for (let i = this.multi.length - 1; i >= 0; i--) {
        const a = this.multi[i] as AgentId;
        if (!this.farFromLiquidation(a)) this.reindex(a);
        else if (this.unkeyed[a] === 0) {
          for (let j = 0; j < this.ledger.nInstruments; j++) this.index.update(a, j, 0, NaN);
          this.unkeyed[a] = 1;
        }
      }
    }
    return this.index.triggered(inst, this.marks[inst] as number, out);
  }

  isLiquidatable(acct: AgentId, inst: InstrumentId): boolean {
    return acct !== this.liquidatorAccount && this.margin.isLiquidatable(acct, inst, this.marks);
  }

  /**
   * Exact check then takeover (cross: all positions; isolated: the one in `inst`). Returns the
   * number of liquidations started (0: not liquidatable, the account is re-indexed).
   */
  liquidate(acct: AgentId, inst: InstrumentId, sink: LiquidationSink): number {
    if (!this.isLiquidatable(acct, inst)) {
      this.reindex(acct);
      return 0;
    }
    let started = 0;
    if (this.stepDown) {
      // Down the brackets first (stepDown.ts); stop as soon as the account is healthy again.
      const cut = this.cut;
      while (nextStepDown(this.ledger, this.margin, acct, inst, this.marks, cut)) {
        this.engine.startPartial(acct, cut.inst, cut.lots, this.marks, sink);
        started++;
        if (!this.isLiquidatable(acct, inst)) {
          this.reindex(acct);
          return started;
        }
      }
    }
    return started + this.engine.start(acct, inst, this.marks, sink);
  }

  nextLiquidationOrder(out: LiquidationOrder): boolean {
    return this.engine.nextOrder(out);
  }

  onLiquidationFill(liquidationId: number, lots: number, priceTicks: number, sink: LiquidationSink): void {
    this.engine.onFill(liquidationId, lots, priceTicks, this.marks, sink);
  }

  onLiquidationOrderDone(liquidationId: number, sink: LiquidationSink): void {
    this.engine.orderDone(liquidationId, this.marks, sink);
  }

  /**
   * Covers a negative wallet from the fund (then socialized loss) for a flat account or an
   * isolated one (whose wallet is free cash). Call after fills that can leave a deficit (a close
   * far from the mark). Returns the deficit covered.
   */
  coverNegative(acct: AgentId, inst: InstrumentId, sink: LiquidationSink): number {
    return this.engine.coverNegative(acct, inst, this.marks[inst] as number, sink);
  }

  /** Settles funding for `inst` at `rate` (longs pay when > 0) and the current mark (rounded to a tick). */
  settleFunding(inst: InstrumentId, rate: number, out: FundingResult): FundingResult {
    settleFunding(this.ledger, inst, rate, this.marks[inst] as number, out, this.fundingBuffers);
    this.engine.sweepAccount();
    for (let a = 0; a < this.ledger.accountCount; a++) if (this.ledger.position(a, inst) !== 0) this.reindex(a);
    return out;
  }

  /** Total money (see Ledger.totalMoney); equals `ledger.depositedUnits` at all times. */
  totalMoney(): number {
    return this.ledger.totalMoney();
  }

  /** Re-keys every position of `acct` in the trigger index and tracks multi-position cross accounts. */
  reindex(acct: AgentId): void {
    if (acct === this.liquidatorAccount) return;
    const L = this.ledger;
    for (let i = 0; i < L.nInstruments; i++) {
      const p = L.position(acct, i);
      this.index.update(acct, i, Math.sign(p), p === 0 ? NaN : this.margin.liquidationTicks(acct, i, this.marks));
    }
    this.trackMulti(acct);
  }

  /** True when the marks' moves since `acct`'s last re-key cannot have made it liquidatable (see `slack`). */
  private farFromLiquidation(acct: AgentId): boolean {
    if (!this.canSkipRekey) return false;
    const s = this.slack[acct] as number;
    if (!(s > 0) || this.ledger.wallet[acct] !== this.slackWallet[acct]) return false;
    const n = this.ledger.nInstruments;
    let bound = 0;
    for (let j = 0; j < n; j++) {
      const p = this.ledger.position(acct, j);
      if (p !== 0) bound += Math.abs(p) * (this.slackRate[j] as number) * Math.abs((this.marks[j] as number) - (this.slackMarks[acct * n + j] as number));
    }
    // Margin for float rounding in equity and MM (relative 1e-9, and one unit).
    return bound < s * (1 - 1e-9) - 1;
  }

  /** Records the slack of a multi-position account at the current marks (after its re-key). */
  private recordSlack(acct: AgentId): void {
    const n = this.ledger.nInstruments;
    if (this.slack.length <= acct) {
      const cap = Math.max(acct + 1, this.slack.length * 2);
      const grow = (a: Float64Array, k: number): Float64Array<ArrayBuffer> => {
        const b = new Float64Array(k);
        b.set(a);
        return b;
      };
      this.slack = grow(this.slack, cap);
      this.slackWallet = grow(this.slackWallet, cap);
      this.slackMarks = grow(this.slackMarks, cap * n);
      const u = new Uint8Array(cap);
      u.set(this.unkeyed);
      this.unkeyed = u;
    }
    this.unkeyed[acct] = 0;
    this.slack[acct] = this.margin.equity(acct, this.marks) - this.margin.maintenance(acct, this.marks);
    this.slackWallet[acct] = this.ledger.wallet[acct] as number;
    for (let j = 0; j < n; j++) this.slackMarks[acct * n + j] = this.marks[j] as number;
  }

  private trackMulti(acct: AgentId): void {
    const L = this.ledger;
    if (L.nInstruments < 2) return;
    if (this.multiPos.length <= acct) {
      const n = new Int32Array(Math.max(acct + 1, this.multiPos.length * 2));
      n.set(this.multiPos);
      this.multiPos = n;
    }
    const want = !this.margin.isIsolated(acct) && (L.openPositions[acct] as number) >= 2;
    if (want && this.canSkipRekey) this.recordSlack(acct);
    const at = (this.multiPos[acct] as number) - 1;
    if (want && at < 0) {
      this.multi.push(acct);
      this.multiPos[acct] = this.multi.length;
    } else if (!want && at >= 0) {
      const last = this.multi.pop() as AgentId;
      if (last !== acct) {
        this.multi[at] = last;
        this.multiPos[last] = at + 1;
      }
      this.multiPos[acct] = 0;
    }
  }
}
