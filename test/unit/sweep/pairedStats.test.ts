/**
 * Statistics behind `compare`: Student-t tails checked against closed forms (df 1 and 2) and
 * against numerical integration of the t density (df 4, 10), t quantiles against their tail,
 * mean/sd/CI and the paired t-test on hand-computed samples, and the bootstrap (driven by the
 * injected draw source: reproducible, degenerate cases exact, close to the t interval for a
 * large sample).
 */
import { describe, expect, test } from 'vitest';
import {
  bootstrapMeanCi, finite, mean, pairedTTest, quantileSorted, sampleSd, studentTQuantile, studentTTwoSidedP, summarize,
} from '../../../src/analysis/pairedStats.js';
import { RandomStream } from '../../../src/engine/rng.js';

/** Two-sided tail of Student's t by Simpson integration of the density over [0, |t|]. */
function tailByIntegration(t: number, df: number): number {
  const lgamma = (x: number): number => {
    // Stirling series; accurate for the half-integers used here after shifting up.
    let shift = 0;
    let y = x;
    while (y < 10) shift -= Math.log(y++);
    return shift + (y - 0.5) * Math.log(y) - y + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * y) - 1 / (360 * y ** 3);
  };
  const c = Math.exp(lgamma((df + 1) / 2) - lgamma(df / 2)) / Math.sqrt(df * Math.PI);
  const f = (x: number): number => c * (1 + (x * x) / df) ** (-(df + 1) / 2);
  const n = 20_000;
  const h = Math.abs(t) / n;
  let s = f(0) + f(Math.abs(t));
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return 1 - 2 * ((s * h) / 3);
}

describe('Student t', () => {
  const closed: ReadonlyArray<readonly [string, number, number, number]> = [
    ['df 1 (Cauchy) at t = 1', 1, 1, 0.5],
    ['df 1 at t = 3', 1, 3, 1 - (2 / Math.PI) * Math.atan(3)],
    ['df 2 at t = 1.5', 2, 1.5, 1 - 1.5 / Math.sqrt(2 + 1.5 ** 2)],
    ['df 2 at t = -4', 2, -4, 1 - 4 / Math.sqrt(2 + 16)],
    ['t = 0', 7, 0, 1],
  ];
  test.each(closed)('two-sided p, closed form: %s', (_name, df, t, p) => expect(studentTTwoSidedP(t, df)).toBeCloseTo(p, 12));
  const integrated: ReadonlyArray<readonly [number, number]> = [[4, 4.242640687], [10, 2.0], [10, 0.3], [30, 2.5]];
  test.each(integrated)('two-sided p matches integration of the density (df %d, t %d)', (df, t) => {
    expect(studentTTwoSidedP(t, df)).toBeCloseTo(tailByIntegration(t, df), 8);
  });
  test.each([1, 4, 10, 30, 200])('the 97.5%% quantile has a two-sided tail of 5%% (df %d)', (df) => {
    const q = studentTQuantile(0.975, df);
    expect(studentTTwoSidedP(q, df)).toBeCloseTo(0.05, 10);
  });
  test('textbook quantiles', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062047, 6);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281389, 6);
  });
  test('bad arguments give NaN', () => {
    expect(studentTTwoSidedP(1, 0)).toBeNaN();
    expect(studentTQuantile(0.4, 3)).toBeNaN();
  });
});

describe('samples', () => {
  test('mean, sample sd and the t interval of a hand-computed sample', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9]; // mean 5, sum of squares 32, sd sqrt(32/7)
    expect(mean(xs)).toBe(5);
    expect(sampleSd(xs)).toBeCloseTo(Math.sqrt(32 / 7), 14);
    const s = summarize(xs);
    const half = (studentTQuantile(0.975, 7) * Math.sqrt(32 / 7)) / Math.sqrt(8);
    expect([s.n, s.ciLow, s.ciHigh]).toEqual([8, 5 - half, 5 + half]);
  });
  test('too few values: NaN, never a made-up number', () => {
    expect(mean([])).toBeNaN();
    expect(sampleSd([3])).toBeNaN();
    expect(summarize([3])).toMatchObject({ n: 1, mean: 3, ciLow: NaN, ciHigh: NaN });
  });
  test('finite drops NaN and infinities', () => expect(finite([1, NaN, Infinity, -2, -Infinity])).toEqual([1, -2]));
  test('quantiles interpolate between order statistics', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
  });
});

describe('paired t-test', () => {
  test('diffs 1..5: t = 3 / (sqrt(2.5) / sqrt(5))', () => {
    const r = pairedTTest([1, 2, 3, 4, 5]);
    expect(r.t).toBeCloseTo(3 / Math.sqrt(0.5), 12);
    expect(r.p).toBeCloseTo(tailByIntegration(r.t, 4), 8);
    expect(r.p).toBeGreaterThan(0.01);
    expect(r.p).toBeLessThan(0.02);
  });
  test('symmetric diffs: t = 0, p = 1', () => expect(pairedTTest([-1, 1, -2, 2])).toMatchObject({ t: 0, p: 1 }));
  test('identical nonzero diffs: p = 0; all zero: undefined', () => {
    expect(pairedTTest([2, 2, 2]).p).toBe(0);
    expect(pairedTTest([0, 0, 0]).p).toBeNaN();
  });
  test('one pair: no test', () => expect(pairedTTest([1]).p).toBeNaN());
});

describe('bootstrap CI of the mean', () => {
  const stream = (name: string): ((n: number) => number) => {
    const s = RandomStream.derive(0, name);
    return (n) => s.int(n);
  };
  test('the same draws give the same interval; other draws a different one', () => {
    const xs = [0.3, -1.2, 2.5, 0.1, 0.9, -0.4, 1.7, 0.2];
    const a = bootstrapMeanCi(xs, 500, stream('t/a'));
    expect(bootstrapMeanCi(xs, 500, stream('t/a'))).toEqual(a);
    expect(bootstrapMeanCi(xs, 500, stream('t/b'))).not.toEqual(a);
    expect(a.low).toBeLessThan(mean(xs));
    expect(a.high).toBeGreaterThan(mean(xs));
  });
  test('uses the injected draws: always index 0 gives the first value', () => {
    expect(bootstrapMeanCi([4, 8, 9], 50, () => 0)).toEqual({ low: 4, high: 4 });
  });
  test('a constant sample gives a point interval; an empty one NaN', () => {
    expect(bootstrapMeanCi([3, 3, 3], 100, stream('t/c'))).toEqual({ low: 3, high: 3 });
    expect(bootstrapMeanCi([], 100, stream('t/c')).low).toBeNaN();
  });
  test('for a large normal sample it is close to the t interval', () => {
    const g = RandomStream.derive(1, 't/normal');
    const xs = Array.from({ length: 400 }, () => g.normal());
    const boot = bootstrapMeanCi(xs, 4000, stream('t/d'));
    const t = summarize(xs);
    const half = (t.ciHigh - t.ciLow) / 2;
    expect(Math.abs(boot.low - t.ciLow)).toBeLessThan(0.1 * half);
    expect(Math.abs(boot.high - t.ciHigh)).toBeLessThan(0.1 * half);
  });
});
