/** OLS against hand-computed values, and the flow/next-return bucketing on a tiny series. */
import { describe, expect, it } from 'vitest';
import { flowVsNextReturn, ols } from '../../../src/analysis/feedback.js';

describe('ols', () => {
  it('recovers an exact line and its R^2 = 1', () => {
    const r = ols([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(r).toMatchObject({ n: 4, slope: 2, intercept: 1, r2: 1 });
    expect(r.slopeSe).toBe(0);
  });
  it('matches a hand computation with noise and skips non-finite pairs', () => {
    // x = 1..5, y = 2, 4, 5, 4, 5: slope 0.6, intercept 2.2, SSE 2.4, se = sqrt(2.4/3/10).
    const r = ols([1, 2, NaN, 3, 4, 5], [2, 4, 9, 5, 4, 5]);
    expect(r.n).toBe(5);
    expect(r.slope).toBeCloseTo(0.6, 12);
    expect(r.intercept).toBeCloseTo(2.2, 12);
    expect(r.slopeSe).toBeCloseTo(Math.sqrt(2.4 / 3 / 10), 12);
    expect(r.r2).toBeCloseTo(1 - 2.4 / 6, 12);
  });
  it('is NaN without x variance or with one point', () => {
    expect(ols([1, 1], [2, 3]).slope).toBeNaN();
    expect(ols([1], [2]).slope).toBeNaN();
  });
});

describe('flowVsNextReturn', () => {
  it('pairs the flow of bucket k with the return over bucket k+1', () => {
    // Buckets of 10 ns over 40 ns; mids sampled at 0, 10, 20, 30, 40.
    const p = flowVsNextReturn([1, 5, 12, 35], [2, -1, 4, 7], [0, 10, 20, 30, 40], [100, 100, 110, 121, 121], 40, 10);
    expect(Array.from(p.flow)).toEqual([1, 4, 0]);
    expect(p.nextReturnBps[0]).toBeCloseTo(1e4 * Math.log(110 / 100), 9);
    expect(p.nextReturnBps[1]).toBeCloseTo(1e4 * Math.log(121 / 110), 9);
    expect(p.nextReturnBps[2]).toBeCloseTo(0, 9);
    expect(p.sameReturnBps[0]).toBeCloseTo(0, 9);
    expect(p.sameReturnBps[1]).toBeCloseTo(1e4 * Math.log(110 / 100), 9);
  });
});
