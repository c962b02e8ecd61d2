import { describe, expect, it } from 'vitest';
import { NS_PER_MIN, NS_PER_SEC } from '../../../src/engine/time.js';
import { DEFAULT_SETTLEMENT_WINDOW_NS, optionPayoff, optionPayoffUnits, settlementTwap } from '../../../src/instruments/settlement.js';
import { WindowTwap } from '../../../src/instruments/twap.js';

describe('WindowTwap', () => {
  it('hand example: samples held until the next one, clipped to the window', () => {
    // Window [100, 200]. 90 before the window sets the opening level.
    // 90 -> 10 over [100, 120] = 200; 20 over [120, 150] = 600; 40 over [150, 200] = 2000;
    // the sample at 250 is after the end. Average = 2800 / 100 = 28.
    const w = new WindowTwap(100, 200);
    w.add(90, 10);
    w.add(120, 20);
    w.add(150, 40);
    w.add(250, 1000);
    expect(w.value()).toBe(28);
    expect(w.coveredNs()).toBe(100);
  });

  it('partial value mid-window and irregular sampling', () => {
    const w = new WindowTwap(0, 100);
    expect(w.value()).toBeNull();
    w.add(10, 5); // covers from its own time only
    w.add(30, 15);
    // up to t = 50: 5 * 20 + 15 * 20 = 400 over 40 ns.
    expect(w.value(50)).toBe(10);
    // to the end: 5 * 20 + 15 * 70 = 1150 over 90 ns.
    expect(w.value()).toBeCloseTo(1150 / 90, 14);
  });

  it('rejects out-of-order and non-finite samples', () => {
    const w = new WindowTwap(0, 100);
    w.add(50, 1);
    expect(() => w.add(40, 1)).toThrow(RangeError);
    expect(() => w.add(60, NaN)).toThrow(RangeError);
  });
});

describe('settlement', () => {
  it('Deribit window is 30 minutes before expiry; constant index settles at itself', () => {
    const expiry = 2 * 60 * NS_PER_MIN;
    const w = settlementTwap(expiry);
    expect(DEFAULT_SETTLEMENT_WINDOW_NS).toBe(30 * NS_PER_MIN);
    expect(w.startNs).toBe(expiry - 30 * NS_PER_MIN);
    for (let t = 0; t <= expiry + 60 * NS_PER_SEC; t += 5 * NS_PER_SEC) w.add(t, t < w.startNs ? 1 : 100);
    expect(w.value()).toBe(100);
  });

  it.each([
    ['call ITM', true, 105, 100, 2, 10],
    ['call OTM', true, 95, 100, 2, 0],
    ['put ITM', false, 95, 100, 0.5, 2.5],
    ['put OTM', false, 105, 100, 1, 0],
    ['at the strike', true, 100, 100, 1, 0],
  ])('%s payoff', (_n, isCall, s, k, size, expected) => {
    expect(optionPayoff(isCall, s, k, size)).toBe(expected);
  });

  it('integer payoff in quote units', () => {
    // tick 0.5 USD, lot 0.001 BTC -> 0.0005 USD per tick-lot = 5 quote units.
    expect(optionPayoffUnits(true, 200_100, 200_000, 1000, 5)).toBe(100 * 1000 * 5);
    expect(optionPayoffUnits(false, 200_100, 200_000, 1000, 5)).toBe(0);
    expect(optionPayoffUnits(false, 199_000, 200_000, -3, 5)).toBe(-15_000);
    expect(() => optionPayoffUnits(true, 1.5, 1, 1, 5)).toThrow(RangeError);
  });
});
