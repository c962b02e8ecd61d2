/**
 * Axis ticks and report number/time formats: nice steps, widened domains, exact tick labels,
 * clock-step time ticks, locale-free grouping and the missing-value dash.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NS_PER_HOUR, NS_PER_MIN, NS_PER_SEC } from '../../../src/model/time.js';
import { duration, esc, fixed, hmm, hmmss, hmmssms, MISSING, num, pct } from '../../../src/report/format.js';
import { niceDomain, niceStep, timeTicks, valueTicks } from '../../../src/report/svg/ticks.js';

describe('niceStep', () => {
  test.each([
    { raw: 0.3, step: 0.5 },
    { raw: 1, step: 1 },
    { raw: 1.2, step: 2 },
    { raw: 2, step: 2 },
    { raw: 4.9, step: 5 },
    { raw: 7, step: 10 },
    { raw: 430, step: 500 },
    { raw: 0.00021, step: 0.0005 },
  ])('$raw -> $step', ({ raw, step }) => expect(niceStep(raw)).toBeCloseTo(step, 12));

  test('is >= the raw step and at most 2.5 times it (property)', () => {
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), (raw) => {
      const s = niceStep(raw);
      return s >= raw * (1 - 1e-9) && s <= raw * 2.5 * (1 + 1e-9);
    }));
  });
});

describe('niceDomain and valueTicks', () => {
  test.each([
    { name: 'prices', min: 57_012, max: 60_488, domain: [57_000, 61_000], labels: ['57,000', '58,000', '59,000', '60,000', '61,000'] },
    { name: 'from zero', min: 0, max: 10, domain: [0, 10], labels: ['0', '2', '4', '6', '8', '10'] },
    { name: 'signed', min: -0.2, max: 0.3, domain: [-0.2, 0.3], labels: ['-0.2', '-0.1', '0.0', '0.1', '0.2', '0.3'] },
    { name: 'flat at 5', min: 5, max: 5, domain: [4, 6], labels: ['4.0', '4.5', '5.0', '5.5', '6.0'] },
    { name: 'flat at 60,000', min: 60_000, max: 60_000, domain: [50_000, 70_000], labels: ['50,000', '55,000', '60,000', '65,000', '70,000'] },
    { name: 'flat at 0', min: 0, max: 0, domain: [-1, 1], labels: ['-1.0', '-0.5', '0.0', '0.5', '1.0'] },
    { name: 'no data (NaN)', min: Number.NaN, max: Number.NaN, domain: [0, 1], labels: ['0.0', '0.2', '0.4', '0.6', '0.8', '1.0'] },
  ])('$name', ({ min, max, domain, labels }) => {
    const d = niceDomain(min, max);
    expect([d.min, d.max]).toEqual(domain);
    expect(valueTicks(d).map((t) => t.label)).toEqual(labels);
  });

  test('the domain covers the data and its ticks are evenly spaced multiples of the step (property)', () => {
    fc.assert(fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.double({ min: 1e-3, max: 1e7, noNaN: true }), (lo, width) => {
      const d = niceDomain(lo, lo + width);
      const ticks = valueTicks(d);
      const eps = d.step * 1e-6;
      return d.min <= lo + eps && d.max >= lo + width - eps && ticks.length >= 2 && ticks.length <= 12 &&
        ticks.every((t, k) => Math.abs(t.value - (d.min + k * d.step)) <= eps + Math.abs(t.value) * 1e-12);
    }));
  });
});

describe('timeTicks', () => {
  test.each([
    { name: '1 hour: every 10 min', end: NS_PER_HOUR, labels: ['0:00', '0:10', '0:20', '0:30', '0:40', '0:50', '1:00'] },
    { name: '30 min: every 5 min', end: 30 * NS_PER_MIN, labels: ['0:00', '0:05', '0:10', '0:15', '0:20', '0:25', '0:30'] },
    { name: '24 h: every 3 h', end: 24 * NS_PER_HOUR, labels: ['0:00', '3:00', '6:00', '9:00', '12:00', '15:00', '18:00', '21:00', '24:00'] },
    { name: '20 s: every 5 s with seconds', end: 20 * NS_PER_SEC, labels: ['0:00:00', '0:00:05', '0:00:10', '0:00:15', '0:00:20'] },
  ])('$name', ({ end, labels }) => expect(timeTicks(0, end).map((t) => t.label)).toEqual(labels));

  test('an offset window starts at the first whole step', () => {
    expect(timeTicks(7 * NS_PER_MIN, 40 * NS_PER_MIN).map((t) => t.label)).toEqual(['0:10', '0:15', '0:20', '0:25', '0:30', '0:35', '0:40']);
  });
});

describe('format', () => {
  test.each([
    { v: 884231.967, d: 0, text: '884,232' },
    { v: -1234567.5, d: 2, text: '-1,234,567.50' },
    { v: -0.0001, d: 2, text: '0.00' },
    { v: 999, d: 1, text: '999.0' },
    { v: Number.NaN, d: 2, text: MISSING },
    { v: Number.POSITIVE_INFINITY, d: 0, text: MISSING },
  ])('fixed($v, $d) = $text', ({ v, d, text }) => expect(fixed(v, d)).toBe(text));

  test.each([
    { v: 33, text: '33' },
    { v: 4.32352391578194, text: '4.324' },
    { v: 0.0011104, text: '0.001110' },
    { v: -0.025074, text: '-0.02507' },
    { v: 17206.1602, text: '17,206' },
    { v: 2e-9, text: '2.000e-9' },
  ])('num($v) = $text', ({ v, text }) => expect(num(v)).toBe(text));

  test('times and durations', () => {
    expect(hmm(83 * NS_PER_MIN + 59 * NS_PER_SEC)).toBe('1:23');
    expect(hmmss(3723 * NS_PER_SEC)).toBe('1:02:03');
    expect(hmmssms(2000 * NS_PER_SEC + 5_000_000)).toBe('0:33:20.005');
    expect(duration(90 * NS_PER_MIN)).toBe('1 h 30 m');
    expect(duration(30 * NS_PER_MIN)).toBe('30 m 0 s');
    expect(duration(3_090_006_931)).toBe('3.09 s');
    expect(pct(-0.0313)).toBe('-3.13%');
    expect(pct(Number.NaN)).toBe(MISSING);
  });

  test('esc escapes markup and quotes', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
