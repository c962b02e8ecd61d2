/**
 * `cascade-multiplier` (theory.md 6a, 6c test 1): leveraged longs held from t = 0 whose
 * liquidation prices are spread evenly (density rho, base per quote) from a distance a below
 * the start price; one fixed exogenous sell that executes (60 BTC as 120 market orders of 0.5 BTC,
 * one a second; measures/cascade.ts records what executed); liquidations counted from the first
 * child on (one before it fails the experiment).
 *
 * Theory, stated before measuring: with linear permanent impact lambda, the sell alone moves the
 * price dP0 = lambda q0, and every unit of price crossed past a liquidates rho more, so
 *   dP = dP0 + lambda rho (dP - a)  =>  dP / dP0 = (1 - lambda rho a / dP0) / (1 - lambda rho)
 * (the 1/(1 - lambda rho) of theory.md 6a for a density that starts a below the price; a = 0
 * gives it exactly). lambda-hat = dP0 / q0 from the no-leverage arm (same seeds, the same sell,
 * liquidation prices out of reach), so the prediction uses the impact of this market and flow.
 * Arms lambda-hat rho in {0.1, 0.2, 0.4, 0.6}. Tolerance (theory.md 6c): each arm's mean drop
 * ratio within 30 % of its prediction, and the means increasing in rho.
 * Market: liquidation-cascade with the value traders' anchor off (impact must be permanent, as
 * the formula assumes) and the makers' vacuum off (lambda must not depend on the state).
 * Units: prices and drops quote currency (USD), sizes base (BTC), rho BTC per USD.
 */
import type { CheckReport, Measured, ScienceCheck, ScienceContext, ScienceJob, SeedRow } from '../check.js';
import { fmt, meanCI95 } from '../stats.js';


export const LAMBDA_RHO = [0.1, 0.2, 0.4, 0.6] as const;
const TOL = 0.3;
const P0 = 60_000;
const ACCOUNTS = 400;
/** Liquidation distances of the leveraged arms (fractions of P0) and the venue's mmr. */
const LO = 0.006;
const HI = 0.1;
const LOT = 0.001;

const SCENARIO = [
  'extends: scenarios/science/liquidation-cascade-gaussian.yaml',
  'name: cascade_multiplier',
  'clock: { duration: 24m }',
  'agents:',
  '  value: { rate: 0.000001 }     # no anchor to the fundamental: impact is permanent (theory.md 6a)',
  '  makers: { vol_threshold: 1000 } # no liquidity vacuum: lambda does not depend on the state',
].join('\n');

/** `--set` of an arm: accounts of `size` BTC spread over [lo, hi] (no-leverage: out of reach). */
function armSet(size: number | null): string[] {
  return size === null
    ? ['agents.retail.initial_position.liquidation_distance={lo: 0.5, hi: 0.9}']
    : [`agents.retail.initial_position.size=${size}`];
}

/** Per-account size giving density rho (BTC per USD) over [LO, HI], on the lot grid. */
export function sizeForRho(rho: number): number {
  return Math.max(LOT, Math.round((rho * P0 * (HI - LO)) / ACCOUNTS / LOT) * LOT);
}

/** Density of accounts of `size` BTC over [LO, HI]. */
export function rhoOfSize(size: number): number {
  return (ACCOUNTS * size) / (P0 * (HI - LO));
}

/** Predicted dP / dP0 for lambda * rho = x, first liquidation a below, unlevered drop dP0 (USD). */
export function predictedRatio(x: number, a: number, dP0: number): number {
  return (1 - (x * a) / dP0) / (1 - x);
}

