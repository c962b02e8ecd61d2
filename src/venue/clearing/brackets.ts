/**
 * Tiered margin brackets by position notional, and the default tables from real venues.
 *
 * Maintenance margin: MM(N) = N * mmr(b) - cum(b), with b the bracket holding the notional N and
 * cum(0) = 0, cum(b) = cum(b-1) + floor(b) * (mmr(b) - mmr(b-1)) (Binance "maintenance amount",
 * Hyperliquid "maintenance deduction"), so MM is continuous in N. Initial margin:
 * IM(N) = N / min(leverage, maxLeverage(b)).
 *
 * Units: notionals and amounts in quote units (10^-4 of the quote currency); rates are fractions.
 * Requirements are thresholds, not transfers: they are returned as floats (callers compare them
 * with equity) and rounded up only when margin is moved (isolated allocation).
 */
import { QUOTE_UNITS_PER_QUOTE } from '../../model/units.js';

/** One bracket: applies to notionals in [floorUnits, next bracket's floorUnits). */
export interface MarginBracket {
  /** Lower bound of the bracket's notional in quote units. */
  readonly floorUnits: number;
  readonly maxLeverage: number;
  /** Maintenance margin rate (fraction of notional). */
  readonly mmr: number;
  /** Maintenance amount (deduction) in quote units that keeps MM continuous. */
  readonly cumUnits: number;
}

/** Builds brackets from (floor in quote currency, max leverage, mmr) rows, computing `cum`. */
export function makeBrackets(rows: readonly (readonly [floorQuote: number, maxLeverage: number, mmr: number])[]): MarginBracket[] {
  return makeBracketsIn(rows, QUOTE_UNITS_PER_QUOTE);
}

/**
 * Same, with floors in any settlement currency of `unitsPerCurrency` integer units (an inverse
 * house: floors in coin, e.g. Binance COIN-M brackets are in BTC, units satoshis).
 */
export function makeBracketsIn(rows: readonly (readonly [floor: number, maxLeverage: number, mmr: number])[], unitsPerCurrency: number): MarginBracket[] {
  const out: MarginBracket[] = [];
  let cum = 0;
  let prevMmr = 0;
  for (const [floorQuote, maxLeverage, mmr] of rows) {
    const floorUnits = floorQuote * unitsPerCurrency;
    if (!(maxLeverage >= 1) || !(mmr > 0 && mmr < 1)) throw new RangeError(`bad bracket ${floorQuote}/${maxLeverage}/${mmr}`);
    const last = out[out.length - 1];
    if (last !== undefined && !(floorUnits > last.floorUnits && mmr >= last.mmr)) throw new RangeError('brackets must increase in floor and mmr');
    cum += floorUnits * (mmr - prevMmr);
    prevMmr = mmr;
    out.push({ floorUnits, maxLeverage, mmr, cumUnits: cum });
  }
  if (out[0]?.floorUnits !== 0) throw new RangeError('first bracket must start at notional 0');
  return out;
}

/**
 * Binance USDⓈ-M BTCUSDT perpetual, 125x table (Binance Futures "Leverage and Margin" /
 * "Notional Value and Leverage Brackets" page, table as of 2021-03; copied in
 * shared/notes/crypto-mechanics.md §2.1). Current tables are wider with the same shape.
 */
export const BINANCE_BTCUSDT_BRACKETS: readonly MarginBracket[] = makeBrackets([
  [0, 125, 0.004],
  [50_000, 100, 0.005],
  [250_000, 50, 0.01],
  [1_000_000, 20, 0.025],
  [10_000_000, 10, 0.05],
  [20_000_000, 5, 0.1],
  [50_000_000, 4, 0.125],
  [100_000_000, 3, 0.15],
  [200_000_000, 2, 0.25],
  [300_000_000, 1, 0.5],
]);

/**
 * Hyperliquid BTC (Hyperliquid docs "Margin tiers"; crypto-mechanics.md §2.1): 40x up to
 * $150M then 20x, mmr = 1 / (2 * max leverage).
 */
export const HYPERLIQUID_BTC_BRACKETS: readonly MarginBracket[] = makeBrackets([
  [0, 40, 1 / 80],
  [150_000_000, 20, 1 / 40],
]);

/** Index of the bracket holding notional `notionalUnits` (>= 0). */
export function bracketIndex(brackets: readonly MarginBracket[], notionalUnits: number): number {
  let i = 0;
  while (i + 1 < brackets.length && (brackets[i + 1] as MarginBracket).floorUnits <= notionalUnits) i++;
  return i;
}

/** Maintenance margin (float quote units) for a position of notional `notionalUnits` (>= 0). */
export function maintenanceMargin(brackets: readonly MarginBracket[], notionalUnits: number): number {
  if (notionalUnits <= 0) return 0;
  const b = brackets[bracketIndex(brackets, notionalUnits)] as MarginBracket;
  return notionalUnits * b.mmr - b.cumUnits;
}

/** Initial margin (float quote units) for notional `notionalUnits` at the account's chosen leverage. */
export function initialMargin(brackets: readonly MarginBracket[], notionalUnits: number, leverage: number): number {
  if (notionalUnits <= 0) return 0;
  const b = brackets[bracketIndex(brackets, notionalUnits)] as MarginBracket;
  return notionalUnits / Math.min(leverage, b.maxLeverage);
}
