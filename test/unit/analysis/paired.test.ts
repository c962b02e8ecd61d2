import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binomialUpperTail,
  bootstrapMeanCI,
  differences,
  logGamma,
  logRatios,
  median,
  pairedTTest,
  regularizedBeta,
  shareAbove,
  shareBelow,
  signTest,
  studentTCdf,
  tTest,
} from '../../../src/analysis/paired.js';

describe('special functions', () => {
  it.each([
    ['Gamma(5) = 24', 5, Math.log(24)],
    ['Gamma(0.5) = sqrt(pi)', 0.5, 0.5 * Math.log(Math.PI)],
    ['Gamma(10.5)', 10.5, Math.log(1133278.3889487856)],
  ])('logGamma: %s', (_name, x, want) => {
    expect(logGamma(x)).toBeCloseTo(want, 10);
  });

  it('regularized beta: I_x(1, 1) = x and I_x(a, b) = 1 - I_(1-x)(b, a)', () => {
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedBeta(0.2, 2.5, 4)).toBeCloseTo(1 - regularizedBeta(0.8, 4, 2.5), 12);
  });

  it.each([
    // Cauchy (df 1): F(1) = 3/4; df 2 has the closed form F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
    ['df 1 at t = 1', 1, 1, 0.75],
    ['df 2 at t = 1.5', 1.5, 2, 0.5 + 1.5 / (2 * Math.sqrt(2 + 2.25))],
    ['df 10 at the 97.5 % quantile 2.228139', 2.228139, 10, 0.975],
    ['df 19 at the 95 % quantile 1.729133', 1.729133, 19, 0.95],
    ['symmetry, df 5 at -2', -2, 5, 1 - 0.9490302605850709],
  ])('Student t cdf: %s', (_name, t, df, want) => {
    expect(studentTCdf(t, df)).toBeCloseTo(want, 6);
  });

  it('binomial upper tail with p = 1/2', () => {
    expect(binomialUpperTail(9, 10)).toBeCloseTo(11 / 1024, 14);
    expect(binomialUpperTail(0, 10)).toBe(1);
    expect(binomialUpperTail(11, 10)).toBe(0);
  });
});

describe('paired tests', () => {
  it('paired t-test on differences 1..5 (t = 4.2426, two-sided p = 0.013236)', () => {
    const r = pairedTTest([2, 4, 6, 8, 10], [1, 2, 3, 4, 5]);
    expect(r.mean).toBe(3);
    expect(r.t).toBeCloseTo(4.242641, 5);
    expect(r.df).toBe(4);
    expect(r.p).toBeCloseTo(0.013236, 5);
    expect(pairedTTest([2, 4, 6, 8, 10], [1, 2, 3, 4, 5], 'greater').p).toBeCloseTo(0.006618, 5);
    expect(pairedTTest([2, 4, 6, 8, 10], [1, 2, 3, 4, 5], 'less').p).toBeCloseTo(1 - 0.006618, 5);
  });

  it('t-test edge cases: constant differences and too few pairs', () => {
    expect(tTest([1, 1, 1], 'greater').p).toBe(0);
    // All differences exactly 0: no test to make (issue 16: p = 1 read as "tested, no evidence").
    expect(tTest([0, 0, 0]).p).toBeNaN();
    expect(() => tTest([1])).toThrow(RangeError);
  });

  it('sign test counts and exact p (9 of 10 positive: one-sided p = 11/1024)', () => {
    const d = [1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 0];
    const r = signTest(d, 'greater');
    expect([r.positive, r.negative, r.ties]).toEqual([9, 1, 1]);
    expect(r.p).toBeCloseTo(11 / 1024, 14);
    expect(signTest(d, 'less').p).toBeCloseTo(1 - 1 / 1024, 12);
    expect(signTest(d).p).toBeCloseTo(22 / 1024, 14);
  });

  it('rejects unequal lengths, NaN and non-positive log ratios', () => {
    expect(() => differences([1, 2], [1])).toThrow(RangeError);
    expect(() => differences([1, NaN], [1, 2])).toThrow(RangeError);
    expect(() => logRatios([1, 0], [1, 2])).toThrow(RangeError);
    expect(logRatios([Math.E, 1], [1, 1])).toEqual([1, 0]);
  });

  it('median and shares', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(shareAbove([1, -1, 0, 2])).toBe(0.5);
    expect(shareBelow([1, -1, 0, 2])).toBe(0.25);
  });

  it('bootstrap CI is reproducible for a seed and brackets the sample mean', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.integer({ min: 0, max: 1000 }), (d, seed) => {
        const a = bootstrapMeanCI(d, { seed, resamples: 400 });
        const b = bootstrapMeanCI(d, { seed, resamples: 400 });
        expect(a).toEqual(b);
        const m = d.reduce((s, v) => s + v, 0) / d.length;
        expect(a.low).toBeLessThanOrEqual(m + 1e-9);
        expect(a.high).toBeGreaterThanOrEqual(m - 1e-9);
      }),
      { numRuns: 50 },
    );
  });
});
