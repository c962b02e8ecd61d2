/** Exact grid checks on decimals as users write them. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gridMultiple, gridNeighbours, productMultiple } from '../../../src/scenario/decimal.js';

describe('gridMultiple', () => {
  test.each([
    [60000, 0.1, 600000],
    [60000.05, 0.1, null],
    [60000.5, 0.5, 120001],
    [100.1, 0.1, 1001], // 100.1 / 0.1 = 1000.9999999999999 in floats
    [0.3, 0.1, 3], // 0.1 + 0.2 style noise does not matter: the literals are exact decimals
    [1e-7, 1e-8, 10],
    [2.5e-7, 1e-7, null],
    [250000.5, 0.0001, 2500005000],
    [0.0005, 0.001, null],
    [-0.2, 0.1, -2],
    [Number.NaN, 0.1, null],
    [Infinity, 0.1, null],
    [1, 0, null],
    [1e300, 1e-10, null], // not a safe integer count
  ] as const)('%d on %d -> %s', (value, step, n) => {
    expect(gridMultiple(value, step)).toBe(n);
  });

  test('n steps of a decimal step, written as decimals, are exactly n (property)', () => {
    const steps = [0.1, 0.5, 0.01, 0.001, 0.25, 1, 5, 0.0001];
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.constantFrom(...steps), (n, step) => {
        const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
        const value = Number((n * step).toFixed(decimals));
        expect(gridMultiple(value, step)).toBe(n);
        const off = Number((n * step + step / 10).toFixed(decimals + 1));
        expect(gridMultiple(off, step)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe('productMultiple and gridNeighbours', () => {
  test.each([
    [0.1, 0.001, 0.0001, 1],
    [0.5, 0.001, 0.0001, 5],
    [0.01, 0.001, 0.0001, null], // one tick x one lot is below one quote unit
    [1, 1, 0.0001, 10000],
  ] as const)('%d x %d on %d -> %s', (a, b, step, n) => {
    expect(productMultiple(a, b, step)).toBe(n);
  });
  test('neighbours of an off-grid value are the grid values around it', () => {
    expect(gridNeighbours(60000.25, 0.5)).toEqual([60000, 60000.5]);
    expect(gridNeighbours(0.0005, 0.001)).toEqual([0, 0.001]);
    expect(gridNeighbours(0.35, 0.1)).toEqual([0.3, 0.4]);
  });
});
