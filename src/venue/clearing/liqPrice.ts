/**
 * Closed-form liquidation and bankruptcy prices of one linear position (and, at the end, of one
 * inverse position) (crypto-mechanics.md §2.3,
 * Binance form re-derived): with side s = +-1, size Q lots, signed cost basis C = s*Q*E*q (quote
 * units), margin WB (isolated: the bucket; cross: wallet + other uPnL - other MM), q quote units
 * per tick*lot, and bracket (mmr, cum):
 *
 *   equity(M) = WB + s*Q*M*q - C,  MM(M) = Q*M*q*mmr - cum
 *   liquidation: equity = MM  =>  LP = (C - WB - cum) / (Q*q*(s - mmr))
 *   bankruptcy:  equity = 0   =>  BP = (C - WB) / (s*Q*q)
 *
 * The bracket is re-picked with the notional at the liquidation price (Binance note): the root is
 * unique because equity - MM is strictly monotone in M (mmr < 1) and MM is continuous.
 * Prices are fractional ticks. A long that can never be liquidated (LP <= 0) returns -Infinity.
 */
import type { MarginBracket } from './brackets.js';

/** Liquidation price in fractional ticks (long: liquidated when mark <= LP; short: mark >= LP). */
export function liquidationTicks(side: number, lots: number, costUnits: number, marginUnits: number, quotePerTickLot: number, brackets: readonly MarginBracket[]): number {
  if (lots <= 0) return side > 0 ? -Infinity : Infinity;
  const qq = lots * quotePerTickLot;
  let fallback = NaN;
  for (let b = 0; b < brackets.length; b++) {
    const br = brackets[b] as MarginBracket;
    const m = (costUnits - marginUnits - br.cumUnits) / (qq * (side - br.mmr));
    const notional = m * qq;
    const next = brackets[b + 1];
    if (b === 0) fallback = m;
    if (notional >= br.floorUnits && (next === undefined || notional < next.floorUnits)) return side > 0 && m <= 0 ? -Infinity : m;
    // Below the first bracket's floor (notional < 0) only happens for a long that cannot be liquidated.
  }
  return side > 0 && !(fallback > 0) ? -Infinity : fallback;
}

/** Bankruptcy price in fractional ticks: where equity is exactly zero. */
export function bankruptcyTicks(side: number, lots: number, costUnits: number, marginUnits: number, quotePerTickLot: number): number {
  return (costUnits - marginUnits) / (side * lots * quotePerTickLot);
}

/**
 * Textbook isolated form with margin = notional / L, cum = 0 (crypto-mechanics.md §2.3 table):
 * long E(1 - 1/L)/(1 - mmr), short E(1 + 1/L)/(1 + mmr). For docs and tests.
 */
export function isolatedLiquidationSimple(side: number, entry: number, leverage: number, mmr: number): number {
  return side > 0 ? (entry * (1 - 1 / leverage)) / (1 - mmr) : (entry * (1 + 1 / leverage)) / (1 + mmr);
}

/**
 * Liquidation price of one inverse position (contract.ts: one lot at P ticks is worth K / P
 * settlement units, cost C = -s Q K / E). With the mark-valued maintenance margin
 * MM(M) = (Q K / M) mmr - cum and equity(M) = WB - s Q K / M - C, equity = MM gives
 *
 *   LP = Q K (s + mmr) / (WB + cum - C)        (= N (mmr + s) / (WB + cum + s N / E), N = Q K)
 *
 * the Binance COIN-M form (crypto-mechanics.md §2.3). A long always has a finite LP (its coin
 * loss is unbounded as the price falls to 0); a short whose margin covers its whole coin
 * notional (1x short: WB + cum >= -C) is never liquidated (+Infinity). Bracket re-picked at LP.
 */
export function inverseLiquidationTicks(side: number, lots: number, costUnits: number, marginUnits: number, scale: number, brackets: readonly MarginBracket[]): number {
  if (lots <= 0) return side > 0 ? -Infinity : Infinity;
  const qk = lots * scale;
  let fallback = NaN;
  for (let b = 0; b < brackets.length; b++) {
    const br = brackets[b] as MarginBracket;
    const den = marginUnits + br.cumUnits - costUnits;
    const m = (qk * (side + br.mmr)) / den;
    if (!(m > 0 && m < Infinity)) {
      // No positive root: a short that never reaches maintenance, or a long already past it at
      // every price; +Infinity means "never" for a short and "now" for a long (mark <= LP).
      if (b === 0) fallback = Infinity;
      continue;
    }
    const notional = qk / m;
    const next = brackets[b + 1];
    if (b === 0) fallback = m;
    if (notional >= br.floorUnits && (next === undefined || notional < next.floorUnits)) return m;
  }
  return fallback;
}

/** Bankruptcy price of one inverse position (equity = 0): BP = s Q K / (WB - C); +Infinity for a short that cannot go bankrupt. */
export function inverseBankruptcyTicks(side: number, lots: number, costUnits: number, marginUnits: number, scale: number): number {
  const den = marginUnits - costUnits;
  const bp = (side * lots * scale) / den;
  return bp > 0 ? bp : Infinity;
}
