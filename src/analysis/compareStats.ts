/**
 * The statistics `compare` prints, built on the paired statistics in paired.ts (Student t,
 * paired t-test, seeded bootstrap): per sample n, mean, sample sd and the Student-t 95% CI of
 * the mean; per set of paired differences the same plus the two-sided t-test and the percentile
 * bootstrap CI. Unlike paired.ts these never throw on small samples: a statistic that needs more
 * values is NaN, because a sweep cell may have too few finished runs. Values in the caller's unit.
 */
import { bootstrapMeanCI, mean, studentTCdf, tTest } from './paired.js';

/** The finite values (NaN and Infinity dropped), in order. */
export function finite(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** Sample standard deviation (n - 1 denominator; NaN under 2 values). */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/** The quantile q (0.5 < q < 1) of Student's t with `df` degrees of freedom (bisection on the CDF). */
export function studentTQuantile(q: number, df: number): number {
  if (!(q > 0.5 && q < 1) || !(df > 0)) return NaN;
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < q) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** n, mean, spread and 95% CI of one sample. */
export interface SampleSummary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** mean -/+ t(0.975, n-1) * sd / sqrt(n); NaN under 2 values. */
  readonly ciLow: number;
  readonly ciHigh: number;
}

export function summarize(xs: readonly number[]): SampleSummary {
  const n = xs.length;
  const m = mean(xs);
  const sd = sampleSd(xs);
  const half = n >= 2 ? (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n) : NaN;
  return { n, mean: m, sd, ciLow: m - half, ciHigh: m + half };
}

/** Paired differences (cell - baseline per seed) summarized and tested against zero. */
export interface PairedSummary extends SampleSummary {
  /** t statistic and two-sided p-value of the paired t-test (NaN under 2 pairs). */
  readonly t: number;
  readonly p: number;
  /** Percentile bootstrap 95% CI of the mean difference (NaN without pairs). */
  readonly bootLow: number;
  readonly bootHigh: number;
}

/** Summarizes finite `diffs`; the bootstrap uses `resamples` draws from the generator seeded with `seed` (u32). */
export function pairedSummary(diffs: readonly number[], resamples: number, seed: number): PairedSummary {
  const s = summarize(diffs);
  const t = diffs.length >= 2 ? tTest(diffs) : undefined;
  const boot = diffs.length >= 1 ? bootstrapMeanCI(diffs, { resamples, seed }) : { low: NaN, high: NaN };
  return { ...s, t: t?.t ?? NaN, p: t?.p ?? NaN, bootLow: boot.low, bootHigh: boot.high };
}
