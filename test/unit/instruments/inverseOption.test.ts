/**
 * Coin-settled (inverse) options against Deribit's own worked examples, finite differences of
 * the coin price, and the premium-adjusted hedge of a coin-accounted dealer.
 *
 * Sources:
 * - Deribit, "Options explained" (deribit.freshdesk.com/support/solutions/articles/1000057047):
 *   a 300 call settled at 400 pays 100 USD = 0.25 BTC; a 300 put settled at 200 pays 0.5 BTC.
 * - Deribit, "Inverse Options" (support.deribit.com/hc/en-us/articles/25944688327069): a 100,000
 *   call bought for 0.05 BTC, delivery price 125,000: settled for 25,000 USD per BTC = 0.2 BTC.
 * - Deribit FAQ "What does Delta Total in the account summary mean?" (quoted in GreeksLive,
 *   "Bitcoin Option's Premium and Its Delta", medium.com): a call of delta 0.50 bought for
 *   0.10 BTC raises DeltaTotal by 0.40 (the premium-adjusted delta).
 */
import { describe, expect, it } from 'vitest';
import { bsGreeks, bsPrice, newGreeks } from '../../../src/instruments/black.js';
import { coinGreeks, inverseOptionPayoff, inverseOptionPayoffUnits, newCoinGreeks, premiumAdjustedDelta } from '../../../src/instruments/inverseOption.js';

const c = newCoinGreeks();

describe('coin payoffs (Deribit examples)', () => {
  it('300 call settled at 400 pays 0.25 BTC; 300 put settled at 200 pays 0.5 BTC; OTM pays 0', () => {
    expect(inverseOptionPayoff(true, 400, 300)).toBe(0.25);
    expect(inverseOptionPayoff(false, 200, 300)).toBe(0.5);
    expect(inverseOptionPayoff(true, 400, 500)).toBe(0);
  });

  it('100,000 call bought for 0.05 BTC, delivery 125,000: payoff 0.2 BTC, net +0.15 BTC', () => {
    const payoff = inverseOptionPayoff(true, 125_000, 100_000);
    expect(payoff).toBeCloseTo(0.2, 15);
    expect(payoff - 0.05).toBeCloseTo(0.15, 15);
    // Exact integer version: 1 BTC contracts, satoshis; ticks of 0.5 USD.
    expect(inverseOptionPayoffUnits(true, 250_000, 200_000, 3, 1, 1e8)).toBe(3 * 20_000_000);
  });
});

describe('coin greeks', () => {
  it('premium-adjusted delta: Deribit FAQ 0.50 - 0.10 = 0.40; a real option: Delta - V/S', () => {
    expect(premiumAdjustedDelta(0.5, 0.1)).toBeCloseTo(0.4, 15);
    const g = bsGreeks(true, 60_000, 65_000, 0.1, 0, 0, 0.6, newGreeks());
    coinGreeks(true, 60_000, 65_000, 0.1, 0, 0, 0.6, c);
    expect(c.price).toBeCloseTo(g.price / 60_000, 15);
    expect(c.delta).toBeCloseTo(g.delta - g.price / 60_000, 15);
  });

  it('coin put-call parity: C_c - P_c = 1 - K e^{-rT} / S', () => {
    for (const [s, k, t, r] of [[60_000, 50_000, 0.25, 0.03], [60_000, 80_000, 1, 0], [100, 100, 0.01, -0.01]] as const) {
      const call = coinGreeks(true, s, k, t, r, 0, 0.7, c).price;
      const put = coinGreeks(false, s, k, t, r, 0, 0.7, c).price;
      expect(call - put).toBeCloseTo(1 - (k * Math.exp(-r * t)) / s, 12);
    }
  });

  it('every coin greek matches finite differences of the coin price V/S (rel 1e-5 + abs 1e-7 * scale)', () => {
    const pc = (isCall: boolean, s: number, k: number, t: number, r: number, v: number): number => bsPrice(isCall, s, k, t, r, 0, v) / s;
    const d = newCoinGreeks();
    const ok = (an: number, fd: number, scale: number): void => expect(Math.abs(an - fd)).toBeLessThanOrEqual(1e-5 * Math.abs(an) + 1e-7 * scale);
    let n = 0;
    for (const isCall of [true, false]) for (const s of [40_000, 60_000, 90_000]) for (const k of [50_000, 60_000, 75_000]) for (const t of [0.02, 0.25, 1]) for (const r of [0, 0.05]) for (const v of [0.3, 0.8]) {
      const a = coinGreeks(isCall, s, k, t, r, 0, v, c);
      const dS = 1e-4 * s * v * Math.sqrt(t);
      const dT = 1e-5 * t;
      const dV = 1e-5;
      const dR = 1e-6;
      const delta = (ss: number, tt: number, vv: number): number => coinGreeks(isCall, ss, k, tt, r, 0, vv, d).delta;
      ok(a.delta, (s * (pc(isCall, s + dS, k, t, r, v) - pc(isCall, s - dS, k, t, r, v))) / (2 * dS), 1);
      ok(a.gamma, (delta(s + dS, t, v) - delta(s - dS, t, v)) / (2 * dS), 1 / s);
      ok(a.vega, (pc(isCall, s, k, t, r, v + dV) - pc(isCall, s, k, t, r, v - dV)) / (2 * dV), 1);
      ok(a.theta, -(pc(isCall, s, k, t + dT, r, v) - pc(isCall, s, k, t - dT, r, v)) / (2 * dT), 1 / t);
      ok(a.rho, (pc(isCall, s, k, t, r + dR, v) - pc(isCall, s, k, t, r - dR, v)) / (2 * dR), t);
      ok(a.vanna, (delta(s, t, v + dV) - delta(s, t, v - dV)) / (2 * dV), 1);
      ok(a.charm, -(delta(s, t + dT, v) - delta(s, t - dT, v)) / (2 * dT), 1 / t);
      n++;
    }
    expect(n).toBe(216);
  });
});

