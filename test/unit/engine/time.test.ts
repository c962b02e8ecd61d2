import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assertTimeNs,
  durationNs,
  formatDurationNs,
  NS_PER_DAY,
  NS_PER_HOUR,
  NS_PER_MIN,
  NS_PER_MS,
  NS_PER_SEC,
  NS_PER_US,
  parseDurationNs,
} from '../../../src/engine/time.js';

const good: ReadonlyArray<readonly [string, number]> = [
  ['0', 0],
  ['0s', 0],
  ['1ns', 1],
  ['250ms', 250 * NS_PER_MS],
  ['1.5s', 1.5 * NS_PER_SEC],
  ['8h', 8 * NS_PER_HOUR],
  ['1h30m', NS_PER_HOUR + 30 * NS_PER_MIN],
  ['1h 30m', NS_PER_HOUR + 30 * NS_PER_MIN],
  ['  2d  ', 2 * NS_PER_DAY],
  ['5min', 5 * NS_PER_MIN],
  ['3us', 3 * NS_PER_US],
  ['3µs', 3 * NS_PER_US],
  ['1m30s', NS_PER_MIN + 30 * NS_PER_SEC],
  ['1 h', NS_PER_HOUR],
  ['0.1s', 100 * NS_PER_MS],
  ['100d', 100 * NS_PER_DAY],
];

const bad: ReadonlyArray<readonly [string, RegExp]> = [
  ['', /empty/],
  ['   ', /empty/],
  ['5', /invalid duration/],
  ['-5s', /invalid duration/],
  ['5x', /invalid duration/],
  ['s', /invalid duration/],
  ['1.5.3s', /invalid duration/],
  ['1e3s', /invalid duration/],
  ['5mins', /invalid duration/],
  ['NaN', /invalid duration/],
  ['Infinity', /invalid duration/],
  ['105d', /too long/],
];

describe('parseDurationNs', () => {
  it.each(good)('parses %j as %d ns', (text, ns) => {
    expect(parseDurationNs(text)).toBe(ns);
    expect(durationNs(text)).toBe(ns);
  });
  it.each(bad)('rejects %j', (text, message) => {
    const r = parseDurationNs(text);
    expect(typeof r).toBe('object');
    expect((r as { error: string }).error).toMatch(message);
    expect(() => durationNs(text)).toThrow(RangeError);
  });
});

describe('formatDurationNs', () => {
  const table: ReadonlyArray<readonly [number, string]> = [
    [0, '0s'],
    [1, '1ns'],
    [1500, '1500ns'],
    [3 * NS_PER_US, '3us'],
    [250 * NS_PER_MS, '250ms'],
    [NS_PER_HOUR + 30 * NS_PER_MIN, '1h30m'],
    [NS_PER_DAY + NS_PER_SEC + 7, '1d1s7ns'],
    [-250 * NS_PER_MS, '-250ms'],
  ];
  it.each(table)('formats %d as %j', (ns, text) => {
    expect(formatDurationNs(ns)).toBe(text);
  });
  it.each([NaN, Infinity, 1.5, 2 ** 53])('rejects %d', (ns) => {
    expect(() => formatDurationNs(ns)).toThrow(RangeError);
  });
  it('round-trips every safe non-negative integer through parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (ns) => {
        expect(parseDurationNs(formatDurationNs(ns))).toBe(ns);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('assertTimeNs', () => {
  it.each([0, 1, Number.MAX_SAFE_INTEGER])('accepts %d', (t) => {
    expect(() => assertTimeNs(t)).not.toThrow();
  });
  it.each([-1, 0.5, NaN, Infinity, 2 ** 53])('rejects %d and names the value', (t) => {
    expect(() => assertTimeNs(t, 'wake')).toThrow(/wake must be a safe non-negative integer/);
  });
});
