/**
 * Greeks of a European option that settles on the time-weighted average of the index over a
 * window [T - W, T] before expiry (Deribit: W = 30 min; settlement.ts), r = q = 0.
 *
 * Moment matching in the Black-Scholes family (Turnbull and Wakeman 1991 to first order; for a
 * window of minutes the lognormal and normal pictures agree to well below a tick):
 * - before the window (time u = T - W - t > 0 to its start): the average has mean S and log
 *   variance sigma^2 (u + W / 3), so the option is Black-Scholes with tau_eff = u + W / 3;
 * - inside it, with a fraction f = (T - t) / W of the window left and the average so far A
 *   over the elapsed part: A_T = (1 - f) A + f X, X the average of the remaining path (mean S,
 *   log variance sigma^2 (T - t) / 3). A call pays f max(X - K', 0) with K' = (K - (1 - f) A) / f,
 *   so price, delta and gamma are f times Black-Scholes at K', tau = (T - t) / 3; when K' <= 0
 *   the call is surely in the money (delta f, gamma 0) and the put worthless.
 * So delta decays to 0 through the window (the fixed part no longer depends on spot) and gamma
 * stays bounded: at the window start it is that of tau = W / 3.
 * Units as black.ts: prices quote currency per unit, times ACT/365 years, greeks per unit.
 */
import { bsGreeks, type Greeks } from './black.js';

/**
 * Greeks of a TWAP-settled option on one unit. `toExpiryYears` = T - t (> 0), `windowYears` = W
 * (> 0), `fixedAverage` = the average of the index over the elapsed part of the window (ignored
 * before it), `tauFloorYears` floors the effective tau (the dealer's near-expiry safeguard).
 */
export function twapGreeks(isCall: boolean, spot: number, strike: number, toExpiryYears: number, windowYears: number,
  fixedAverage: number, sigma: number, tauFloorYears: number, out: Greeks): Greeks {
  const beforeYears = toExpiryYears - windowYears;
  if (beforeYears >= 0) {
    const tau = Math.max(tauFloorYears, beforeYears + windowYears / 3);
    return bsGreeks(isCall, spot, strike, tau, 0, 0, sigma, out);
  }
  const f = toExpiryYears / windowYears;
  const fixed = (1 - f) * fixedAverage;
  const kEff = (strike - fixed) / f;
  if (!(kEff > 0)) {
    // The fixed part alone is above the strike: the call pays fixed + f X - K, linear in spot.
    out.price = isCall ? fixed + f * spot - strike : 0;
    out.delta = isCall ? f : 0;
    out.gamma = 0;
    out.vega = 0;
    out.theta = 0;
    out.vanna = 0;
    out.charm = 0;
    return out;
  }
  bsGreeks(isCall, spot, kEff, Math.max(tauFloorYears, toExpiryYears / 3), 0, 0, sigma, out);
  out.price *= f;
  out.delta *= f;
  out.gamma *= f;
  out.vega *= f;
  out.theta *= f;
  out.vanna *= f;
  out.charm *= f;
  return out;
}
