/**
 * Margin arithmetic over the ledger at given marks: uPnL, equity (cross: wallet + all uPnL;
 * isolated: bucket + the position's uPnL), maintenance and initial requirements, the
 * liquidation test, the margin ratio, the pre-trade check and the isolated allocation of a fill.
 *
 * Inverse instruments (contract.ts) use the same formulas with the per-lot value u(M) = -K / M in
 * place of M * q: uPnL = pos * u(M) - C, notional = |pos| * K / M (coin); linear code paths are
 * unchanged.
 *
 * Units: money in settlement units (requirements are float thresholds), marks in fractional ticks
 * (`marks[instrument]`), sizes in lots. Nothing here moves money.
 */
import type { AgentId, InstrumentId } from '../../model/ids.js';
import { bracketIndex, initialMargin, maintenanceMargin, type MarginBracket } from './brackets.js';
import type { Ledger } from './ledger.js';
import { inverseLiquidationTicks, liquidationTicks } from './liqPrice.js';
import { ContractKind } from './contract.js';
import { MarginMode, OrderCheck, type ClearingInstrument } from './types.js';

export class MarginCalc {
  constructor(
    private readonly ledger: Ledger,
    private readonly instruments: readonly ClearingInstrument[],
    /** True: maintenance margin on the entry value |C| (Bybit), not the notional at mark (Binance). */
    readonly maintenanceAtEntry = false,
  ) {}

  brackets(inst: InstrumentId): readonly MarginBracket[] {
    return (this.instruments[inst] as ClearingInstrument).brackets;
  }

  /** Unrealized PnL in (float) settlement units at `markTicks`. */
  upnl(acct: AgentId, inst: InstrumentId, markTicks: number): number {
    const L = this.ledger;
    if (L.kind[inst] === ContractKind.Inverse) return (-L.position(acct, inst) * (L.scale[inst] as number)) / markTicks - L.costBasis(acct, inst);
    return L.position(acct, inst) * markTicks * (L.quotePerTickLot[inst] as number) - L.costBasis(acct, inst);
  }

  notional(acct: AgentId, inst: InstrumentId, markTicks: number): number {
    return this.notionalOf(inst, this.ledger.position(acct, inst), markTicks);
  }

  /** Notional of `lots` at `priceTicks` in settlement units: |lots| P q (linear) or |lots| K / P (inverse). */
  notionalOf(inst: InstrumentId, lots: number, priceTicks: number): number {
    const L = this.ledger;
    if (L.kind[inst] === ContractKind.Inverse) return (Math.abs(lots) * (L.scale[inst] as number)) / priceTicks;
    return Math.abs(lots) * priceTicks * (L.quotePerTickLot[inst] as number);
  }

  positionMaintenance(acct: AgentId, inst: InstrumentId, markTicks: number): number {
    // |C| is the entry notional for both contract kinds (quote value Q E q, or coin value N / E).
    if (this.maintenanceAtEntry) return maintenanceMargin(this.brackets(inst), Math.abs(this.ledger.costBasis(acct, inst)));
    return maintenanceMargin(this.brackets(inst), this.notional(acct, inst, markTicks));
  }

  isIsolated(acct: AgentId): boolean {
    return acct < this.ledger.accountCount && this.ledger.mode[acct] === MarginMode.Isolated;
  }

  /** Equity: cross -> wallet + sum uPnL; isolated -> bucket + uPnL of `inst` (wallet when inst < 0). */
  equity(acct: AgentId, marks: ArrayLike<number>, inst: InstrumentId | -1 = -1): number {
    const L = this.ledger;
    if (acct >= L.accountCount) return 0;
    if (this.isIsolated(acct)) {
      if (inst < 0) return L.wallet[acct] as number;
      return (L.isoMargin[L.slot(acct, inst)] as number) + this.upnl(acct, inst, marks[inst] as number);
    }
    let e = L.wallet[acct] as number;
    for (let i = 0; i < L.nInstruments; i++) if (L.position(acct, i) !== 0) e += this.upnl(acct, i, marks[i] as number);
    return e;
  }

