/**
 * Closed-form liquidation and bankruptcy prices of one linear position (crypto-mechanics.md §2.3,
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
