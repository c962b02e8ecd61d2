/**
 * Measurement of `sqrt-impact` (checks/sqrtImpact.ts): the mid around a scripted metaorder
 * (schedule `market_order` rows: first child t0, last t1, execution time T = t1 - t0 + one
 * interval) or, in the control arm, around the same times given by the check: mean mid over
 * [t0 - 30 s, t0) (before), over [t1, t1 + 10 s] (end: the peak) and over [t1 + 2T, t1 + 3T]
 * (later, theory.md 5d's 2-10x the execution time), quote currency; the size the schedule
 * account executed (base); total traded volume and realized vol of 1 s mid returns over the run
 * (base per day and per sqrt(day), for Y = I / (sigma_D sqrt(Q / V_D))).
 */
import { readArrowFile } from '../../output/index.js';
import type { RunResult } from '../../run/index.js';
import type { Measured } from '../check.js';

const NS = 1e9;
const DAY_NS = 86_400 * NS;

function meanOver(t: Float64Array, v: Float64Array, a: number, b: number): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const x = v[i] as number;
    if ((t[i] as number) >= a && (t[i] as number) <= b && Number.isFinite(x)) {
      s += x;
      n++;
    }
  }
  return n > 0 ? s / n : Number.NaN;
}

/** The metaorder's window: first child, last child, execution time (ns). */
export interface ImpactWindow {
  readonly t0: number;
  readonly t1: number;
  readonly executionNs: number;
}

export function impactMeasure(run: RunResult, w: ImpactWindow): Measured {
  const book = readArrowFile(run.files['book'] as string);
  const t = book.numbers('t_ns');
  const mid = book.numbers('mid');
  const tr = readArrowFile(run.files['trades'] as string);
  const tt = tr.numbers('t_ns');
  const taker = tr.column('taker');
  const size = tr.numbers('size');
  let executed = 0;
  let volume = 0;
  for (let i = 0; i < tt.length; i++) {
    volume += size[i] as number;
    if (taker[i] === 'schedule') executed += size[i] as number;
  }
  let ss = 0;
  let n = 0;
  for (let i = 1; i < mid.length; i++) {
    const a = mid[i - 1] as number;
    const b = mid[i] as number;
    if (a > 0 && b > 0) {
      ss += Math.log(b / a) ** 2;
      n++;
    }
  }
  const runNs = t.length > 1 ? (t[t.length - 1] as number) - (t[0] as number) : DAY_NS;
  const perSample = n > 0 ? runNs / n : NS;
  return {
    mid_before: meanOver(t, mid, w.t0 - 30 * NS, w.t0 - 1),
    mid_end: meanOver(t, mid, w.t1, w.t1 + 10 * NS),
    mid_later: meanOver(t, mid, w.t1 + 2 * w.executionNs, w.t1 + 3 * w.executionNs),
    executed,
    volume_per_day: (volume - executed) * (DAY_NS / runNs),
    sigma_daily: n > 1 ? Math.sqrt((ss / n) * (DAY_NS / perSample)) : Number.NaN,
  };
}
