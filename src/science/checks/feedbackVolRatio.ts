/**
 * `feedback-vol-ratio` (theory.md 1b, 1e; Frey and Stremme 1997, Sircar and Papanicolaou 1998):
 * on the counterfactual replay market (every other agent's orders replayed unchanged from the
 * no-hedge control, so other flow is exogenous as the closed form assumes), a dealer hedging a
 * constant-gamma book G every hedge interval tau changes the vol of 20-tau price changes by
 * R = sqrt([n - 2a(1 - a^n)/(1 - a^2)] / ((1 - a)^2 n)), a = -lambda G, n = 20 (the discrete
 * AR(1) form; its n -> inf limit is 1/(1 + lambda G)), with lambda calibrated by probe trades on
 * the same seeds' control.
 *
 * Tolerance (set before measuring, from the issue and theory.md 1e): at every dose
 * lambda_hat * G in [-0.3, +0.3] the measured R (exp of the mean per-seed log ratio arm/control)
 * is within 15 % of the prediction, and R falls strictly with lambda_hat * G (through 1 at G = 0).
 * The reactive market (all agents live) is reported, not judged: its departure from the same
 * formula is attributed to each agent group's change in taker flow.
 */
import type { CheckReport, Measured, ScienceCheck, SeedRow } from '../check.js';
import { sig } from '../format.js';
import { ar1VolRatio, arPredictions, meanCI } from '../ar1.js';
import { DOSES, HORIZON_INTERVALS, controlRho, feedbackRuns, type FeedbackRuns, type MarketResults } from './feedbackPipeline.js';

/** Relative tolerance on R (issue 14: "within 15%"). */
export const VOL_RATIO_TOLERANCE = 0.15;
const V = `var_${HORIZON_INTERVALS}`;

/** Per-seed log vol ratios arm/control at the horizon. */
function logRatios(arm: readonly Measured[], control: readonly Measured[]): number[] {
  return arm.map((m, i) => 0.5 * Math.log((m[V] as number) / ((control[i] as Measured)[V] as number)));
}

/** One dose: measured R with CI, predicted R. */
export interface DoseVerdict {
  readonly dose: number;
  readonly predicted: number;
  /** theory.md 1b's closed form with white eps (the judged value uses the control's memory). */
  readonly predictedWhite: number;
  readonly mean: number;
  readonly lo95: number;
  readonly hi95: number;
  readonly n: number;
  readonly relError: number;
}

/** The verdict of the vol ratio on one market's dose arms (exported for the unit test). */
export function judgeVolRatio(doses: readonly number[], arms: readonly (readonly Measured[])[], control: readonly Measured[]): { verdicts: DoseVerdict[]; monotone: boolean; pass: boolean } {
  const rho = controlRho(control);
  const verdicts = doses.map((x, d) => {
    const ci = meanCI(logRatios(arms[d] as Measured[], control));
    const predicted = arPredictions(-x, rho, HORIZON_INTERVALS).volRatio;
    const mean = Math.exp(ci.mean);
    return { dose: x, predicted, predictedWhite: ar1VolRatio(-x, HORIZON_INTERVALS), mean, lo95: Math.exp(ci.lo95), hi95: Math.exp(ci.hi95), n: ci.n, relError: mean / predicted - 1 };
  });
  // Monotone: R strictly falls with the dose, the control (R = 1) between the signs.
  const path = [...verdicts.filter((v) => v.dose < 0).map((v) => v.mean), 1, ...verdicts.filter((v) => v.dose > 0).map((v) => v.mean)];
  const monotone = path.every((r, i) => i === 0 || r < (path[i - 1] as number));
  const pass = monotone && verdicts.every((v) => Math.abs(v.relError) <= VOL_RATIO_TOLERANCE);
  return { verdicts, monotone, pass };
}

function doseLine(v: DoseVerdict, g: number): string {
  return `lambda*G ${v.dose >= 0 ? '+' : ''}${v.dose} (G ${sig(g)} BTC/USD): R ${sig(v.mean)} [${sig(v.lo95)}, ${sig(v.hi95)}] vs ${sig(v.predicted)} predicted (${v.relError >= 0 ? '+' : ''}${(100 * v.relError).toFixed(1)} %; white-eps form ${sig(v.predictedWhite)})`;
}

