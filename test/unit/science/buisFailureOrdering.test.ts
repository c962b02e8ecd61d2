/**
 * buis-failure-ordering's verdict: Buis-like failure tables pass (short gamma fails more, long
 * no more at moderate stress, a U-shape at the highest stress allowed); a hedger hedging the
 * wrong way (long gamma failing most) and a flat table fail.
 */
import { describe, expect, it } from 'vitest';
import type { Measured } from '../../../src/science/check.js';
import { POSITIONS, STRESS, evaluateFailure } from '../../../src/science/checks/buisFailureOrdering.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
/** Cells from failure rates [stress][position] (fractions; k of 20 seeds fail). */
function cells(rates: readonly (readonly number[])[]): Measured[][][] {
  return rates.map((byPos) => byPos.map((r) => SEEDS.map((_, i): Measured => ({ failed: i < Math.round(r * SEEDS.length) ? 1 : 0, first_failure_s: 0, empty_share: 0, vol_usd_per_sqrt_s: 1 }))));
}

describe('buis-failure-ordering verdict', () => {
  it('passes on a Buis-like table (U-shape at the highest stress allowed)', () => {
    const r = evaluateFailure(cells([[0.5, 0.1, 0.05, 0, 0], [0.9, 0.6, 0.3, 0.1, 0.1], [1, 1, 0.6, 0.5, 0.7]]), SEEDS);
    expect(r.pass).toBe(true);
    expect(POSITIONS.length * STRESS.length).toBe(15);
  });
  it('fails when long gamma fails most (a hedger trading the wrong way)', () => {
    expect(evaluateFailure(cells([[0, 0, 0.05, 0.2, 0.5], [0.1, 0.1, 0.3, 0.6, 0.9], [0.6, 0.6, 0.6, 1, 1]]), SEEDS).pass).toBe(false);
  });
  it('fails when the hedger changes nothing', () => {
    expect(evaluateFailure(cells([[0.1, 0.1, 0.1, 0.1, 0.1], [0.3, 0.3, 0.3, 0.3, 0.3], [0.6, 0.6, 0.6, 0.6, 0.6]]), SEEDS).pass).toBe(false);
  });
});