  /** Maintenance requirement: cross -> sum over positions; isolated -> the position's. */
  maintenance(acct: AgentId, marks: ArrayLike<number>, inst: InstrumentId | -1 = -1): number {
    if (this.isIsolated(acct)) return inst < 0 ? 0 : this.positionMaintenance(acct, inst, marks[inst] as number);
    let m = 0;
    for (let i = 0; i < this.ledger.nInstruments; i++) if (this.ledger.position(acct, i) !== 0) m += this.positionMaintenance(acct, i, marks[i] as number);
    return m;
  }

  /** Binance margin ratio = maintenance / equity (liquidation at >= 1; Infinity when equity <= 0 with a position). */
  marginRatio(acct: AgentId, marks: ArrayLike<number>, inst: InstrumentId | -1 = -1): number {
    const mm = this.maintenance(acct, marks, inst);
    const eq = this.equity(acct, marks, inst);
    if (mm === 0) return 0;
    return eq <= 0 ? Infinity : mm / eq;
  }

  /** True when the account (cross) or its position in `inst` (isolated) must be liquidated: equity <= MM. */
  isLiquidatable(acct: AgentId, inst: InstrumentId, marks: ArrayLike<number>): boolean {
    if (acct >= this.ledger.accountCount) return false;
    if (this.isIsolated(acct)) {
      if (this.ledger.position(acct, inst) === 0) return false;
      return this.equity(acct, marks, inst) <= this.maintenance(acct, marks, inst);
    }
    if ((this.ledger.openPositions[acct] as number) === 0) return false;
    return this.equity(acct, marks) <= this.maintenance(acct, marks);
  }

  /**
   * Liquidation price of the position in `inst` (fractional ticks) with other marks fixed;
   * -Infinity / +Infinity when flat or never (long / short).
   */
  liquidationTicks(acct: AgentId, inst: InstrumentId, marks: ArrayLike<number>): number {
    const L = this.ledger;
    const p = L.position(acct, inst);
    if (p === 0) return NaN;
    const side = p > 0 ? 1 : -1;
    let margin: number;
    if (this.isIsolated(acct)) margin = L.isoMargin[L.slot(acct, inst)] as number;
    else {
      margin = L.wallet[acct] as number;
      for (let j = 0; j < L.nInstruments; j++) {
        if (j === inst || L.position(acct, j) === 0) continue;
        const mj = marks[j] as number;
        margin += this.upnl(acct, j, mj) - this.positionMaintenance(acct, j, mj);
      }
    }
    if (this.maintenanceAtEntry) {
      // MM is a constant MM_e at entry value: equity(M) = MM_e solves linearly in u(M).
      const c = L.costBasis(acct, inst);
      const mmE = maintenanceMargin(this.brackets(inst), Math.abs(c));
      if (L.kind[inst] === ContractKind.Inverse) {
        const den = margin - c - mmE;
        const m = (side * Math.abs(p) * (L.scale[inst] as number)) / den;
        return m > 0 ? m : Infinity;
      }
      const m = (mmE + c - margin) / (side * Math.abs(p) * (L.quotePerTickLot[inst] as number));
      return side > 0 && !(m > 0) ? -Infinity : m;
    }
    if (L.kind[inst] === ContractKind.Inverse) return inverseLiquidationTicks(side, Math.abs(p), L.costBasis(acct, inst), margin, L.scale[inst] as number, this.brackets(inst));
    return liquidationTicks(side, Math.abs(p), L.costBasis(acct, inst), margin, L.quotePerTickLot[inst] as number, this.brackets(inst));
  }

  /** Initial margin of a position of `lots` at `priceTicks` for this account's leverage. */
  initialFor(acct: AgentId, inst: InstrumentId, lots: number, priceTicks: number): number {
    return initialMargin(this.brackets(inst), this.notionalOf(inst, lots, priceTicks), this.ledger.leverage[acct] ?? 1);
  }

