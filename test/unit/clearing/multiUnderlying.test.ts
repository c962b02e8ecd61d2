/**
 * Cross margin across underlyings (issue 18 part 4, docs/clearing.md "Several underlyings at one
 * venue"): one house margins a BTC perp and an ETH perp; a cross account's maintenance margin
 * is the sum of per-position requirements, each at its own mark. The worked example of the docs
 * (the contagion scenario's closest account): long 2 ETH at 3,000 and 0.1 BTC at 60,000, mmr
 * 0.5 %, 1/L = 0.0249, collateral 298.8 USD. Isolated ETH LP 2,940.0; cross 2,880.0 with BTC at
 * 60,000 and 2,930.0 with BTC at 59,000; past it the takeover closes both legs.
 */
import { describe, expect, it } from 'vitest';
import { ClearingHouse, DEFAULT_LIQUIDATION_PARAMS, MarginMode, makeBrackets } from '../../../src/venue/clearing/index.js';
import { LIQUIDATOR, stepLog } from './fixtures.js';

// BTC: tick 0.5, lot 0.001 -> q = 5 units; ETH: tick 0.05, lot 0.01 -> q = 5 units.
const BTC = 0;
const ETH = 1;
const BTC_TICK = 0.5;
const ETH_TICK = 0.05;
const ACCT = 1;
const CPTY = 2;
const brackets = makeBrackets([[0, 100, 0.005]]);

function house(mode: MarginMode): ClearingHouse {
  const h = new ClearingHouse({
    instruments: [
      { instrumentId: BTC, quotePerTickLot: 5, brackets },
      { instrumentId: ETH, quotePerTickLot: 5, brackets },
    ],
    liquidatorAccount: LIQUIDATOR,
    insuranceFundUnits: 1e9,
    liquidation: DEFAULT_LIQUIDATION_PARAMS,
  });
  h.setMark(BTC, 60_000 / BTC_TICK);
  h.setMark(ETH, 3_000 / ETH_TICK);
  h.openAccount(ACCT, mode, 1 / 0.0249);
  h.deposit(ACCT, 2_988_000); // 298.8 USD = 12,000 x 0.0249
  h.openAccount(CPTY, MarginMode.Cross, 1);
  h.deposit(CPTY, 1e10);
  h.bookInitialPosition(ACCT, CPTY, BTC, 100, 60_000 / BTC_TICK);
  h.bookInitialPosition(ACCT, CPTY, ETH, 200, 3_000 / ETH_TICK);
  return h;
}

describe('cross margin across underlyings', () => {
  it('isolated: each leg has its own bucket (ETH LP 2,940.0, BTC LP 58,800.0)', () => {
    const h = house(MarginMode.Isolated);
    expect(h.margin.liquidationTicks(ACCT, ETH, h.marks) * ETH_TICK).toBeCloseTo(2_940, 1);
    expect(h.margin.liquidationTicks(ACCT, BTC, h.marks) * BTC_TICK).toBeCloseTo(58_800, 0);
  });

  it('cross: MM is the sum of per-position requirements at their marks; ETH LP 2,880.0, then 2,930.0 after BTC falls to 59,000', () => {
    const h = house(MarginMode.Cross);
    // MM = 0.5 % x (6,000 + 6,000) USD = 60 USD = 600,000 units.
    expect(h.margin.maintenance(ACCT, h.marks)).toBeCloseTo(600_000, 3);
    expect(h.margin.liquidationTicks(ACCT, ETH, h.marks) * ETH_TICK).toBeCloseTo(2_880, 1);
    h.setMark(BTC, 59_000 / BTC_TICK);
    // MM moves with the BTC mark: 0.5 % x (5,900 + 6,000).
    expect(h.margin.maintenance(ACCT, h.marks)).toBeCloseTo(595_000, 3);
    expect(h.margin.liquidationTicks(ACCT, ETH, h.marks) * ETH_TICK).toBeCloseTo(2_930, 1);
    // The exact test agrees on either side of it.
    h.setMark(ETH, 2_930.1 / ETH_TICK);
    expect(h.isLiquidatable(ACCT, ETH)).toBe(false);
    h.setMark(ETH, 2_929.9 / ETH_TICK);
    expect(h.isLiquidatable(ACCT, ETH)).toBe(true);
  });

  it('the ETH mark crossing the cross LP triggers the account and the takeover closes both legs', () => {
    const h = house(MarginMode.Cross);
    const out = new Int32Array(8);
    h.setMark(ETH, 2_880.5 / ETH_TICK);
    expect(h.triggered(ETH, out)).toBe(0);
    h.setMark(ETH, 2_879.5 / ETH_TICK);
    const n = h.triggered(ETH, out);
    expect(Array.from(out.subarray(0, n))).toEqual([ACCT]);
    const log = stepLog();
    expect(h.liquidate(ACCT, ETH, log.sink)).toBe(2);
    expect(h.ledger.position(ACCT, BTC)).toBe(0);
    expect(h.ledger.position(ACCT, ETH)).toBe(0);
    expect(h.ledger.position(LIQUIDATOR, BTC)).toBe(100);
    expect(h.ledger.position(LIQUIDATOR, ETH)).toBe(200);
    expect(h.totalMoney()).toBe(h.ledger.depositedUnits);
  });

  it('isolated: the same ETH fall liquidates the ETH leg only', () => {
    const h = house(MarginMode.Isolated);
    const out = new Int32Array(8);
    h.setMark(ETH, 2_700 / ETH_TICK);
    const n = h.triggered(ETH, out);
    expect(Array.from(out.subarray(0, n))).toEqual([ACCT]);
    expect(h.liquidate(ACCT, ETH, stepLog().sink)).toBe(1);
    expect(h.ledger.position(ACCT, BTC)).toBe(100);
    expect(h.ledger.position(ACCT, ETH)).toBe(0);
    expect(h.triggered(BTC, out)).toBe(0);
  });
});
