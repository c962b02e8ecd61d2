/**
 * Summary statistics for comparing sweep cells over seeds: mean, sample standard deviation,
 * Student-t 95% confidence interval of a mean, the paired t-test on per-seed differences and a
 * percentile bootstrap CI of the mean difference. Pure functions on plain number arrays; NaN
 * values must be dropped by the caller (see {@link finite}). The bootstrap draws from an
 * injected `int(n)` source (a named RandomStream in the caller), never from host randomness, so
 * the same inputs give the same interval.
 */

/** The values that are finite numbers (NaN and Infinity dropped), in order. */
export function finite(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** Arithmetic mean (NaN for an empty list). */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n - 1 denominator; NaN under 2 values). */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/** log Gamma by the Lanczos approximation (g = 7, 9 terms; about 15 digits for x > 0). */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  const front = Math.exp(lnFront);
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Two-sided tail probability P(|T| >= |t|) of Student's t with `df` degrees of freedom. */
export function studentTTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(df) || df <= 0 || Number.isNaN(t)) return NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/** The quantile q (0.5 < q < 1) of Student's t with `df` degrees of freedom (bisection). */
export function studentTQuantile(q: number, df: number): number {
  if (!(q > 0.5 && q < 1) || !(df > 0)) return NaN;
  const tail = 2 * (1 - q);
  let lo = 0;
  let hi = 1;
  while (studentTTwoSidedP(hi, df) > tail) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTTwoSidedP(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Mean, spread and 95% CI of one sample. */
export interface SampleSummary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** mean -/+ t(0.975, n-1) * sd / sqrt(n); NaN under 2 values. */
  readonly ciLow: number;
  readonly ciHigh: number;
}

/** n, mean, sample sd and the Student-t 95% CI of the mean. */
export function summarize(xs: readonly number[]): SampleSummary {
  const n = xs.length;
  const m = mean(xs);
  const sd = sampleSd(xs);
  const half = n >= 2 ? (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n) : NaN;
  return { n, mean: m, sd, ciLow: m - half, ciHigh: m + half };
}

/** Paired t-test of `diffs` (treatment - baseline, per seed) against zero. */
export interface PairedTest extends SampleSummary {
  /** mean / (sd / sqrt(n)); NaN under 2 pairs or when sd is 0 and mean is 0. */
  readonly t: number;
  /** Two-sided p-value (0 when sd is 0 and the mean is not). */
  readonly p: number;
}

export function pairedTTest(diffs: readonly number[]): PairedTest {
  const s = summarize(diffs);
  if (s.n < 2) return { ...s, t: NaN, p: NaN };
  const se = s.sd / Math.sqrt(s.n);
  if (se === 0) return { ...s, t: s.mean === 0 ? NaN : Math.sign(s.mean) * Infinity, p: s.mean === 0 ? NaN : 0 };
  const t = s.mean / se;
  return { ...s, t, p: studentTTwoSidedP(t, s.n - 1) };
}

/**
 * Percentile bootstrap 95% CI of the mean of `xs`: `resamples` means of n draws with
 * replacement (indices from `int(n)`, uniform on 0..n-1), then the 2.5% and 97.5% order
 * statistics (linear interpolation). NaN bounds for an empty sample.
 */
export function bootstrapMeanCi(xs: readonly number[], resamples: number, int: (n: number) => number): { low: number; high: number } {
  const n = xs.length;
  if (n === 0 || resamples < 1) return { low: NaN, high: NaN };
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[int(n)] as number;
    means[b] = s / n;
  }
  means.sort();
  return { low: quantileSorted(means, 0.025), high: quantileSorted(means, 0.975) };
}

/** Quantile of sorted values with linear interpolation between order statistics (type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}
