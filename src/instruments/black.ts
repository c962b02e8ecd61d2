/**
 * European option prices and greeks: Black-Scholes with a continuous yield / carry `q`
 * (Merton 1973) and Black-76 on a forward (the same formulas with S = F and q = r).
 *
 * Units: spot, forward and strike in quote currency per unit of underlying (any consistent
 * price unit); time `tYears` in ACT/365 years; `r`, `q` and `sigma` annualized, continuously
 * compounded. Greeks are per one unit of underlying:
 *   price, delta (dV/dS), gamma (d2V/dS2, per price unit), vega (dV/dsigma per 1.00 of vol,
 *   i.e. per 100 vol points), theta (dV/dt per year of calendar time, time-to-expiry shrinking),
 *   vanna (d delta / d sigma), charm (d delta / dt per year of calendar time), rho (dV/dr per
 *   1.00 of rate, i.e. per 100 % of annual rate; divide by 100 for 1 %: call K T e^{-rT} N(d2),
 *   put -K T e^{-rT} N(-d2) with S and q held; on Black-76, -T V with the forward held).
 *
 * Hot path: greeks are written into a caller-owned {@link Greeks} object; nothing is allocated.
 * Edge cases (tYears = 0, sigma = 0, sigma*sqrt(T) below 1e-12) return the limit values:
 * discounted intrinsic value, a step delta (half at the money), zero gamma/vega/vanna, and the
 * carry-only theta and charm. Inputs outside the domain (non-finite, spot or strike <= 0,
 * negative time or vol) are programming errors and throw.
 */
import { normCdf, normPdf } from './normal.js';

/** Greeks of one option on one unit of underlying. See the file header for units. */
export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  vanna: number;
  charm: number;
  rho: number;
}

/** A zeroed {@link Greeks} to reuse as the `out` argument. */
export function newGreeks(): Greeks {
  return { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, vanna: 0, charm: 0, rho: 0 };
}

/** Below this total standard deviation sigma*sqrt(T) the zero-vol limit is used. */
export const MIN_STD_DEV = 1e-12;

function checkInputs(s: number, k: number, tYears: number, r: number, q: number, sigma: number): void {
  // One combined test keeps the hot path to a single branch when inputs are good.
  if (!(s > 0 && k > 0 && tYears >= 0 && sigma >= 0 && s < Infinity && k < Infinity && tYears < Infinity
    && sigma < Infinity && Number.isFinite(r) && Number.isFinite(q))) {
    throw new RangeError(`option inputs out of domain: S=${s} K=${k} T=${tYears} r=${r} q=${q} sigma=${sigma}`);
  }
}

/**
 * Black-Scholes-Merton greeks with continuous yield `q` (q = r gives Black-76 on S = F).
 * Writes all fields of `out` and returns it.
 */
export function bsGreeks(isCall: boolean, s: number, k: number, tYears: number, r: number, q: number,
  sigma: number, out: Greeks): Greeks {
  checkInputs(s, k, tYears, r, q, sigma);
  const dq = Math.exp(-q * tYears);
  const dr = Math.exp(-r * tYears);
  const sq = s * dq; // discounted spot
  const kr = k * dr; // discounted strike
  const sqrtT = Math.sqrt(tYears);
  const sd = sigma * sqrtT;
  if (!(sd >= MIN_STD_DEV)) return zeroVolLimit(isCall, sq, kr, dq, r, q, out, tYears);

  const d1 = (Math.log(s / k) + (r - q) * tYears) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const pdf1 = normPdf(d1);
  out.gamma = (dq * pdf1) / (s * sd);
  out.vega = sq * pdf1 * sqrtT;
  out.vanna = (-dq * pdf1 * d2) / sigma;
  const thetaVol = (-sq * pdf1 * sigma) / (2 * sqrtT);
  // d(delta)/dt common term: -e^{-qT} phi(d1) [2(r-q)T - d2 sigma sqrt(T)] / (2 T sigma sqrt(T))
  const charmVol = (-dq * pdf1 * (2 * (r - q) * tYears - d2 * sd)) / (2 * tYears * sd);
  if (isCall) {
    const n1 = normCdf(d1);
    const n2 = normCdf(d2);
    out.price = sq * n1 - kr * n2;
    out.delta = dq * n1;
    out.theta = thetaVol - r * kr * n2 + q * sq * n1;
    out.charm = q * dq * n1 + charmVol;
    out.rho = tYears * kr * n2;
  } else {
    const n1 = normCdf(-d1);
    const n2 = normCdf(-d2);
    out.price = kr * n2 - sq * n1;
    out.delta = -dq * n1;
    out.theta = thetaVol + r * kr * n2 - q * sq * n1;
    out.charm = -q * dq * n1 + charmVol;
    out.rho = -tYears * kr * n2;
  }
  // Cancellation in deep ITM can leave a price a hair below zero; an option is never negative.
  if (out.price < 0) out.price = 0;
  return out;
}

