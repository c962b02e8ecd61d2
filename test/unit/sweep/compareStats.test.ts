/**
 * The statistics `compare` prints (analysis/compareStats.ts, on top of analysis/paired.ts):
 * t quantiles against closed forms (df 1 and 2) and their own tail, mean/sd/CI on a
 * hand-computed sample, NaN (never a made-up number or a throw) for too few values, and the
 * paired summary: the t-test of paired.ts, a reproducible bootstrap that depends on its seed.
 */
import { describe, expect, test } from 'vitest';
import { finite, pairedSummary, sampleSd, studentTQuantile, summarize } from '../../../src/analysis/compareStats.js';
import { studentTCdf, tTest } from '../../../src/analysis/paired.js';

describe('studentTQuantile', () => {
  const closed: ReadonlyArray<readonly [string, number, number, number]> = [
    ['df 1 (Cauchy): tan(pi (q - 1/2))', 1, 0.975, Math.tan(Math.PI * 0.475)],
    ['df 1 at 0.9', 1, 0.9, Math.tan(Math.PI * 0.4)],
    ['df 2: (2q - 1) / sqrt(2 q (1 - q))', 2, 0.975, 0.95 / Math.sqrt(2 * 0.975 * 0.025)],
  ];
  test.each(closed)('%s', (_name, df, q, t) => expect(studentTQuantile(q, df)).toBeCloseTo(t, 8));
  test.each([4, 10, 30, 200])('the CDF at the 97.5%% quantile is 0.975 (df %d)', (df) => {
    expect(studentTCdf(studentTQuantile(0.975, df), df)).toBeCloseTo(0.975, 10);
  });
  test('textbook value t(0.975, 10) = 2.228139', () => expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281389, 6));
  test('outside (0.5, 1) or df <= 0: NaN', () => {
    expect(studentTQuantile(0.4, 3)).toBeNaN();
    expect(studentTQuantile(0.975, 0)).toBeNaN();
  });
});

describe('summarize', () => {
  test('mean, sample sd and the t interval of a hand-computed sample', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9]; // mean 5, sum of squared deviations 32
    expect(sampleSd(xs)).toBeCloseTo(Math.sqrt(32 / 7), 14);
    const half = (studentTQuantile(0.975, 7) * Math.sqrt(32 / 7)) / Math.sqrt(8);
    expect(summarize(xs)).toEqual({ n: 8, mean: 5, sd: sampleSd(xs), ciLow: 5 - half, ciHigh: 5 + half });
  });
  test('too few values: NaN where a statistic needs more', () => {
    expect(summarize([])).toMatchObject({ n: 0, mean: NaN, sd: NaN, ciLow: NaN });
    expect(summarize([3])).toMatchObject({ n: 1, mean: 3, sd: NaN, ciLow: NaN, ciHigh: NaN });
  });
  test('finite drops NaN and infinities', () => expect(finite([1, NaN, Infinity, -2, -Infinity])).toEqual([1, -2]));
});

describe('pairedSummary', () => {
  const diffs = [0.3, -1.2, 2.5, 0.1, 0.9, -0.4, 1.7, 0.2];
  test('t and p are the two-sided paired t-test of paired.ts', () => {
    const s = pairedSummary(diffs, 500, 7);
    const t = tTest(diffs);
    expect([s.t, s.p]).toEqual([t.t, t.p]);
  });
  test('the bootstrap is reproducible for a seed, different for another, and brackets the mean', () => {
    const a = pairedSummary(diffs, 500, 7);
    expect(pairedSummary(diffs, 500, 7)).toEqual(a);
    expect(pairedSummary(diffs, 500, 8).bootLow).not.toBe(a.bootLow);
    expect(a.bootLow).toBeLessThan(a.mean);
    expect(a.bootHigh).toBeGreaterThan(a.mean);
  });
  test('one pair: a point bootstrap, no test; none: all NaN', () => {
    expect(pairedSummary([2], 100, 1)).toMatchObject({ n: 1, mean: 2, t: NaN, p: NaN, bootLow: 2, bootHigh: 2 });
    expect(pairedSummary([], 100, 1)).toMatchObject({ n: 0, t: NaN, p: NaN, bootLow: NaN, bootHigh: NaN });
  });
});
