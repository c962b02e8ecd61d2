/**
 * Statistics of the feedback checks: the mean of per-seed values with a Student-t 95% interval (paired
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

/**
 * Autocorrelations of d = eps / (1 - aL) (the AR(1) feedback filter of theory.md 1b) when the
 * exogenous increments eps have autocorrelations rho[1..] (rho beyond the list taken as 0):
 * gamma_d(k) = sum_{i,j >= 0} a^(i+j) rho(k + j - i), truncated where |a|^(i+j) < 1e-12. Returns
 * gamma_d(0..maxLag) / gamma_eps(0) (so [0] is the variance ratio at one interval).
 */
export function arFilteredAutocov(a: number, rho: readonly number[], maxLag: number): number[] {
  const r = (m: number): number => (m === 0 ? 1 : (rho[Math.abs(m) - 1] ?? 0));
  const terms = Math.abs(a) < 1e-9 ? 1 : Math.min(400, Math.ceil(Math.log(1e-12) / Math.log(Math.abs(a))));
  const out: number[] = [];
  for (let k = 0; k <= maxLag; k++) {
    let g = 0;
    for (let i = 0; i < terms; i++) for (let j = 0; j < terms; j++) g += a ** (i + j) * r(k + j - i);
    out.push(g);
  }
  return out;
}

/** Variance of n-interval sums from autocovariances g[0..n-1]: n g0 + 2 sum_{k<n} (n - k) g_k. */
export function windowVarianceFromAutocov(g: readonly number[], n: number): number {
  let v = n * (g[0] as number);
  for (let k = 1; k < n; k++) v += 2 * (n - k) * (g[k] ?? 0);
  return v;
}

/**
 * The theory.md 1b predictions for exogenous increments with autocorrelations `rho` (the
 * control's): lag-1 autocorrelation of the hedged increments and the vol ratio of n-interval
 * changes. With rho = [] (white eps) they equal a and {@link ar1VolRatio}.
 */
export function arPredictions(a: number, rho: readonly number[], n: number): { acf1: number; volRatio: number } {
  const g = arFilteredAutocov(a, rho, n);
  const white = rho.map((_, k) => rho[k] as number);
  const base = windowVarianceFromAutocov([1, ...white], n);
  return { acf1: (g[1] as number) / (g[0] as number), volRatio: Math.sqrt(windowVarianceFromAutocov(g, n) / base) };
}

/**
 * The same predictions when impact is not permanent (theory.md 1b: "only the permanent part
 * enters a"): a hedge q_k = -G d_k (answering the increment just seen) moves the price by
 * lambda(h) after h intervals (the probes' impact kernel, lambda[0] = lambda at one interval), so
 * d_k = eps_k + sum_j c_j d_{k-j} with c_j = -G (lambda(j) - lambda(j-1)), lambda(0) = 0: an
 * AR(J) filter (the propagator form). With lambda(h) constant it is the AR(1) of theory.md 1b.
 * NaN when the filter is unstable (its impulse response has not died out after 400 steps).
 */
export function kernelPredictions(g: number, lambdaByHorizon: readonly number[], rho: readonly number[], n: number): { acf1: number; volRatio: number } {
  const c = lambdaByHorizon.map((l, j) => -g * (l - (j === 0 ? 0 : (lambdaByHorizon[j - 1] as number))));
  const steps = 400;
  const psi = new Float64Array(steps);
  psi[0] = 1;
  for (let m = 1; m < steps; m++) {
    let v = 0;
    for (let j = 1; j <= Math.min(m, c.length); j++) v += (c[j - 1] as number) * (psi[m - j] as number);
    psi[m] = v;
  }
  if (!(Math.abs(psi[steps - 1] as number) < 1e-6)) return { acf1: Number.NaN, volRatio: Number.NaN };
  let last = steps;
  while (last > 1 && Math.abs(psi[last - 1] as number) < 1e-9) last--;
  const r = (m: number): number => (m === 0 ? 1 : (rho[Math.abs(m) - 1] ?? 0));
  const gam: number[] = [];
  for (let k = 0; k <= n; k++) {
    let v = 0;
    for (let i = 0; i < last; i++) for (let j = 0; j < last; j++) v += (psi[i] as number) * (psi[j] as number) * r(k + j - i);
    gam.push(v);
  }
  const base = windowVarianceFromAutocov([1, ...rho], n);
  return { acf1: (gam[1] as number) / (gam[0] as number), volRatio: Math.sqrt(windowVarianceFromAutocov(gam, n) / base) };
}
