import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  black76Greeks, black76Price, bsGreeks, bsPrice, forwardPrice, newGreeks, type Greeks,
} from '../../../src/instruments/black.js';

const g = newGreeks();
const h = newGreeks();

describe('Black-Scholes textbook values', () => {
  // Hull, Options, Futures and Other Derivatives, example 15.6: call 4.76, put 0.81.
  it('S=42 K=40 r=10% sigma=20% T=0.5', () => {
    expect(bsPrice(true, 42, 40, 0.5, 0.1, 0, 0.2)).toBeCloseTo(4.76, 2);
    expect(bsPrice(false, 42, 40, 0.5, 0.1, 0, 0.2)).toBeCloseTo(0.81, 2);
    expect(bsGreeks(true, 42, 40, 0.5, 0.1, 0, 0.2, g).price).toBe(bsPrice(true, 42, 40, 0.5, 0.1, 0, 0.2));
  });

  // Hull's example 15.6 inputs (d1 = 0.7693, d2 = 0.6278): call rho = K T e^{-rT} N(d2) =
  // 40 * 0.5 * e^{-0.05} * 0.7349 = 19.0246 * 0.7349 = 13.98 per 1.00 of rate (hand value; Hull
  // gives the price, not rho). Put rho = -K T e^{-rT} N(-d2) = -19.0246 * 0.2651 = -5.04.
  it('rho of the textbook call and put: 13.98 and -5.04 per 1.00 of rate', () => {
    expect(bsGreeks(true, 42, 40, 0.5, 0.1, 0, 0.2, g).rho).toBeCloseTo(13.98, 2);
    expect(bsGreeks(false, 42, 40, 0.5, 0.1, 0, 0.2, g).rho).toBeCloseTo(-5.04, 2);
  });

  it('Black-76 equals BSM on the forward with q = r', () => {
    const f = forwardPrice(42, 0.5, 0.1, 0.03);
    const b76 = black76Price(true, f, 40, 0.5, 0.1, 0.2);
    expect(b76).toBeCloseTo(bsPrice(true, 42, 40, 0.5, 0.1, 0.03, 0.2), 12);
    black76Greeks(false, f, 40, 0.5, 0.1, 0.2, g);
    expect(g.price).toBeCloseTo(bsPrice(false, 42, 40, 0.5, 0.1, 0.03, 0.2), 12);
  });
});

const SPOTS = [60, 95, 100, 105, 160];
const STRIKES = [80, 100, 125];
const EXPIRIES = [0.02, 0.25, 2];
const RATES: ReadonlyArray<readonly [number, number]> = [[0, 0], [0.05, 0.02], [-0.01, 0.08]];
const VOLS = [0.1, 0.5, 1.2];

function* grid(): Generator<[number, number, number, number, number, number]> {
  for (const s of SPOTS) for (const k of STRIKES) for (const t of EXPIRIES)
    for (const [r, q] of RATES) for (const v of VOLS) yield [s, k, t, r, q, v];
}

describe('put-call parity', () => {
  it('C - P = S e^{-qT} - K e^{-rT} to 1e-10 over the grid', () => {
    for (const [s, k, t, r, q, v] of grid()) {
      const c = bsPrice(true, s, k, t, r, q, v);
      const p = bsPrice(false, s, k, t, r, q, v);
      expect(Math.abs(c - p - (s * Math.exp(-q * t) - k * Math.exp(-r * t)))).toBeLessThan(1e-10);
    }
  });
});

/** |fd - an| <= REL * |an| + ABS * scale, scale = the option's natural size for that greek. */
const REL = 1e-5;
const ABS = 1e-7;

function fdCheck(name: string, an: number, fd: number, scale: number): void {
  const err = Math.abs(fd - an);
  if (err > REL * Math.abs(an) + ABS * scale) {
    throw new Error(`${name}: analytic ${an} vs finite difference ${fd}`);
  }
}

