/**
 * The run set shared by `feedback-vol-ratio` and `hedge-autocorr` (theory.md 1b, 1d, 1e), run once
 * per suite and profile:
 *
 * 1. control: scenarios/baseline.yaml plus a constant-gamma dealer with G = 0 (it never trades)
 *    and a silent probe group (so every arm has the same agents); records a tape of every
 *    non-dealer agent's messages and its own hedge-interval series.
 * 2. calibration, on the no-hedger control: the probe sends random test trades every hedge
 *    interval (uniform 0.1..2 BTC, covering the hedger's typical 0.2..1.5 BTC trades), (a) with
 *    the other agents replayed from the tape (the counterfactual market) and (b) with them live
 *    (the reactive market); lambda = regression of the mid change over one hedge interval on the
 *    executed size (measures/feedback.ts `probe-impact`), per seed, then the mean over seeds.
 * 3. doses: lambda_hat * G in {-0.3, -0.15, -0.075, +0.075, +0.15, +0.3} (G = dose / lambda_hat of
 *    the market it runs in), the dealer hedging its synthetic book h = -G (S - S_ref) to the mid
 *    it sees every second with market orders, (a) on the replayed tape and (b) live.
 *
 * Units: lambda in USD per BTC, G in BTC per USD, the dose dimensionless; times ns.
 */
import path from 'node:path';
import type { Measured, ScienceContext, ScienceJob } from '../check.js';
import { meanCI } from '../ar1.js';

/** Hedge interval: the horizon of lambda and of the AR(1) (1 s). */
export const TAU_NS = 1_000_000_000;
/** Vol is compared over this many hedge intervals (theory.md 1b: sample at >= 10-20 intervals). */
export const HORIZON_INTERVALS = 20;
/** lambda_hat * G doses: theory.md 1e's range |lambda G| <= 0.3 with two more inside it. */
export const DOSES = [-0.3, -0.15, -0.075, 0.075, 0.15, 0.3] as const;
/** Lags of the control's autocorrelation used for the predictions. */
export const CONTROL_LAGS = 40;

/** The control's mean autocorrelations at lags 1..CONTROL_LAGS (the exogenous increments' memory). */
export function controlRho(control: readonly Measured[]): number[] {
  return Array.from({ length: CONTROL_LAGS }, (_, k) => meanCI(control.map((m) => m[`acf_${k + 1}`] as number)).mean);
}

/** The non-dealer agents of baseline.yaml, recorded and replayed. */
export const OTHERS = 'makers/*,noise/*,value/*,trend/*';

const SCENARIO = { file: 'scenarios/baseline.yaml' } as const;
const dealer = (g: number): string =>
  `agents.dealers={kind: option_dealer, venue: cex, instrument: BTC-PERP, spot_source: mid, hedge: {policy: constant_gamma, gamma: ${g}, interval: 1s}, execution: {style: market}}`;
const probe = (on: boolean): string =>
  `agents.probe={kind: probe, venue: cex, instrument: BTC-PERP, interval: 1s, start: ${on ? '1m' : '1000h'}, size: {dist: uniform, min: 0.1, max: 2}}`;

/** Per-dose results of one market (replay or reactive). */
export interface MarketResults {
  readonly lambda: { mean: number; lo95: number; hi95: number; n: number };
  /** Mean over seeds of lambda at 5 and 20 hedge intervals (USD per BTC): impact that stays. */
  readonly lambda5: number;
  readonly lambda20: number;
  readonly lambdaBySeed: readonly number[];
  /** Gamma of each dose, BTC per USD. */
  readonly gammas: readonly number[];
  /** Per dose, per seed. */
  readonly arms: readonly Measured[][];
}

export interface FeedbackRuns {
  readonly seeds: readonly number[];
  readonly durationText: string;
  readonly control: readonly Measured[];
  readonly replay: MarketResults;
  readonly reactive: MarketResults;
}

const memo = new Map<string, Promise<FeedbackRuns>>();

