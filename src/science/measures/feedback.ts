/**
 * Measurements of the feedback checks (theory.md 1b, 1d), each computed from one finished run.
 *
 * - `probe-impact`: the impulse calibration of theory.md 1d. Each market order of the `probe`
 *   group (one taker order id = one test trade; q = its signed executed size, base units) is
 *   paired with the mid change from the last book sample before it to `tau_ns` later (quote
 *   currency); lambda = sum(q dm) / sum(q^2), quote per base unit (permanent-at-tau impact);
 *   also at 5 tau and 20 tau (lambda_5tau, lambda_20tau: the share of the impact that stays).
 * - `interval-returns`: mid increments on the hedge-interval grid `tau_ns` after `warmup_ns`:
 *   variance at 1 and `n` intervals (quote^2), autocorrelation at lags 1..`lags`, hedge volume.
 *   With `files.series_out` it also writes the increments and each group's taker flow (JSON) for
 *   a later decomposition; with `files.control` (that JSON from the control run) and
 *   `params.lambda` it attributes the increment difference arm - control to each group's change
 *   in taker flow: share_g = cov(lambda * dflow_g, D) / var(D) (shares of var(D); the rest is
 *   what linear impact of flow does not explain).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readArrowFile } from '../../output/index.js';
import type { RunResult } from '../../run/index.js';
import type { Measured, ScienceJob } from '../check.js';
import { acf, groupOf, increments, midOnGrid, takerFlowByGroup, windowVariance } from './series.js';

const param = (job: ScienceJob, name: string, dflt?: number): number => {
  const v = job.params?.[name] ?? dflt;
  if (v === undefined || !Number.isFinite(v)) throw new Error(`measurement ${job.measure} needs params.${name}`);
  return v;
};

/** `probe-impact` (see the header). */
export function probeImpact(run: RunResult, job: ScienceJob): Measured {
  const tauNs = param(job, 'tau_ns');
  const stepNs = param(job, 'step_ns', 100_000_000);
  const mid = midOnGrid(run, stepNs);
  const trades = readArrowFile(run.files['trades'] as string);
  const t = trades.numbers('t_ns');
  const size = trades.numbers('size');
  const side = trades.column('aggressor_side');
  const taker = trades.column('taker');
  const order = trades.numbers('taker_order_id');
  const byOrder = new Map<number, { t0: number; q: number }>();
  for (let i = 0; i < t.length; i++) {
    if (groupOf(String(taker[i])) !== 'probe') continue;
    const id = order[i] as number;
    const e = byOrder.get(id) ?? { t0: t[i] as number, q: 0 };
    e.q += (side[i] === 'buy' ? 1 : -1) * (size[i] as number);
    byOrder.set(id, e);
  }
  // lambda at tau (the calibration) and at 5 and 20 tau (how much of the impact is permanent).
  const fit = (horizonNs: number): { lambda: number; n: number; absQ: number } => {
    const lag = Math.round(horizonNs / stepNs);
    let sxy = 0;
    let sxx = 0;
    let absQ = 0;
    let n = 0;
    for (const { t0, q } of byOrder.values()) {
      const kb = Math.floor((t0 - 1) / stepNs);
      const before = mid[kb];
      const after = mid[kb + lag];
      if (before === undefined || after === undefined || !Number.isFinite(before) || !Number.isFinite(after)) continue;
      sxy += q * (after - before);
      sxx += q * q;
      absQ += Math.abs(q);
      n++;
    }
    return { lambda: sxy / sxx, n, absQ };
  };
  const at1 = fit(tauNs);
  if (at1.n < 10) throw new Error(`probe-impact: only ${at1.n} test trades with a mid before and after (is there a group named "probe"?)`);
  const out: Record<string, number> = { lambda: at1.lambda, probes: at1.n, mean_abs_size: at1.absQ / at1.n };
  // The impact kernel lambda(h tau), h = 1..20: the propagator the general prediction uses.
  for (let h = 1; h <= 20; h++) out[`lambda_h${h}`] = h === 1 ? at1.lambda : fit(h * tauNs).lambda;
  out['lambda_5tau'] = out['lambda_h5'] as number;
  out['lambda_20tau'] = out['lambda_h20'] as number;
  return out;
}