/** Reactive-market lines: R against the same formula, and the decomposition by group. */
function reactiveLines(r: FeedbackRuns): string[] {
  const m = r.reactive;
  const j = judgeVolRatio(DOSES, m.arms, r.control);
  const lines = [`reactive market (all agents live, the same seeds; lambda_hat ${sig(m.lambda.mean)} [${sig(m.lambda.lo95)}, ${sig(m.lambda.hi95)}] USD/BTC from probes on the live control), reported, not judged:`];
  j.verdicts.forEach((v, d) => {
    const arm = m.arms[d] as Measured[];
    const groups = Object.keys(arm[0] ?? {}).filter((k) => k.startsWith('share_'));
    const shares = groups.map((k) => `${k.slice(6)} ${sig(meanCI(arm.map((x) => x[k] as number)).mean)}`).join(', ');
    lines.push(`  ${doseLine(v, m.gammas[d] as number)}; share of var(arm - control increments) by group: ${shares}`);
  });
  return lines;
}

export function rowsOf(r: FeedbackRuns, metrics: readonly string[]): SeedRow[] {
  const rows: SeedRow[] = [];
  const add = (arm: string, ms: readonly Measured[]): void => {
    ms.forEach((m, i) => {
      for (const k of metrics) if (m[k] !== undefined) rows.push({ arm, seed: r.seeds[i] as number, metric: k, value: m[k] as number });
      for (const k of Object.keys(m)) if (k.startsWith('share_')) rows.push({ arm, seed: r.seeds[i] as number, metric: k, value: m[k] as number });
    });
  };
  add('control', r.control);
  const lam = (name: string, m: MarketResults): void => m.lambdaBySeed.forEach((v, i) => rows.push({ arm: name, seed: r.seeds[i] as number, metric: 'lambda_usd_per_btc', value: v }));
  lam('probe-replay', r.replay);
  lam('probe-reactive', r.reactive);
  DOSES.forEach((x, d) => {
    add(`replay x=${x}`, r.replay.arms[d] as Measured[]);
    add(`reactive x=${x}`, r.reactive.arms[d] as Measured[]);
  });
  return rows;
}

export const feedbackVolRatio: ScienceCheck = {
  name: 'feedback-vol-ratio',
  title: 'Hedging feedback on vol matches the discrete-hedging closed form on the counterfactual replay market',
  // Out of --quick: FAILs for a real reason (docs/science.md): in the replayed book hedge impact is transient.
  quick: false,
  seeds: { quick: 8, full: 30 },
  async run(ctx): Promise<CheckReport> {
    const r = await feedbackRuns(ctx);
    const m = r.replay;
    const j = judgeVolRatio(DOSES, m.arms, r.control);
    const worst = j.verdicts.reduce((a, b) => (Math.abs(b.relError) > Math.abs(a.relError) ? b : a));
    return {
      name: this.name,
      title: this.title,
      theory: `hedged increments d = eps / (1 - aL), a = -lambda G (theory.md 1b); vol ratio of ${HORIZON_INTERVALS}-interval changes, for white eps sqrt([n - 2a(1-a^n)/(1-a^2)] / ((1-a)^2 n)) (limit 1/(1 + lambda G)); judged with eps's own autocorrelation (the control's, lags 1-40), which the white form ignores`,
      inputs: { lambda_usd_per_btc: m.lambda.mean, lambda_lo95: m.lambda.lo95, lambda_hi95: m.lambda.hi95, control_acf1: controlRho(r.control)[0] as number, hedge_interval_s: 1, horizon_intervals: HORIZON_INTERVALS },
      predicted: worst.predicted,
      measured: { statistic: `R at the worst dose (lambda*G = ${worst.dose})`, mean: worst.mean, lo95: worst.lo95, hi95: worst.hi95, n: worst.n },
      tolerance: `|R / R_pred - 1| <= ${VOL_RATIO_TOLERANCE} at each of ${DOSES.length} doses lambda*G in [-0.3, +0.3], and R strictly falling in lambda*G (issue 14; theory.md 1e asks 30 % on log R)`,
      pass: j.pass,
      details: [
        `replay market: baseline.yaml ${r.durationText}, other agents replayed from each seed's control; lambda from probe trades (0.1-2 BTC, one per second) on the replayed control`,
        `impact that stays (probe regression at 1, 5, 20 s): replay ${sig(m.lambda.mean)}, ${sig(m.lambda5)}, ${sig(m.lambda20)}; reactive ${sig(r.reactive.lambda.mean)}, ${sig(r.reactive.lambda5)}, ${sig(r.reactive.lambda20)} USD/BTC (theory.md 1b assumes it permanent)`,
        ...j.verdicts.map((v, d) => doseLine(v, m.gammas[d] as number)),
        `monotone: ${j.monotone ? 'yes' : 'NO'}`,
        ...reactiveLines(r),
      ],
      rows: rowsOf(r, [V, 'var_1', 'acf_1', 'acf_2', 'hedge_volume']),
    };
  },
};
