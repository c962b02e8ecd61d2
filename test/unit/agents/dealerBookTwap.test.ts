/**
 * The dealer's options book values a TWAP-settled series as such (agents/dealer/book.ts with
 * instruments/twapOption.ts): a long ATM call's delta decays to zero through the 30-minute
 * settlement window instead of staying near 0.5 (or jumping) until expiry, and a series that
 * settles at expiry (window 0) keeps the Black-Scholes delta with the tau floor.
 */
import { describe, expect, it } from 'vitest';
import { OptionBook } from '../../../src/agents/dealer/book.js';
import { VolSurface, smileFromRrBf } from '../../../src/instruments/surface.js';
import { SimClock } from '../../../src/model/clock.js';
import type { OptionSeriesInfo } from '../../../src/model/market.js';

const START = Date.UTC(2026, 2, 27, 7, 0, 0);
const EXPIRY = START + 60 * 60_000;
const MIN = 60e9;
const series = (windowNs: number): OptionSeriesInfo => ({ venueId: 0, seriesId: 0, symbol: 'C', isCall: true, strike: 60_000, expiryUtcMs: EXPIRY, contractSize: 1, settlementWindowNs: windowNs });
const surface = () => new VolSurface({ nodes: [smileFromRrBf(30 / 365, 0.5, 0, 0)], dynamics: 'sticky_moneyness' });

function deltas(windowNs: number): number[] {
  const clock = new SimClock(START);
  const book = new OptionBook([series(windowNs)], surface(), (5 * MIN) / (365 * 86_400e9));
  book.contracts[0] = 1;
  const out: number[] = [];
  // The book is computed every 10 s at the strike (the average so far is then 60,000 too).
  for (let t = 0; t < 60 * MIN; t += 10e9) {
    book.compute(60_000, t, clock);
    if (t % (5 * MIN) === 0) out.push(book.delta);
  }
  return out;
}

describe('dealer book on a TWAP-settled series', () => {
  it('delta decays through the settlement window', () => {
    const d = deltas(30 * MIN);
    // Before the window (t < 30 min) about 0.5; inside it falls with the share of the window left.
    expect(d[0]).toBeGreaterThan(0.49);
    expect(d[5]).toBeGreaterThan(0.49);
    expect(d[6]).toBeLessThan(0.51);
    expect(d[9]).toBeLessThan(0.5 * 0.55);
    expect(d[11]).toBeLessThan(0.1);
    for (let i = 7; i < d.length; i++) expect(d[i]).toBeLessThan(d[i - 1] as number);
  });
  it('a series settled at expiry keeps the Black-Scholes delta', () => {
    const d = deltas(0);
    expect(d.every((x) => x > 0.49 && x < 0.52)).toBe(true);
  });
});
