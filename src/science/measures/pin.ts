/**
 * Measurement of `pin-vs-gamma-sign` (checks/pinVsGammaSign.ts): the settlement price of the
 * expiry (summary metrics, quote), the start mid, realized vol of 1 s mid returns over the first
 * half and the last tenth of the run before expiry (annualized, ACT/365), and for the impulse
 * calibration the mid 1 s before and 10 s after each of the fixed test-trade times
 * (`pre_i`, `post_i`, quote), in every run, so that a calibration arm with the test trades and a
 * control arm without them can be paired (common random numbers remove the market's own move).
 */
/** Times of the calibration test trades: minutes 1..10 (ns). */
export const TEST_TRADE_TIMES_NS = Array.from({ length: 10 }, (_, i) => (i + 1) * 60e9);
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
  const out: Record<string, number> = {};
  TEST_TRADE_TIMES_NS.forEach((at, i) => {
    out[`pre_${i}`] = midAt(t, mid, at - NS);
    out[`post_${i}`] = midAt(t, mid, at + 10 * NS);
  });
  const settle = run.metrics['settlement_price'] as number;
  const end = t.length > 0 ? (t[t.length - 1] as number) : 0;
  return {
    ...out,
    // NaN when the run ends before expiry (calibration runs): 0 marks "not measured".
    settlement: Number.isFinite(settle) ? settle : 0,
    start_mid: Number.isFinite(mid[0]) ? (mid[0] as number) : (mid[1] as number),
    vol_early: end >= expiryNs ? annualizedVol(t, mid, 0, expiryNs / 2) : 0,
    vol_late: end >= expiryNs ? annualizedVol(t, mid, 0.9 * expiryNs, expiryNs) : 0,
  };
}
