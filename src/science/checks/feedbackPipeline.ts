/**
 * The run set shared by `feedback-vol-ratio` and `hedge-autocorr` (theory.md 1b, 1d, 1e), run once
 * per suite and profile, on the calibrated background market scenarios/btc-calibrated.yaml:
 *
 * 1. control: the market plus a constant-gamma dealer with G = 0 (it never trades) and a silent
 *    probe group (so every arm has the same agents); it records a tape of every non-dealer
 *    agent's messages and its own hedge-interval series.
 * 2. calibration on the no-hedger control: the probe sends a random test trade every hedge
 *    interval (uniform 0.1..2 BTC, the size range of the hedger's trades), lambda = regression of
 *    the mid change over one hedge interval on the executed size (measures/feedback.ts
 *    `probe-impact`, also at 2..20 intervals: the impact kernel), per seed; lambda_hat = the mean.
 * 3. doses lambda_hat * G, the dealer hedging h = -G (S - S_ref) to the mid it sees every second
 *    with market orders, in three markets, each with its own lambda_hat:
 *    - `replay` (judged): every non-dealer order replayed from the control (the issue's
 *      counterfactual: other flow exogenous);
 *    - `flow-replay` (reported): the order flow (flow, metaorders, value traders, chartists)
 *      replayed, the market makers live;
 *    - `reactive` (reported): every agent live; the departure is attributed to each group's change
 *      in taker flow.
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
/** Every non-dealer agent of btc-calibrated.yaml (recorded; replayed in `replay`). */
export const OTHERS = 'makers/*,flow/*,meta/*,value/*,trend/*';
/** Its order flow without the market makers (replayed in `flow-replay`). */
export const FLOW = 'flow/*,meta/*,value/*,trend/*';
/** The background market settles before measuring (its Hawkes kernel has memory). */
const WARMUP_NS = 300e9;

const SCENARIO = { file: 'scenarios/btc-calibrated.yaml' } as const;
const dealer = (g: number): string =>
  `agents.dealers={kind: option_dealer, venue: cex, instrument: BTC-PERP, spot_source: mid, hedge: {policy: constant_gamma, gamma: ${g}, interval: 1s}, execution: {style: market}}`;
const probe = (on: boolean): string =>
  `agents.probe={kind: probe, venue: cex, instrument: BTC-PERP, interval: 1s, start: ${on ? '5m' : '1000h'}, size: {dist: uniform, min: 0.1, max: 2}}`;

/** The control's mean autocorrelations at lags 1..CONTROL_LAGS (the exogenous increments' memory). */
export function controlRho(control: readonly Measured[]): number[] {
  return Array.from({ length: CONTROL_LAGS }, (_, k) => meanCI(control.map((m) => m[`acf_${k + 1}`] as number)).mean);
}

/** One market's calibration and dose arms. */
export interface MarketResults {
  readonly name: 'replay' | 'flow-replay' | 'reactive';
  readonly doses: readonly number[];
  readonly lambda: { mean: number; lo95: number; hi95: number; n: number };
  /** Mean over seeds of lambda after 1..20 hedge intervals (USD per BTC): the impact kernel. */
  readonly kernel: readonly number[];
  readonly lambdaBySeed: readonly number[];
  /** Gamma of each dose, BTC per USD (empty when lambda_hat is not positive: no dose can be set). */
  readonly gammas: readonly number[];
  /** Per dose, per seed. */
  readonly arms: readonly Measured[][];
}

export interface FeedbackRuns {
  readonly seeds: readonly number[];
  readonly durationText: string;
  readonly control: readonly Measured[];
  readonly replay: MarketResults;
  readonly flowReplay: MarketResults;
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

interface MarketSpec {
  readonly name: MarketResults['name'];
  readonly doses: readonly number[];
  /** Agents replayed from the tape ('' = none). */
  readonly replayed: string;
}
const MARKETS: readonly MarketSpec[] = [
  { name: 'replay', doses: DOSES, replayed: OTHERS },
  { name: 'flow-replay', doses: [-0.3, 0.3], replayed: FLOW },
  { name: 'reactive', doses: DOSES, replayed: '' },
];

async function run(ctx: ScienceContext): Promise<FeedbackRuns> {
  const durationText = ctx.profile === 'quick' ? '12m' : '20m';
  const base = [`clock.duration=${durationText}`, 'output.book_interval=100ms'];
  const params = { tau_ns: TAU_NS, n: HORIZON_INTERVALS, lags: 3, warmup_ns: WARMUP_NS };
  const tape = (s: number): string => path.join(ctx.scratchDir, `control-${s}.tape`);
  const series = (s: number): string => path.join(ctx.scratchDir, `control-${s}.json`);
  const job = (arm: string, seed: number, set: string[], measure: string, extra: Partial<ScienceJob> = {}): ScienceJob => ({ scenario: SCENARIO, set: [...base, ...set], seed, arm, measure, params, ...extra });
  const replayOf = (m: MarketSpec, s: number): Partial<ScienceJob> => (m.replayed === '' ? {} : { replay: { agents: m.replayed, file: tape(s) } });

  const control = await ctx.runJobs(ctx.seeds.map((s) => job('control', s, [dealer(0), probe(false)], 'interval-returns', { record: { agents: OTHERS, file: tape(s) }, files: { series_out: series(s) }, params: { ...params, lags: CONTROL_LAGS } })));

  const probes = await ctx.runJobs(ctx.seeds.flatMap((s) => MARKETS.map((m) => job(`probe ${m.name}`, s, [dealer(0), probe(true)], 'probe-impact', replayOf(m, s)))));
  const cal = MARKETS.map((m, k) => {
    const by = (key: string): number[] => ctx.seeds.map((_, i) => (probes[i * MARKETS.length + k] as Measured)[key] as number);
    const lambdaBySeed = by('lambda');
    const lambda = meanCI(lambdaBySeed);
    const kernel = Array.from({ length: HORIZON_INTERVALS }, (_, h) => meanCI(by(`lambda_h${h + 1}`)).mean);
    const gammas = lambda.mean > 0 ? m.doses.map((x) => x / lambda.mean) : [];
    return { lambda, lambdaBySeed, kernel, gammas };
  });

  const jobs: ScienceJob[] = [];
  const index: { market: number; dose: number; seed: number }[] = [];
  MARKETS.forEach((m, k) => {
    const c = cal[k] as (typeof cal)[number];
    c.gammas.forEach((g, d) => {
      ctx.seeds.forEach((s, i) => {
        const extra: Partial<ScienceJob> = m.name === 'reactive' ? { files: { control: series(s) }, params: { ...params, lambda: c.lambda.mean } } : replayOf(m, s);
        jobs.push(job(`${m.name} x=${m.doses[d]}`, s, [dealer(g), probe(false)], 'interval-returns', extra));
        index.push({ market: k, dose: d, seed: i });
      });
    });
  });
  const out = await ctx.runJobs(jobs);
  const results = MARKETS.map((m, k): MarketResults => {
    const c = cal[k] as (typeof cal)[number];
    const arms = c.gammas.map(() => new Array<Measured>(ctx.seeds.length));
    index.forEach((at, j) => {
      if (at.market === k) (arms[at.dose] as Measured[])[at.seed] = out[j] as Measured;
    });
    return { name: m.name, doses: c.gammas.length > 0 ? m.doses : [], lambda: c.lambda, kernel: c.kernel, lambdaBySeed: c.lambdaBySeed, gammas: c.gammas, arms };
  });
  return { seeds: ctx.seeds, durationText, control, replay: results[0] as MarketResults, flowReplay: results[1] as MarketResults, reactive: results[2] as MarketResults };
}
