/** The Nelder-Mead optimizer on functions with known minima, and the parameter box transform. */
import { describe, expect, it } from 'vitest';
import { fromUnbounded, nelderMead, parseParamFlag, ParamError, seedStats, t975, toUnbounded } from '../../../src/run/calibrate/index.js';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function from (-1.2, 1)', async () => {
    const rosen = async (x: Float64Array): Promise<number> => 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2;
    const r = await nelderMead(rosen, [-1.2, 1], [0.5, 0.5], { maxEvals: 2000, fTolerance: 1e-12, xTolerance: 1e-8 });
    expect(r.reason).toBe('converged');
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.f).toBeLessThan(1e-9);
  });
  it('a shifted 3-d quadratic: minimum at (1, -2, 3)', async () => {
    const q = async (x: Float64Array): Promise<number> => ((x[0] as number) - 1) ** 2 + 2 * ((x[1] as number) + 2) ** 2 + 3 * ((x[2] as number) - 3) ** 2;
    const r = await nelderMead(q, [0, 0, 0], [1, 1, 1], { maxEvals: 1000, fTolerance: 1e-14, xTolerance: 1e-7 });
    expect([...r.x].map((v) => Number(v.toFixed(4)))).toEqual([1, -2, 3]);
  });
  it('stops at the evaluation budget and is deterministic (the same points in the same order)', async () => {
    const seen: string[][] = [[], []];
    for (const run of [0, 1]) {
      await nelderMead(async (x) => {
        (seen[run] as string[]).push([...x].join(','));
        return (x[0] as number) ** 2 + Math.abs(x[1] as number);
      }, [3, 2], [1, 1], { maxEvals: 25 });
    }
    expect(seen[0]?.length).toBe(25);
    expect(seen[0]).toEqual(seen[1]);
  });
  it('non-finite values repel the simplex', async () => {
    const f = async (x: Float64Array): Promise<number> => ((x[0] as number) < 0 ? Number.NaN : ((x[0] as number) - 2) ** 2);
    const r = await nelderMead(f, [0.5], [-1], { maxEvals: 200 });
    expect(r.x[0]).toBeCloseTo(2, 3);
  });
});

describe('parameter box', () => {
  it('parses path=lo..hi and :log; rejects empty ranges and bad syntax', () => {
    expect(parseParamFlag('agents.makers.half_spread_bps=1..10')).toEqual({ path: 'agents.makers.half_spread_bps', lo: 1, hi: 10, log: false });
    expect(parseParamFlag('agents.noise.rate=0.01..1e1:log')).toEqual({ path: 'agents.noise.rate', lo: 0.01, hi: 10, log: true });
    expect(() => parseParamFlag('a.b=3..1')).toThrow(ParamError);
    expect(() => parseParamFlag('a.b=0..1:log')).toThrow(/lo > 0/);
    expect(() => parseParamFlag('a.b=1-2')).toThrow(/expected dotted.path=lo..hi/);
  });
  it('round-trips through logit coordinates (6 significant digits) and stays inside the box', () => {
    for (const p of [parseParamFlag('x=1..10'), parseParamFlag('x=0.001..100:log')]) {
      for (const v of [1.5, 2.25, 7.125]) expect(fromUnbounded(p, toUnbounded(p, v))).toBeCloseTo(v, 4);
      expect(fromUnbounded(p, 1e6)).toBeLessThanOrEqual(p.hi);
      expect(fromUnbounded(p, -1e6)).toBeGreaterThanOrEqual(p.lo);
    }
    // the centre of a log box is the geometric mean
    expect(fromUnbounded(parseParamFlag('x=0.01..100:log'), 0)).toBeCloseTo(1, 6);
  });
});

describe('seed statistics', () => {
  it('mean, sample std and the 95 % t half-width', () => {
    const s = seedStats([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(s.ci95).toBeCloseTo((3.182 * Math.sqrt(5 / 3)) / 2, 12);
    expect(t975(1)).toBe(12.706);
    expect(t975(100)).toBe(1.96);
  });
});

describe('moment weights and the objective', () => {
  it('inverse variance across seeds, floored; relative with one seed; J is the weighted mean square', async () => {
    const { momentWeights, objective } = await import('../../../src/run/calibrate/index.js');
    const targets = { a: 10, b: 2 };
    // a: seeds 9, 11 -> sample variance 2; b: no seed variation -> floor (1e-3 * 2)^2
    const w = momentWeights(['a', 'b'], targets, { a: [9, 11], b: [2, 2] }, 'inverse-variance');
    expect(w.a).toBeCloseTo(0.5, 12);
    expect(w.b).toBeCloseTo(1 / 4e-6, 6);
    expect(momentWeights(['a'], targets, { a: [7] }, 'inverse-variance').a).toBeCloseTo(1 / 100, 12);
    expect(momentWeights(['a'], targets, { a: [9, 11] }, 'relative').a).toBeCloseTo(1 / 100, 12);
    expect(momentWeights(['a'], targets, { a: [9, 11] }, 'inverse-variance', { a: 3 }).a).toBe(3);
    // means 12 and 2: J = (0.5 * 2^2 + w_b * 0) / 2 = 1
    expect(objective(['a', 'b'], targets, w, { a: [11, 13], b: [2, 2] })).toBeCloseTo(1, 12);
    expect(objective(['a'], targets, w, { a: [Number.NaN, 13] })).toBe(Number.POSITIVE_INFINITY);
  });
});