interface SeriesFile {
  readonly d: number[];
  readonly flows: Record<string, number[]>;
}

/** `interval-returns` (see the header). */
export function intervalReturns(run: RunResult, job: ScienceJob): Measured {
  const tauNs = param(job, 'tau_ns');
  const n = param(job, 'n', 20);
  const lags = param(job, 'lags', 1);
  const from = Math.ceil(param(job, 'warmup_ns', 60e9) / tauNs);
  const mid = midOnGrid(run, tauNs);
  const d = increments(mid, from);
  const out: Record<string, number> = {
    var_1: windowVariance(d, 1),
    [`var_${n}`]: windowVariance(d, n),
    hedge_volume: run.metrics['hedge_volume'] ?? Number.NaN,
    hedge_latency_s: meanHedgeLatencySec(run),
    intervals: d.length,
  };
  for (let k = 1; k <= lags; k++) out[`acf_${k}`] = acf(d, k);
  const files = job.files ?? {};
  if (files['series_out'] !== undefined || files['control'] !== undefined) {
    const flows = takerFlowByGroup(run, tauNs, mid.length);
    // increment i spans grid points from+i-1 -> from+i: the flow of interval from+i-1.
    const aligned: Record<string, number[]> = {};
    for (const [g, f] of flows) aligned[g] = Array.from(d, (_, i) => f[from + i - 1] as number);
    if (files['series_out'] !== undefined) writeFileSync(files['series_out'], JSON.stringify({ d: Array.from(d), flows: aligned } satisfies SeriesFile));
    if (files['control'] !== undefined) Object.assign(out, decompose(d, aligned, JSON.parse(readFileSync(files['control'], 'utf8')) as SeriesFile, param(job, 'lambda')));
  }
  return out;
}

/** Mean decision-to-fill time of hedge fills, seconds (0 when the dealer never traded). */
function meanHedgeLatencySec(run: RunResult): number {
  const file = run.files['hedges'];
  if (file === undefined) return 0;
  const h = readArrowFile(file);
  const event = h.column('event');
  const lat = h.numbers('latency_ns');
  let sum = 0;
  let n = 0;
  for (let i = 0; i < event.length; i++) {
    if (event[i] === 'fill') {
      sum += lat[i] as number;
      n++;
    }
  }
  return n === 0 ? 0 : sum / n / 1e9;
}

function decompose(d: Float64Array, flows: Record<string, number[]>, control: SeriesFile, lambda: number): Record<string, number> {
  const len = Math.min(d.length, control.d.length);
  const D = Array.from({ length: len }, (_, i) => (d[i] as number) - (control.d[i] as number));
  const mD = D.reduce((a, b) => a + b, 0) / len;
  const varD = D.reduce((a, b) => a + (b - mD) * (b - mD), 0) / len;
  const out: Record<string, number> = { var_diff: varD };
  let explained = 0;
  const groups = new Set([...Object.keys(flows), ...Object.keys(control.flows)]);
  for (const g of groups) {
    const f = flows[g];
    const c = control.flows[g];
    let cov = 0;
    let mF = 0;
    const df = Array.from({ length: len }, (_, i) => lambda * ((f?.[i] ?? 0) - (c?.[i] ?? 0)));
    for (const v of df) mF += v / len;
    for (let i = 0; i < len; i++) cov += ((df[i] as number) - mF) * ((D[i] as number) - mD);
    const share = varD > 0 ? cov / len / varD : 0;
    out[`share_${g}`] = share;
    explained += share;
  }
  out['share_unexplained'] = 1 - explained;
  return out;
}
