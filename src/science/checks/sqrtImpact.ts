/**
 * `sqrt-impact` (theory.md 5c, 5d): buy metaorders of several sizes Q, each 120 market orders one
 * every 5 s (T = 10 min) from minute 5, in the calibrated background market (btc-calibrated, no
 * dealers; its own metaorder agents keep running, identically in every arm), against a
 * control arm without the metaorder on the same seed (common random numbers: the impact is the
 * paired difference of the mid moves, which removes the market's own move).
 *
 * Theory, stated before measuring: the square-root law I(Q) = Y sigma_D sqrt(Q / V_D) with Y of
 * order 1 (Toth et al. 2011; Donier and Bonart 2015 on Bitcoin): log-log slope of the mean peak
 * impact on Q between 0.3 and 0.7 (issue 14; theory.md 5d widens to 0.35-0.7 for the calibrated
 * market), and partial decay after the end: the impact 2-3 T after the last child retains
 * 30-80 % of the peak (theory.md 5d). Y is reported, not judged.
 * Units: impact in quote currency (USD) and as a fraction of the mid; Q in base units (BTC).
 * A first version with Q = 1..30 BTC (0.002-0.06 % of V_D, below theory.md 5d's range) measured
 * a slope of 1.08 [0.65, 1.51] and 11 % retained (12 seeds): linear at those sizes.
 */
import type { CheckReport, Measured, ScienceCheck, ScienceContext, ScienceJob, SeedRow } from '../check.js';
import { fmt, logLogSlope, meanCI95 } from '../stats.js';
import type { ImpactWindow } from '../measures/impact.js';

/**
 * Metaorder sizes, BTC: Q / V_D = 0.01, 0.03, 0.1 and 0.3 % of btc-calibrated's measured daily
 * volume (47,900 BTC/day over 12 seeds), meeting theory.md 5d's grid (0.1-10 %) at 0.1 and 0.3 %; the
 * upper half (480-4,800 BTC) needs hour-long executions and was not run (cost).
 */
export const IMPACT_SIZES = [4.8, 14.4, 48, 144] as const;
const SLICES = 120;
const INTERVAL_S = 5;
/** The background market: the calibrated BTC market of issue 13 (docs/market.md). */
export const IMPACT_SCENARIO = 'scenarios/btc-calibrated.yaml';
/** Window of the metaorder in every arm (the control arm has no orders but the same times). */
export const IMPACT_WINDOW: ImpactWindow = { t0: 5 * 60e9, t1: 5 * 60e9 + (SLICES - 1) * INTERVAL_S * 1e9, executionNs: SLICES * INTERVAL_S * 1e9 };
const SLOPE_LO = 0.3;
const SLOPE_HI = 0.7;
const RETAIN_LO = 0.3;
const RETAIN_HI = 0.8;

function metaorder(q: number | null): string[] {
  // The control arm still needs a market order entry to mark the window: a zero-size order is
  // invalid, so it has none (the window is fixed) and the measure uses IMPACT_WINDOW.
  return [
    `clock.duration=${(IMPACT_WINDOW.t1 + 3 * IMPACT_WINDOW.executionNs) / 60e9 + 1}m`,
    q === null ? 'schedule=[]' : `schedule=[{at: 5m, action: market_order, venue: cex, instrument: BTC-PERP, side: buy, size: ${q}, slices: ${SLICES}, interval: ${INTERVAL_S}s}]`,
  ];
}

/** Per-seed impacts of one arm against the control: peak and later, USD. */
function impacts(arm: readonly Measured[], control: readonly Measured[]): { peak: number[]; later: number[] } {
  const move = (m: Measured, k: string) => (m[k] as number) - (m['mid_before'] as number);
  return {
    peak: arm.map((m, i) => move(m, 'mid_end') - move(control[i] as Measured, 'mid_end')),
    later: arm.map((m, i) => move(m, 'mid_later') - move(control[i] as Measured, 'mid_later')),
  };
}

/** Slope of log mean peak impact on log Q, with all seeds and leaving each one out (jackknife CI). */
function slopeWithCI(peaks: readonly number[][]): { slope: number; lo: number; hi: number } {
  const fit = (drop: number): number => {
    const means = peaks.map((p) => meanCI95(p.filter((_, i) => i !== drop)).mean);
    return means.every((m) => m > 0) ? logLogSlope([...IMPACT_SIZES], means) : Number.NaN;
  };
  const slope = fit(-1);
  const n = peaks[0]?.length ?? 0;
  const jk = Array.from({ length: n }, (_, i) => fit(i));
  const m = jk.reduce((a, b) => a + b, 0) / n;
  const se = Math.sqrt(((n - 1) / n) * jk.reduce((a, b) => a + (b - m) ** 2, 0));
  return { slope, lo: slope - 1.96 * se, hi: slope + 1.96 * se };
}

