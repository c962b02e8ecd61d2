/**
 * Clearing properties over random sequences of trades (checked and unchecked, between random
 * accounts at random prices), mark moves, funding, liquidations with partial fills and ADL:
 * - total money (accounts + fees + insurance + rounding + socialized + liquidator) is conserved exactly;
 * - open long lots equal open short lots per instrument;
 * - the liquidator's cash is always swept (0) and the fund never goes negative;
 * - at the end, after liquidating everything liquidatable and covering flat negative wallets, no
 *   account has negative equity, and the socialized loss equals the sum of recorded deficits, each
 *   recorded only when the fund was empty.
 * Up to three instruments with their own value per tick and lot and their own price level (a
 * venue listing several underlyings, e.g. BTC and ETH perps margined together): money (the one
 * settlement currency) and lots of every instrument (each base asset) are conserved. Half the
 * runs liquidate down the brackets first (LiquidationParams.stepDown).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiqEvent, MarginMode, SystemAccount, makeBrackets, type ClearingHouse, type LiquidationOrder, type LiquidationStep } from '../../src/venue/clearing/index.js';
import { ENTRY_TICKS, LIQUIDATOR, makeHouse } from '../unit/clearing/fixtures.js';

const N = 8;
const TIGHT = makeBrackets([[0, 125, 0.004], [2_000, 100, 0.005], [10_000, 50, 0.01], [40_000, 20, 0.025], [400_000, 10, 0.05]]);

const cmdArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ k: fc.constant('trade' as const), a: fc.nat(N - 1), b: fc.nat(N - 1), inst: fc.nat(2), lots: fc.integer({ min: 1, max: 60 }), dp: fc.integer({ min: -30_000, max: 30_000 }), checked: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('mark' as const), inst: fc.nat(2), dp: fc.integer({ min: -80_000, max: 80_000 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('funding' as const), inst: fc.nat(2), rate: fc.integer({ min: -300, max: 300 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('liq' as const), fills: fc.array(fc.record({ cp: fc.nat(N - 1), frac: fc.integer({ min: 0, max: 4 }), off: fc.integer({ min: -20_000, max: 20_000 }), force: fc.boolean() }), { maxLength: 6 }) }) },
);

function check(h: ClearingHouse, nInst: number): void {
  expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  for (let i = 0; i < nInst; i++) expect(h.ledger.openLots(i, 1)).toBe(h.ledger.openLots(i, -1));
  expect(h.ledger.wallet[LIQUIDATOR]).toBe(0);
  expect(h.ledger.system[SystemAccount.Insurance]).toBeGreaterThanOrEqual(0);
  expect(h.ledger.system[SystemAccount.Socialized]).toBeLessThanOrEqual(0);
}

/** Liquidates what the index reports, then works the close orders with scripted fills. */
function liquidationPass(h: ClearingHouse, nInst: number, fills: { cp: number; frac: number; off: number; force: boolean }[], sink: (s: Readonly<LiquidationStep>) => void, bruteForce: boolean): void {
  const out = new Int32Array(64);
  for (let i = 0; i < nInst; i++) {
    let n: number;
    while ((n = h.triggered(i, out)) > 0) for (let j = 0; j < n; j++) h.liquidate(out[j] as number, i, sink);
    if (bruteForce) for (let a = 0; a < N; a++) if (h.isLiquidatable(a, i)) h.liquidate(a, i, sink);
  }
  const o: LiquidationOrder = { liquidationId: 0, instrument: 0, side: 0, sizeLots: 0, limitTicks: 0 };
  let k = 0;
  while (h.nextLiquidationOrder(o)) {
    const f = fills[k++];
    if (f !== undefined && f.frac > 0) {
      const lots = Math.max(1, Math.floor((o.sizeLots * f.frac) / 4));
      const mark = Math.round(h.marks[o.instrument] as number);
      // A book respects the limit (sell at >= limit, buy at <= limit); `force` models a venue
      // backstop that fills at mark + off regardless, so the fund can run dry (socialized loss).
      const px = f.force ? Math.max(1, mark + f.off) : o.side < 0 ? Math.max(o.limitTicks, mark + f.off, 1) : Math.max(1, Math.min(o.limitTicks, mark + f.off));
      if (f.cp !== LIQUIDATOR && (f.force || (o.side > 0 ? px <= o.limitTicks : px >= o.limitTicks))) {
        h.applyFill(f.cp, o.instrument, -o.side, lots, px, 0);
        h.onLiquidationFill(o.liquidationId, lots, px, sink);
      }
    }
    h.onLiquidationOrderDone(o.liquidationId, sink);
    check(h, nInst);
  }
}

