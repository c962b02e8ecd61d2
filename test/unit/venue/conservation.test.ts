/**
 * Money and position conservation across a busy scripted run (scriptedRun.ts): at the end, perp
 * clearing money equals deposits, spot cash plus spot fees is zero, and positions net to zero per
 * instrument.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FUNDING, TRADES } from '../../../src/model/tables.js';
import type { World } from './harness.js';
import { runWorld } from './scriptedRun.js';

function checkConservation(w: World): void {
  const money = w.venue.moneyCheck();
  expect(money.clearingTotalUnits).toBe(money.depositedUnits);
  expect(money.spotTotalUnits).toBe(0);
  const L = w.venue.house.ledger;
  for (const inst of [0, 1]) {
    let perp = 0;
    let spot = 0;
    for (let a = 0; a < Math.max(L.accountCount, w.venue.spot.accountCount); a++) {
      perp += L.position(a, inst);
      spot += w.venue.spot.basePosition(a, inst);
    }
    expect([inst, perp, spot]).toEqual([inst, 0, 0]);
  }
}

describe('CexVenue conservation', () => {
  it('conserves money and positions through trading, a crash with liquidations, and funding', () => {
    const w = runWorld(0);
    checkConservation(w);
    expect(w.table(TRADES).rows.length).toBeGreaterThan(100);
    expect(w.table(FUNDING).rows.length).toBe(4);
    expect(w.venue.liquidationsStarted).toBeGreaterThan(0);
  });

  it('property: conservation holds for other timings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (shift) => {
        checkConservation(runWorld(shift));
      }),
      { numRuns: 5 },
    );
  });
});