/** Verdict from the control runs and the runs of each size, same seeds. */
export function evaluateImpact(control: readonly Measured[], bySize: readonly (readonly Measured[])[], seeds: readonly number[]): CheckReport {
  const rows: SeedRow[] = [];
  const details: string[] = [];
  const peaks: number[][] = [];
  let laterSum = 0;
  let peakSum = 0;
  let pass = true;
  const sigmaD = meanCI95(control.map((m) => m['sigma_daily'] as number)).mean;
  const vD = meanCI95(control.map((m) => m['volume_per_day'] as number)).mean;
  bySize.forEach((runs, k) => {
    const q = IMPACT_SIZES[k] as number;
    const { peak, later } = impacts(runs, control);
    peaks.push(peak);
    const p = meanCI95(peak);
    const l = meanCI95(later);
    peakSum += p.mean;
    laterSum += l.mean;
    const executed = meanCI95(runs.map((m) => m['executed'] as number)).mean;
    if (executed < 0.99 * q) pass = false;
    const mid = control[0]?.['mid_before'] as number;
    const y = p.mean / mid / (sigmaD * Math.sqrt(q / vD));
    peak.forEach((v, i) => rows.push({ arm: `Q=${q}`, seed: seeds[i] as number, metric: 'peak_impact', value: v }, { arm: `Q=${q}`, seed: seeds[i] as number, metric: 'later_impact', value: later[i] as number }));
    details.push(`Q=${q} BTC (${fmt((100 * q) / vD)} % of daily volume, ${fmt(executed)} executed): peak ${fmt(p.mean)} USD [${fmt(p.lo95)}, ${fmt(p.hi95)}], 2-3 T later ${fmt(l.mean)} USD [${fmt(l.lo95)}, ${fmt(l.hi95)}], Y = ${fmt(y)}`);
  });
  const s = slopeWithCI(peaks);
  const retained = laterSum / peakSum;
  const slopeOk = s.slope >= SLOPE_LO && s.slope <= SLOPE_HI;
  const retainOk = retained >= RETAIN_LO && retained <= RETAIN_HI;
  pass = pass && slopeOk && retainOk;
  details.push(`retained after 2-3 T (pooled over sizes): ${fmt(100 * retained)} % (tolerance 30-80 %)`);
  details.push(`market: ${IMPACT_SCENARIO}, sigma_D ${fmt(100 * sigmaD)} %, V_D ${fmt(vD)} BTC/day`);
  if (!slopeOk) details.push(`FAIL distance: slope ${fmt(s.slope)} outside [${SLOPE_LO}, ${SLOPE_HI}]`);
  if (!retainOk) details.push(`FAIL distance: retained ${fmt(100 * retained)} % outside [30, 80] %`);
  return {
    name: 'sqrt-impact',
    title: 'Metaorder impact concave in size (square-root law) and partly decaying',
    theory: 'I(Q) = Y sigma_D sqrt(Q / V_D), Y ~ 1 (Toth et al. 2011; Donier-Bonart 2015): log-log slope 0.5; impact retains 30-80 % 2-3 T after the end',
    inputs: { sigma_daily: sigmaD, volume_per_day_btc: vD, execution_s: SLICES * INTERVAL_S },
    predicted: 0.5,
    measured: { statistic: 'log-log slope of mean peak impact on Q (jackknife 95 % CI)', mean: s.slope, lo95: s.lo, hi95: s.hi, n: seeds.length },
    tolerance: 'slope in [0.3, 0.7] (issue 14, theory.md 5d); retained fraction in [0.3, 0.8] (theory.md 5d); >= 99 % of every metaorder executed',
    pass,
    details,
    rows,
  };
}

export const sqrtImpact: ScienceCheck = {
  name: 'sqrt-impact',
  title: 'Square-root impact of metaorders and its decay',
  quick: false,
  seeds: { quick: 4, full: 30 },
  async run(ctx: ScienceContext): Promise<CheckReport> {
    const job = (arm: string, q: number | null, seed: number): ScienceJob => ({ scenario: { file: IMPACT_SCENARIO }, set: metaorder(q), seed, arm, measure: 'impact' });
    const arms: (number | null)[] = [null, ...IMPACT_SIZES];
    const out = await ctx.runJobs(arms.flatMap((q) => ctx.seeds.map((s) => job(q === null ? 'control' : `Q=${q}`, q, s))));
    const n = ctx.seeds.length;
    const control = out.slice(0, n);
    const bySize = IMPACT_SIZES.map((_, k) => out.slice((k + 1) * n, (k + 2) * n));
    return evaluateImpact(control, bySize, ctx.seeds);
  },
};