describe('clearing conservation and solvency', () => {
  it('conserves money and lots; socialized loss equals the uncovered deficit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 3, maxLength: 3 }),
        // Price level of each instrument: 1 = ENTRY_TICKS (a BTC-like 100,000), 20 = 5,000 (ETH-like).
        fc.array(fc.constantFrom(1, 4, 20), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 5e6 }),
        // Partial liquidation down the brackets (stepDown.ts) or all-or-nothing takeover.
        fc.boolean(),
        fc.array(fc.record({ iso: fc.boolean(), lev: fc.integer({ min: 5, max: 125 }), dep: fc.integer({ min: 1e5, max: 5e7 }) }), { minLength: N, maxLength: N }),
        fc.array(cmdArb, { maxLength: 100 }),
        (nInst, qs, levels, fund, stepDown, accts, cmds) => {
          // Step-down runs use brackets 25x tighter than Binance's (floors 2k, 10k, 40k USD), so the
          // random positions reach the upper brackets and the cuts happen.
          const h = makeHouse({ instruments: nInst, qs, fund, liq: { feeRate: 0.005, chunkFraction: 0.5, stepDown }, ...(stepDown ? { brackets: TIGHT } : {}) });
          const level = (i: number): number => levels[i] as number;
          for (let i = 0; i < nInst; i++) h.setMark(i, ENTRY_TICKS / level(i));
          const steps: LiquidationStep[] = [];
          const sink = (s: Readonly<LiquidationStep>): void => void steps.push({ ...s });
          accts.forEach((c, a) => {
            h.openAccount(a, c.iso ? MarginMode.Isolated : MarginMode.Cross, c.lev);
            h.deposit(a, c.dep);
          });
          const fr = { paidByLongsUnits: 0, roundingUnits: 0, openInterestLots: 0 };
          for (const c of cmds) {
            if (c.k === 'trade') {
              const inst = c.inst % nInst;
              if (c.a === c.b) continue;
              const px = Math.max(1, Math.round((h.marks[inst] as number) + c.dp / level(inst)));
              const fee = c.checked ? Math.round(c.lots * px * (qs[inst] as number) * 0.0005) : 0;
              if (c.checked && (h.checkOrder(c.a, inst, 1, c.lots, px, false, 0, fee) !== 0 || h.checkOrder(c.b, inst, -1, c.lots, px) !== 0)) continue;
              h.applyFill(c.a, inst, 1, c.lots, px, fee);
              h.applyFill(c.b, inst, -1, c.lots, px, -Math.floor(fee / 3));
            } else if (c.k === 'mark') {
              const inst = c.inst % nInst;
              h.setMark(inst, Math.max(1000 / level(inst), (h.marks[inst] as number) + c.dp / level(inst)));
            } else if (c.k === 'funding') {
              h.settleFunding(c.inst % nInst, c.rate / 1e5, fr);
            } else {
              liquidationPass(h, nInst, c.fills, sink, false);
            }
            check(h, nInst);
          }
          // Wind down: liquidate everything liquidatable (ADL for what the fills leave), cover flat deficits.
          for (let round = 0; round < 5; round++) liquidationPass(h, nInst, [], sink, true);
          for (let a = 0; a < N; a++) h.coverNegative(a, 0, sink);
          check(h, nInst);
          for (let a = 0; a < N; a++) {
            for (let i = 0; i < nInst; i++) expect(h.isLiquidatable(a, i)).toBe(false);
            if (h.margin.isIsolated(a)) {
              expect(h.ledger.wallet[a]).toBeGreaterThanOrEqual(0);
              for (let i = 0; i < nInst; i++) if (h.ledger.position(a, i) !== 0) expect(h.margin.equity(a, h.marks, i)).toBeGreaterThan(0);
            } else {
              expect(h.margin.equity(a, h.marks)).toBeGreaterThanOrEqual(0);
            }
          }
          const social = steps.filter((s) => s.event === LiqEvent.SocializedLoss);
          expect(social.reduce((t, s) => t + s.socializedLossUnits, 0) + (h.ledger.system[SystemAccount.Socialized] as number)).toBe(0);
          for (const s of social) expect(s.insuranceFundUnits).toBe(0);
          const draws = steps.filter((s) => s.event === LiqEvent.InsuranceDraw);
          for (const s of draws) expect(s.insuranceDrawUnits).toBeGreaterThan(0);
        },
      ),
      { numRuns: 400 },
    );
  });
});
