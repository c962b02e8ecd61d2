/**
 * Dealer gamma exposure (GEX): the quote-currency delta change of the dealers' option book for a
 * 1 % move in the underlying, sum over positions of quantity * gamma * S^2 * 0.01.
 * Sign: the dealers' own position (quantity < 0 = dealers short = short gamma, negative GEX;
 * their hedge flow is then pro-cyclical). Quantities are in units of underlying (contracts times
 * contract size); prices and GEX in quote currency. Nothing is allocated per call.
 */
import { bsGreeks, newGreeks, type Greeks } from './black.js';

/** One option position held by the dealers. */
export interface GexPosition {
  readonly isCall: boolean;
  readonly strike: number;
  /** Time to expiry in ACT/365 years at the evaluation time. */
  readonly tenorYears: number;
  /** Dealers' signed quantity in units of underlying (negative = dealers short). */
  readonly quantity: number;
}

/** Anything that returns an implied vol for (strike, forward, tenor); a VolSurface fits. */
export interface VolSource {
  vol(strike: number, forward: number, tenorYears: number): number;
}

/** GEX of one unit of gamma at spot S: gamma * S^2 * 0.01 (quote currency per 1 % move). */
export function gexPerOnePercent(gamma: number, spot: number): number {
  return gamma * spot * spot * 0.01;
}

/**
 * Total dealer GEX at `spot`, in quote currency per 1 % move. `vols` is a constant vol or a
 * surface queried at the forward S e^{(r-q)T}; `scratch` is a caller-owned greeks object.
 */
export function dealerGex(positions: readonly GexPosition[], spot: number, r: number, q: number,
  vols: VolSource | number, scratch: Greeks = newGreeks()): number {
  let gammaSum = 0;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i] as GexPosition;
    if (p.quantity === 0) continue;
    const sigma = typeof vols === 'number' ? vols : vols.vol(p.strike, spot * Math.exp((r - q) * p.tenorYears), p.tenorYears);
    gammaSum += p.quantity * bsGreeks(p.isCall, spot, p.strike, p.tenorYears, r, q, sigma, scratch).gamma;
  }
  return gexPerOnePercent(gammaSum, spot);
}

/**
 * GEX profile: `out[i]` = dealer GEX if spot were `spots[i]` (same tenors; vol from `vols`
 * at each hypothetical spot, so a sticky-moneyness surface moves with it). Returns `out`.
 */
export function dealerGexProfile(positions: readonly GexPosition[], spots: Float64Array, r: number, q: number,
  vols: VolSource | number, out: Float64Array, scratch: Greeks = newGreeks()): Float64Array {
  if (out.length < spots.length) throw new RangeError(`GEX profile out has ${out.length} slots for ${spots.length} spots`);
  for (let i = 0; i < spots.length; i++) out[i] = dealerGex(positions, spots[i] as number, r, q, vols, scratch);
  return out;
}
