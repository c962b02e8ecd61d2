/**
 * Measurement of `pin-vs-gamma-sign` (checks/pinVsGammaSign.ts): the settlement price of the
 * expiry (summary metrics, quote), the start mid, realized vol of 1 s mid returns over the first
 * half and the last tenth of the run before expiry (annualized, ACT/365), and the impulse
 * regression of the scripted test trades: mean of sign * (mid 10 s after - mid 1 s before) and
 * their size, so the check can form lambda-hat = that mean / size (quote per base unit).
 */
import { readArrowFile } from '../../output/index.js';
import type { RunResult } from '../../run/index.js';
import type { Measured } from '../check.js';

const NS = 1e9;

/** Mid at or before `t` (previous tick), NaN before the first sample. */
function midAt(t: Float64Array, mid: Float64Array, at: number): number {
  let lo = 0;
  let hi = t.length - 1;
  if (hi < 0 || (t[0] as number) > at) return Number.NaN;
  while (lo < hi) {
    const m = (lo + hi + 1) >> 1;
    if ((t[m] as number) <= at) lo = m;
    else hi = m - 1;
  }
  return mid[lo] as number;
}

function annualizedVol(t: Float64Array, mid: Float64Array, from: number, to: number): number {
  let s = 0;
  let n = 0;
  for (let i = 1; i < t.length; i++) {
    if ((t[i] as number) <= from || (t[i] as number) > to) continue;
    const a = mid[i - 1] as number;
    const b = mid[i] as number;
    if (a > 0 && b > 0) {
      const r = Math.log(b / a);
      s += r * r;
      n++;
    }
  }
  const dt = n > 0 ? (to - from) / n / NS : 1;
  return n > 1 ? Math.sqrt((s / n) * ((365 * 86_400) / dt)) : Number.NaN;
}

export function pinMeasure(run: RunResult, expiryNs: number): Measured {
  const book = readArrowFile(run.files['book'] as string);
  const t = book.numbers('t_ns');
  const mid = book.numbers('mid');
  const sch = readArrowFile(run.files['schedule'] as string);
  const st = sch.numbers('t_ns');
  const action = sch.column('action');
  const value = sch.numbers('value');
  let impulse = 0;
  let size = 0;
  let n = 0;
  for (let i = 0; i < st.length; i++) {
    if (action[i] !== 'market_order') continue;
    const at = st[i] as number;
    const v = value[i] as number;
    const d = midAt(t, mid, at + 10 * NS) - midAt(t, mid, at - NS);
    if (!Number.isFinite(d)) continue;
    impulse += Math.sign(v) * d;
    size += Math.abs(v);
    n++;
  }
  const settle = run.metrics['settlement_price'] as number;
  return {
    settlement: settle,
    start_mid: mid[0] as number,
    vol_early: annualizedVol(t, mid, 0, expiryNs / 2),
    vol_late: annualizedVol(t, mid, 0.9 * expiryNs, expiryNs),
    impulse_mean: n > 0 ? impulse / n : 0,
    impulse_size: n > 0 ? size / n : 0,
  };
}
