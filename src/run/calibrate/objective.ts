/**
 * The method-of-simulated-moments objective. For a candidate theta, each moment i is averaged
 * over the same seeds (common random numbers), m_i(theta), and compared with its target t_i
 * (the real-data value):
 *
 *   J(theta) = (1 / K) * sum_i w_i (m_i(theta) - t_i)^2
 *
 * Default weights (`inverse-variance`): w_i = 1 / s_i^2, s_i^2 the variance of moment i across
 * seeds at the start point (fixed for the whole run, so J is one function). J is then the mean
 * squared distance in units of one seed's noise: J near 1/N (N seeds) means "as close as the
 * seed noise of a mean over N seeds can tell". s_i^2 is floored at (1e-3 max(|t_i|, |m_i|))^2
 * so a moment that no seed moves cannot take an infinite weight; with a single seed there is
 * no variance and the weights fall back to `relative`. `relative` weights
 * w_i = 1 / t_i^2 compare relative errors. A candidate with any NaN moment mean scores +inf.
 */

export type Weighting = 'inverse-variance' | 'relative';

/** Mean, sample std and the 95 % t confidence half-width of the mean over seeds. */
export interface SeedStats {
  readonly mean: number;
  readonly std: number;
  readonly ci95: number;
  readonly n: number;
}

// Student t 0.975 quantiles for 1..30 degrees of freedom (standard tables); 1.96 beyond.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** Student t 0.975 quantile with `df` degrees of freedom (NaN for df < 1). */
export function t975(df: number): number {
  if (df < 1) return Number.NaN;
  return df <= 30 ? (T975[df - 1] as number) : 1.96;
}

/** Stats of one moment over seeds; NaN values make the mean NaN (a seed that cannot measure it). */
export function seedStats(values: readonly number[]): SeedStats {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN, ci95: Number.NaN, n };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const v = n > 1 ? values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : Number.NaN;
  const std = Math.sqrt(v);
  return { mean, std, ci95: n > 1 ? (t975(n - 1) * std) / Math.sqrt(n) : Number.NaN, n };
}

/** Per-seed moments of one candidate: moment name -> value per seed (seed order fixed). */
export type SeedMoments = Readonly<Record<string, readonly number[]>>;

/** Weights from the start point's per-seed moments. */
export function momentWeights(names: readonly string[], targets: Readonly<Record<string, number>>, start: SeedMoments, weighting: Weighting, explicit: Readonly<Record<string, number>> = {}): Record<string, number> {
  const w: Record<string, number> = {};
  for (const name of names) {
    const given = explicit[name];
    if (given !== undefined) {
      w[name] = given;
      continue;
    }
    const t = targets[name] as number;
    if (weighting === 'relative') {
      w[name] = t !== 0 ? 1 / (t * t) : 1;
      continue;
    }
    const s = seedStats(start[name] ?? []);
    if (!Number.isFinite(s.std)) {
      // one seed has no variance to weigh by: fall back to relative weights
      w[name] = t !== 0 ? 1 / (t * t) : 1;
      continue;
    }
    const floor = (1e-3 * Math.max(Math.abs(t), Math.abs(s.mean))) ** 2 || 1e-24;
    w[name] = 1 / Math.max(s.std * s.std, floor);
  }
  return w;
}

/** J(theta) (see the file header); +inf when a moment's mean is not finite. */
export function objective(names: readonly string[], targets: Readonly<Record<string, number>>, weights: Readonly<Record<string, number>>, m: SeedMoments): number {
  let sum = 0;
  for (const name of names) {
    const mean = seedStats(m[name] ?? []).mean;
    if (!Number.isFinite(mean)) return Number.POSITIVE_INFINITY;
    const d = mean - (targets[name] as number);
    sum += (weights[name] as number) * d * d;
  }
  return sum / names.length;
}