/** The sigma*sqrt(T) -> 0 limit: the option is worth its discounted forward intrinsic value. */
function zeroVolLimit(isCall: boolean, sq: number, kr: number, dq: number, r: number, q: number,
  out: Greeks, tYears = 0): Greeks {
  const w = sq > kr ? 1 : sq < kr ? 0 : 0.5; // weight of the "exercised" branch for a call
  const wc = isCall ? w : 1 - w; // probability-like weight of the option's own branch
  const sign = isCall ? 1 : -1;
  out.price = isCall ? Math.max(sq - kr, 0) : Math.max(kr - sq, 0);
  // `+ 0` turns a signed zero from the products into +0, so a flat option reports plain zeros.
  out.delta = sign * wc * dq + 0;
  out.gamma = 0;
  out.vega = 0;
  out.vanna = 0;
  out.theta = sign * wc * (q * sq - r * kr) + 0;
  out.charm = sign * wc * q * dq + 0;
  // d/dr of the exercised branch +-(S e^{-qT} - K e^{-rT}) is +-T K e^{-rT}.
  out.rho = sign * wc * tYears * kr + 0;
  return out;
}

/** Black-Scholes-Merton price only (same domain and limits as {@link bsGreeks}). */
export function bsPrice(isCall: boolean, s: number, k: number, tYears: number, r: number, q: number,
  sigma: number): number {
  checkInputs(s, k, tYears, r, q, sigma);
  const sq = s * Math.exp(-q * tYears);
  const kr = k * Math.exp(-r * tYears);
  const sd = sigma * Math.sqrt(tYears);
  if (!(sd >= MIN_STD_DEV)) return isCall ? Math.max(sq - kr, 0) : Math.max(kr - sq, 0);
  const d1 = (Math.log(s / k) + (r - q) * tYears) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const p = isCall ? sq * normCdf(d1) - kr * normCdf(d2) : kr * normCdf(-d2) - sq * normCdf(-d1);
  return p > 0 ? p : 0;
}

/**
 * Black-76 greeks on forward `f` discounted at `r`: delta and gamma are with respect to the
 * forward, theta holds the forward fixed. Equal to {@link bsGreeks} with S = F, q = r, except rho:
 * with the forward held, V = e^{-rT} B(F) and dV/dr = -T V.
 */
export function black76Greeks(isCall: boolean, f: number, k: number, tYears: number, r: number,
  sigma: number, out: Greeks): Greeks {
  bsGreeks(isCall, f, k, tYears, r, r, sigma, out);
  out.rho = -tYears * out.price;
  return out;
}

/** Black-76 price on forward `f` discounted at `r`. */
export function black76Price(isCall: boolean, f: number, k: number, tYears: number, r: number,
  sigma: number): number {
  return bsPrice(isCall, f, k, tYears, r, r, sigma);
}

/** Forward price S * e^{(r - q) T}. */
export function forwardPrice(s: number, tYears: number, r: number, q: number): number {
  return s * Math.exp((r - q) * tYears);
}
