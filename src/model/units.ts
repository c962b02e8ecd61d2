/**
 * Integer units. Prices are integer ticks, sizes integer lots, money integer quote units of
 * 10^-4 of the quote currency (safe to about 9 * 10^11 USD). Floats live only inside models;
 * a float becomes an order or a cash amount only through one of the rounding functions here.
 * The brands are compile-time only (zero cost); hot SoA arrays hold plain numbers.
 */

export type Ticks = number & { readonly __unit?: 'ticks' };
export type Lots = number & { readonly __unit?: 'lots' };
/** Integer quote units, 1 = 10^-4 of the quote currency. */
export type QuoteUnits = number & { readonly __unit?: 'quote' };

/** Quote units per 1 of the quote currency (e.g. per USD). */
export const QUOTE_UNITS_PER_QUOTE = 10_000;

/** Throws unless `v` is a finite number (NaN and Infinity are rejected at every boundary). */
export function assertFinite(v: number, what: string): void {
  if (!Number.isFinite(v)) throw new RangeError(`${what} must be finite, got ${v}`);
}

/** Throws unless `v` is a safe integer. Every money operation goes through this. */
export function assertMoney(v: number, what = 'money'): number {
  if (!Number.isSafeInteger(v)) throw new RangeError(`${what} must be a safe integer of quote units, got ${v}`);
  return v;
}

/** Throws unless `v` is a safe integer number of ticks / lots. */
export function assertInt(v: number, what: string): number {
  if (!Number.isSafeInteger(v)) throw new RangeError(`${what} must be a safe integer, got ${v}`);
  return v;
}

/** Rounds a price in quote currency to the nearest tick. */
export function priceToTicks(price: number, tickSize: number): Ticks {
  assertFinite(price, 'price');
  return Math.round(price / tickSize);
}

/** Rounds a price down (for bids) or up (for asks) to the tick grid. */
export function priceToTicksDir(price: number, tickSize: number, roundUp: boolean): Ticks {
  assertFinite(price, 'price');
  const x = price / tickSize;
  // The epsilon keeps exact grid values (e.g. 100.1 / 0.1 = 1000.9999999) on their tick.
  return roundUp ? Math.ceil(x - 1e-9) : Math.floor(x + 1e-9);
}

export function ticksToPrice(ticks: number, tickSize: number): number {
  return ticks * tickSize;
}

/** Rounds a size in base units down to whole lots (never trade more than asked). */
export function sizeToLots(size: number, lotSize: number): Lots {
  assertFinite(size, 'size');
  return Math.floor(Math.abs(size) / lotSize + 1e-9) * Math.sign(size);
}

export function lotsToSize(lots: number, lotSize: number): number {
  return lots * lotSize;
}

/**
 * Integer money units per coin at a coin-settled (inverse) venue: satoshi-like 10^-8, since
 * 10^-4 BTC (~10 USD) is too coarse for fees on a 10 USD contract. A venue's money columns in
 * tables are in its settlement currency (the coin at an inverse venue).
 */
export const COIN_UNITS_PER_COIN = 100_000_000;

/** Converts a float amount of quote currency to integer quote units (half away from zero). */
export function toQuoteUnits(amount: number): QuoteUnits {
  assertFinite(amount, 'amount');
  const v = Math.sign(amount) * Math.round(Math.abs(amount) * QUOTE_UNITS_PER_QUOTE);
  return assertMoney(v === 0 ? 0 : v, 'amount');
}

export function fromQuoteUnits(units: number): number {
  return units / QUOTE_UNITS_PER_QUOTE;
}

/**
 * Notional in quote units of `lots` at `ticks`, for an instrument whose one tick times one lot
 * is worth `quotePerTickLot` quote units (an integer fixed by the instrument: tickSize * lotSize
 * * 10^4, validated at scenario resolve time).
 */
export function notionalUnits(ticks: number, lots: number, quotePerTickLot: number): QuoteUnits {
  return assertMoney(ticks * lots * quotePerTickLot, 'notional');
}
