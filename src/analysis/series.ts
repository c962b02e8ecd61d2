/**
 * Small pure helpers over time series given as parallel arrays (t_ns ascending, values).
 * NaN values (an empty book side, no mid) are skipped, never propagated.
 */
import { NS_PER_YEAR_365 } from '../model/time.js';

/**
 * Samples `values` on a regular grid of step `stepNs` from the first to the last time: each
 * grid point takes the last finite value at or before it (previous-tick sampling).
 */
export function sampleOnGrid(tNs: ArrayLike<number>, values: ArrayLike<number>, stepNs: number): Float64Array {
  const n = tNs.length;
  let first = -1;
  for (let i = 0; i < n; i++) if (Number.isFinite(values[i] as number)) { first = i; break; }
  if (first < 0) return new Float64Array(0);
  const t0 = tNs[first] as number;
  const tEnd = tNs[n - 1] as number;
  const points = Math.floor((tEnd - t0) / stepNs) + 1;
  const out = new Float64Array(points);
  let j = first;
  let last = values[first] as number;
  for (let k = 0; k < points; k++) {
    const t = t0 + k * stepNs;
    while (j < n && (tNs[j] as number) <= t) {
      const v = values[j] as number;
      if (Number.isFinite(v)) last = v;
      j++;
    }
    out[k] = last;
  }
  return out;
}

/**
 * Annualized realized volatility (24/7, ACT/365) of log returns of `values` sampled every
 * `horizonNs`: sqrt(mean(r^2) * periods per year). NaN with fewer than 2 returns.
 */
export function realizedVol(tNs: ArrayLike<number>, values: ArrayLike<number>, horizonNs: number): number {
  const s = sampleOnGrid(tNs, values, horizonNs);
  let sum = 0;
  let count = 0;
  for (let k = 1; k < s.length; k++) {
    const a = s[k - 1] as number;
    const b = s[k] as number;
    if (a > 0 && b > 0) {
      const r = Math.log(b / a);
      sum += r * r;
      count++;
    }
  }
  if (count < 2) return Number.NaN;
  return Math.sqrt((sum / count) * (NS_PER_YEAR_365 / horizonNs));
}

/** Largest peak-to-trough fall as a fraction of the peak (>= 0); NaN for no data. */
export function maxDrawdown(values: ArrayLike<number>): number {
  let peak = Number.NaN;
  let worst = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (!(v <= peak)) peak = v;
    const dd = (peak - v) / peak;
    if (!(dd <= worst)) worst = dd;
  }
  return worst;
}

/** Largest trough-to-peak rise as a fraction of the trough (>= 0); NaN for no data. */
export function maxRunUp(values: ArrayLike<number>): number {
  let trough = Number.NaN;
  let best = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (!(v >= trough)) trough = v;
    const ru = (v - trough) / trough;
    if (!(ru <= best)) best = ru;
  }
  return best;
}
