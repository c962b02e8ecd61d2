/**
 * Trigger index vs brute force: after random positions (cross and isolated, one or two
 * instruments) and random mark moves, `triggered` returns exactly the accounts whose liquidation
 * price the mark crossed, in the documented order, and the closed-form LP agrees with the exact
 * equity <= MM test away from the boundary. Multi-position cross accounts far from liquidation
 * are left out of the index between re-keys (house.ts `slack`); the scan must still agree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarginMode } from '../../src/venue/clearing/index.js';
import { ENTRY_TICKS, makeHouse } from '../unit/clearing/fixtures.js';

const N = 12;

describe('trigger index', () => {
  it('agrees with a brute-force scan', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.array(fc.record({ iso: fc.boolean(), lev: fc.integer({ min: 1, max: 100 }), dep: fc.integer({ min: 1e5, max: 1e8 }) }), { minLength: N, maxLength: N }),
        fc.array(fc.record({ a: fc.integer({ min: 0, max: N - 1 }), b: fc.integer({ min: 0, max: N - 1 }), inst: fc.nat(1), lots: fc.integer({ min: 1, max: 40 }), dp: fc.integer({ min: -5000, max: 5000 }) }), { maxLength: 40 }),
        // Large moves cross liquidation prices; small ones (a few ticks) exercise the skipped re-keys
        // of multi-position cross accounts far from liquidation (ClearingHouse.farFromLiquidation).
        fc.array(fc.record({ inst: fc.nat(1), dp: fc.oneof(fc.integer({ min: -150_000, max: 150_000 }), fc.integer({ min: -300, max: 300 })) }), { minLength: 1, maxLength: 60 }),
        (nInst, accts, trades, moves) => {
          const h = makeHouse({ instruments: nInst });
          accts.forEach((c, a) => {
            h.openAccount(a, c.iso ? MarginMode.Isolated : MarginMode.Cross, c.lev);
            h.deposit(a, c.dep);
          });
          for (const t of trades) {
            const inst = t.inst % nInst;
            if (t.a === t.b) continue;
            const px = ENTRY_TICKS + t.dp;
            h.applyFill(t.a, inst, 1, t.lots, px, 0);
            h.applyFill(t.b, inst, -1, t.lots, px, 0);
          }
          const out = new Int32Array(64);
          for (const m of moves) {
            const inst = m.inst % nInst;
            h.setMark(inst, ENTRY_TICKS + m.dp + 0.5);
            const n = h.triggered(inst, out);
            const got = Array.from(out.subarray(0, n));
            const longs: [number, number][] = [];
            const shorts: [number, number][] = [];
            for (let a = 0; a < N; a++) {
              const p = h.ledger.position(a, inst);
              if (p === 0) continue;
              const lp = h.margin.liquidationTicks(a, inst, h.marks);
              const mark = h.marks[inst] as number;
              if (p > 0 && lp >= mark) longs.push([lp, a]);
              if (p < 0 && lp <= mark) shorts.push([lp, a]);
              // Exact test agrees with the closed form away from the boundary.
              if (Number.isFinite(lp) && Math.abs(lp - mark) > 1e-6 * mark) {
                const crossed = p > 0 ? lp >= mark : lp <= mark;
                const iso = h.margin.isIsolated(a);
                if (iso || nInst === 1 || h.ledger.openPositions[a] === 1) expect(h.margin.isLiquidatable(a, inst, h.marks)).toBe(crossed);
              }
            }
            longs.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
            shorts.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
            expect(got).toEqual([...longs, ...shorts].map((x) => x[1]));
            for (const a of got) h.reindex(a);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
