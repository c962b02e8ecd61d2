/**
 * Implied volatility for Black-Scholes-Merton (with yield q) and Black-76: safeguarded Newton
 * inside a bracket that always holds the root, falling back to bisection when a Newton step
 * leaves the bracket or vega vanishes. Prices outside the no-arbitrage bounds are a clear
 * failure, never a NaN. Vol is annualized (0.5 = 50 %); prices in the same unit as spot.
 */
import { bsGreeks, newGreeks, type Greeks } from './black.js';

/** Result of an implied-vol solve. */
export type ImpliedVolResult =
  | { readonly ok: true; readonly vol: number; readonly iterations: number }
  | { readonly ok: false; readonly reason: 'below_intrinsic' | 'above_upper_bound' | 'no_convergence' | 'bad_input' | 'below_precision' };

/** Solver settings. */
export interface ImpliedVolOptions {
  /** Stop when the vol step or bracket is below this (absolute vol). Default 1e-12. */
  readonly volTolerance?: number;
  /** Maximum iterations (Newton plus bisection). Default 200. */
  readonly maxIterations?: number;
  /** Largest vol searched (1000 % by default); a price needing more is `above_upper_bound`. */
  readonly maxVol?: number;
}

const DEFAULT_TOL = 1e-12;
const DEFAULT_MAX_ITER = 200;
const DEFAULT_MAX_VOL = 10;

/**
 * The vol at which a BSM option (yield q) is worth `price`. Works on the out-of-the-money
 * side (an in-the-money price is turned into the other option's price by put-call parity) so
 * deep in-the-money inputs keep their precision.
 */
export function impliedVolBs(isCall: boolean, price: number, s: number, k: number, tYears: number,
  r: number, q: number, options: ImpliedVolOptions = {}): ImpliedVolResult {
  if (!(Number.isFinite(price) && s > 0 && k > 0 && tYears > 0 && Number.isFinite(s) && Number.isFinite(k)
    && Number.isFinite(tYears) && Number.isFinite(r) && Number.isFinite(q))) {
    return { ok: false, reason: 'bad_input' };
  }
  const tol = options.volTolerance ?? DEFAULT_TOL;
  const maxIter = options.maxIterations ?? DEFAULT_MAX_ITER;
  const maxVol = options.maxVol ?? DEFAULT_MAX_VOL;
  const sq = s * Math.exp(-q * tYears);
  const kr = k * Math.exp(-r * tYears);
  const intrinsic = isCall ? Math.max(sq - kr, 0) : Math.max(kr - sq, 0);
  const upper = isCall ? sq : kr;
  // A relative slack of a few ulps so a price computed from these same formulas is accepted.
  const slack = 4 * Number.EPSILON * Math.max(sq, kr);
  if (price < intrinsic - slack) return { ok: false, reason: 'below_intrinsic' };
  if (price >= upper - slack) return { ok: false, reason: 'above_upper_bound' };
  // Out-of-the-money equivalent: the call when K e^{-rT} >= S e^{-qT}, else the put.
  const useCall = kr >= sq;
  const converted = useCall !== isCall;
  const otmPrice = converted ? price - (isCall ? sq - kr : kr - sq) : price;
  // A price turned out-of-the-money by parity carries the subtraction's noise (a few ulps of the
  // price scale): at or below it the option is worth its intrinsic value, vol 0. A price given
  // out of the money is exact, so only 0 means vol 0 (issue 16: a deep-tail price of 2e-26 read
  // as vol 0 with ok: true; the true vol was 0.3).
  if (otmPrice <= (converted ? slack : 0)) return { ok: true, vol: 0, iterations: 0 };
  // In the deep tail the absolute slack is coarser than the price itself: solve on log price
  // (Newton on log(price) with vega / price) and stop on the vol bracket only.
  const tail = otmPrice <= 1e6 * slack;

  const g: Greeks = newGreeks();
  let lo = 0;
  let hi = maxVol;
  if (bsGreeks(useCall, s, k, tYears, r, q, hi, g).price < otmPrice) return { ok: false, reason: 'above_upper_bound' };
  // Start at the inflection point of price in vol (Manaster-Koehler), where Newton is monotone.
  let vol = Math.sqrt((2 * Math.abs(Math.log(sq / kr))) / tYears);
  if (!(vol > 0.01 && vol < maxVol)) vol = 0.5;
  for (let i = 1; i <= maxIter; i++) {
    bsGreeks(useCall, s, k, tYears, r, q, vol, g);
    const diff = g.price - otmPrice;
    // Below a few ulps of the price scale the price carries no more information about vol.
    if (!tail && Math.abs(diff) <= slack) return { ok: true, vol, iterations: i };
    if (diff > 0) hi = vol;
    else lo = vol;
    let next = g.vega > 0 ? (tail ? (g.price > 0 ? vol - (Math.log(g.price / otmPrice) * g.price) / g.vega : NaN) : vol - diff / g.vega) : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - vol) <= tol * (1 + vol) || hi - lo <= tol) {
      if (tail && !tailMatches(useCall, s, k, tYears, r, q, next, otmPrice, g)) return { ok: false, reason: 'below_precision' };
      return { ok: true, vol: next, iterations: i };
    }
    vol = next;
  }
  return { ok: false, reason: 'no_convergence' };
}

/**
 * A tail solution is trusted only when the formula's price at it reproduces the target to 1e-6
 * relative: below about 1e-300 the price underflows and every small vol gives 0.
 */
function tailMatches(useCall: boolean, s: number, k: number, tYears: number, r: number, q: number, vol: number, target: number, g: Greeks): boolean {
  const p = bsGreeks(useCall, s, k, tYears, r, q, vol, g).price;
  return p > 0 && Math.abs(p / target - 1) <= 1e-6;
}

/** The vol at which a Black-76 option on forward `f` discounted at `r` is worth `price`. */
export function impliedVolBlack76(isCall: boolean, price: number, f: number, k: number, tYears: number,
  r: number, options: ImpliedVolOptions = {}): ImpliedVolResult {
  return impliedVolBs(isCall, price, f, k, tYears, r, r, options);
}
