import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NS_PER_HOUR, NS_PER_SEC } from '../../../src/engine/time.js';
import { DEFAULT_FUNDING, fundingPayments, fundingRate } from '../../../src/instruments/funding.js';
import { impactPrice, MarkPrice, midPremium, premiumIndex } from '../../../src/instruments/perpMark.js';
import { TimeEma } from '../../../src/instruments/timeEma.js';

describe('premium index', () => {
  it.each([
    ['index inside the impact spread', 99, 101, 100, 0],
    ['perp rich: impact bid above index', 100.5, 101, 100, 0.005],
    ['perp cheap: impact ask below index', 99, 99.8, 100, -0.002],
  ])('%s', (_n, bid, ask, index, expected) => {
    expect(premiumIndex(bid, ask, index)).toBeCloseTo(expected, 15);
  });
  it('mid premium and input checks', () => {
    expect(midPremium(101, 100)).toBeCloseTo(0.01, 15);
    expect(() => premiumIndex(1, 2, 0)).toThrow(RangeError);
    expect(() => midPremium(NaN, 100)).toThrow(RangeError);
  });
  it('impact price walks the book', () => {
    // buy 300 quote: 1 @ 100 (100), then 2 @ 101 fills 200/101 -> avg = 300 / (1 + 200/101)
    expect(impactPrice([100, 101, 102], [1, 5, 5], 3, 300)).toBeCloseTo(300 / (1 + 200 / 101), 12);
    expect(impactPrice([100, 101], [1, 1], 2, 1000)).toBeNull();
    expect(impactPrice([100, 101], [10, 1], 1, 50)).toBe(100);
  });
});

describe('TimeEma', () => {
  it('after one half-life it is halfway to a new level', () => {
    const e = new TimeEma(10 * NS_PER_SEC);
    e.update(0, 0);
    e.update(0, 1); // same instant: replaces the held value, no weight yet
    expect(e.value()).toBe(0);
    expect(e.value(10 * NS_PER_SEC)).toBeCloseTo(0.5, 15);
    expect(e.value(20 * NS_PER_SEC)).toBeCloseTo(0.75, 15);
  });
  it('irregular and dense sampling of the same step signal agree', () => {
    const sparse = new TimeEma(7 * NS_PER_SEC);
    const dense = new TimeEma(7 * NS_PER_SEC);
    const steps: ReadonlyArray<readonly [number, number]> = [[0, 1], [3, 4], [11, -2], [20, 5]];
    for (const [t, x] of steps) sparse.update(t * NS_PER_SEC, x);
    let level = 0;
    for (let t = 0; t <= 20; t++) {
      for (const [ts, x] of steps) if (ts === t) level = x;
      dense.update(t * NS_PER_SEC, level);
    }
    expect(sparse.value(25 * NS_PER_SEC)).toBeCloseTo(dense.value(25 * NS_PER_SEC), 12);
  });
  it('rejects time going backwards and bad half-lives', () => {
    const e = new TimeEma(1);
    e.update(5, 1);
    expect(() => e.update(4, 1)).toThrow(RangeError);
    expect(() => new TimeEma(0)).toThrow(RangeError);
  });
});

describe('mark price', () => {
  it('is the index plus the premium EMA', () => {
    const m = new MarkPrice(10 * NS_PER_SEC, 0.1);
    expect(m.mark(100)).toBe(100); // no premium yet
    m.update(0, 0);
    m.update(0, 0.002);
    expect(m.mark(100, 10 * NS_PER_SEC)).toBeCloseTo(100.1, 12);
  });
  it('clamps the basis at +-maxBasis', () => {
    const m = new MarkPrice(NS_PER_SEC, 0.005);
    m.update(0, 0.05);
    expect(m.basis()).toBe(0.005);
    expect(m.mark(200)).toBeCloseTo(201, 12);
    m.update(NS_PER_SEC * 100, -0.3);
    expect(m.mark(200, NS_PER_SEC * 200)).toBeCloseTo(199, 12);
  });
});

describe('funding rate (crypto-mechanics 1.4 examples)', () => {
  it.each([
    ['zero premium: the 0.01 % floor', 0, 0.0001],
    ['|I - P| inside the clamp: F = I exactly', 0.0003, 0.0001],
    ['premium above I + 0.05 %', 0.002, 0.0015],
    ['negative premium', -0.001, -0.0005],
    ['capped at 0.30 %', 0.01, 0.003],
    ['capped at -0.30 %', -0.01, -0.003],
  ])('%s', (_n, p, expected) => {
    expect(fundingRate(p)).toBeCloseTo(expected, 15);
  });
  it('scales an 8 h rate to a 1 h interval (Hyperliquid pays F8 / 8 hourly)', () => {
    const hourly = { ...DEFAULT_FUNDING, intervalNs: NS_PER_HOUR, capPerInterval: 0.04 };
    expect(fundingRate(0, hourly)).toBeCloseTo(0.0001 / 8, 16);
  });
});

describe('funding payments', () => {
  it('hand example: longs pay shorts, residue to rounding', () => {
    // 1 tick-lot = 3 quote units, mark 1001 ticks, rate 0.0001.
    // notional: +7 lots -> 21021 units, -4 -> -12012, -3 -> -9009.
    // raw: -2.1021, +1.2012, +0.9009 -> floor: -3, 1, 0; residue = 2.
    const out = new Float64Array(3);
    const residue = fundingPayments([7, -4, -3], 1001, 0.0001, 3, out);
    expect(Array.from(out)).toEqual([-3, 1, 0]);
    expect(residue).toBe(2);
  });
  it('positions that do not net to zero are a broken invariant', () => {
    expect(() => fundingPayments([1, -2], 100, 0.001, 1, [0, 0])).toThrow(RangeError);
  });
  it('sums to zero exactly with a non-negative residue below n (fast-check)', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: -100_000, max: 100_000 }), { minLength: 1, maxLength: 50 }),
      // Bounds keep every notional (up to 5e6 lots * 1e7 ticks * 100) inside safe-integer money.
      fc.integer({ min: 1, max: 10_000_000 }),
      fc.double({ min: -0.003, max: 0.003, noNaN: true }),
      fc.integer({ min: 1, max: 100 }),
      (lots, markTicks, rate, qptl) => {
        const positions = [...lots, -lots.reduce((a, b) => a + b, 0)];
        const out = new Array<number>(positions.length).fill(0);
        const residue = fundingPayments(positions, markTicks, rate, qptl, out);
        const sum = out.reduce((a, b) => a + b, 0);
        return sum + residue === 0 && residue >= 0 && residue < positions.length && out.every(Number.isSafeInteger)
          && out.every((p, i) => rate === 0 || p === 0 || Math.sign(p) === -Math.sign((positions[i] as number) * rate));
      },
    ), { numRuns: 1000 });
  });
});
