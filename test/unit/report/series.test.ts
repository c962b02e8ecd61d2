/** Derived series of the report: spread in bps, one-sided periods, bucket sums, totals over dealers. */
import { describe, expect, test } from 'vitest';
import { bucketSums, oneSidedIntervals, spreadBps, totalAcrossGroups } from '../../../src/report/series.js';

const NaN_ = Number.NaN;

describe('report series', () => {
  test('spreadBps: (ask - bid) / mid in bps, NaN when a side is empty', () => {
    const s = spreadBps([99.5, NaN_, 100], [100.5, 101, NaN_]);
    expect(s[0]).toBeCloseTo(100, 10);
    expect([Number.isNaN(s[1] as number), Number.isNaN(s[2] as number)]).toEqual([true, true]);
  });

  test.each([
    { name: 'none', bid: [1, 1, 1, 1], ask: [2, 2, 2, 2], out: [] },
    { name: 'a middle run ends at the next two-sided sample', bid: [1, NaN_, NaN_, 1], ask: [2, 2, 2, 2], out: [{ fromNs: 10, toNs: 30 }] },
    { name: 'a run at the end lasts to endNs', bid: [1, 1, 1, 1], ask: [2, 2, 2, NaN_], out: [{ fromNs: 30, toNs: 100 }] },
    { name: 'two runs', bid: [NaN_, 1, NaN_, 1], ask: [2, 2, 2, 2], out: [{ fromNs: 0, toNs: 10 }, { fromNs: 20, toNs: 30 }] },
  ])('oneSidedIntervals: $name', ({ bid, ask, out }) => {
    expect(oneSidedIntervals([0, 10, 20, 30], bid, ask, 100)).toEqual(out);
  });

  test('bucketSums: equal buckets over [0, end], the end instant in the last, filtered rows and NaN skipped', () => {
    const b = bucketSums([0, 5, 10, 99, 100, 101], 100, 4, (i) => i !== 1, (i) => [1, 100, 2, 3, 4, 5][i] as number);
    expect(Array.from(b.x)).toEqual([12.5, 37.5, 62.5, 87.5]);
    expect(Array.from(b.y)).toEqual([3, 0, 0, 7]);
    expect(b.widthNs).toBe(25);
    expect(Array.from(bucketSums([10], 100, 2, () => true, () => NaN_).y)).toEqual([0, 0]);
  });

  test('totalAcrossGroups: sums dealers sampled together, holding a missing dealer\'s last value', () => {
    const t = totalAcrossGroups([0, 0, 60, 60, 120], ['d0', 'd1', 'd0', 'd1', 'd0'], [1, -1, 2, -0.5, 3]);
    expect(Array.from(t.x)).toEqual([0, 60, 120]);
    expect(Array.from(t.y)).toEqual([0, 1.5, 2.5]);
    expect(totalAcrossGroups([], [], []).x.length).toBe(0);
  });
});