describe('hedging a short call book: quote-settled vs coin-settled (worked example, docs/instruments.md)', () => {
  // Short 100 ATM calls, S = K = 60,000, 30 days, 50 % vol, r = q = 0.
  // sigma sqrt(T) = 0.143346, d1 = 0.071673, N(d1) = 0.528569, N(d2) = 0.471431.
  // USD price V = S (N(d1) - N(d2)) = 3,428.26 USD = 0.057138 BTC per option.
  // Quote-settled dealer: delta -100 * 0.528569 -> buys 52.86 BTC of linear perp.
  // Coin-settled, BTC-accounted dealer: premium-adjusted delta -100 * (0.528569 - 0.057138) =
  // -100 * N(d2) = -47.14 -> buys 47.14 BTC-equivalent of inverse perp (47.14 * 60,000 USD).
  const S = 60_000;
  const T = 30 / 365;
  const g = bsGreeks(true, S, S, T, 0, 0, 0.5, newGreeks());
  const cg = coinGreeks(true, S, S, T, 0, 0, 0.5, newCoinGreeks());

  it('the two hedges differ by the premium in coin: 52.86 vs 47.14 BTC', () => {
    expect(100 * g.delta).toBeCloseTo(52.857, 2);
    expect(100 * cg.price).toBeCloseTo(5.7138, 3);
    expect(100 * cg.delta).toBeCloseTo(47.143, 2);
    expect(100 * (g.delta - cg.delta)).toBeCloseTo(100 * cg.price, 12);
  });

  it('the premium-adjusted inverse hedge flattens the coin P&L to first order; the Black-Scholes size does not', () => {
    // Coin value of (short 100 coin calls + long N USD of inverse perp entered at S) at S'.
    const coinValue = (nUsd: number, s2: number): number => -100 * (bsPrice(true, s2, S, T, 0, 0, 0.5) / s2) + nUsd * (1 / S - 1 / s2);
    const slope = (nUsd: number): number => (coinValue(nUsd, S * 1.0001) - coinValue(nUsd, S * 0.9999)) / (S * 0.0002);
    const paHedge = 100 * cg.delta * S;
    const bsHedge = 100 * g.delta * S;
    // Coin P&L per USD of move: ~0 with the premium-adjusted size; with the BS size it is the
    // premium's own delta, 100 * V/S per S, i.e. 5.71 BTC-equivalent too long.
    expect(Math.abs(slope(paHedge)) * S).toBeLessThan(1e-4);
    expect(slope(bsHedge) * S).toBeCloseTo(100 * cg.price, 3);
  });
});
