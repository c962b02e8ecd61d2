/**
 * Paired statistics across seeds (common random numbers): two arms run on the same seeds give
 * paired values x[i] (arm A) and y[i] (arm B); the tests work on the differences d[i] = x[i] - y[i]
 * (or on log ratios, see {@link logRatios}). Used by the science acceptance tests, the science
 * validation script and `compare`. Pure functions over plain arrays; unitless unless the inputs
 * carry a unit. NaN pairs are rejected (a metric that could not be computed is a broken
 * experiment, not a data point).
 *
 * p-values: the paired t-test uses Student's t distribution (regularized incomplete beta,
 * Numerical Recipes 6.4 continued fraction); the sign test is exact binomial (ties dropped);
 * the bootstrap CI is the percentile interval of the resampled mean from a seeded generator
 * (SplitMix32), so the same inputs and seed always give the same interval.
 */

/** Which alternative a one-sided or two-sided p-value tests. */
export type Alternative = 'greater' | 'less' | 'two-sided';

/** Result of {@link pairedTTest}. */
export interface TTestResult {
  readonly n: number;
  /** Mean of the differences. */
  readonly mean: number;
  /** Sample standard deviation of the differences (n - 1). */
  readonly sd: number;
  /** t = mean / (sd / sqrt(n)); +-Infinity when sd = 0 and mean != 0, NaN when both are 0. */
  readonly t: number;
  readonly df: number;
  /** p-value for the chosen alternative (mean > 0, mean < 0 or mean != 0). */
  readonly p: number;
}

/** Result of {@link signTest}. */
export interface SignTestResult {
  /** Pairs with a positive difference. */
  readonly positive: number;
  /** Pairs with a negative difference. */
  readonly negative: number;
  /** Pairs with a zero difference (dropped from the test). */
  readonly ties: number;
  /** Exact binomial p-value (p = 1/2) for the chosen alternative. */
  readonly p: number;
}

function checkPairs(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) throw new RangeError(`paired arrays differ in length: ${x.length} vs ${y.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`pair ${i} is not finite: ${x[i]}, ${y[i]}`);
  }
}

/** d[i] = x[i] - y[i] (throws on unequal lengths or a non-finite value). */
export function differences(x: readonly number[], y: readonly number[]): number[] {
  checkPairs(x, y);
  return x.map((v, i) => v - (y[i] as number));
}

/** d[i] = ln(x[i] / y[i]) for positive values (throws otherwise): effect sizes of ratio metrics such as vol. */
export function logRatios(x: readonly number[], y: readonly number[]): number[] {
  checkPairs(x, y);
  return x.map((v, i) => {
    const w = y[i] as number;
    if (!(v > 0 && w > 0)) throw new RangeError(`log ratio needs positive values, pair ${i}: ${v}, ${w}`);
    return Math.log(v / w);
  });
}

/** Arithmetic mean (NaN for no values). */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  let s = 0;
  for (const v of xs) s += v;
  return s / xs.length;
}

/** Median (NaN for no values). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Share of values strictly above 0 (NaN for no values). */
export function shareAbove(xs: readonly number[], threshold = 0): number {
  return xs.length === 0 ? Number.NaN : xs.filter((v) => v > threshold).length / xs.length;
}

/** Share of values strictly below 0 (NaN for no values). */
export function shareBelow(xs: readonly number[], threshold = 0): number {
  return xs.length === 0 ? Number.NaN : xs.filter((v) => v < threshold).length / xs.length;
}

/** One-sample t-test of the differences `d` against mean 0 (the paired t-test on x - y). */
export function tTest(d: readonly number[], alternative: Alternative = 'two-sided'): TTestResult {
  const n = d.length;
  if (n < 2) throw new RangeError(`a t-test needs at least 2 pairs, got ${n}`);
  for (const v of d) if (!Number.isFinite(v)) throw new RangeError(`difference is not finite: ${v}`);
  const m = mean(d);
  let ss = 0;
  for (const v of d) ss += (v - m) * (v - m);
  const sd = Math.sqrt(ss / (n - 1));
  const df = n - 1;
  const t = sd === 0 ? (m === 0 ? Number.NaN : m > 0 ? Infinity : -Infinity) : m / (sd / Math.sqrt(n));
  let p: number;
  // Every difference exactly 0: the statistic is 0/0 and there is no test to make (p = 1 would
  // read as "tested, no evidence" when the metric simply did not change in any seed).
  if (Number.isNaN(t)) p = Number.NaN;
  else if (alternative === 'greater') p = 1 - studentTCdf(t, df);
  else if (alternative === 'less') p = studentTCdf(t, df);
  else p = Math.min(1, 2 * (1 - studentTCdf(Math.abs(t), df)));
  return { n, mean: m, sd, t, df, p };
}

/** Paired t-test of x against y (on x[i] - y[i]). */
export function pairedTTest(x: readonly number[], y: readonly number[], alternative: Alternative = 'two-sided'): TTestResult {
  return tTest(differences(x, y), alternative);
}

/** Exact sign test on the differences `d` (zeros dropped). */
export function signTest(d: readonly number[], alternative: Alternative = 'two-sided'): SignTestResult {
  let positive = 0;
  let negative = 0;
  let ties = 0;
  for (const v of d) {
    if (!Number.isFinite(v)) throw new RangeError(`difference is not finite: ${v}`);
    if (v > 0) positive++;
    else if (v < 0) negative++;
    else ties++;
  }
  const n = positive + negative;
  let p: number;
  if (n === 0) p = 1;
  else if (alternative === 'greater') p = binomialUpperTail(positive, n);
  else if (alternative === 'less') p = binomialUpperTail(negative, n);
  else p = Math.min(1, 2 * binomialUpperTail(Math.max(positive, negative), n));
  return { positive, negative, ties, p };
}

/** P(X >= k) for X ~ Binomial(n, 1/2), exact (log-space terms). */
export function binomialUpperTail(k: number, n: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  let sum = 0;
  for (let i = k; i <= n; i++) sum += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, sum);
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** Percentile bootstrap confidence interval of the mean of `d` (deterministic for a given seed). */
export function bootstrapMeanCI(d: readonly number[], options: { level?: number; resamples?: number; seed?: number } = {}): { low: number; high: number } {
  const level = options.level ?? 0.95;
  const resamples = options.resamples ?? 2000;
  if (d.length === 0) throw new RangeError('bootstrap needs at least one value');
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  let state = (options.seed ?? 1) >>> 0;
  // SplitMix32: a small seeded generator, so the interval is reproducible (no ambient randomness).
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
  const n = d.length;
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += d[Math.floor(next() * n)] as number;
    means[r] = s / n;
  }
  means.sort();
  const lo = Math.floor(((1 - level) / 2) * (resamples - 1));
  const hi = Math.ceil((1 - (1 - level) / 2) * (resamples - 1));
  return { low: means[lo] as number, high: means[hi] as number };
}

/** Student's t cumulative distribution function with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`df must be positive, got ${df}`);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Regularized incomplete beta I_x(a, b) (Numerical Recipes 6.4). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
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
    if (Math.abs(del - 1) < 1e-14) break;
  }
  return h;
}

/** ln Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms; |error| < 1e-13 here). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
