/**
 * The dealer's options book, quote-settled vs coin-settled (issue 18 part 2): the same short
 * call position gives a Black-Scholes delta to hedge when quote-settled and the premium-adjusted
 * delta Delta - V/S when the options settle in the coin (the dealer's books are in the coin), the
 * worked example of docs/instruments.md: short 100 ATM calls, S = K = 60,000, 30 days, 50 % vol,
 * r = 0: hedge +52.86 BTC (quote) vs +47.14 BTC-equivalent (coin); the difference is the coin
 * premium, 100 * V/S = 5.714 BTC. Premiums quoted by the book are V (USD) and V/S (BTC).
 */
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../../src/model/clock.js';
import type { OptionSeriesInfo } from '../../../src/model/market.js';
import { VolSurface, smileFromRrBf } from '../../../src/instruments/surface.js';
import { OptionBook } from '../../../src/agents/dealer/book.js';

const START = Date.UTC(2026, 2, 1, 8);
const EXPIRY = START + 30 * 86_400_000;
const clock = new SimClock(START);
const series = (coin: boolean): OptionSeriesInfo[] => [{
  venueId: 0, seriesId: 0, symbol: 'BTC-C', isCall: true, strike: 60_000, expiryUtcMs: EXPIRY, contractSize: 1, settlementWindowNs: 0,
  ...(coin ? { settlement: 'coin' as const, moneyUnits: 1e8 } : {}),
}];
const flat = (): VolSurface => new VolSurface({ nodes: [smileFromRrBf(30 / 365, 0.5, 0, 0)], dynamics: 'sticky_moneyness' });

describe('dealer book: quote- vs coin-settled hedge', () => {
  it('short 100 ATM calls: delta -52.86 (quote) vs -47.14 (coin, premium-adjusted)', () => {
    const q = new OptionBook(series(false), flat(), 0);
    const c = new OptionBook(series(true), flat(), 0);
    q.contracts[0] = -100;
    c.contracts[0] = -100;
    q.compute(60_000, 0, clock);
    c.compute(60_000, 0, clock);
    expect(q.delta).toBeCloseTo(-52.857, 2);
    expect(c.delta).toBeCloseTo(-47.143, 2);
    // The difference is the coin premium of the position: 100 * V / S.
    expect(c.delta - q.delta).toBeCloseTo(-c.valueSettle, 9);
    expect(c.valueSettle).toBeCloseTo(-5.7138, 3);
    expect(q.value).toBeCloseTo(c.value, 9); // USD value is the same option either way
    // Premium per contract in the settlement currency: V USD vs V/S BTC.
    const pq = q.premium(0, 60_000, 0, clock, 0);
    expect(c.premium(0, 60_000, 0, clock, 0)).toBeCloseTo(pq / 60_000, 12);
    expect(pq).toBeCloseTo(3428.26, 1);
    // Coin gamma is the derivative of the premium-adjusted delta (central difference).
    const d = (s: number): number => {
      c.compute(s, 0, clock);
      return c.delta;
    };
    const h = 1;
    const fd = (d(60_000 + h) - d(60_000 - h)) / (2 * h);
    c.compute(60_000, 0, clock);
    expect(c.gamma).toBeCloseTo(fd, 8);
  });
});
