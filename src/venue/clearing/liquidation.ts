/**
 * Liquidation engine state machine (the venue drives it, see house.ts for the call sequence).
 *
 * Takeover (Binance/BitMEX style, crypto-mechanics.md §3.1-3.2): when an account (cross: all its
 * positions; isolated: the one position) is liquidatable, the fee min(feeRate * notional,
 * equity) goes to the insurance fund, and the positions move to the liquidator account at their
 * bankruptcy value, so the account's (or bucket's) collateral is exactly 0 afterwards. With
 * several cross positions the leftover collateral is shared pro rata to notional (exact
 * integers, the last takes the remainder); with one it is the closed-form bankruptcy price.
 *
 * Close: IOC orders in chunks of `chunkFraction`, each limited to the worst price the insurance
 * fund can still cover vs the bankruptcy value. Each fill's surplus (better than bankruptcy) goes
 * to the fund; a loss is drawn from it, and what the fund cannot pay is recorded as socialized
 * loss (a negative system balance, so money stays conserved). Lots left unfilled are
 * auto-deleveraged against ranked opposite positions at the bankruptcy value (no fund flow).
 *
 * Inverse instruments (contract.ts) run the same machine in the per-lot value u(P) = -K / P:
 * bankruptcy price P_b = -K p / value, and the close-order limit solves the same fund inequality
 * for P. Expiry settlement (`settleExpiry`) closes what the engine still holds at the
 * settlement price and finishes those liquidations.
 *
 * Units: money settlement units; lots; ticks (bankruptcy prices fractional, reported only).
 */
import type { AgentId, InstrumentId } from '../../model/ids.js';
import { assertMoney } from '../../model/units.js';
import { rankAdl } from './adl.js';
import { ContractKind, priceOfLotValue, settlementValueUnits, tradeValueUnits } from './contract.js';
import { SystemAccount, type Ledger } from './ledger.js';
import type { MarginCalc } from './margin.js';
import { LiqEvent, type LiquidationOrder, type LiquidationParams, type LiquidationSink, type LiquidationStep } from './types.js';

/** One active liquidation (the part of the liquidator's position it owns). */
interface ActiveLiq {
  id: number;
  account: AgentId;
  inst: InstrumentId;
  /** +1: a long is being closed (sell orders); -1: a short. */
  side: number;
  totalLots: number;
  remainingLots: number;
  /** Signed cost basis of the remaining lots (the bankruptcy value). */
  remainingCost: number;
  bankruptcyTicks: number;
  /** Lots of the outstanding order (0 = none) and filled so far on it. */
  orderLots: number;
  orderFilled: number;
  /** Fund capacity the outstanding order may use (its worst-case loss at the limit). */
  orderReserve: number;
  /** True after an ADL pass left lots: skipped by nextOrder until the next mark update. */
  stalled: boolean;
}

/** Limit of a buy-to-close whose every price the fund covers (an inverse short's loss is bounded by its cost). */
const UNLIMITED_BUY_TICKS = 2 ** 40;

export class LiquidationEngine {
  /** Active liquidations in id order (ids increase, so pushing keeps the order). */
  private readonly active: ActiveLiq[] = [];
  /** Lookup by id (never iterated). */
  private readonly byId = new Map<number, ActiveLiq>();
  private nextId = 1;
  /** Sum of the fund capacity held by outstanding close orders (so two orders never count the same money). */
  private fundReserved = 0;
  private readonly step: LiquidationStep = {
    event: LiqEvent.Triggered, liquidationId: 0, account: 0, instrument: 0, side: 0, sizeLots: 0, markTicks: 0,
    bankruptcyTicks: NaN, fillTicks: NaN, feeUnits: 0, insuranceDrawUnits: 0, insuranceFundUnits: 0, socializedLossUnits: 0,
  };

  constructor(
    private readonly ledger: Ledger,
    private readonly margin: MarginCalc,
    private readonly params: LiquidationParams,
    readonly liquidatorAccount: AgentId,
    /** Called after any account's position or collateral changed (the house re-keys the trigger index). */
    private readonly changed: (acct: AgentId) => void,
  ) {
    if (!(params.chunkFraction > 0 && params.chunkFraction <= 1)) throw new RangeError('chunkFraction must be in (0, 1]');
    if (!(params.feeRate >= 0 && params.feeRate < 1)) throw new RangeError('feeRate must be in [0, 1)');
    ledger.ensure(liquidatorAccount);
  }

