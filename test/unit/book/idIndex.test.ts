/** The orderId -> slot hash index against a Map, over random insert/delete/get sequences. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABSENT, IdIndex, OrderIdIndex } from '../../../src/book/idIndex.js';

const keyArb = fc.oneof(fc.constantFrom(0, -1, 0.5, Number.NaN), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 2 ** 40 }), fc.constant(Number.MAX_SAFE_INTEGER), fc.integer({ min: 2 ** 32 - 4, max: 2 ** 32 + 4 }));
const opArb = fc.tuple(fc.constantFrom('set', 'delete', 'get'), keyArb, fc.integer({ min: 0, max: 1e6 }));

describe('IdIndex', () => {
  it('behaves like a Map under random sets, deletes and gets (including growth and backward shifts)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const idx = new IdIndex(1);
        const ref = new Map<number, number>();
        for (const [op, key, val] of ops) {
          if (op === 'set' && Number.isSafeInteger(key) && key > 0) {
            idx.set(key, val);
            ref.set(key, val);
          } else if (op === 'delete' || op === 'set') {
            expect(idx.delete(key)).toBe(ref.delete(key));
          } else {
            expect(idx.get(key)).toBe(ref.get(key) ?? ABSENT);
          }
          expect(idx.size).toBe(ref.size);
        }
        for (const [k, v] of ref) expect(idx.get(k)).toBe(v);
      }),
      { seed: 99, numRuns: 300 },
    );
  });

  it('handles a sliding window of sequential ids (the venue pattern) with a bounded table', () => {
    const idx = new IdIndex(16);
    for (let id = 1; id <= 200_000; id++) {
      idx.set(id, id % 1000);
      if (id > 100) expect(idx.delete(id - 100)).toBe(true);
    }
    expect(idx.size).toBe(100);
    expect(idx.get(200_000)).toBe(0);
    expect(idx.get(199_900)).toBe(ABSENT);
    expect(idx.get(199_901)).toBe(901);
  });
});

describe('OrderIdIndex', () => {
  it('behaves like a Map under random inserts of absent keys, deletes and gets, with a tiny ring that forces overflow', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const idx = new OrderIdIndex(2, 1);
        const ref = new Map<number, number>();
        for (const [op, key, val] of ops) {
          if (op === 'set' && Number.isSafeInteger(key) && key > 0 && !ref.has(key)) {
            idx.set(key, val);
            ref.set(key, val);
          } else if (op === 'delete' || op === 'set') {
            expect(idx.delete(key)).toBe(ref.delete(key));
          } else {
            expect(idx.get(key)).toBe(ref.get(key) ?? ABSENT);
          }
          expect(idx.size).toBe(ref.size);
        }
        for (const [k, v] of ref) expect(idx.get(k)).toBe(v);
      }),
      { seed: 100, numRuns: 300 },
    );
  });

  it('keeps an old live id reachable after the ring wrapped many times', () => {
    const idx = new OrderIdIndex(4);
    idx.set(3, 33);
    for (let id = 4; id < 10_000; id++) {
      idx.set(id, id & 7);
      expect(idx.delete(id)).toBe(true);
    }
    expect(idx.get(3)).toBe(33);
    expect(idx.size).toBe(1);
    expect(idx.delete(3)).toBe(true);
    expect(idx.get(3)).toBe(ABSENT);
  });
});
