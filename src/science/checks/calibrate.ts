/**
 * Shared steps of the checks that calibrate lambda before predicting (theory.md 1d): a control
 * run per seed (optionally recording a replay tape) and a probe run per seed on the same control
 * (replayed or live), giving lambda (USD per BTC at the hedge interval) per seed and its mean
 * with a 95% CI.
 */
import type { Measured, ScienceContext, ScienceJob } from '../check.js';
import { meanCI } from '../ar1.js';

export interface Calibration {
  readonly control: readonly Measured[];
  readonly lambda: { mean: number; lo95: number; hi95: number; n: number };
  readonly lambdaBySeed: readonly number[];
}

/**
 * Runs `control(seed)` for every seed, then `probe(seed)`; throws when lambda is not positive
 * (no impact, nothing to feed back).
 */
export async function calibrate(ctx: ScienceContext, control: (seed: number) => ScienceJob, probe: (seed: number) => ScienceJob): Promise<Calibration> {
  const c = await ctx.runJobs(ctx.seeds.map(control));
  const p = await ctx.runJobs(ctx.seeds.map(probe));
  const lambdaBySeed = p.map((m) => m['lambda'] as number);
  const lambda = meanCI(lambdaBySeed);
  if (!(lambda.mean > 0)) throw new Error(`calibrated lambda ${lambda.mean} USD/BTC is not positive`);
  return { control: c, lambda, lambdaBySeed };
}

/** exp(mean) and exp(CI) of per-seed log ratios sqrt(arm/control) of the metric `v` (a variance). */
export function volRatio(arm: readonly Measured[], control: readonly Measured[], v: string): { mean: number; lo95: number; hi95: number; n: number } {
  const ci = meanCI(arm.map((m, i) => 0.5 * Math.log((m[v] as number) / ((control[i] as Measured)[v] as number))));
  return { mean: Math.exp(ci.mean), lo95: Math.exp(ci.lo95), hi95: Math.exp(ci.hi95), n: ci.n };
}
