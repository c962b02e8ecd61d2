/**
 * ClientOrderIndex ((owner, clientOrderId) -> orderId, typed open addressing) against a Map of
 * Maps, the structure it replaced, on random command streams (including growth and deletes that
 * shift probe runs), plus the "delete only if it still maps to this order" rule.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClientOrderIndex } from '../../../src/venue/trading/clientOrderIndex.js';

describe('ClientOrderIndex', () => {
  it('deleteIf keeps a newer order that reused the client id', () => {
    const ix = new ClientOrderIndex(4);
    ix.set(7, 100, 1);
    ix.set(7, 100, 2); // client id reused by a newer live order
    expect(ix.deleteIf(7, 100, 1)).toBe(false);
    expect(ix.get(7, 100)).toBe(2);
    expect(ix.deleteIf(7, 100, 2)).toBe(true);
    expect([ix.get(7, 100), ix.size]).toEqual([0, 0]);
  });

  const keyCases: { name: string; owner: number; coid: number }[] = [
    { name: 'owner 0', owner: 0, coid: 1 },
    { name: 'large safe client id', owner: 3, coid: 2 ** 52 + 1 },
    { name: 'negative client id', owner: 5, coid: -9 },
    { name: 'fractional client id', owner: 5, coid: 2.5 },
  ];
  it.each(keyCases)('stores and removes keys: $name', (c) => {
    const ix = new ClientOrderIndex(2);
    ix.set(c.owner, c.coid, 42);
    ix.set(c.owner + 1, c.coid, 43);
    expect([ix.get(c.owner, c.coid), ix.get(c.owner + 1, c.coid)]).toEqual([42, 43]);
    expect(ix.deleteIf(c.owner, c.coid, 42)).toBe(true);
    expect([ix.get(c.owner, c.coid), ix.get(c.owner + 1, c.coid)]).toEqual([0, 43]);
  });

  it('property: agrees with a Map of Maps on random set / deleteIf / get streams', () => {
    const op = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 5 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const ix = new ClientOrderIndex(2);
        const ref = new Map<number, Map<number, number>>();
        for (const [kind, owner, coid, id] of ops) {
          if (kind === 0) {
            ix.set(owner, coid, id);
            let m = ref.get(owner);
            if (m === undefined) ref.set(owner, (m = new Map()));
            m.set(coid, id);
          } else if (kind === 1) {
            const m = ref.get(owner);
            const want = m !== undefined && m.get(coid) === id;
            if (want) m?.delete(coid);
            expect(ix.deleteIf(owner, coid, id)).toBe(want);
          }
          expect(ix.get(owner, coid)).toBe(ref.get(owner)?.get(coid) ?? 0);
        }
        let n = 0;
        for (const [owner, m] of ref) for (const [coid, id] of m) {
          n++;
          expect(ix.get(owner, coid)).toBe(id);
        }
        expect(ix.size).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});
