/**
 * Option settlement: the settlement price is the time-weighted average of the index over a
 * window before expiry (Deribit: 07:30-08:00 UTC, i.e. 30 min before the 08:00 expiry; index
 * sampled every few seconds; crypto-mechanics 4.1), and v1 options are linear and quote-settled
 * (DESIGN 2b): a call pays max(S - K, 0) and a put max(K - S, 0) per unit of underlying, times
 * the contract size, in quote currency.
 */
import { NS_PER_MIN } from '../engine/time.js';
import { assertInt, assertMoney, type QuoteUnits } from '../model/units.js';
import { WindowTwap } from './twap.js';

/** Deribit's settlement window: 30 minutes before expiry (crypto-mechanics 4.1, [doc]). */
export const DEFAULT_SETTLEMENT_WINDOW_NS = 30 * NS_PER_MIN;

/**
 * The TWAP accumulator for one expiry: feed it index samples `(tNs, price)` at any times in
 * order ({@link WindowTwap.add}); {@link WindowTwap.value} at or after expiry is the settlement
 * price. When the window starts before the run (expiry closer than the window), the average
 * covers only the part with samples.
 */
export function settlementTwap(expiryNs: number, windowNs: number = DEFAULT_SETTLEMENT_WINDOW_NS): WindowTwap {
  assertInt(windowNs, 'settlement window');
  if (windowNs <= 0) throw new RangeError(`settlement window must be positive, got ${windowNs}`);
  const startNs = expiryNs > windowNs ? expiryNs - windowNs : 0;
  return new WindowTwap(startNs, expiryNs);
}

/**
 * Payoff of one contract in quote currency (float): max(S - K, 0) or max(K - S, 0), times the
 * contract size in units of underlying (Deribit BTC options: 1 BTC).
 */
export function optionPayoff(isCall: boolean, settlementPrice: number, strike: number, contractSize = 1): number {
  if (!(Number.isFinite(settlementPrice) && Number.isFinite(strike) && Number.isFinite(contractSize))) {
    throw new RangeError(`payoff inputs must be finite: S=${settlementPrice} K=${strike} size=${contractSize}`);
  }
  const intrinsic = isCall ? settlementPrice - strike : strike - settlementPrice;
  return intrinsic > 0 ? intrinsic * contractSize : 0;
}

/**
 * Exact payoff in integer quote units of `lots` contracts, with prices in integer ticks: the
 * settlement price must already be rounded to ticks (the venue does it with
 * `priceToTicks`). `quotePerTickLot` is the instrument's integer value of one tick times one
 * lot (model/units.ts `notionalUnits`). Negative lots (a short) give a negative payoff.
 */
export function optionPayoffUnits(isCall: boolean, settlementTicks: number, strikeTicks: number, lots: number,
  quotePerTickLot: number): QuoteUnits {
  assertInt(settlementTicks, 'settlement ticks');
  assertInt(strikeTicks, 'strike ticks');
  assertInt(lots, 'lots');
  assertInt(quotePerTickLot, 'quotePerTickLot');
  const intrinsic = isCall ? settlementTicks - strikeTicks : strikeTicks - settlementTicks;
  if (intrinsic <= 0) return 0;
  return assertMoney(intrinsic * lots * quotePerTickLot + 0, 'option payoff');
}
