/**
 * Shared types of the clearing core: configuration, margin modes, the liquidation step record
 * (maps 1:1 onto the `liquidations` table, src/model/tables.ts LIQUIDATIONS) and the close order
 * the liquidation engine asks the venue to send.
 *
 * Units: money in integer quote units (10^-4 of the quote currency), sizes in signed or unsigned
 * integer lots, prices in ticks (integer for orders and fills, possibly fractional for marks and
 * bankruptcy prices, which are reported, never traded).
 */
import type { AgentId, InstrumentId } from '../../model/ids.js';
import type { MarginBracket } from './brackets.js';
import type { ContractKind } from './contract.js';

/** Margin mode, chosen per account. */
export const MarginMode = { Cross: 0, Isolated: 1 } as const;
export type MarginMode = (typeof MarginMode)[keyof typeof MarginMode];

/**
 * What the clearing core needs to know about one listed instrument. All instruments of one house
 * settle in the house's currency: quote currency for linear ones, the coin for inverse ones
 * (a venue with both keeps one house per settlement currency).
 */
export interface ClearingInstrument {
  /** Dense index of the instrument inside this clearing house (0..n-1), used for arrays. */
  readonly instrumentId: InstrumentId;
  /** Integer quote units one tick times one lot is worth (InstrumentInfo.quotePerTickLot); linear only (inverse: any integer, unused). */
  readonly quotePerTickLot: number;
  /** Tiered brackets by position notional in settlement units; default {@link BINANCE_BTCUSDT_BRACKETS}. */
  readonly brackets: readonly MarginBracket[];
  /** Linear (default) or inverse (contract.ts). */
  readonly contract?: ContractKind;
  /** Inverse only: K, one lot at P ticks is worth K / P settlement units (contract.ts `inverseScale`). */
  readonly inverseScale?: number;
}

/** Liquidation engine parameters (defaults in {@link DEFAULT_LIQUIDATION_PARAMS}). */
export interface LiquidationParams {
  /** Liquidation (clearance) fee as a fraction of the notional at mark, paid to the insurance fund, capped by the account's remaining equity. */
  readonly feeRate: number;
  /** Fraction of the taken-over size each close order carries (1 = one IOC for everything). */
  readonly chunkFraction: number;
  /** True: when a close order leaves lots unfilled (fund cannot cover the book price, or no liquidity), auto-deleverage the remainder at once. */
  readonly adlOnUnfilled: boolean;
  /**
   * True: partial liquidation down the brackets before any full takeover (stepDown.ts: one
   * position at a time cut to just below its bracket floor, taken over at the mark, re-checked
   * after each cut). Absent or false: all-or-nothing takeover at the bankruptcy value.
   */
  readonly stepDown?: boolean;
}

/** Configuration of one clearing house (one per venue). */
export interface ClearingConfig {
  readonly instruments: readonly ClearingInstrument[];
  /** Agent id of the venue's liquidation engine (it holds taken-over positions). */
  readonly liquidatorAccount: AgentId;
  /** Initial insurance fund balance in quote units (it is money created at start, like a deposit). */
  readonly insuranceFundUnits: number;
  readonly liquidation: LiquidationParams;
  /** Initial capacity of the account arrays (they grow on demand). */
  readonly initialAccounts?: number;
  /**
   * How maintenance margin values a position: at the mark (default; Binance) or at its entry
   * value |cost basis| (Bybit: MM = position value at entry x MMR - deduction). margin.ts.
   */
  readonly maintenanceValuation?: 'mark' | 'entry';
}

/** Indices into LIQUIDATION_EVENTS (src/model/tables.ts). */
export const LiqEvent = {
  Triggered: 0,
  Fill: 1,
  InsuranceDraw: 2,
  Adl: 3,
  SocializedLoss: 4,
  Completed: 5,
} as const;
export type LiqEvent = (typeof LiqEvent)[keyof typeof LiqEvent];

/**
 * One step of one liquidation, in integer/tick units; the venue converts to the table's real
 * units (size * lotSize, ticks * tickSize, units / 10^4) and writes one row per step.
 * The engine reuses one object per sink call: copy what you keep.
 */
export interface LiquidationStep {
  /** LIQUIDATIONS.event index (see {@link LiqEvent}). */
  event: LiqEvent;
  liquidationId: number;
  /** Liquidated account; for `adl` the deleveraged counterparty. */
  account: AgentId;
  instrument: InstrumentId;
  /** Side of the position being closed: +1 long, -1 short (table: `side > 0 ? 1 : 0`). */
  side: number;
  /** Lots of this step (the whole taken-over position for `triggered`). */
  sizeLots: number;
  markTicks: number;
  /** Bankruptcy price of the liquidated position in (fractional) ticks. */
  bankruptcyTicks: number;
  /** Fill price (fill) or the bankruptcy price used (adl); NaN otherwise. */
  fillTicks: number;
  /** Liquidation fee charged to the account and paid to the insurance fund (triggered). */
  feeUnits: number;
  /** Amount drawn from the insurance fund by this step (>= 0). */
  insuranceDrawUnits: number;
  /** Insurance fund balance after this step. */
  insuranceFundUnits: number;
  /** Deficit recorded as socialized loss by this step (>= 0). */
  socializedLossUnits: number;
}

/** Receives liquidation steps (the venue writes them to the table and notifies agents). */
export type LiquidationSink = (step: Readonly<LiquidationStep>) => void;

/** An IOC close order the venue sends into the book on behalf of the liquidator account. */
export interface LiquidationOrder {
  liquidationId: number;
  instrument: InstrumentId;
  /** Order side: -1 sell (closing a long), +1 buy (closing a short). */
  side: number;
  sizeLots: number;
  /** Worst acceptable price: beyond it the insurance fund could not cover the loss vs bankruptcy. */
  limitTicks: number;
}

/** Outcome of a pre-trade check. */
export const OrderCheck = { Ok: 0, InsufficientMargin: 1, ReduceOnlyViolation: 2, Expired: 3 } as const;
export type OrderCheck = (typeof OrderCheck)[keyof typeof OrderCheck];

/** Result of a funding settlement (all integer quote units). */
export interface FundingResult {
  /** Net paid by longs to shorts (negative: longs received). */
  paidByLongsUnits: number;
  /** Residue credited to the rounding account (>= 0). */
  roundingUnits: number;
  /** Open interest in lots (total long lots). */
  openInterestLots: number;
}
