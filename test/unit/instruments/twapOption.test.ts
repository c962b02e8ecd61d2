/**
 * TWAP-settled option greeks (instruments/twapOption.ts): continuous at the window start, delta
 * equal to the finite difference of the price, delta decaying to 0 through the window, and the
 * price matching a Monte Carlo of the average of a GBM over the window (moment matching is an
 * approximation: within 1 % of the premium for a 30-minute window at 50 % vol).
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../src/engine/rng.js';
import { bsGreeks, newGreeks } from '../../../src/instruments/black.js';
import { twapGreeks } from '../../../src/instruments/twapOption.js';

const YEAR_MIN = 365 * 24 * 60;
const W = 30 / YEAR_MIN;
const g = newGreeks();
const h = newGreeks();

describe('twapGreeks', () => {
  it('before the window: Black-Scholes with tau = time to the window + W/3; continuous at its start', () => {
    const a = twapGreeks(true, 60_100, 60_000, W + 60 / YEAR_MIN, W, NaN, 0.5, 0, g).price;
    expect(a).toBeCloseTo(bsGreeks(true, 60_100, 60_000, 60 / YEAR_MIN + W / 3, 0, 0, 0.5, h).price, 9);
    const atStart = twapGreeks(true, 60_100, 60_000, W, W, 60_100, 0.5, 0, g).delta;
    const inside = twapGreeks(true, 60_100, 60_000, W * (1 - 1e-9), W, 60_100, 0.5, 0, h).delta;
    expect(inside).toBeCloseTo(atStart, 6);
  });

  it('delta is the derivative of the price and decays to 0 through the window', () => {
    let prev = Infinity;
    for (const f of [1, 0.75, 0.5, 0.25, 0.05, 0.001]) {
      const t = f * W;
      const d = twapGreeks(true, 60_000, 60_000, t, W, 59_990, 0.5, 0, g).delta;
      const up = twapGreeks(true, 60_001, 60_000, t, W, 59_990, 0.5, 0, h).price;
      const dn = twapGreeks(true, 59_999, 60_000, t, W, 59_990, 0.5, 0, h).price;
      expect(d).toBeCloseTo((up - dn) / 2, 4);
      expect(d).toBeLessThan(prev);
      prev = d;
    }
    expect(prev).toBeLessThan(0.001);
  });

  it('a fixed part above the strike makes the call linear (delta f) and the put worthless', () => {
    const c = twapGreeks(true, 60_000, 50_000, 0.1 * W, W, 61_000, 0.5, 0, g);
    expect(c.delta).toBeCloseTo(0.1, 12);
    expect(c.gamma).toBe(0);
    expect(twapGreeks(false, 60_000, 50_000, 0.1 * W, W, 61_000, 0.5, 0, h).price).toBe(0);
  });

  it('price within 1 % of a Monte Carlo of the window average (100,000 GBM paths)', () => {
    const rng = RandomStream.derive(7, 'test/twap');
    const steps = 180;
    const dt = W / steps;
    const sigma = 0.5;
    let sum = 0;
    const n = 100_000;
    for (let p = 0; p < n; p++) {
      let s = 60_000;
      let acc = 0;
      for (let k = 0; k < steps; k++) {
        s *= Math.exp(-0.5 * sigma * sigma * dt + sigma * Math.sqrt(dt) * rng.normal());
        acc += s;
      }
      sum += Math.max(0, acc / steps - 60_000);
    }
    const mc = sum / n;
    const model = twapGreeks(true, 60_000, 60_000, W, W, NaN, sigma, 0, g).price;
    expect(Math.abs(model / mc - 1)).toBeLessThan(0.01);
  });
});
