/**
 * Liquidation and bankruptcy prices against hand-computed worked examples.
 * Position: 100 lots = 0.1 BTC at E = 100,000 USD (1,000,000 ticks, q = 1), notional
 * N = 100 * 1,000,000 = 1e8 quote units = 10,000 USD, bracket 1 (mmr 0.4 %, cum 0).
 * Isolated margin WB = N / L. Long LP = (C - WB - cum) / (Q q (1 - mmr)) with C = +1e8;
 * short LP = (C - WB - cum) / (Q q (-1 - mmr)) with C = -1e8.
 */
import { describe, expect, it } from 'vitest';
import { BINANCE_BTCUSDT_BRACKETS, MarginMode, bankruptcyTicks, isolatedLiquidationSimple, liquidationTicks, maintenanceMargin } from '../../../src/venue/clearing/index.js';
import { ENTRY_TICKS, makeHouse } from './fixtures.js';

const CASES = [
  // L=10: WB=1e7. long (1e8-1e7)/(100*0.996) = 9e7/99.6 = 903,614.4578 ticks (90,361.45 USD);
  //       short (1e8+1e7)/(100*1.004) = 1.1e8/100.4 = 1,095,617.5299; BP long 9e7/100 = 900,000, short 1.1e8/100 = 1,100,000
  { name: '10x', L: 10, long: 903_614.4578, short: 1_095_617.5299, bpLong: 900_000, bpShort: 1_100_000 },
  // L=20: WB=5e6. long 9.5e7/99.6 = 953,815.2610; short 1.05e8/100.4 = 1,045,816.7331; BP 950,000 / 1,050,000
  { name: '20x', L: 20, long: 953_815.261, short: 1_045_816.7331, bpLong: 950_000, bpShort: 1_050_000 },
  // L=50: WB=2e6. long 9.8e7/99.6 = 983,935.7430; short 1.02e8/100.4 = 1,015,936.2550; BP 980,000 / 1,020,000
  { name: '50x', L: 50, long: 983_935.743, short: 1_015_936.255, bpLong: 980_000, bpShort: 1_020_000 },
  // L=100: WB=1e6. long 9.9e7/99.6 = 993,975.9036 (99,397.59 USD, as in crypto-mechanics.md §2.3);
  //        short 1.01e8/100.4 = 1,005,976.0956; BP 990,000 / 1,010,000
  { name: '100x', L: 100, long: 993_975.9036, short: 1_005_976.0956, bpLong: 990_000, bpShort: 1_010_000 },
];

describe('liquidation price, isolated, closed form', () => {
  for (const c of CASES) {
    it(`${c.name}: long and short LP/BP match the hand values`, () => {
      const wb = 1e8 / c.L;
      expect(liquidationTicks(1, 100, 1e8, wb, 1, BINANCE_BTCUSDT_BRACKETS)).toBeCloseTo(c.long, 3);
      expect(liquidationTicks(-1, 100, -1e8, wb, 1, BINANCE_BTCUSDT_BRACKETS)).toBeCloseTo(c.short, 3);
      expect(bankruptcyTicks(1, 100, 1e8, wb, 1)).toBeCloseTo(c.bpLong, 6);
      expect(bankruptcyTicks(-1, 100, -1e8, wb, 1)).toBeCloseTo(c.bpShort, 6);
      // Same numbers from the textbook simplification E(1 -+ 1/L)/(1 -+ mmr).
      expect(isolatedLiquidationSimple(1, ENTRY_TICKS, c.L, 0.004)).toBeCloseTo(c.long, 3);
      expect(isolatedLiquidationSimple(-1, ENTRY_TICKS, c.L, 0.004)).toBeCloseTo(c.short, 3);
    });

    it(`${c.name}: the house computes the same LP for a real isolated position and triggers on crossing`, () => {
      const house = makeHouse();
      house.openAccount(1, MarginMode.Isolated, c.L);
      house.openAccount(2, MarginMode.Isolated, c.L);
      house.openAccount(3, MarginMode.Cross, 1);
      house.deposit(1, 1e8);
      house.deposit(2, 1e8);
      house.deposit(3, 1e9);
      house.applyFill(1, 0, 1, 100, ENTRY_TICKS, 0);
      house.applyFill(3, 0, -1, 100, ENTRY_TICKS, 0);
      house.applyFill(2, 0, -1, 100, ENTRY_TICKS, 0);
      house.applyFill(3, 0, 1, 100, ENTRY_TICKS, 0);
      expect(house.ledger.isoMargin[house.ledger.slot(1, 0)]).toBe(1e8 / c.L);
      expect(house.margin.liquidationTicks(1, 0, house.marks)).toBeCloseTo(c.long, 3);
      expect(house.margin.liquidationTicks(2, 0, house.marks)).toBeCloseTo(c.short, 3);
      const out = new Int32Array(8);
      house.setMark(0, Math.ceil(c.long));
      expect(house.triggered(0, out)).toBe(0);
      expect(house.isLiquidatable(1, 0)).toBe(false);
      house.setMark(0, Math.floor(c.long));
      expect(house.triggered(0, out)).toBe(1);
      expect(out[0]).toBe(1);
      expect(house.isLiquidatable(1, 0)).toBe(true);
      house.setMark(0, Math.floor(c.short));
      expect(house.isLiquidatable(2, 0)).toBe(false);
      house.setMark(0, Math.ceil(c.short));
      expect(house.triggered(0, out)).toBe(1);
      expect(out[0]).toBe(2);
      expect(house.isLiquidatable(2, 0)).toBe(true);
    });
  }

  it('re-picks the bracket at the liquidation price (2 BTC long at 10x, bracket 2 with cum)', () => {
    // Q = 2000 lots, C = 2e9 (200,000 USD, bracket 50k-250k: mmr 0.5 %, cum = 50,000 USD * 0.1 % =
    // 50 USD = 500,000 units), WB = 2e8. LP = (2e9 - 2e8 - 5e5) / (2000 * 0.995) = 1,799,500,000 / 1990
    // = 904,271.3568 ticks; notional there 1.8085e9 units = 180,854 USD, inside bracket 2.
    expect(BINANCE_BTCUSDT_BRACKETS[1]?.cumUnits).toBeCloseTo(500_000, 6);
    const lp = liquidationTicks(1, 2000, 2e9, 2e8, 1, BINANCE_BTCUSDT_BRACKETS);
    expect(lp).toBeCloseTo(904_271.3568, 3);
    // At LP, equity equals MM exactly: 2e8 + 2000*lp - 2e9 = 2000*lp*0.005 - 5e5.
    expect(2e8 + 2000 * lp - 2e9).toBeCloseTo(maintenanceMargin(BINANCE_BTCUSDT_BRACKETS, 2000 * lp), 3);
  });

  it('maintenance margin is continuous across every bracket boundary', () => {
    for (const b of BINANCE_BTCUSDT_BRACKETS.slice(1)) {
      const below = maintenanceMargin(BINANCE_BTCUSDT_BRACKETS, b.floorUnits - 1e-3);
      const at = maintenanceMargin(BINANCE_BTCUSDT_BRACKETS, b.floorUnits);
      expect(Math.abs(at - below)).toBeLessThan(1);
    }
  });

  it('a 1x long cannot be liquidated (LP <= 0 -> -Infinity)', () => {
    expect(liquidationTicks(1, 100, 1e8, 1e8, 1, BINANCE_BTCUSDT_BRACKETS)).toBe(-Infinity);
  });
});
