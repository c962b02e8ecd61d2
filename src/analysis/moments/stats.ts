/**
 * Sample statistics used by the moment list, written to match `shared/data/stats.py` exactly:
 * population moments (divide by n), excess kurtosis m4/m2^2 - 3, and the ACF of a series stored
 * as contiguous segments (one mean and variance over all values; lag pairs never cross a
 * segment boundary; each lag's numerator divided by its own pair count). Dimensionless unless
 * the caller's values carry a unit. Empty or degenerate input gives NaN, never a throw.
 */

/** Mean, population standard deviation and excess kurtosis (m4 / m2^2 - 3) of `x`. */
export function sampleMoments(x: ArrayLike<number>): { mean: number; std: number; excessKurtosis: number } {
  const n = x.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN, excessKurtosis: Number.NaN };
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] as number;
  const m = s / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - m;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  m2 /= n;
  m4 /= n;
  return { mean: m, std: Math.sqrt(m2), excessKurtosis: m2 > 0 ? m4 / (m2 * m2) - 3 : Number.NaN };
}

/** Values of all segments, in order, as one array. */
export function concatSegments(segments: readonly ArrayLike<number>[]): Float64Array {
  let n = 0;
  for (const s of segments) n += s.length;
  const out = new Float64Array(n);
  let at = 0;
  for (const s of segments) for (let i = 0; i < s.length; i++) out[at++] = s[i] as number;
  return out;
}

/**
 * ACF at `lag` of a series given as contiguous segments (stats.py `acf_segments`): mean m and
 * variance v over all values; ACF(k) = [sum over in-segment pairs (x_t - m)(x_{t+k} - m) / pairs] / v.
 * NaN without a pair or with zero variance.
 */
export function acfSegments(segments: readonly ArrayLike<number>[], lag: number): number {
  const { mean: m, std } = sampleMoments(concatSegments(segments));
  const v = std * std;
  let num = 0;
  let cnt = 0;
  for (const s of segments) {
    for (let i = 0; i + lag < s.length; i++) {
      num += ((s[i] as number) - m) * ((s[i + lag] as number) - m);
      cnt++;
    }
  }
  return cnt > 0 && v > 0 ? num / cnt / v : Number.NaN;
}

/**
 * Half-width of the heteroskedasticity-robust 3-sigma band for the sample ACF at `lag`
 * (theory.md section 5b, Romano & Thombs 1996): 3 * sqrt(sum d_t^2 d_{t+k}^2) / sum d_t^2 with
 * d = x - mean, pairs inside segments. Under i.i.d. returns it tends to the usual 3 / sqrt(n);
 * under volatility clustering it is wider, which is why ACF tests on returns must use it.
 */
export function robustAcfBand(segments: readonly ArrayLike<number>[], lag: number): number {
  const all = concatSegments(segments);
  const { mean: m } = sampleMoments(all);
  let den = 0;
  for (let i = 0; i < all.length; i++) {
    const d = (all[i] as number) - m;
    den += d * d;
  }
  let num = 0;
  for (const s of segments) {
    for (let i = 0; i + lag < s.length; i++) {
      const a = (s[i] as number) - m;
      const b = (s[i + lag] as number) - m;
      num += a * a * b * b;
    }
  }
  return den > 0 && num > 0 ? (3 * Math.sqrt(num)) / den : Number.NaN;
}

/**
 * Hill estimator of the tail index alpha of |x| on the top `topFraction` of the sample:
 * k = floor(topFraction * n) largest |x| X_(1) >= ... >= X_(k), threshold X_(k+1), and
 * alpha = k / sum_{i<=k} ln(X_(i) / X_(k+1)). NaN when k < 2 or the threshold is 0.
 */
export function hillTailIndex(x: ArrayLike<number>, topFraction: number): number {
  const n = x.length;
  const k = Math.floor(topFraction * n);
  if (k < 2 || k >= n) return Number.NaN;
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.abs(x[i] as number);
  a.sort();
  const threshold = a[n - k - 1] as number;
  if (!(threshold > 0)) return Number.NaN;
  let s = 0;
  for (let i = n - k; i < n; i++) s += Math.log((a[i] as number) / threshold);
  return s > 0 ? k / s : Number.NaN;
}

/** Median of the finite values of `x` (mean of the two middle values for an even count); NaN when none. */
export function median(x: ArrayLike<number>): number {
  const v: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const e = x[i] as number;
    if (Number.isFinite(e)) v.push(e);
  }
  if (v.length === 0) return Number.NaN;
  v.sort((p, q) => p - q);
  const h = v.length >> 1;
  return v.length % 2 === 1 ? (v[h] as number) : ((v[h - 1] as number) + (v[h] as number)) / 2;
}

/** Pearson correlation of paired samples (population moments); NaN under 3 pairs or zero variance. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  if (n < 3) return Number.NaN;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i] as number;
    sy += y[i] as number;
  }
  const mx = sx / n;
  const my = sy / n;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    cxy += dx * dy;
    cxx += dx * dx;
    cyy += dy * dy;
  }
  return cxx > 0 && cyy > 0 ? cxy / Math.sqrt(cxx * cyy) : Number.NaN;
}
