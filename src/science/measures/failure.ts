/**
 * Measurement of `buis-failure-ordering` (checks/buisFailureOrdering.ts): market failure in the
 * sense of Buis et al. (2024): one side of the book empty. From the book table (sampled every
 * 200 ms in scenarios/science/buis-zi.yaml), after a 2-minute warm-up in which the ZI traders
 * fill the empty opening book: failed (0/1), first failure time (s, 0 when none), the share of
 * samples with a side empty, and realized vol of 1 s mid changes over the samples before the
 * first failure (USD per sqrt(s)).
 */
import { readArrowFile } from '../../output/index.js';
import type { RunResult } from '../../run/index.js';
import type { Measured } from '../check.js';

const WARMUP_NS = 120e9;

export function failureMeasure(run: RunResult): Measured {
  const book = readArrowFile(run.files['book'] as string);
  const t = book.numbers('t_ns');
  const bid = book.numbers('bid');
  const ask = book.numbers('ask');
  let first = -1;
  let empty = 0;
  let n = 0;
  let ss = 0;
  let k = 0;
  let lastMid = Number.NaN;
  let lastSec = -1;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i] as number;
    if (ti < WARMUP_NS) continue;
    n++;
    const ok = (bid[i] as number) > 0 && (ask[i] as number) > 0;
    if (!ok) {
      empty++;
      if (first < 0) first = ti;
      continue;
    }
    const sec = Math.floor(ti / 1e9);
    if (first < 0 && sec !== lastSec) {
      const mid = ((bid[i] as number) + (ask[i] as number)) / 2;
      if (Number.isFinite(lastMid)) {
        ss += (mid - lastMid) ** 2;
        k++;
      }
      lastMid = mid;
      lastSec = sec;
    }
  }
  return { failed: first >= 0 ? 1 : 0, first_failure_s: first >= 0 ? first / 1e9 : 0, empty_share: n > 0 ? empty / n : 0, vol_usd_per_sqrt_s: k > 1 ? Math.sqrt(ss / k) : 0 };
}
