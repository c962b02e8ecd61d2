/**
 * Contract valuation of one instrument: linear (quote-settled, USDT-margined) or inverse
 * (coin-settled, coin-margined: BitMEX XBTUSD, Binance COIN-M, Deribit, Bybit inverse).
 *
 * Everything the ledger and the margin code need is the value of one lot at a price, `u(P)`, in
 * the house's settlement units (the integer money unit of the currency the instrument settles
 * in). A trade of signed lots d at P has value d * u(P); the ledger books cost basis
 * C = sum d * u(P) and uPnL(M) = pos * u(M) - C, for both kinds:
 *
 *   linear   u(P) =  P * q        q = settlement units per tick * lot (integer)
 *   inverse  u(P) = -K / P        K = settlement units * ticks per lot = face_usd * unitsPerCoin / tickSize
 *
 * So for an inverse long of N = Q * face USD entered at E and marked at M,
 * uPnL = -Q K / M + Q K / E = N * (1/E - 1/M) coin, the inverse PnL of every venue
 * (crypto-mechanics.md §1.5; Deribit "Example (futures)", docs/clearing.md). u is increasing in P
 * for both kinds, so "a long loses when the price falls" and the trigger index keep their meaning.
 * Notional = |pos| * |u(M)|: quote value (linear) or coin value N / M (inverse).
 *
 * Exactness: a linear trade value is an exact integer. An inverse trade value N / P is not, so it
 * is rounded to the nearest unit (half away from zero) on |d|, and the two sides of a fill get
 * exactly opposite values: fills conserve money exactly. Closing every position at one price
 * (expiry settlement) rounds each against the account (see {@link settlementValueUnits}) and the
 * residue goes to the rounding balance.
 */
import { assertMoney } from '../model/units.js';

/** Contract kind of a cleared instrument. */
export const ContractKind = { Linear: 0, Inverse: 1 } as const;
export type ContractKind = (typeof ContractKind)[keyof typeof ContractKind];

/** Value of one lot at `priceTicks` in settlement units (float; see the file header). */
export function lotValue(kind: ContractKind, scale: number, priceTicks: number): number {
  return kind === ContractKind.Inverse ? -scale / priceTicks : priceTicks * scale;
}

/** The price (fractional ticks) at which one lot is worth `u` settlement units: the inverse of {@link lotValue}. */
export function priceOfLotValue(kind: ContractKind, scale: number, u: number): number {
  return kind === ContractKind.Inverse ? -scale / u : u / scale;
}

/**
 * Exact integer value of a fill of `signedLots` (buy > 0) at integer `priceTicks`. Linear: the
 * exact product. Inverse: -sign(d) * round(|d| * K / P), so a buy and the matching sell are
 * exact opposites.
 */
export function tradeValueUnits(kind: ContractKind, scale: number, signedLots: number, priceTicks: number): number {
  if (kind !== ContractKind.Inverse) return assertMoney(signedLots * priceTicks * scale, 'fill value');
  if (!(priceTicks > 0)) throw new RangeError(`inverse price must be > 0 ticks, got ${priceTicks}`);
  const m = Math.round((Math.abs(signedLots) * scale) / priceTicks);
  return assertMoney(signedLots > 0 ? -m : signedLots < 0 ? m : 0, 'inverse fill value');
}

/**
 * Value at which a position of `posLots` is closed at `priceTicks` by a settlement (the
 * closing trade is `-posLots`), rounded against the holder: the holder's money changes by
 * minus this value, so it is rounded up. Linear values are exact. The sum over all holders is
 * then >= 0 (exactly 0 for linear) and is the rounding residue.
 */
export function settlementValueUnits(kind: ContractKind, scale: number, posLots: number, priceTicks: number): number {
  if (kind !== ContractKind.Inverse) return assertMoney(-posLots * priceTicks * scale, 'settlement value');
  return assertMoney(Math.ceil((posLots * scale) / priceTicks) + 0, 'inverse settlement value');
}

/**
 * Per-lot value scale K of an inverse contract: value of one lot at P ticks = K / P units, with
 * `faceQuote` the contract's face value in quote currency (USD), `unitsPerCoin` the settlement
 * currency's integer units per coin and `tickSize` in quote currency.
 */
export function inverseScale(faceQuote: number, unitsPerCoin: number, tickSize: number): number {
  const k = (faceQuote * unitsPerCoin) / tickSize;
  if (!(Number.isFinite(k) && k > 0)) throw new RangeError(`bad inverse contract: face ${faceQuote}, units ${unitsPerCoin}, tick ${tickSize}`);
  return k;
}
