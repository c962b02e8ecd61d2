/** Every statistic behind the moment list against values computed by hand. */
import { describe, expect, it } from 'vitest';
import { acfSegments, hillTailIndex, median, pearson, robustAcfBand, sampleMoments, takerEvents } from '../../../../src/analysis/moments/index.js';

describe('sampleMoments (population moments)', () => {
  it('mean, std, excess kurtosis of 1,2,3,4', () => {
    // mean 2.5; deviations +-0.5, +-1.5: m2 = (0.25+2.25)*2/4 = 1.25; m4 = (0.0625+5.0625)*2/4 = 2.5625; kurt = 2.5625/1.5625 - 3
    const m = sampleMoments([1, 2, 3, 4]);
    expect(m.mean).toBe(2.5);
    expect(m.std).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(m.excessKurtosis).toBeCloseTo(2.5625 / 1.5625 - 3, 15);
  });
  it('a two-point distribution has excess kurtosis -2; empty and constant samples are NaN', () => {
    expect(sampleMoments([-1, 1, -1, 1]).excessKurtosis).toBeCloseTo(-2, 15);
    expect(sampleMoments([]).std).toBeNaN();
    expect(sampleMoments([3, 3, 3]).excessKurtosis).toBeNaN();
  });
});

describe('acfSegments (stats.py acf_segments)', () => {
  it('alternating series: ACF(1) = -1, ACF(2) = +1', () => {
    const x = [1, -1, 1, -1, 1, -1];
    expect(acfSegments([x], 1)).toBeCloseTo(-1, 15);
    expect(acfSegments([x], 2)).toBeCloseTo(1, 15);
  });
  it('pairs never cross a segment boundary; mean and variance are over all values', () => {
    // segments [1,2] and [3,4]: m = 2.5, var = 1.25; lag-1 pairs (1,2), (3,4) only:
    // ((-1.5)(-0.5) + (0.5)(1.5)) / 2 = 0.75, ACF = 0.75 / 1.25 = 0.6 (a single segment would give 0.25)
    expect(acfSegments([[1, 2], [3, 4]], 1)).toBeCloseTo(0.6, 15);
    expect(acfSegments([[1, 2, 3, 4]], 1)).toBeCloseTo((((-1.5) * -0.5 + -0.5 * 0.5 + 0.5 * 1.5) / 3) / 1.25, 15);
    expect(acfSegments([[1, 2], [3, 4]], 2)).toBeNaN();
  });
});

describe('robustAcfBand', () => {
  it('3 sqrt(sum d_t^2 d_{t+1}^2) / sum d^2 by hand', () => {
    // x = 1,-1,2,-2: mean 0, sum d^2 = 10, lag-1 products of squares 1*1 + 1*4 + 4*4 = 21
    expect(robustAcfBand([[1, -1, 2, -2]], 1)).toBeCloseTo((3 * Math.sqrt(21)) / 10, 14);
  });
  it('tends to 3/sqrt(n) for equal-magnitude returns', () => {
    const x = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 1 : -1) * 0.01);
    const m = sampleMoments(x).mean;
    const d2 = x.map((v) => (v - m) ** 2);
    const want = (3 * Math.sqrt(d2.slice(1).reduce((s, v, i) => s + v * (d2[i] as number), 0))) / d2.reduce((s, v) => s + v, 0);
    expect(robustAcfBand([x], 1)).toBeCloseTo(want, 12);
    expect(robustAcfBand([x], 1)).toBeGreaterThan(2.5 / Math.sqrt(400));
    expect(robustAcfBand([x], 1)).toBeLessThan(3.5 / Math.sqrt(400));
  });
});

describe('hillTailIndex', () => {
  it('k = floor(f n) top values over the (k+1)-th largest', () => {
    // |x| sorted: 1..40, f = 0.05 -> k = 2, top 40, 39 over threshold 38: alpha = 2 / (ln(40/38) + ln(39/38))
    const x = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : -1) * (i + 1));
    expect(hillTailIndex(x, 0.05)).toBeCloseTo(2 / (Math.log(40 / 38) + Math.log(39 / 38)), 12);
  });
  it('recovers alpha of an exact Pareto quantile sample', () => {
    // quantiles of Pareto(alpha=3): x_i = (1 - u_i)^(-1/3); the Hill estimate is close to 3 on the top 2.5 %
    const n = 40_000;
    const x = Array.from({ length: n }, (_, i) => (1 - (i + 0.5) / n) ** (-1 / 3));
    expect(hillTailIndex(x, 0.025)).toBeGreaterThan(2.9);
    expect(hillTailIndex(x, 0.025)).toBeLessThan(3.1);
  });
  it('NaN for too few values or a zero threshold', () => {
    expect(hillTailIndex([1, 2, 3], 0.025)).toBeNaN();
    expect(hillTailIndex(new Array(100).fill(0), 0.05)).toBeNaN();
  });
});

describe('median and pearson', () => {
  it('median of odd and even counts, ignoring NaN', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2, Number.NaN])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it('pearson by hand', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
    // x = 1,2,3,4; y = 1,3,2,4: cov = (1.5*1.5 + 0.5*(-0.5) ... ) -> sxy = 4, sxx = syy = 5 -> 0.8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 15);
    expect(pearson([1, 2], [1, 2])).toBeNaN();
  });
});

describe('takerEvents (data README section 2)', () => {
  it('merges consecutive fills with the same time and side, sums their size', () => {
    const e = takerEvents({ t: [5, 5, 5, 6, 6, 6], sign: [1, 1, -1, -1, -1, 1], size: [1, 2, 4, 1, 1, 3] });
    expect([...e.sign]).toEqual([1, -1, -1, 1]);
    expect([...e.size]).toEqual([3, 4, 2, 3]);
  });
  it('the same side at a later time is a new event', () => {
    expect([...takerEvents({ t: [1, 2, 2], sign: [1, 1, 1] }).sign]).toEqual([1, 1]);
  });
});
