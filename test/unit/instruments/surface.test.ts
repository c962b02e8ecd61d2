import { describe, expect, it } from 'vitest';
import { DEFAULT_SMILE, smileFromRrBf, VolSurface } from '../../../src/instruments/surface.js';

const F = 100_000;
const T = 30 / 365;

describe('smile shape', () => {
  const s = new VolSurface();
  it('defaults: ATM 50 %, puts over calls (negative skew), convex wings', () => {
    expect(s.vol(F, F, T)).toBeCloseTo(0.5, 14);
    expect(s.vol(0.9 * F, F, T)).toBeGreaterThan(s.vol(1.1 * F, F, T));
    expect(s.vol(0.7 * F, F, T)).toBeGreaterThan(s.vol(0.9 * F, F, T));
    expect(DEFAULT_SMILE.skew).toBeLessThan(0);
  });

  it('smileFromRrBf reproduces the 25-delta risk reversal and butterfly at x = +-0.6745', () => {
    const node = smileFromRrBf(T, 0.5, -0.02, 0.015);
    const surf = new VolSurface({ nodes: [node] });
    const w = 0.5 * Math.sqrt(T);
    const kCall = F * Math.exp(0.6744897501960817 * w);
    const kPut = F * Math.exp(-0.6744897501960817 * w);
    const vc = surf.vol(kCall, F, T);
    const vp = surf.vol(kPut, F, T);
    expect(vc - vp).toBeCloseTo(-0.02, 12);
    expect((vc + vp) / 2 - 0.5).toBeCloseTo(0.015, 12);
  });

  it('applies the floor and the cap', () => {
    const surf = new VolSurface({ nodes: [{ tenorYears: T, atmVol: 0.5, skew: 0.3, curvature: 0 }], floorVol: 0.1, capVol: 1 });
    expect(surf.vol(0.2 * F, F, T)).toBe(0.1);
    expect(surf.vol(5 * F, F, T)).toBe(1);
  });
});

describe('term structure', () => {
  const surf = new VolSurface({
    nodes: [{ tenorYears: 1, atmVol: 0.6, skew: -0.02, curvature: 0 }, { tenorYears: 0.1, atmVol: 0.4, skew: 0, curvature: 0 }],
  });
  it('interpolates total variance linearly in T (hand example)', () => {
    // w(0.1) = 0.016, w(1) = 0.36; at T = 0.55: w = 0.016 + 0.344 * 0.5 = 0.188.
    expect(surf.atmVol(0.55)).toBeCloseTo(Math.sqrt(0.188 / 0.55), 14);
    expect(surf.vol(F, F, 0.55)).toBeCloseTo(Math.sqrt(0.188 / 0.55), 14);
  });
  it('is flat in vol outside the nodes', () => {
    expect(surf.atmVol(0.01)).toBeCloseTo(0.4, 14);
    expect(surf.atmVol(3)).toBeCloseTo(0.6, 14);
  });
  it('rejects calendar arbitrage in the ATM nodes', () => {
    expect(() => new VolSurface({ nodes: [{ tenorYears: 0.1, atmVol: 0.9, skew: 0, curvature: 0 }, { tenorYears: 1, atmVol: 0.2, skew: 0, curvature: 0 }] }))
      .toThrow(RangeError);
  });
});

describe('dynamics', () => {
  it('sticky-moneyness: the smile moves with the forward', () => {
    const surf = new VolSurface();
    for (const m of [0.8, 1.2]) {
      expect(surf.vol(0.9 * F * m, F * m, T)).toBeCloseTo(surf.vol(0.9 * F, F, T), 14);
    }
    expect(surf.vol(0.9 * F, 1.1 * F, T)).not.toBeCloseTo(surf.vol(0.9 * F, F, T), 6);
  });

  it('sticky-strike: vol at a fixed strike is unchanged as the forward moves', () => {
    const surf = new VolSurface({ dynamics: 'sticky_strike', anchorForward: F });
    const k = 0.9 * F;
    expect(surf.vol(k, 1.2 * F, T)).toBe(surf.vol(k, F, T));
    // ATM vol moves along the smile: after a sell-off the new ATM strike sits higher on the skew.
    expect(surf.vol(0.9 * F, 0.9 * F, T)).toBeGreaterThan(surf.vol(F, F, T));
    surf.reanchor(0.9 * F);
    expect(surf.vol(0.9 * F, 0.9 * F, T)).toBeCloseTo(0.5, 14);
  });

  it('sticky-strike without an anchor is a configuration error', () => {
    expect(() => new VolSurface({ dynamics: 'sticky_strike' })).toThrow(RangeError);
  });

  it('a parallel shift adds to every vol', () => {
    const surf = new VolSurface();
    const before = surf.vol(0.8 * F, F, T);
    surf.shiftBy(0.1);
    surf.shiftBy(0.05);
    expect(surf.shiftVol).toBeCloseTo(0.15, 15);
    expect(surf.vol(0.8 * F, F, T)).toBeCloseTo(before + 0.15, 14);
    surf.setShift(0);
    expect(surf.vol(0.8 * F, F, T)).toBeCloseTo(before, 14);
  });
});
