/**
 * `buis-failure-ordering` (theory.md 4b, 4d): market-failure rate (a side of the book empty) on
 * the thin zero-intelligence book of scenarios/science/buis-zi.yaml by hedger position
 * {-80, -40, 0, +40, +80} straddles (Buis et al. 2024's grid; contracts per leg = 2.5 x the
 * position, the depth scaling documented in the scenario), at three stress levels of the ZI
 * market-order share (0.34 / 0.35 / 0.36: in exploratory runs the neutral failure rate was 0/6 at
 * 0.34 and 3/4 at 0.36, so the three levels span the 10-60 % theory.md 4d asks for). Common random numbers: the same seeds in every cell.
 *
 * Theory, stated before measuring (Buis et al. Table 1 via theory.md 4b; only the ordering is
 * portable, not the levels): short gamma fails more than none at every stress level, by >= 20
 * points at the middle one (theory.md 4d (i)); long gamma (+40 and +80) fails no more than none at
 * the moderate (lowest) stress level (4d (ii)). A U-shape at the highest stress is allowed.
 */
import type { CheckReport, Measured, ScienceCheck, ScienceContext, ScienceJob, SeedRow } from '../check.js';
import { fmt, meanCI95 } from '../stats.js';

export const POSITIONS = [-80, -40, 0, 40, 80] as const;
export const STRESS = [0.34, 0.35, 0.36] as const;
/** Contracts per straddle leg per unit of Buis position (scenarios/science/buis-zi.yaml). */
export const CONTRACTS_PER_POSITION = 0.5;
const GAP_MID = 0.2;

function armSet(position: number, stress: number): string[] {
  const set = [`agents.zi.market_probability=${stress}`];
  if (position === 0) return [...set, 'agents.hedger.hedge={policy: none}'];
  const side = position > 0 ? 'long' : 'short';
  const c = Math.round(Math.abs(position) * CONTRACTS_PER_POSITION);
  return [...set, `open_interest.0.contracts=${c}`, `open_interest.1.contracts=${c}`, `open_interest.0.dealer_side=${side}`, `open_interest.1.dealer_side=${side}`];
}

/** Failure rates by [stress][position] from the per-run measurements. */
export function evaluateFailure(cells: readonly (readonly (readonly Measured[])[])[], seeds: readonly number[]): CheckReport {
  const rows: SeedRow[] = [];
  const details: string[] = [];
  const rate = cells.map((byPos) => byPos.map((runs) => meanCI95(runs.map((m) => m['failed'] as number))));
  cells.forEach((byPos, s) => byPos.forEach((runs, p) => runs.forEach((m, i) => rows.push({ arm: `stress=${STRESS[s]},pos=${POSITIONS[p]}`, seed: seeds[i] as number, metric: 'failed', value: m['failed'] as number }))));
  const at = (s: number, pos: number) => (rate[s]?.[POSITIONS.indexOf(pos as (typeof POSITIONS)[number])]?.mean ?? Number.NaN);
  let pass = true;
  STRESS.forEach((st, s) => {
    details.push(`stress ${st}: failure % by position ${POSITIONS.map((p) => `${p}: ${fmt(100 * at(s, p))}`).join(', ')}`);
    if (!(at(s, -80) > at(s, 0))) pass = false;
  });
  const gap = at(1, -80) - at(1, 0);
  if (!(gap >= GAP_MID)) pass = false;
  if (!(at(0, 40) <= at(0, 0) && at(0, 80) <= at(0, 0))) pass = false;
  const vol = (s: number, p: number) => meanCI95((cells[s]?.[POSITIONS.indexOf(p as (typeof POSITIONS)[number])] ?? []).map((m) => m['vol_usd_per_sqrt_s'] as number)).mean;
  details.push(`realized vol before failure (USD per sqrt s) at stress ${STRESS[1]}: -80 ${fmt(vol(1, -80))}, 0 ${fmt(vol(1, 0))}, +80 ${fmt(vol(1, 80))} (theory.md 4d (iii): ordered -80 > 0 > +80; reported)`);
  if (!pass) details.push(`FAIL distance: gap(-80 vs 0) at stress ${STRESS[1]} = ${fmt(100 * gap)} points (>= 20 required); +40/+80 vs 0 at stress ${STRESS[0]}: ${fmt(100 * at(0, 40))} / ${fmt(100 * at(0, 80))} vs ${fmt(100 * at(0, 0))} %`);
  return {
    name: 'buis-failure-ordering',
    title: 'Market-failure rate ordered by hedger gamma (Buis et al. 2024)',
    theory: 'short-gamma hedgers raise the failure rate (a side of the book empty), long-gamma hedgers do not at moderate stress (Buis et al. 2024 Table 1, theory.md 4b)',
    inputs: { contracts_per_position: CONTRACTS_PER_POSITION, stress_low: STRESS[0], stress_mid: STRESS[1], stress_high: STRESS[2] },
    predicted: null,
    measured: { statistic: `failure rate gap position -80 minus 0 at stress ${STRESS[1]} (fraction of seeds)`, ...meanCI95((cells[1]?.[0] ?? []).map((m, i) => (m['failed'] as number) - (cells[1]?.[2]?.[i]?.['failed'] as number))) },
    tolerance: 'fail(-80) > fail(0) at every stress, by >= 20 points at the middle one (theory.md 4d (i)); fail(+40), fail(+80) <= fail(0) at the lowest stress (4d (ii))',
    pass,
    details,
    rows,
  };
}

export const buisFailureOrdering: ScienceCheck = {
  name: 'buis-failure-ordering',
  title: 'Buis et al. market-failure ordering on a thin ZI book',
  quick: false,
  seeds: { quick: 10, full: 20 },
  async run(ctx: ScienceContext): Promise<CheckReport> {
    const jobs: ScienceJob[] = STRESS.flatMap((st) => POSITIONS.flatMap((p) => ctx.seeds.map((seed) => ({
      scenario: { file: 'scenarios/science/buis-zi.yaml' }, set: armSet(p, st), seed, arm: `stress=${st},pos=${p}`, measure: 'market_failure',
    }))));
    const out = await ctx.runJobs(jobs);
    const n = ctx.seeds.length;
    const cells = STRESS.map((_, s) => POSITIONS.map((_p, p) => out.slice((s * POSITIONS.length + p) * n, (s * POSITIONS.length + p + 1) * n)));
    return evaluateFailure(cells, ctx.seeds);
  },
};