  /** Number of liquidations in progress. */
  get activeCount(): number {
    return this.active.length;
  }

  /** Lots still held by the engine for liquidation `id` (0 when unknown or done). */
  remainingLots(id: number): number {
    return this.find(id)?.remainingLots ?? 0;
  }

  private find(id: number): ActiveLiq | undefined {
    return this.byId.get(id);
  }

  private emit(sink: LiquidationSink, ev: LiqEvent, l: ActiveLiq, account: AgentId, lots: number, mark: number, fill: number, fee: number, draw: number, social: number): void {
    const s = this.step;
    s.event = ev; s.liquidationId = l.id; s.account = account; s.instrument = l.inst; s.side = l.side; s.sizeLots = lots;
    s.markTicks = mark; s.bankruptcyTicks = l.bankruptcyTicks; s.fillTicks = fill; s.feeUnits = fee;
    s.insuranceDrawUnits = draw; s.insuranceFundUnits = this.ledger.system[SystemAccount.Insurance] as number; s.socializedLossUnits = social;
    sink(s);
  }

  /**
   * Takes over the account's positions (cross: all; isolated: `inst`). The caller has checked
   * `isLiquidatable` and cancelled the account's orders. Returns the number of liquidations started.
   */
  start(acct: AgentId, inst: InstrumentId, marks: ArrayLike<number>, sink: LiquidationSink): number {
    const L = this.ledger;
    const M = this.margin;
    if (acct === this.liquidatorAccount) throw new Error('the liquidator account cannot be liquidated');
    const isolated = M.isIsolated(acct);
    const first = isolated ? inst : 0;
    const last = isolated ? inst : L.nInstruments - 1;
    let notional = 0;
    for (let j = first; j <= last; j++) notional += M.notional(acct, j, marks[j] as number);
    if (notional === 0) return 0;
    const equity = M.equity(acct, marks, isolated ? inst : -1);
    const fee = assertMoney(Math.min(Math.round(this.params.feeRate * notional), Math.max(0, Math.floor(equity))), 'liquidation fee');
    const moneyInst = isolated ? inst : -1;
    L.toSystem(acct, moneyInst, SystemAccount.Insurance, fee);
    const left = isolated ? (L.isoMargin[L.slot(acct, inst)] as number) : (L.wallet[acct] as number);
    let shared = 0;
    let started = 0;
    let lastJ = -1;
    for (let j = first; j <= last; j++) if (L.position(acct, j) !== 0) lastJ = j;
    for (let j = first; j <= last; j++) {
      const p = L.position(acct, j);
      if (p === 0) continue;
      const share = j === lastJ ? left - shared : Math.round((left * M.notional(acct, j, marks[j] as number)) / notional);
      shared += share;
      const cost = L.costBasis(acct, j);
      const value = assertMoney(cost - share, 'bankruptcy value');
      // The account closes at the bankruptcy value: realized = -share, its collateral ends at 0.
      L.trade(acct, j, -p, -value, cost);
      L.bookTrade(this.liquidatorAccount, j, p, value, value);
      const side = p > 0 ? 1 : -1;
      const l: ActiveLiq = {
        id: this.nextId++, account: acct, inst: j, side, totalLots: Math.abs(p), remainingLots: Math.abs(p), remainingCost: value,
        bankruptcyTicks: this.priceOfValue(j, value, p), orderLots: 0, orderFilled: 0, orderReserve: 0, stalled: false,
      };
      this.active.push(l);
      this.byId.set(l.id, l);
      this.emit(sink, LiqEvent.Triggered, l, acct, l.totalLots, marks[j] as number, NaN, started === 0 ? fee : 0, 0, 0);
      started++;
    }
    this.changed(acct);
    return started;
  }

