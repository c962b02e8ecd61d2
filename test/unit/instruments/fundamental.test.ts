import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RandomStream } from '../../../src/engine/rng.js';
import { NS_PER_DAY, NS_PER_MIN, NS_PER_SEC } from '../../../src/engine/time.js';
import { FundamentalPath, type FundamentalConfig } from '../../../src/instruments/fundamental.js';

const CONFIG: FundamentalConfig = {
  initialPrice: 100_000, driftPerYear: 0.05, volPerYear: 0.6, jumpRatePerYear: 50, jumpMeanLog: -0.02, jumpStdLog: 0.03,
};

function path(seed = 42, config: FundamentalConfig = CONFIG): FundamentalPath {
  return new FundamentalPath(config, RandomStream.derive(seed, 'world/fundamental'));
}

describe('FundamentalPath determinism', () => {
  it('same seed gives the same path whatever the query pattern (fast-check)', () => {
    const reference = path();
    const probes = [0, 1, 999_999_999, 5 * NS_PER_SEC + 123, NS_PER_MIN, 3 * NS_PER_MIN + 7, 2 * 60 * NS_PER_MIN];
    const expected = probes.map((t) => reference.valueAt(t));
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 3 * 60 * NS_PER_MIN }), { maxLength: 30 }),
      (noise) => {
        const p = path();
        for (const t of noise) p.valueAt(t); // arbitrary queries, in any order
        const order = [...probes.keys()].reverse();
        return order.every((i) => p.valueAt(probes[i] as number) === expected[i]);
      },
    ), { numRuns: 50 });
  });

  it('different seeds give different paths; t = 0 is the initial price', () => {
    expect(path(1).valueAt(0)).toBeCloseTo(100_000, 8);
    expect(path(1).valueAt(NS_PER_MIN)).not.toBe(path(2).valueAt(NS_PER_MIN));
  });

  it('interpolates geometrically between grid points', () => {
    const p = path();
    const a = p.logValueAt(10 * NS_PER_SEC);
    const b = p.logValueAt(11 * NS_PER_SEC);
    expect(p.logValueAt(10 * NS_PER_SEC + NS_PER_SEC / 4)).toBeCloseTo(a + 0.25 * (b - a), 12);
  });
});

describe('FundamentalPath jumps', () => {
  it('a scripted jump multiplies every later value and leaves the random path alone', () => {
    const plain = path();
    const shocked = path();
    const tJump = 90 * NS_PER_SEC + 500;
    shocked.addJump(tJump, -0.1);
    for (const t of [0, 60 * NS_PER_SEC, tJump - 1]) expect(shocked.valueAt(t)).toBe(plain.valueAt(t));
    for (const t of [tJump, 91 * NS_PER_SEC, NS_PER_DAY / 4]) {
      expect(shocked.logValueAt(t) - plain.logValueAt(t)).toBeCloseTo(-0.1, 12);
    }
    shocked.addJump(tJump - 10, 0.03); // earlier jump added later: still applies in time order
    expect(shocked.logValueAt(tJump - 5) - plain.logValueAt(tJump - 5)).toBeCloseTo(0.03, 12);
    expect(shocked.logValueAt(tJump) - plain.logValueAt(tJump)).toBeCloseTo(-0.07, 12);
  });

  it('random jumps fatten the tails and the drift compensation keeps the mean return', () => {
    // 1 min grid over 90 days (SimTime holds ~104 days), vol 0, jumps only: E[S_T]/S_0 ~ e^{mu T}.
    const cfg: FundamentalConfig = { initialPrice: 1, driftPerYear: 0.1, volPerYear: 0, jumpRatePerYear: 2000,
      jumpMeanLog: -0.01, jumpStdLog: 0.01, gridNs: NS_PER_MIN };
    let sum = 0;
    const n = 40;
    for (let seed = 0; seed < n; seed++) sum += path(seed, cfg).valueAt(90 * NS_PER_DAY);
    // Log std of S_T is sqrt(2000 * 90/365 * 2e-4) = 0.31; the mean of 40 runs has SD ~0.05.
    // Without the compensation the mean would be ~exp(-2000 * 90/365 * 0.00995) = 0.007.
    const expected = Math.exp(0.1 * 90 / 365);
    expect(sum / n).toBeGreaterThan(expected - 0.15);
    expect(sum / n).toBeLessThan(expected + 0.15);
  });

  it('without jumps the 1 s log returns have the configured vol', () => {
    const p = path(7, { initialPrice: 100, volPerYear: 0.5 });
    const n = 20_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const r = p.logValueAt((i + 1) * NS_PER_SEC) - p.logValueAt(i * NS_PER_SEC);
      s += r;
      s2 += r * r;
    }
    const annVol = Math.sqrt((s2 / n - (s / n) ** 2) * 365 * 86_400);
    expect(annVol).toBeGreaterThan(0.5 * 0.97);
    expect(annVol).toBeLessThan(0.5 * 1.03);
  });

  it('rejects bad configuration', () => {
    const st = RandomStream.derive(1, 'x');
    expect(() => new FundamentalPath({ initialPrice: 0 }, st)).toThrow(RangeError);
    expect(() => new FundamentalPath({ initialPrice: 1, volPerYear: -1 }, st)).toThrow(RangeError);
    expect(() => new FundamentalPath({ initialPrice: 1, gridNs: 0.5 }, st)).toThrow(RangeError);
    expect(() => path().addJump(-1, 0.1)).toThrow(RangeError);
  });
});
