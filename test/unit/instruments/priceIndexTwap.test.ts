/**
 * The TWAP index's O(1) incremental sums against a naive reference that re-integrates the kept
 * samples on every query (the semantics of priceIndex.ts: previous-tick steps, a same-instant
 * sample replaces, samples whose successor starts at or before the window start are dropped,
 * a full ring drops its oldest).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PriceIndex } from '../../../src/instruments/priceIndex.js';

class NaiveTwap {
  private readonly t: number[] = [];
  private readonly v: number[] = [];
  constructor(private readonly windowNs: number, private readonly capacity: number) {}
  update(tNs: number, value: number): void {
    const n = this.t.length;
    if (n > 0 && this.t[n - 1] === tNs) this.v[n - 1] = value;
    else {
      if (n === this.capacity) {
        this.t.shift();
        this.v.shift();
      }
      this.t.push(tNs);
      this.v.push(value);
    }
    while (this.t.length > 1 && (this.t[1] as number) <= tNs - this.windowNs) {
      this.t.shift();
      this.v.shift();
    }
  }
  value(nowNs: number): number {
    const from = nowNs - this.windowNs;
    let w = 0;
    let c = 0;
    for (let j = 0; j < this.t.length; j++) {
      const start = Math.max(this.t[j] as number, from);
      const end = j + 1 < this.t.length ? Math.min(this.t[j + 1] as number, nowNs) : nowNs;
      if (end > start) {
        w += (this.v[j] as number) * (end - start);
        c += end - start;
      }
    }
    return c === 0 ? (this.v[this.v.length - 1] as number) : w / c;
  }
}

describe('PriceIndex TWAP incremental sums', () => {
  const cases: { name: string; windowNs: number; capacity: number; gapMax: number }[] = [
    { name: 'many samples per window', windowNs: 1_000, capacity: 4096, gapMax: 20 },
    { name: 'sparse samples (often one or two in the window)', windowNs: 50, capacity: 4096, gapMax: 120 },
    { name: 'a small ring that overflows', windowNs: 10_000, capacity: 8, gapMax: 30 },
    { name: 'same-instant replacements', windowNs: 100, capacity: 64, gapMax: 2 },
  ];
  it.each(cases)('matches the naive reference at every update and later queries: $name', (c) => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: c.gapMax }), fc.double({ min: 1, max: 2000, noNaN: true }), fc.integer({ min: 0, max: 3 * c.windowNs })), { minLength: 1, maxLength: 400 }),
        (steps) => {
          const idx = new PriceIndex({ method: 'twap', windowNs: c.windowNs, capacity: c.capacity });
          const ref = new NaiveTwap(c.windowNs, c.capacity);
          let t = 1_000_000;
          for (const [gap, value, later] of steps) {
            t += gap;
            idx.update(t, value);
            ref.update(t, value);
            const want = ref.value(t);
            expect(Math.abs(idx.value() - want)).toBeLessThanOrEqual(1e-9 * want);
            const wantLater = ref.value(t + later);
            expect(Math.abs(idx.value(t + later) - wantLater)).toBeLessThanOrEqual(1e-9 * wantLater);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stays within 1e-12 of the reference over a long run (drift is bounded by periodic rebuilds)', () => {
    const idx = new PriceIndex({ method: 'twap', windowNs: 60_000_000_000 });
    const ref = new NaiveTwap(60_000_000_000, 4096);
    let t = 0;
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      t += 10_000_000 + ((i * 7919) % 90_000_000);
      const v = 1000 + 50 * Math.sin(i / 500) + ((i * 31) % 17) * 0.01;
      idx.update(t, v);
      ref.update(t, v);
      if (i % 997 === 0) worst = Math.max(worst, Math.abs(idx.value() - ref.value(t)) / v);
    }
    expect(worst).toBeLessThan(1e-12);
  });
});
