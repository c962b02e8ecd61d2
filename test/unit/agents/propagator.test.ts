import { describe, expect, it } from 'vitest';
import { PowerLawPropagator } from '../../../src/agents/common/propagator.js';

const S = 1e9;

describe('PowerLawPropagator (transient impact, Bouchaud et al. 2004)', () => {
  it('is worth the full input at lag 0 and decays as l^-beta between the timescales', () => {
    for (const beta of [0.3, 0.5, 0.7]) {
      const g = new PowerLawPropagator(beta, 1 * S, 36_000 * S, 12);
      expect(g.kernel(0)).toBeCloseTo(1, 12);
      // Log-log slope over a decade well inside [1 s, 10 h] (the cut-off bends it from about max / 10 on).
      const slope = (Math.log(g.kernel(100 * S)) - Math.log(g.kernel(10 * S))) / Math.log(10);
      expect(slope).toBeGreaterThan(-beta - 0.1);
      expect(slope).toBeLessThan(-beta + 0.1);
      // Beyond the longest timescale it is gone.
      expect(g.kernel(100 * 36_000 * S)).toBeLessThan(0.01 * g.kernel(100 * S));
    }
  });

  it('sums inputs with their own ages (linear, lazily decayed)', () => {
    const g = new PowerLawPropagator(0.5, 1 * S, 3600 * S, 8);
    const ref = new PowerLawPropagator(0.5, 1 * S, 3600 * S, 8);
    g.add(0, 2);
    g.add(10 * S, -1);
    expect(g.valueAt(70 * S)).toBeCloseTo(2 * ref.kernel(70 * S) - ref.kernel(60 * S), 12);
  });

  it('a steady run of N equal inputs grows like N^(1 - beta), not N (concave impact)', () => {
    const at = (n: number): number => {
      const g = new PowerLawPropagator(0.5, 1 * S, 3600 * S, 10);
      for (let i = 0; i < n; i++) g.add(i * 2 * S, 1);
      return g.valueAt((n - 1) * 2 * S);
    };
    const slope = Math.log(at(300) / at(30)) / Math.log(10);
    expect(slope).toBeGreaterThan(0.4);
    expect(slope).toBeLessThan(0.65);
  });
});
