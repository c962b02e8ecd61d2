import { describe, expect, it } from 'vitest';
import { bsGreeks, newGreeks } from '../../../src/instruments/black.js';
import { dealerGex, dealerGexProfile, gexPerOnePercent, type GexPosition } from '../../../src/instruments/gex.js';
import { normPdf } from '../../../src/instruments/normal.js';
import { VolSurface } from '../../../src/instruments/surface.js';

describe('GEX', () => {
  it('hand example: dealers short 100 ATM calls, S = K = 100, sigma = 50 %, T = 0.25, r = q = 0', () => {
    // d1 = 0.5 * 0.5 * 0.5 = 0.125; gamma = phi(0.125) / (100 * 0.25);
    // GEX = -100 * gamma * 100^2 * 0.01 = -100 * phi(0.125) / 25 * 100 = -400 * phi(0.125) = -400 * 0.395838 ~ -158.335.
    const positions: GexPosition[] = [{ isCall: true, strike: 100, tenorYears: 0.25, quantity: -100 }];
    const gex = dealerGex(positions, 100, 0, 0, 0.5);
    expect(gex).toBeCloseTo(-400 * normPdf(0.125), 10);
    expect(gex).toBeCloseTo(-158.335, 3);
  });

  it('sign follows the dealers: long gamma positive, short negative; puts count like calls', () => {
    const long: GexPosition[] = [{ isCall: false, strike: 90, tenorYears: 0.1, quantity: 5 }];
    const short: GexPosition[] = [{ isCall: true, strike: 90, tenorYears: 0.1, quantity: -5 }];
    const a = dealerGex(long, 100, 0, 0, 0.6);
    const b = dealerGex(short, 100, 0, 0, 0.6);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeCloseTo(-a, 12);
  });

  it('sums positions and equals the per-position formula', () => {
    const g = newGreeks();
    const positions: GexPosition[] = [
      { isCall: true, strike: 110, tenorYears: 0.2, quantity: -3 },
      { isCall: false, strike: 95, tenorYears: 0.05, quantity: 2 },
      { isCall: true, strike: 100, tenorYears: 0.5, quantity: 0 },
    ];
    const surf = new VolSurface();
    let expected = 0;
    for (const p of positions) {
      const v = surf.vol(p.strike, 100, p.tenorYears);
      expected += p.quantity * gexPerOnePercent(bsGreeks(p.isCall, 100, p.strike, p.tenorYears, 0, 0, v, g).gamma, 100);
    }
    expect(dealerGex(positions, 100, 0, 0, surf)).toBeCloseTo(expected, 12);
  });

  it('profile over a spot grid peaks at the strike for an ATM book', () => {
    const positions: GexPosition[] = [{ isCall: true, strike: 100, tenorYears: 1 / 365, quantity: -10 }];
    const spots = new Float64Array([90, 95, 99, 100, 101, 105, 110]);
    const out = new Float64Array(spots.length);
    expect(dealerGexProfile(positions, spots, 0, 0, 0.5, out)).toBe(out);
    const minAt = out.indexOf(Math.min(...out));
    expect(spots[minAt]).toBe(100);
    for (const v of out) expect(v).toBeLessThanOrEqual(0);
    expect(() => dealerGexProfile(positions, spots, 0, 0, 0.5, new Float64Array(2))).toThrow(RangeError);
  });
});