  /** Max leverage allowed for a notional (quote units) in `inst`. */
  maxLeverage(inst: InstrumentId, notionalUnits: number): number {
    const b = this.brackets(inst);
    return (b[bracketIndex(b, notionalUnits)] as MarginBracket).maxLeverage;
  }

  /**
   * Pre-trade check: would an order (side, lots at priceTicks) keep initial margin satisfied?
   * Orders that only reduce the position always pass; `reduceOnly` orders that would increase or
   * flip it fail. The added position is valued at max(price, mark) for IM, and a buy above
   * (sell below) the mark counts its immediate open loss. `reservedUnits` is margin the venue
   * holds for the account's other resting orders; `feeUnits` the fee the order would pay.
   */
  checkOrder(acct: AgentId, inst: InstrumentId, side: number, lots: number, priceTicks: number, marks: ArrayLike<number>, reduceOnly = false, reservedUnits = 0, feeUnits = 0): OrderCheck {
    const L = this.ledger;
    const p = L.position(acct, inst);
    const after = p + side * lots;
    const reducing = p !== 0 && Math.sign(p) !== side && lots <= Math.abs(p);
    if (reducing) return OrderCheck.Ok;
    if (reduceOnly) return OrderCheck.ReduceOnlyViolation;
    if (acct >= L.accountCount) return OrderCheck.InsufficientMargin;
    const mark = marks[inst] as number;
    const opened = Math.abs(after) - (Math.sign(after) === Math.sign(p) ? Math.abs(p) : 0);
    let openLoss: number;
    let ref: number;
    if (L.kind[inst] === ContractKind.Inverse) {
      // Value paid vs value at mark, u(P) - u(M) per lot, u = -K/P; the coin notional is largest at the lower price.
      const k = L.scale[inst] as number;
      openLoss = Math.max(0, side * (k / mark - k / priceTicks)) * opened;
      ref = Math.min(priceTicks, mark);
    } else {
      const q = L.quotePerTickLot[inst] as number;
      openLoss = Math.max(0, side * (priceTicks - mark)) * opened * q;
      ref = Math.max(priceTicks, mark);
    }
    if (this.isIsolated(acct)) {
      const alloc = this.initialFor(acct, inst, opened, ref);
      return (L.wallet[acct] as number) - reservedUnits - openLoss - feeUnits >= alloc ? OrderCheck.Ok : OrderCheck.InsufficientMargin;
    }
    let required = this.initialFor(acct, inst, after, ref);
    for (let j = 0; j < L.nInstruments; j++) {
      if (j === inst) continue;
      const pj = L.position(acct, j);
      if (pj !== 0) required += this.initialFor(acct, j, pj, marks[j] as number);
    }
    return this.equity(acct, marks) - reservedUnits - openLoss - feeUnits >= required ? OrderCheck.Ok : OrderCheck.InsufficientMargin;
  }

  /**
   * Isolated margin to move from the wallet into the bucket for a fill (0 for cross accounts
   * and reductions): the initial margin of the opened lots at the fill price, rounded up, capped
   * by what the wallet holds after paying `feeUnits`.
   */
  isolatedAllocation(acct: AgentId, inst: InstrumentId, side: number, lots: number, priceTicks: number, feeUnits = 0): number {
    if (!this.isIsolated(acct)) return 0;
    const p = this.ledger.position(acct, inst);
    const after = p + side * lots;
    const opened = Math.abs(after) - (Math.sign(after) === Math.sign(p) ? Math.abs(p) : 0);
    if (opened <= 0) return 0;
    const im = Math.ceil(initialMargin(this.brackets(inst), this.notionalOf(inst, after, priceTicks), this.ledger.leverage[acct] as number) * (opened / Math.abs(after)));
    return Math.max(0, Math.min(im, (this.ledger.wallet[acct] as number) - Math.max(0, feeUnits)));
  }
}
