/**
 * Measurement of `cascade-multiplier` (checks/cascadeMultiplier.ts) and of the reference
 * liquidation-cascade: the scripted sell (schedule table `market_order` rows: first child at t0,
 * last at t1) and what followed it.
 * - pre_mid: mean mid over the 30 s before t0; post_mid: mean mid over [t1 + 30 s, t1 + 60 s]
 *   (the book has settled); drop = pre_mid - post_mid; min_mid over [t0, t1 + 60 s] (quote).
 * - shock_executed: base units the schedule account bought or sold as taker from t0 on
 *   (what actually executed of the scripted size); shock_sent: the size sent.
 * - liq_before / liq_after: liquidations triggered before t0 / from t0 on (count), liq_size_after
 *   (base units).
 */
import { readArrowFile } from '../../output/index.js';
import type { RunResult } from '../../run/index.js';
import type { Measured } from '../check.js';

const NS = 1e9;

/** Mean of `v` over rows with t in [a, b), NaN values skipped (NaN when none). */
function meanOver(t: Float64Array, v: Float64Array, a: number, b: number): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const x = v[i] as number;
    if ((t[i] as number) >= a && (t[i] as number) < b && Number.isFinite(x)) {
      s += x;
      n++;
    }
  }
  return n > 0 ? s / n : Number.NaN;
}

export function cascadeMeasure(run: RunResult): Measured {
  const sch = readArrowFile(run.files['schedule'] as string);
  const st = sch.numbers('t_ns');
  const action = sch.column('action');
  const value = sch.numbers('value');
  let t0 = Infinity;
  let t1 = -Infinity;
  let sent = 0;
  for (let i = 0; i < st.length; i++) {
    if (action[i] !== 'market_order') continue;
    t0 = Math.min(t0, st[i] as number);
    t1 = Math.max(t1, st[i] as number);
    sent += Math.abs(value[i] as number);
  }
  if (!Number.isFinite(t0)) throw new Error('cascade measure: the run has no scripted market order');
  const book = readArrowFile(run.files['book'] as string);
  const bt = book.numbers('t_ns');
  const mid = book.numbers('mid');
  const pre = meanOver(bt, mid, t0 - 30 * NS, t0);
  const post = meanOver(bt, mid, t1 + 30 * NS, t1 + 60 * NS);
  let minMid = Infinity;
  for (let i = 0; i < bt.length; i++) if ((bt[i] as number) >= t0 && (bt[i] as number) <= t1 + 60 * NS && Number.isFinite(mid[i])) minMid = Math.min(minMid, mid[i] as number);
  const tr = readArrowFile(run.files['trades'] as string);
  const tt = tr.numbers('t_ns');
  const taker = tr.column('taker');
  const size = tr.numbers('size');
  let executed = 0;
  for (let i = 0; i < tt.length; i++) if (taker[i] === 'schedule' && (tt[i] as number) >= t0) executed += size[i] as number;
  let before = 0;
  let after = 0;
  let sizeAfter = 0;
  const liqFile = run.files['liquidations'];
  if (liqFile !== undefined) {
    const liq = readArrowFile(liqFile);
    const lt = liq.numbers('t_ns');
    const ev = liq.column('event');
    const ls = liq.numbers('size');
    for (let i = 0; i < lt.length; i++) {
      if (ev[i] !== 'triggered') continue;
      if ((lt[i] as number) < t0) before++;
      else {
        after++;
        sizeAfter += ls[i] as number;
      }
    }
  }
  return { pre_mid: pre, post_mid: post, drop: pre - post, min_mid: minMid, shock_sent: sent, shock_executed: executed, liq_before: before, liq_after: after, liq_size_after: sizeAfter };
}
