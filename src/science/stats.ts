/**
 * Small statistics the checks share: the mean with a 95 % Student-t interval over paired seeds,
 * an ordinary least-squares line, and the report's `measured` block. Pure functions over plain
 * arrays; the units are those of the inputs.
 */
import { mean, studentTCdf } from '../analysis/paired.js';

/** Mean and 95 % CI (Student t, n - 1 degrees of freedom) of `xs`. */
export interface MeanCI {
  readonly mean: number;
  readonly lo95: number;
  readonly hi95: number;
  readonly n: number;
}

/** Two-sided 97.5 % quantile of Student's t with `df` degrees of freedom (bisection on the CDF). */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < 0.975) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Mean of `xs` with its 95 % t interval (a single value has an unbounded interval: NaN ends). */
export function meanCI95(xs: readonly number[]): MeanCI {
  const n = xs.length;
  const m = mean(xs);
  if (n < 2) return { mean: m, lo95: Number.NaN, hi95: Number.NaN, n };
  let ss = 0;
  for (const v of xs) ss += (v - m) * (v - m);
  const half = tQuantile975(n - 1) * Math.sqrt(ss / (n - 1) / n);
  return { mean: m, lo95: m - half, hi95: m + half, n };
}

/** y = intercept + slope * x by least squares. */
export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
}

/** Least-squares line through (x[i], y[i]); throws on fewer than two points or unequal lengths. */
export function olsFit(x: readonly number[], y: readonly number[]): LineFit {
  if (x.length !== y.length || x.length < 2) throw new RangeError(`olsFit needs >= 2 paired points, got ${x.length} and ${y.length}`);
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] as number) - mx;
    sxy += dx * ((y[i] as number) - my);
    sxx += dx * dx;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** Log-log slope of y on x (all values must be positive). */
export function logLogSlope(x: readonly number[], y: readonly number[]): number {
  return olsFit(x.map(Math.log), y.map(Math.log)).slope;
}

/** The report's `measured` block from per-seed values of one statistic. */
export function measuredOf(statistic: string, xs: readonly number[]): { statistic: string; mean: number; lo95: number; hi95: number; n: number } {
  return { statistic, ...meanCI95(xs) };
}

/** A number for a report line: 4 significant digits. */
export function fmt(v: number): string {
  return Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v);
}
