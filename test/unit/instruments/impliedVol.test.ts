import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bsGreeks, bsPrice, newGreeks } from '../../../src/instruments/black.js';
import { impliedVolBlack76, impliedVolBs } from '../../../src/instruments/impliedVol.js';

const g = newGreeks();

describe('implied vol round trip', () => {
  const S = 100;
  const strikes = [30, 60, 80, 95, 100, 105, 125, 170, 300];
  const expiries = [1 / 365, 0.05, 0.5, 3];
  const vols = [0.05, 0.3, 0.8, 2.5];
  it.each([true, false])('isCall=%s over strikes x expiries x vols', (isCall) => {
    let solved = 0;
    for (const k of strikes) for (const t of expiries) for (const v of vols) {
      const r = 0.03;
      const q = 0.01;
      bsGreeks(isCall, S, k, t, r, q, v, g);
      const res = impliedVolBs(isCall, g.price, S, k, t, r, q);
      // Identifiable vol accuracy: price error of a few ulps of max(S, K) divided by vega.
      // Deep OTM prices that round to (near) zero carry no vol information: skip those.
      const otmPrice = isCall === (k * Math.exp(-r * t) >= S * Math.exp(-q * t))
        ? g.price : bsPrice(!isCall, S, k, t, r, q, v);
      if (otmPrice < 1e-12 * S) continue;
      if (!res.ok) throw new Error(`K=${k} T=${t} v=${v}: ${res.reason}`);
      const tol = Math.max(1e-9, (64 * Number.EPSILON * Math.max(S, k)) / g.vega);
      expect(Math.abs(res.vol - v)).toBeLessThanOrEqual(tol);
      expect(res.iterations).toBeLessThan(60);
      solved++;
    }
    expect(solved).toBeGreaterThan(100);
  });

  it('Black-76 round trip', () => {
    const p = bsPrice(false, 50_000, 45_000, 7 / 365, 0.02, 0.02, 0.6);
    const res = impliedVolBlack76(false, p, 50_000, 45_000, 7 / 365, 0.02);
    expect(res.ok && Math.abs(res.vol - 0.6)).toBeLessThan(1e-10);
  });

  it('round-trips random inputs whose OTM value carries information (fast-check)', () => {
    fc.assert(fc.property(
      fc.boolean(), fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0.01, max: 2, noNaN: true }),
      fc.double({ min: 0.05, max: 3, noNaN: true }),
      (isCall, m, t, v) => {
        const k = 100 * m;
        const p = bsPrice(isCall, 100, k, t, 0, 0, v);
        const res = impliedVolBs(isCall, p, 100, k, t, 0, 0);
        bsGreeks(isCall, 100, k, t, 0, 0, v, g);
        if (g.vega < 1e-6) return true; // no vol information left in the price
        return res.ok && Math.abs(res.vol - v) <= Math.max(1e-9, (64 * Number.EPSILON * Math.max(100, k)) / g.vega);
      },
    ), { numRuns: 500 });
  });
});

describe('implied vol failures', () => {
  const cases: ReadonlyArray<readonly [string, () => ReturnType<typeof impliedVolBs>, string]> = [
    ['call below intrinsic', () => impliedVolBs(true, 9, 110, 100, 0.5, 0, 0), 'below_intrinsic'],
    ['put below intrinsic', () => impliedVolBs(false, 3.9, 96, 100, 0.5, 0, 0), 'below_intrinsic'],
    ['negative price', () => impliedVolBs(true, -1, 100, 100, 0.5, 0, 0), 'below_intrinsic'],
    ['call at spot', () => impliedVolBs(true, 100, 100, 100, 0.5, 0, 0), 'above_upper_bound'],
    ['put above discounted strike', () => impliedVolBs(false, 101, 100, 100, 0.5, 0, 0), 'above_upper_bound'],
    ['needs more than maxVol', () => impliedVolBs(true, bsPrice(true, 100, 100, 1, 0, 0, 3), 100, 100, 1, 0, 0, { maxVol: 2 }), 'above_upper_bound'],
    ['NaN price', () => impliedVolBs(true, NaN, 100, 100, 0.5, 0, 0), 'bad_input'],
    ['zero expiry', () => impliedVolBs(true, 1, 100, 100, 0, 0, 0), 'bad_input'],
    ['zero spot', () => impliedVolBs(true, 1, 0, 100, 1, 0, 0), 'bad_input'],
    ['too few iterations', () => impliedVolBs(true, bsPrice(true, 100, 130, 1, 0, 0, 0.4), 100, 130, 1, 0, 0, { maxIterations: 1 }), 'no_convergence'],
  ];
  it.each(cases)('%s', (_name, run, reason) => {
    const res = run();
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.reason).toBe(reason);
  });

  it('a price at intrinsic value gives zero vol', () => {
    const res = impliedVolBs(true, 10, 110, 100, 0.5, 0, 0);
    expect(res).toEqual({ ok: true, vol: 0, iterations: 0 });
  });
});

describe('implied vol in the deep out-of-the-money tail (issue 16 item 9)', () => {
  // S = 100, K = 1000, T = 0.5, r = 0.05 (q = 0) at vol 0.3: a price of about 2e-26, far below
  // the old absolute slack of 4 ulps of K (9e-13), which returned {ok: true, vol: 0}.
  it.each([0.3, 0.6, 1.2])('recovers vol %s from its own price, or says it cannot; never ok with a wrong value', (vol) => {
    const g = newGreeks();
    const price = bsGreeks(true, 100, 1000, 0.5, 0.05, 0, vol, g).price;
    expect(price).toBeGreaterThan(0);
    const r = impliedVolBs(true, price, 100, 1000, 0.5, 0.05, 0);
    if (r.ok) expect(r.vol).toBeCloseTo(vol, 6);
    else expect(r.reason).toBe('below_precision');
    if (vol === 0.3) {
      expect(price).toBeLessThan(1e-20);
      expect(r).toMatchObject({ ok: true });
    }
  });

  it('a price no vol in range can produce (it underflows) is not ok, with the reason', () => {
    const r = impliedVolBs(true, 1e-320, 100, 1e6, 0.01, 0, 0);
    expect(r.ok).toBe(false);
  });
});
