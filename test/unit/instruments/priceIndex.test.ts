import { describe, expect, it } from 'vitest';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { PriceIndex } from '../../../src/instruments/priceIndex.js';

describe('PriceIndex TWAP', () => {
  it('hand example over a rolling window', () => {
    // window 10 ns; 100 from 0, 110 from 4, 120 from 8; at t = 12 the window is [2, 12]:
    // 100 * 2 + 110 * 4 + 120 * 4 = 1120 over 10 ns -> 112.
    const idx = new PriceIndex({ method: 'twap', windowNs: 10 });
    idx.update(0, 100);
    idx.update(4, 110);
    idx.update(8, 120);
    expect(idx.value(12)).toBeCloseTo(112, 12);
    // At the last update (t = 8): [0, 8] (window [-2, 8]) -> (100 * 4 + 110 * 4) / 8 = 105.
    expect(idx.value()).toBeCloseTo(105, 12);
  });

  it('a single sample is its own value; a same-instant update replaces it', () => {
    const idx = new PriceIndex({ method: 'twap', windowNs: 10 });
    idx.update(5, 100);
    expect(idx.value()).toBe(100);
    idx.update(5, 101);
    expect(idx.value()).toBe(101);
  });

  it('keeps working when the ring is full (drops the oldest)', () => {
    const idx = new PriceIndex({ method: 'twap', windowNs: 1000, capacity: 4 });
    for (let t = 0; t < 10; t++) idx.update(t, 100 + t);
    // The ring holds t = 6..9; at t = 10 the average of 106..109 held 1 ns each is 107.5.
    expect(idx.value(10)).toBeCloseTo(107.5, 12);
  });

  it('rejects bad input and early queries', () => {
    const idx = new PriceIndex({ method: 'twap' });
    expect(() => idx.value()).toThrow(RangeError);
    expect(idx.started).toBe(false);
    idx.update(10, 100);
    expect(() => idx.update(9, 100)).toThrow(RangeError);
    expect(() => idx.update(11, NaN)).toThrow(RangeError);
    expect(() => new PriceIndex({ externalWeight: 1.5 })).toThrow(RangeError);
  });
});

describe('PriceIndex EMA and external blend', () => {
  it('EMA moves halfway to a new level in one half-life', () => {
    const idx = new PriceIndex({ method: 'ema', halfLifeNs: 2 * NS_PER_SEC });
    idx.update(0, 100);
    idx.update(0, 200);
    expect(idx.value(2 * NS_PER_SEC)).toBeCloseTo(150, 10);
  });

  it('blends with the external reference: (1 - w) * internal + w * external', () => {
    const idx = new PriceIndex({ method: 'ema', externalWeight: 0.25 });
    idx.update(0, 100);
    expect(idx.started).toBe(false);
    expect(() => idx.value()).toThrow(RangeError);
    idx.updateExternal(200);
    expect(idx.started).toBe(true);
    expect(idx.value()).toBeCloseTo(125, 12);
    expect(idx.internalValue()).toBe(100);
  });

  it('weight 0 (the default) ignores the external reference', () => {
    const idx = new PriceIndex();
    idx.update(0, 100);
    idx.updateExternal(1000);
    expect(idx.value()).toBe(100);
  });
});