describe('greeks vs central finite differences (rel 1e-5, abs 1e-7 * scale)', () => {
  it.each([true, false])('isCall=%s', (isCall) => {
    let checked = 0;
    for (const [s, k, t, r, q, v] of grid()) {
      const a: Greeks = bsGreeks(isCall, s, k, t, r, q, v, g);
      const price = (ss: number, tt: number, vv: number): number => bsPrice(isCall, ss, k, tt, r, q, vv);
      const delta = (ss: number, tt: number, vv: number): number => bsGreeks(isCall, ss, k, tt, r, q, vv, h).delta;
      const dS = 1e-4 * s * v * Math.sqrt(t); // step on the scale where gamma varies
      const dT = 1e-5 * t;
      const dV = 1e-5;
      fdCheck('delta', a.delta, (price(s + dS, t, v) - price(s - dS, t, v)) / (2 * dS), 1);
      fdCheck('gamma', a.gamma, (delta(s + dS, t, v) - delta(s - dS, t, v)) / (2 * dS), 1 / s);
      fdCheck('vega', a.vega, (price(s, t, v + dV) - price(s, t, v - dV)) / (2 * dV), s);
      fdCheck('theta', a.theta, -(price(s, t + dT, v) - price(s, t - dT, v)) / (2 * dT), s / t);
      fdCheck('vanna', a.vanna, (delta(s, t, v + dV) - delta(s, t, v - dV)) / (2 * dV), 1);
      fdCheck('charm', a.charm, -(delta(s, t + dT, v) - delta(s, t - dT, v)) / (2 * dT), 1 / t);
      const dR = 1e-6;
      fdCheck('rho', a.rho, (bsPrice(isCall, s, k, t, r + dR, q, v) - bsPrice(isCall, s, k, t, r - dR, q, v)) / (2 * dR), s * t);
      // Black-76 rho holds the forward: -T V.
      const f = forwardPrice(s, t, r, q);
      const b = black76Greeks(isCall, f, k, t, r, v, h).rho;
      fdCheck('black76 rho', b, (black76Price(isCall, f, k, t, r + dR, v) - black76Price(isCall, f, k, t, r - dR, v)) / (2 * dR), s * t);
      checked++;
    }
    expect(checked).toBe(SPOTS.length * STRIKES.length * EXPIRIES.length * RATES.length * VOLS.length);
  });
});

describe('edge cases', () => {
  it('T = 0 gives intrinsic value and a step delta', () => {
    bsGreeks(true, 110, 100, 0, 0.05, 0, 0.5, g);
    expect(g).toEqual({ price: 10, delta: 1, gamma: 0, vega: 0, theta: 0.05 * 0 - 0.05 * 100, vanna: 0, charm: 0, rho: 0 });
    bsGreeks(false, 110, 100, 0, 0, 0, 0.5, g);
    expect(g.price).toBe(0);
    expect(g.delta).toBe(0);
    bsGreeks(true, 100, 100, 0, 0, 0, 0.5, g);
    expect(g.delta).toBe(0.5);
  });

  it('sigma = 0 gives the discounted forward intrinsic value', () => {
    const t = 1;
    bsGreeks(true, 100, 90, t, 0.05, 0.01, 0, g);
    expect(g.price).toBeCloseTo(100 * Math.exp(-0.01) - 90 * Math.exp(-0.05), 14);
    expect(g.delta).toBeCloseTo(Math.exp(-0.01), 15);
    expect(g.gamma).toBe(0);
    bsGreeks(false, 100, 90, t, 0.05, 0.01, 0, g);
    expect(g.price).toBe(0);
  });

  it('deep in and out of the money reach their limits', () => {
    bsGreeks(true, 1e6, 1, 1, 0, 0, 0.5, g);
    expect(g.price).toBeCloseTo(1e6 - 1, 6);
    expect(g.delta).toBe(1);
    bsGreeks(true, 1, 1e6, 1, 0, 0, 0.5, g);
    expect(g.price).toBeLessThan(1e-100);
    expect(g.delta).toBeLessThan(1e-100);
    expect(g.gamma).toBeLessThan(1e-100);
  });

  it('rejects inputs outside the domain', () => {
    expect(() => bsPrice(true, 0, 100, 1, 0, 0, 0.5)).toThrow(RangeError);
    expect(() => bsPrice(true, 100, NaN, 1, 0, 0, 0.5)).toThrow(RangeError);
    expect(() => bsPrice(true, 100, 100, -1, 0, 0, 0.5)).toThrow(RangeError);
    expect(() => bsGreeks(true, 100, 100, 1, 0, 0, -0.1, g)).toThrow(RangeError);
    expect(() => bsGreeks(true, 100, 100, 1, Infinity, 0, 0.1, g)).toThrow(RangeError);
  });

  it('every output is finite over wide ranges (fast-check)', () => {
    fc.assert(fc.property(
      fc.boolean(),
      fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
      fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
      fc.oneof(fc.constant(0), fc.double({ min: 0, max: 50, noNaN: true })),
      fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })),
      (isCall, s, k, t, r, q, v) => {
        bsGreeks(isCall, s, k, t, r, q, v, g);
        for (const x of Object.values(g)) if (!Number.isFinite(x)) return false;
        const upper = isCall ? s * Math.exp(-q * t) : k * Math.exp(-r * t);
        return g.price >= 0 && g.price <= upper * (1 + 1e-12) && g.gamma >= 0 && g.vega >= 0;
      },
    ), { numRuns: 3000 });
  });
});
