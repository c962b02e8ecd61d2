import { describe, expect, it } from 'vitest';
import { impactSlope, type Parent } from '../../../bench/market/impact.js';

describe('metaorder impact slope (bench/market/impact.ts)', () => {
  const parents = (exponent: number): Parent[] =>
    Array.from({ length: 600 }, (_, i) => {
      const q = 2 * Math.pow(1.01, i);
      // Deterministic +-20% scatter around I = 1e-4 * q^exponent.
      return { sizeBase: q, impact: 1e-4 * Math.pow(q, exponent) * (1 + 0.2 * Math.sin(i * 1.7)) };
    });

  it('recovers the exponent of a power-law impact (square root, linear)', () => {
    expect(impactSlope(parents(0.5))).toBeCloseTo(0.5, 1);
    expect(impactSlope(parents(1))).toBeCloseTo(1, 1);
  });

  it('is NaN with too few usable bins (no positive mean impact)', () => {
    expect(impactSlope(parents(0.5).map((p) => ({ ...p, impact: -p.impact })))).toBeNaN();
    expect(impactSlope(parents(0.5).slice(0, 10))).toBeNaN();
  });
});