/** The shared run set for this profile and seed list (run on first use). */
export function feedbackRuns(ctx: ScienceContext): Promise<FeedbackRuns> {
  const key = `${ctx.profile}:${ctx.seeds.join(',')}`;
  let p = memo.get(key);
  if (p === undefined) {
    p = run(ctx);
    memo.set(key, p);
    p.catch(() => memo.delete(key));
  }
  return p;
}

async function run(ctx: ScienceContext): Promise<FeedbackRuns> {
  const durationText = ctx.profile === 'quick' ? '12m' : '40m';
  const base = [`clock.duration=${durationText}`, 'output.book_interval=100ms'];
  const params = { tau_ns: TAU_NS, n: HORIZON_INTERVALS, lags: 3, warmup_ns: 60e9 };
  const tape = (s: number): string => path.join(ctx.scratchDir, `control-${s}.tape`);
  const series = (s: number): string => path.join(ctx.scratchDir, `control-${s}.json`);
  const job = (arm: string, seed: number, set: string[], measure: string, extra: Partial<ScienceJob> = {}): ScienceJob => ({ scenario: SCENARIO, set: [...base, ...set], seed, arm, measure, params, ...extra });

  // The control also gives the exogenous increments' own autocorrelations (lags 1..40), the
  // theory's eps memory (stats.ts arPredictions).
  const control = await ctx.runJobs(ctx.seeds.map((s) => job('control', s, [dealer(0), probe(false)], 'interval-returns', { record: { agents: OTHERS, file: tape(s) }, files: { series_out: series(s) }, params: { ...params, lags: CONTROL_LAGS } })));

  const probes = await ctx.runJobs(
    ctx.seeds.flatMap((s) => [
      job('probe-replay', s, [dealer(0), probe(true)], 'probe-impact', { replay: { agents: OTHERS, file: tape(s) } }),
      job('probe-reactive', s, [dealer(0), probe(true)], 'probe-impact'),
    ]),
  );
  const lambdas = (k: number, key = 'lambda'): number[] => ctx.seeds.map((_, i) => (probes[2 * i + k] as Measured)[key] as number);
  const later = (k: number): { lambda5: number; lambda20: number } => ({ lambda5: meanCI(lambdas(k, 'lambda_5tau')).mean, lambda20: meanCI(lambdas(k, 'lambda_20tau')).mean });
  const lr = lambdas(0);
  const la = lambdas(1);
  const lambdaReplay = meanCI(lr);
  const lambdaReactive = meanCI(la);
  if (!(lambdaReplay.mean > 0) || !(lambdaReactive.mean > 0)) throw new Error(`calibrated lambda is not positive (replay ${lambdaReplay.mean}, reactive ${lambdaReactive.mean} USD/BTC): no impact to feed back`);
  const gReplay = DOSES.map((x) => x / lambdaReplay.mean);
  const gReactive = DOSES.map((x) => x / lambdaReactive.mean);

  const jobs: ScienceJob[] = [];
  ctx.seeds.forEach((s) => {
    DOSES.forEach((x, d) => {
      jobs.push(job(`replay x=${x}`, s, [dealer(gReplay[d] as number), probe(false)], 'interval-returns', { replay: { agents: OTHERS, file: tape(s) } }));
      jobs.push(job(`reactive x=${x}`, s, [dealer(gReactive[d] as number), probe(false)], 'interval-returns', { files: { control: series(s) }, params: { ...params, lambda: lambdaReactive.mean } }));
    });
  });
  const out = await ctx.runJobs(jobs);
  const at = (i: number, d: number, k: number): Measured => out[(i * DOSES.length + d) * 2 + k] as Measured;
  const arms = (k: number): Measured[][] => DOSES.map((_, d) => ctx.seeds.map((_, i) => at(i, d, k)));
  return {
    seeds: ctx.seeds,
    durationText,
    control,
    replay: { lambda: lambdaReplay, ...later(0), lambdaBySeed: lr, gammas: gReplay, arms: arms(0) },
    reactive: { lambda: lambdaReactive, ...later(1), lambdaBySeed: la, gammas: gReactive, arms: arms(1) },
  };
}
