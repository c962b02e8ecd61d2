/**
 * Series a measurement reads from a finished run's tables: the mid of the first book sampled on
 * an absolute grid (k * stepNs from the run start, previous tick), per-interval increments in
 * price units (quote currency: theory.md 1b works in arithmetic price units), their
 * autocorrelations and multi-interval variances, and per-interval taker flow by agent group
 * (base units, + = buyer-initiated, Kyle's Q).
 */
import { readArrowFile } from '../../output/index.js';
import type { RunResult } from '../../run/index.js';

/** The mid of the first instrument in `book`, previous-tick sampled at k * stepNs, k = 0..floor(end/step). */
export function midOnGrid(run: RunResult, stepNs: number): Float64Array {
  const book = readArrowFile(run.files['book'] as string);
  const instrument = book.column('instrument');
  const t = book.numbers('t_ns');
  const mid = book.numbers('mid');
  const points = Math.floor(run.simTimeNs / stepNs) + 1;
  const out = new Float64Array(points).fill(Number.NaN);
  let last = Number.NaN;
  let j = 0;
  for (let k = 0; k < points; k++) {
    const at = k * stepNs;
    while (j < t.length && (t[j] as number) <= at) {
      const v = mid[j] as number;
      if (instrument[j] === instrument[0] && Number.isFinite(v)) last = v;
      j++;
    }
    out[k] = last;
  }
  return out;
}

/** Increments s[k] - s[k-1] for k >= from (grid index), skipping none: a NaN mid is carried as the last value. */
export function increments(s: Float64Array, from: number): Float64Array {
  const start = Math.max(1, from);
  const out = new Float64Array(Math.max(0, s.length - start));
  for (let k = start; k < s.length; k++) out[k - start] = (s[k] as number) - (s[k - 1] as number);
  return out;
}

/** Sample autocorrelation of `d` at `lag` (mean removed, biased denominator). */
export function acf(d: ArrayLike<number>, lag: number): number {
  const n = d.length;
  if (n <= lag + 2) return Number.NaN;
  let m = 0;
  for (let i = 0; i < n; i++) m += d[i] as number;
  m /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const x = (d[i] as number) - m;
    den += x * x;
    if (i + lag < n) num += x * ((d[i + lag] as number) - m);
  }
  return den === 0 ? Number.NaN : num / den;
}

/** Variance of the sums of `n` consecutive increments (overlapping windows, mean removed). */
export function windowVariance(d: ArrayLike<number>, n: number): number {
  const len = d.length;
  if (len < n + 2) return Number.NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += d[i] as number;
  const sums: number[] = [s];
  for (let i = n; i < len; i++) {
    s += (d[i] as number) - (d[i - n] as number);
    sums.push(s);
  }
  const m = sums.reduce((a, b) => a + b, 0) / sums.length;
  return sums.reduce((a, b) => a + (b - m) * (b - m), 0) / (sums.length - 1);
}

/** The group of an agent name (`makers/1` -> `makers`). */
export function groupOf(name: string): string {
  const i = name.indexOf('/');
  return i < 0 ? name : name.slice(0, i);
}

/**
 * Taker flow per interval and group: flow[group][k] = signed size (base units, + buy) of trades
 * in [k * stepNs, (k + 1) * stepNs) whose taker belongs to the group (liquidation-engine takers
 * under their own name), k = 0..points-1.
 */
export function takerFlowByGroup(run: RunResult, stepNs: number, points: number): Map<string, Float64Array> {
  const trades = readArrowFile(run.files['trades'] as string);
  const t = trades.numbers('t_ns');
  const size = trades.numbers('size');
  const side = trades.column('aggressor_side');
  const taker = trades.column('taker');
  const out = new Map<string, Float64Array>();
  for (let i = 0; i < t.length; i++) {
    const k = Math.floor((t[i] as number) / stepNs);
    if (k < 0 || k >= points) continue;
    const g = groupOf(String(taker[i]));
    let f = out.get(g);
    if (f === undefined) out.set(g, (f = new Float64Array(points)));
    f[k] = (f[k] as number) + (side[i] === 'buy' ? 1 : -1) * (size[i] as number);
  }
  return out;
}