  /**
   * A partial takeover (stepDown.ts): `lots` of the account's position in `j` move to the
   * liquidator at their value at the mark (rounded to a unit), after the fee
   * min(feeRate * notional of the lots, equity) to the fund. The account realizes the cut's PnL at
   * the mark and keeps the rest of its position and collateral (an isolated bucket is not
   * released: it stays with the smaller position); the engine closes the lots like any other
   * liquidation, so the fund takes the fill's difference to the mark. Returns the fee.
   */
  startPartial(acct: AgentId, j: InstrumentId, lots: number, marks: ArrayLike<number>, sink: LiquidationSink): number {
    const L = this.ledger;
    const M = this.margin;
    if (acct === this.liquidatorAccount) throw new Error('the liquidator account cannot be liquidated');
    const p = L.position(acct, j);
    if (!(lots > 0 && lots < Math.abs(p))) throw new RangeError(`partial takeover of ${lots} lots from a position of ${p}`);
    const side = p > 0 ? 1 : -1;
    const mark = marks[j] as number;
    const isolated = M.isIsolated(acct);
    const equity = M.equity(acct, marks, isolated ? j : -1);
    const fee = assertMoney(Math.min(Math.round(this.params.feeRate * M.notionalOf(j, lots, mark)), Math.max(0, Math.floor(equity))), 'liquidation fee');
    L.toSystem(acct, isolated ? j : -1, SystemAccount.Insurance, fee);
    const q = side * lots;
    // The liquidator's cost of the lots: their value at the mark (linear q M scale; inverse -K q / M).
    const value = assertMoney(L.kind[j] === ContractKind.Inverse ? Math.round((-q * (L.scale[j] as number)) / mark) : Math.round(q * mark * (L.scale[j] as number)), 'partial value');
    let keep = 0;
    if (isolated) {
      // The ledger releases a reduced bucket pro rata (after the realized PnL lands in it); give it back.
      const removed = Math.round((L.costBasis(acct, j) * lots) / Math.abs(p));
      const bucket = (L.isoMargin[L.slot(acct, j)] as number) + (value - removed);
      keep = bucket > 0 ? Math.floor((bucket * lots) / Math.abs(p)) : 0;
    }
    L.trade(acct, j, -q, -value, NaN, keep);
    L.bookTrade(this.liquidatorAccount, j, q, value, value);
    const l: ActiveLiq = {
      id: this.nextId++, account: acct, inst: j, side, totalLots: lots, remainingLots: lots, remainingCost: value,
      bankruptcyTicks: this.priceOfValue(j, value, q), orderLots: 0, orderFilled: 0, orderReserve: 0, stalled: false,
    };
    this.active.push(l);
    this.byId.set(l.id, l);
    this.emit(sink, LiqEvent.Triggered, l, acct, lots, mark, NaN, fee, 0, 0);
    this.changed(acct);
    return fee;
  }

  /** Clears the stalled flag of every liquidation (call on each mark update). */
  unstall(): void {
    for (const l of this.active) l.stalled = false;
  }

  /**
   * The next close order to send (the oldest liquidation with no order outstanding and not
   * stalled); false when there is none. The order is outstanding until `orderDone`.
   */
  nextOrder(out: LiquidationOrder): boolean {
    for (const l of this.active) {
      if (l.orderLots !== 0 || l.stalled || l.remainingLots === 0) continue;
      const chunk = Math.min(l.remainingLots, Math.max(1, Math.ceil(l.totalLots * this.params.chunkFraction)));
      const c = this.costPortion(l, chunk);
      const fund = Math.max(0, (this.ledger.system[SystemAccount.Insurance] as number) - this.fundReserved);
      // Worst price whose loss vs the bankruptcy value the fund (less what other outstanding
      // close orders hold) still covers.
      let limit: number;
      let worstLoss: number;
      if (this.ledger.kind[l.inst] === ContractKind.Inverse) {
        // Sell: loss c + chunk K / P <= fund  =>  P >= chunk K / (fund - c)  (c < 0 for a long).
        // Buy:  loss c - chunk K / P <= fund  =>  P <= chunk K / (c - fund), any P when c <= fund.
        const k = this.ledger.scale[l.inst] as number;
        if (l.side > 0) {
          limit = Math.max(1, Math.ceil((chunk * k) / (fund - c)));
          worstLoss = c + (chunk * k) / limit;
        } else {
          limit = c - fund > 0 ? Math.max(1, Math.floor((chunk * k) / (c - fund))) : UNLIMITED_BUY_TICKS;
          worstLoss = c - (chunk * k) / limit;
        }
      } else {
        const q = this.ledger.quotePerTickLot[l.inst] as number;
        limit = l.side > 0 ? Math.max(1, Math.ceil((c - fund) / (chunk * q))) : Math.floor((-c + fund) / (chunk * q));
        worstLoss = l.side > 0 ? c - chunk * limit * q : chunk * limit * q + c;
      }
      l.orderReserve = Math.max(0, Math.min(fund, worstLoss));
      this.fundReserved += l.orderReserve;
      l.orderLots = chunk;
      l.orderFilled = 0;
      out.liquidationId = l.id; out.instrument = l.inst; out.side = -l.side; out.sizeLots = chunk; out.limitTicks = limit;
      return true;
    }
    return false;
  }