/** Verdict from the no-leverage runs and, per arm, the leveraged runs on the same seeds. */
export function evaluateCascade(base: readonly Measured[], arms: readonly { x: number; rho: number; runs: readonly Measured[] }[], seeds: readonly number[], lambda: number): CheckReport {
  const rows: SeedRow[] = [];
  const details: string[] = [];
  let pass = true;
  const all = [base, ...arms.map((a) => a.runs)].flat();
  const before = all.reduce((s, m) => s + (m['liq_before'] as number), 0);
  if (before > 0) {
    pass = false;
    details.push(`FAIL: ${before} liquidations before the shock (the experiment counts only those it causes)`);
  }
  const cut = all.filter((m) => (m['shock_executed'] as number) < 0.99 * (m['shock_sent'] as number)).length;
  if (cut > 0) {
    pass = false;
    details.push(`FAIL: the sell executed less than 99 % of its size in ${cut} runs`);
  }
  const a = LO * P0;
  const dP0 = meanCI95(base.map((m) => m['drop'] as number));
  let prevMean = 1;
  let worst = 0;
  const ratiosAll: number[] = [];
  for (const arm of arms) {
    const ratios = arm.runs.map((m, i) => (m['drop'] as number) / (base[i]?.['drop'] as number));
    const predicted = arm.runs.map((_, i) => predictedRatio(arm.x, a, base[i]?.['drop'] as number));
    const c = meanCI95(ratios);
    const p = meanCI95(predicted);
    const dist = c.mean / p.mean - 1;
    worst = Math.abs(dist) > Math.abs(worst) ? dist : worst;
    if (!(Math.abs(dist) <= TOL)) pass = false;
    if (!(c.mean > prevMean)) pass = false;
    prevMean = c.mean;
    ratiosAll.push(...ratios);
    const liq = meanCI95(arm.runs.map((m) => m['liq_size_after'] as number));
    // The impact per BTC the liquidations actually had: (dP - dP0) / liquidated size.
    const lamEff = meanCI95(arm.runs.map((m, i) => ((m['drop'] as number) - (base[i]?.['drop'] as number)) / Math.max(1e-9, m['liq_size_after'] as number)));
    arm.runs.forEach((m, i) => {
      rows.push({ arm: `x=${arm.x}`, seed: seeds[i] as number, metric: 'drop_ratio', value: ratios[i] as number }, { arm: `x=${arm.x}`, seed: seeds[i] as number, metric: 'liq_size_after', value: m['liq_size_after'] as number });
    });
    details.push(`lambda*rho=${fmt(arm.x)} (rho ${fmt(arm.rho)} BTC/USD): drop ratio ${fmt(c.mean)} [${fmt(c.lo95)}, ${fmt(c.hi95)}] vs predicted ${fmt(p.mean)} (${dist >= 0 ? '+' : ''}${fmt(100 * dist)} %); liquidated ${fmt(liq.mean)} BTC after the shock; effective impact of the liquidations ${fmt(lamEff.mean)} USD/BTC vs lambda-hat ${fmt(lambda)}`);
  }
  base.forEach((m, i) => rows.push({ arm: 'no-leverage', seed: seeds[i] as number, metric: 'drop', value: m['drop'] as number }));
  details.unshift(`no-leverage drop dP0 = ${fmt(dP0.mean)} USD [${fmt(dP0.lo95)}, ${fmt(dP0.hi95)}] for ${fmt(meanCI95(base.map((m) => m['shock_executed'] as number)).mean)} BTC executed; first liquidation a = ${a} USD below`);
  if (!pass) details.push(`FAIL distance: worst arm ${worst >= 0 ? '+' : ''}${fmt(100 * worst)} % from the prediction (tolerance 30 %)`);
  return {
    name: 'cascade-multiplier',
    title: 'Liquidation cascade multiplier dP/dP0 = (1 - lambda rho a/dP0) / (1 - lambda rho)',
    theory: 'dP = dP0 + lambda rho (dP - a) (theory.md 6a: 1/(1 - lambda rho) for a density of liquidation prices starting a below the price)',
    inputs: { lambda_hat_usd_per_btc: lambda, dP0_usd: dP0.mean, a_usd: a, accounts: ACCOUNTS },
    predicted: null,
    measured: { statistic: 'drop ratio dP/dP0, all leveraged arms pooled (per-arm numbers in details)', ...meanCI95(ratiosAll) },
    tolerance: 'each arm within 30 % of its predicted ratio, means increasing in rho (theory.md 6c test 1); no liquidation before the shock; >= 99 % of the sell executed',
    pass,
    details,
    rows,
  };
}

export const cascadeMultiplier: ScienceCheck = {
  name: 'cascade-multiplier',
  title: 'Cascade multiplier over four densities of liquidation prices',
  quick: false,
  seeds: { quick: 3, full: 20 },
  async run(ctx: ScienceContext): Promise<CheckReport> {
    const job = (arm: string, size: number | null, seed: number): ScienceJob => ({ scenario: { yaml: SCENARIO }, set: armSet(size), seed, arm, measure: 'cascade' });
    // Phase 1: calibrate lambda on the no-leverage arm (the same sell, liquidations out of reach).
    const base = await ctx.runJobs(ctx.seeds.map((s) => job('no-leverage', null, s)));
    const lambda = meanCI95(base.map((m) => m['drop'] as number)).mean / meanCI95(base.map((m) => m['shock_executed'] as number)).mean;
    // Phase 2: the densities that make lambda-hat * rho hit the targets (sizes on the lot grid).
    const plan = LAMBDA_RHO.map((x) => {
      const size = sizeForRho(x / lambda);
      return { x: lambda * rhoOfSize(size), size };
    });
    const jobs = plan.flatMap((p) => ctx.seeds.map((s) => job(`x=${fmt(p.x)}`, p.size, s)));
    const out = await ctx.runJobs(jobs);
    const n = ctx.seeds.length;
    const arms = plan.map((p, k) => ({ x: p.x, rho: rhoOfSize(p.size), runs: out.slice(k * n, (k + 1) * n) }));
    return evaluateCascade(base, arms, ctx.seeds, lambda);
  },
};
