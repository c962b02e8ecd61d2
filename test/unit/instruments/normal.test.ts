import { describe, expect, it } from 'vitest';
import { normCdf, normPdf } from '../../../src/instruments/normal.js';

// Reference values computed with mpmath 1.3 at 40 significant digits (mp.ncdf / mp.npdf).
const REFERENCE: ReadonlyArray<readonly [x: number, cdf: number, pdf: number]> = [
  [-38, 2.8854283600687843084e-316, 1.097221052007592958e-314],
  [-37, 5.7255712225245768227e-300, 2.1200065515246056269e-298],
  [-30, 4.9067139271481870595e-198, 1.473646134878547519e-196],
  [-20, 2.7536241186062336951e-89, 5.5209483621597631896e-88],
  [-10, 7.619853024160526066e-24, 7.6945986267064193463e-23],
  [-5, 2.8665157187919391167e-7, 1.4867195147342977079e-6],
  [-3, 0.0013498980316300945267, 0.0044318484119380071756],
  [-2, 0.0227501319481792072, 0.053990966513188051951],
  [-1.5, 0.066807201268858066004, 0.12951759566589172761],
  [-1, 0.15865525393145705141, 0.2419707245191433498],
  [-0.6629, 0.25369730086823676568, 0.32024891115204980673],
  [-0.5, 0.30853753872598689636, 0.35206532676429947777],
  [-0.1, 0.46017216272297101633, 0.39695254747701176529],
  [0, 0.5, 0.39894228040143267794],
  [0.1, 0.53982783727702898367, 0.39695254747701176529],
  [0.5, 0.69146246127401310364, 0.35206532676429947777],
  [1, 0.84134474606854294859, 0.2419707245191433498],
  [2, 0.9772498680518207928, 0.053990966513188051951],
  [3, 0.99865010196836990547, 0.0044318484119380071756],
  [5, 0.99999971334842812081, 1.4867195147342977079e-6],
  [8, 0.9999999999999993779, 5.052271083536892288e-15],
];

describe('normCdf / normPdf', () => {
  it.each(REFERENCE)('x=%d matches mpmath to ~1e-15 relative', (x, cdf, pdf) => {
    // Subnormal results (x <= -37) keep fewer significant bits; allow their ulp.
    const tol = x <= -37 ? 1e-12 : 2e-15;
    expect(Math.abs(normCdf(x) - cdf)).toBeLessThanOrEqual(tol * cdf + 1e-320);
    expect(Math.abs(normPdf(x) - pdf)).toBeLessThanOrEqual(tol * pdf + 1e-320);
  });

  it('is monotone, symmetric and bounded on a fine grid', () => {
    let prev = 0;
    for (let x = -40; x <= 40; x += 0.01) {
      const p = normCdf(x);
      expect(p).toBeGreaterThanOrEqual(prev);
      expect(p).toBeLessThanOrEqual(1);
      if (Math.abs(x) < 8) expect(Math.abs(p + normCdf(-x) - 1)).toBeLessThan(2e-16);
      prev = p;
    }
  });

  it('handles infinities', () => {
    expect(normCdf(-Infinity)).toBe(0);
    expect(normCdf(Infinity)).toBe(1);
    expect(normPdf(Infinity)).toBe(0);
    expect(normPdf(-Infinity)).toBe(0);
  });
});