  /** Price (fractional ticks) at which `signedLots` are worth `valueUnits` (a bankruptcy price). */
  private priceOfValue(inst: InstrumentId, valueUnits: number, signedLots: number): number {
    const L = this.ledger;
    if (L.kind[inst] === ContractKind.Inverse) return priceOfLotValue(ContractKind.Inverse, L.scale[inst] as number, valueUnits / signedLots);
    return valueUnits / (signedLots * (L.quotePerTickLot[inst] as number));
  }

  /**
   * Expiry of `inst` at `settleTicks`: every liquidation of it still held by the engine is closed
   * at the settlement value (rounded against the engine, contract.ts `settlementValueUnits`),
   * the result swept to or drawn from the fund like a fill, and the liquidation completed. An
   * outstanding close order is dropped (the venue cancels it first). Returns the sum of the
   * closing values booked (the house adds every holder's to find the rounding residue).
   */
  settleExpiry(inst: InstrumentId, settleTicks: number, marks: ArrayLike<number>, sink: LiquidationSink): number {
    const L = this.ledger;
    let residue = 0;
    for (const l of [...this.active]) {
      if (l.inst !== inst) continue;
      this.fundReserved -= l.orderReserve;
      l.orderReserve = 0;
      l.orderLots = 0;
      l.orderFilled = 0;
      if (l.remainingLots > 0) {
        const signed = l.side * l.remainingLots;
        const value = settlementValueUnits(L.kind[inst] as ContractKind, L.scale[inst] as number, signed, settleTicks);
        residue += value;
        L.bookTrade(this.liquidatorAccount, inst, -signed, value, -l.remainingCost);
        const lots = l.remainingLots;
        l.remainingLots = 0;
        l.remainingCost = 0;
        this.emit(sink, LiqEvent.Fill, l, l.account, lots, marks[inst] as number, settleTicks, 0, 0, 0);
        this.sweep(l, marks[inst] as number, sink);
      }
      this.finishIfDone(l, marks[inst] as number, sink);
    }
    return residue;
  }

  private costPortion(l: ActiveLiq, lots: number): number {
    return lots === l.remainingLots ? l.remainingCost : Math.round((l.remainingCost * lots) / l.remainingLots);
  }

  /**
   * A fill of a liquidation order: `lots` at `priceTicks` (the venue applies the counterparty's
   * side with `applyFill`; the liquidator pays no trading fee). Settles against the fund.
   */
  onFill(id: number, lots: number, priceTicks: number, marks: ArrayLike<number>, sink: LiquidationSink): void {
    const l = this.find(id);
    if (l === undefined || lots <= 0 || lots > l.remainingLots) throw new Error(`liquidation ${id}: bad fill of ${lots}`);
    const L = this.ledger;
    const c = this.costPortion(l, lots);
    const value = tradeValueUnits(L.kind[l.inst] as ContractKind, L.scale[l.inst] as number, -l.side * lots, priceTicks);
    L.bookTrade(this.liquidatorAccount, l.inst, -l.side * lots, value, -c);
    l.remainingLots -= lots;
    l.remainingCost -= c;
    l.orderFilled += lots;
    this.emit(sink, LiqEvent.Fill, l, l.account, lots, marks[l.inst] as number, priceTicks, 0, 0, 0);
    this.sweep(l, marks[l.inst] as number, sink);
  }

  /**
   * Moves the liquidator account's cash to the insurance fund: a surplus is paid in; a deficit is
   * drawn from the fund, and what the fund cannot pay becomes socialized loss.
   */
  private sweep(l: ActiveLiq | undefined, mark: number, sink: LiquidationSink | undefined): void {
    const L = this.ledger;
    const cash = L.wallet[this.liquidatorAccount] as number;
    if (cash >= 0) {
      L.toSystem(this.liquidatorAccount, -1, SystemAccount.Insurance, cash);
      return;
    }
    const fund = Math.max(0, L.system[SystemAccount.Insurance] as number);
    const draw = Math.min(-cash, fund);
    L.toSystem(this.liquidatorAccount, -1, SystemAccount.Insurance, -draw);
    const social = -cash - draw;
    if (social > 0) L.toSystem(this.liquidatorAccount, -1, SystemAccount.Socialized, -social);
    if (l !== undefined && sink !== undefined) {
      if (draw > 0) this.emit(sink, LiqEvent.InsuranceDraw, l, l.account, 0, mark, NaN, 0, draw, 0);
      if (social > 0) this.emit(sink, LiqEvent.SocializedLoss, l, l.account, 0, mark, NaN, 0, 0, social);
    }
  }

