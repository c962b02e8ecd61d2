/**
 * Correlated underlyings (issue 18 part 3, the path generator): a Cholesky factor over named
 * per-asset streams. Thresholds: the sample correlation of n = 20,000 log increments has standard
 * error (1 - rho^2)/sqrt(n) = 0.0025 at rho = 0.8, so |measured - 0.8| < 0.015 (6 s.e.); an
 * independent pair |measured| < 6/sqrt(n) = 0.042.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/engine/rng.js';
import { choleskyPsd, correlatedFundamentals, type UnderlyingSpec } from '../../../src/instruments/correlatedFundamentals.js';
import { FundamentalPath } from '../../../src/instruments/fundamental.js';

const SEC = 1e9;
const stream = (seed: number) => (i: number, name: string): RandomStream => RandomStream.derive(seed, i === 0 ? 'world/fundamental' : `world/fundamental/${name}`);
const BTC: UnderlyingSpec = { name: 'BTC', config: { initialPrice: 60_000, volPerYear: 0.5, jumpRatePerYear: 50, jumpStdLog: 0.01 } };
const ETH: UnderlyingSpec = { name: 'ETH', config: { initialPrice: 3_000, volPerYear: 0.7 } };
const SOL: UnderlyingSpec = { name: 'SOL', config: { initialPrice: 150, volPerYear: 0.9 } };
const C2 = [[1, 0.8], [0.8, 1]];
const C3 = [[1, 0.8, 0.6], [0.8, 1, 0.7], [0.6, 0.7, 1]];

function corrOfIncrements(a: FundamentalPath, b: FundamentalPath, n: number): number {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  let pa = a.logValueAt(0), pb = b.logValueAt(0);
  for (let k = 1; k <= n; k++) {
    const xa = a.logValueAt(k * SEC), xb = b.logValueAt(k * SEC);
    const da = xa - pa, db = xb - pb;
    pa = xa; pb = xb;
    sa += da; sb += db; saa += da * da; sbb += db * db; sab += da * db;
  }
  const cov = sab / n - (sa / n) * (sb / n);
  return cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}

describe('correlated fundamentals', () => {
  it('one underlying is byte-identical to the single-asset path on world/fundamental', () => {
    const [p] = correlatedFundamentals([BTC], null, stream(7));
    const old = new FundamentalPath(BTC.config, RandomStream.derive(7, 'world/fundamental'));
    for (let k = 0; k < 2000; k += 37) expect(p?.valueAt(k * SEC + 123)).toBe(old.valueAt(k * SEC + 123));
  });

  it('the first asset of a correlated set is unchanged too (its row of L is [1])', () => {
    const [p] = correlatedFundamentals([BTC, ETH], C2, stream(7));
    const old = new FundamentalPath(BTC.config, RandomStream.derive(7, 'world/fundamental'));
    for (let k = 0; k < 2000; k += 41) expect(p?.valueAt(k * SEC)).toBe(old.valueAt(k * SEC));
  });

  it('appending an asset leaves the existing assets paths unchanged, whatever the query order', () => {
    const two = correlatedFundamentals([BTC, ETH], C2, stream(3));
    const three = correlatedFundamentals([BTC, ETH, SOL], C3, stream(3));
    // Query the three-asset world backwards (SOL first forces ETH and BTC): same values.
    for (let k = 3000; k >= 0; k -= 97) expect(three[2]?.valueAt(k * SEC)).toBeGreaterThan(0);
    for (let k = 0; k <= 3000; k += 97) {
      expect(three[0]?.valueAt(k * SEC)).toBe(two[0]?.valueAt(k * SEC));
      expect(three[1]?.valueAt(k * SEC)).toBe(two[1]?.valueAt(k * SEC));
    }
  });

  it('log increments have the requested correlation (0.8 +- 0.015) and independence without it (+- 0.042)', () => {
    const [b, e] = correlatedFundamentals([BTC, ETH], C2, stream(11));
    // BTC has random jumps (50/yr, 1 % log sd): they add non-Gaussian variance, so test on the no-jump pair.
    const [b2, e2] = correlatedFundamentals([{ ...BTC, config: { initialPrice: 60_000, volPerYear: 0.5 } }, ETH], C2, stream(11));
    expect(Math.abs(corrOfIncrements(b2 as FundamentalPath, e2 as FundamentalPath, 20_000) - 0.8)).toBeLessThan(0.015);
    expect(corrOfIncrements(b as FundamentalPath, e as FundamentalPath, 20_000)).toBeGreaterThan(0.5);
    const [i1, i2] = correlatedFundamentals([{ ...BTC, config: { initialPrice: 60_000, volPerYear: 0.5 } }, ETH], null, stream(11));
    expect(Math.abs(corrOfIncrements(i1 as FundamentalPath, i2 as FundamentalPath, 20_000))).toBeLessThan(0.042);
  });

  it('perfect correlation (semi-definite) gives identical log increments up to vol', () => {
    const [a, b] = correlatedFundamentals([{ name: 'A', config: { initialPrice: 100, volPerYear: 0.5 } }, { name: 'B', config: { initialPrice: 50, volPerYear: 0.5 } }], [[1, 1], [1, 1]], stream(5));
    for (let k = 1; k < 500; k += 7) expect((a as FundamentalPath).logValueAt(k * SEC) - Math.log(100)).toBeCloseTo((b as FundamentalPath).logValueAt(k * SEC) - Math.log(50), 12);
  });

  it('rejects matrices that are not correlation matrices, naming the entry', () => {
    const notPsd = choleskyPsd([[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]);
    expect(notPsd.ok).toBe(false);
    if (!notPsd.ok) {
      expect(notPsd.row).toBe(2);
      expect(notPsd.message).toMatch(/not positive semi-definite/);
    }
    expect(choleskyPsd([[1, 0.5], [0.4, 1]])).toMatchObject({ ok: false, row: 1, col: 0 });
    expect(choleskyPsd([[1, 1.2], [1.2, 1]])).toMatchObject({ ok: false, row: 1, col: 0 });
    expect(choleskyPsd([[0.9, 0], [0, 1]])).toMatchObject({ ok: false, row: 0, col: 0 });
    expect(() => correlatedFundamentals([BTC, ETH, SOL], [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]], stream(1))).toThrow(/SOL\/(BTC|ETH): not positive semi-definite/);
    const ok = choleskyPsd(C3);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      // L L^T reproduces C.
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += (ok.lower[i]?.[k] ?? 0) * (ok.lower[j]?.[k] ?? 0);
        expect(s).toBeCloseTo(C3[i]?.[j] ?? NaN, 12);
      }
    }
  });
});
