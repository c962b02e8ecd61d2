/**
 * Statistics the checks share: the mean of per-seed values with a Student-t 95% interval (paired
 * seeds: one value per seed, e.g. a log ratio arm/control), and the discrete-hedging AR(1)
 * predictions of theory.md 1b. Dimensionless unless stated.
 */
import { mean, studentTCdf } from '../analysis/paired.js';

/** Mean and two-sided 95% Student-t interval of `xs` (NaN interval with fewer than 2 values). */
export function meanCI(xs: readonly number[]): { mean: number; lo95: number; hi95: number; n: number } {
  const n = xs.length;
  const m = mean(xs);
  if (n < 2) return { mean: m, lo95: Number.NaN, hi95: Number.NaN, n };
  let ss = 0;
  for (const v of xs) ss += (v - m) * (v - m);
  const se = Math.sqrt(ss / (n - 1) / n);
  const h = tQuantile(0.975, n - 1) * se;
  return { mean: m, lo95: m - h, hi95: m + h, n };
}

/** Quantile of Student's t with `df` degrees of freedom (bisection on the CDF; p in (0.5, 1)). */
export function tQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = 1000;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * theory.md 1b, discrete hedging: interval increments follow d_{k+1} = a d_k + eps with
 * a = -lambda G. Ratio of the standard deviation of n-interval price changes to the no-hedger
 * one: sqrt([n - 2a(1 - a^n)/(1 - a^2)] / ((1 - a)^2 n)); n = 1 gives 1/sqrt(1 - a^2), n -> inf
 * gives 1/(1 - a) = 1/(1 + lambda G). Defined for |a| < 1.
 */
export function ar1VolRatio(a: number, n: number): number {
  if (!(Math.abs(a) < 1)) return Number.NaN;
  const v = (n - (2 * a * (1 - a ** n)) / (1 - a * a)) / ((1 - a) * (1 - a) * n);
  return Math.sqrt(v);
}

/**
 * Lag-1 autocorrelation of d = eps / (1 - aL) when eps is itself MA(1) with lag-1
 * autocorrelation rho0 (the no-hedger market's own microstructure memory, |rho0| < 0.5):
 * the ARMA(1,1) value (1 + a theta)(a + theta) / (1 + 2 a theta + theta^2), theta solving
 * theta / (1 + theta^2) = rho0 (invertible root). rho0 = 0 gives a (theory.md 1b).
 */
export function arma11Acf1(a: number, rho0: number): number {
  if (!(Math.abs(rho0) < 0.5)) return Number.NaN;
  const theta = rho0 === 0 ? 0 : (1 - Math.sqrt(1 - 4 * rho0 * rho0)) / (2 * rho0);
  return ((1 + a * theta) * (a + theta)) / (1 + 2 * a * theta + theta * theta);
}

/** Least-squares slope through the origin of y on x: sum(x y) / sum(x^2) (NaN when x is all 0). */
export function slopeThroughOrigin(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] as number) * (y[i] as number);
    sxx += (x[i] as number) * (x[i] as number);
  }
  return sxx === 0 ? Number.NaN : sxy / sxx;
}