  /** Sweeps the liquidator account after something other than a fill touched it (funding). */
  sweepAccount(): void {
    this.sweep(undefined, NaN, undefined);
  }

  /**
   * The outstanding order of liquidation `id` is finished (filled, or IOC remainder cancelled).
   * If lots are left unfilled and `adlOnUnfilled`, auto-deleverages them. Completes the
   * liquidation when nothing is left.
   */
  orderDone(id: number, marks: ArrayLike<number>, sink: LiquidationSink): void {
    const l = this.find(id);
    if (l === undefined) return;
    const unfilled = l.orderLots - l.orderFilled;
    this.fundReserved -= l.orderReserve;
    l.orderReserve = 0;
    l.orderLots = 0;
    l.orderFilled = 0;
    if (l.remainingLots > 0 && unfilled > 0) {
      if (this.params.adlOnUnfilled) this.adl(l, marks, sink);
      // The book could not take it: wait for the next mark update before retrying (no busy loop).
      else l.stalled = true;
    }
    this.finishIfDone(l, marks[l.inst] as number, sink);
  }

  /** Deleverages the rest of liquidation `l` against ranked opposite positions at its bankruptcy value. */
  private adl(l: ActiveLiq, marks: ArrayLike<number>, sink: LiquidationSink): void {
    const L = this.ledger;
    const ranked = rankAdl(L, this.margin, l.inst, l.side > 0 ? -1 : 1, marks, this.liquidatorAccount);
    for (const cp of ranked) {
      if (l.remainingLots === 0) break;
      const x = Math.min(l.remainingLots, Math.abs(L.position(cp, l.inst)));
      const c = this.costPortion(l, x);
      // Liquidator realizes 0 (value = its cost); the counterparty closes x lots at that value.
      L.bookTrade(this.liquidatorAccount, l.inst, -l.side * x, -c, -c);
      L.trade(cp, l.inst, l.side * x, c);
      l.remainingLots -= x;
      l.remainingCost -= c;
      this.emit(sink, LiqEvent.Adl, l, cp, x, marks[l.inst] as number, this.priceOfValue(l.inst, c, l.side * x), 0, 0, 0);
      this.changed(cp);
    }
    if (l.remainingLots > 0) l.stalled = true;
  }

  private finishIfDone(l: ActiveLiq, mark: number, sink: LiquidationSink): void {
    if (l.remainingLots !== 0) return;
    if (l.remainingCost !== 0) throw new Error(`liquidation ${l.id}: cost left with no lots`);
    this.emit(sink, LiqEvent.Completed, l, l.account, l.totalLots, mark, NaN, 0, 0, 0);
    this.active.splice(this.active.indexOf(l), 1);
    this.byId.delete(l.id);
  }

  /**
   * Covers a negative wallet (e.g. after a close far from mark) of a flat account or of an
   * isolated account (its wallet is free cash, positions have their own buckets) from the
   * insurance fund, the rest as socialized loss. Returns the deficit covered (0 when none).
   */
  coverNegative(acct: AgentId, inst: InstrumentId, mark: number, sink: LiquidationSink): number {
    const L = this.ledger;
    if (acct >= L.accountCount || ((L.openPositions[acct] as number) !== 0 && !this.margin.isIsolated(acct))) return 0;
    const deficit = -(L.wallet[acct] as number);
    if (deficit <= 0) return 0;
    const fund = Math.max(0, L.system[SystemAccount.Insurance] as number);
    const draw = Math.min(deficit, fund);
    L.toSystem(acct, -1, SystemAccount.Insurance, -draw);
    const social = deficit - draw;
    if (social > 0) L.toSystem(acct, -1, SystemAccount.Socialized, -social);
    const l: ActiveLiq = { id: this.nextId++, account: acct, inst, side: 0, totalLots: 0, remainingLots: 0, remainingCost: 0, bankruptcyTicks: NaN, orderLots: 0, orderFilled: 0, orderReserve: 0, stalled: false };
    if (draw > 0) this.emit(sink, LiqEvent.InsuranceDraw, l, acct, 0, mark, NaN, 0, draw, 0);
    if (social > 0) this.emit(sink, LiqEvent.SocializedLoss, l, acct, 0, mark, NaN, 0, 0, social);
    this.changed(acct);
    return deficit;
  }
}
