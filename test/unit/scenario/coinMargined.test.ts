/**
 * Scenario-level inverse perps and dated futures (issue 18 part 1): a Deribit-like coin-settled
 * venue (an inverse BTC perpetual and an inverse dated future, 10 USD contracts, money in BTC)
 * and a linear venue with a dated future, run through the whole stack (schema, resolve, world,
 * CexVenue, agents). The run layer checks money conservation per venue at the end; here we also
 * check that the futures expired at 08:00 UTC on the TWAP of the index, that no position is left
 * in them, that trading and liquidations happened in coin, and that the schema rejects mixing.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, BOOK, LIQUIDATIONS, TRADES } from '../../../src/model/tables.js';
import { CexVenue } from '../../../src/venue/cexVenue.js';
import { runInMemory } from '../../science/dexRuns.js';

const COIN = `
name: coin-margined
seed: 3
clock: { start_utc: "2026-03-27T07:20:00Z", duration: 50m }
underlying: { symbol: BTC, initial_price: 60000, fundamental: { vol: 0.8, grid: 1s } }
venues:
  deribit:
    kind: cex
    instruments:
      - { symbol: BTC-PERPETUAL, type: inverse_perp, tick_size: 0.5, contract_size: 10, maker_fee_bps: 0, taker_fee_bps: 5, max_leverage: 50 }
      - { symbol: BTC-27MAR26, type: future, contract: inverse, tick_size: 0.5, contract_size: 10, expiry: "2026-03-27T08:00:00Z", maker_fee_bps: 0, taker_fee_bps: 5, max_leverage: 50 }
    index: { method: ema, window: 2s, external_weight: 1 }
    liquidation: { insurance_fund_initial: 10 }
agents:
  makers:
    kind: liquidity_provider
    count: 2
    venue: deribit
    instrument: BTC-PERPETUAL
    collateral: 100
    leverage: 5
    levels: 5
    size: 0.5
    max_inventory: 50
  fut_makers:
    kind: liquidity_provider
    count: 2
    venue: deribit
    instrument: BTC-27MAR26
    collateral: 100
    leverage: 5
    levels: 5
    size: 0.5
    max_inventory: 50
  noise:
    kind: noise
    count: 10
    venue: deribit
    instrument: BTC-PERPETUAL
    collateral: 10
    rate: 0.2
  fut_retail:
    kind: retail
    count: 60
    venue: deribit
    instrument: BTC-27MAR26
    collateral: 0.02
    margin_mode: cross
    leverage: { dist: lognormal, median: 30, sigma: 0.4 }
    max_leverage: 50
    signal: random
    entry_rate: 0.01
    take_profit: 0
    stop_loss: 0
    cooldown: 1m
schedule:
  - { at: 15m, action: fundamental_jump, log_return: -0.04 }
output: { accounts_interval: 1m, book_interval: 1s }
`;

describe('coin-margined venue: inverse perp and inverse dated future', () => {
  it('trades, liquidates and settles in BTC; the future expires at 08:00 on the index TWAP', () => {
    const r = runInMemory('coin.yaml', [TRADES, LIQUIDATIONS, ACCOUNTS, BOOK], { text: COIN });
    const venue = r.world.venues[0] as CexVenue;
    expect(venue.moneyUnits).toBe(1e8);
    const money = venue.moneyCheck();
    expect(money.clearingTotalUnits).toBe(money.depositedUnits);
    // Future settled at 08:00 (40 min into the run) at a price near the index (TWAP of the last 30 min).
    const settle = (venue.futures.settledTicks[1] as number) * 0.5;
    expect(Number.isFinite(settle)).toBe(true);
    expect(venue.house.expired[1]).toBe(1);
    expect(venue.house.ledger.openLots(1, 1)).toBe(0);
    // The settlement price is the 07:30-08:00 time-weighted index: compare with the mean of the
    // book table's index samples (1 s apart) over that window; 5 s index sampling vs 1 s
    // samples of a ~50 %/yr path differ by well under 1 bp.
    const book = r.table(BOOK);
    const col = (name: string): number => book.spec.columns.findIndex((c) => c.name === name);
    const win = book.rows.filter((x) => (x[col('instrument')] as number) === r.instrument('BTC-27MAR26') && (x[0] as number) >= 10 * 60e9 && (x[0] as number) < 40 * 60e9);
    const mean = win.reduce((t, x) => t + (x[col('index')] as number), 0) / win.length;
    expect(win.length).toBeGreaterThan(1000);
    expect(Math.abs(settle / mean - 1)).toBeLessThan(1e-4);
    // Trades on both books; sizes are USD of face (contracts * 10).
    const trades = r.table(TRADES);
    const inst = trades.rows.map((x) => x[trades.spec.columns.findIndex((c) => c.name === 'instrument')] as number);
    const futId = r.instrument('BTC-27MAR26');
    const afterExpiry = trades.rows.filter((x, i) => inst[i] === futId && (x[0] as number) > 40 * 60e9 + 1e9);
    expect(inst.filter((i) => i === futId).length).toBeGreaterThan(10);
    expect(afterExpiry.length).toBe(0);
    // The crash liquidates some 30x coin-margined longs; fees and the fund are in BTC (table money in coin).
    const liq = r.table(LIQUIDATIONS);
    expect(liq.rows.length).toBeGreaterThan(0);
    const fundCol = liq.spec.columns.findIndex((c) => c.name === 'insurance_fund');
    for (const row of liq.rows) expect(row[fundCol] as number).toBeGreaterThan(5); // ~10 BTC, not 10^5
  }, 60_000);

  it('a linear dated future on a linear venue settles in quote currency; liquidations happen in quote', () => {
    const lin = COIN.replace('type: inverse_perp, tick_size: 0.5, contract_size: 10', 'type: perp, tick_size: 0.5, lot_size: 0.001')
      .replace('type: future, contract: inverse, tick_size: 0.5, contract_size: 10', 'type: future, tick_size: 0.5, lot_size: 0.001')
      .replaceAll('collateral: 100', 'collateral: 6000000').replace('collateral: 10\n', 'collateral: 600000\n').replace('collateral: 0.02', 'collateral: 1200')
      .replace('insurance_fund_initial: 10', 'insurance_fund_initial: 600000');
    const r = runInMemory('lin.yaml', [LIQUIDATIONS], { text: lin });
    const venue = r.world.venues[0] as CexVenue;
    expect(venue.moneyUnits).toBe(1e4);
    expect(venue.house.expired[1]).toBe(1);
    expect(venue.house.ledger.openLots(1, 1)).toBe(0);
    expect(Number.isFinite(venue.futures.settledTicks[1] as number)).toBe(true);
    expect(r.table(LIQUIDATIONS).rows.length).toBeGreaterThan(0);
  }, 60_000);

  it('rejects linear and inverse margined instruments at one venue, with a located error', () => {
    const bad = COIN.replace('type: inverse_perp, tick_size: 0.5, contract_size: 10', 'type: perp, tick_size: 0.5, lot_size: 0.001');
    expect(() => runInMemory('bad.yaml', [], { text: bad })).toThrow(/venues\.deribit\.instruments\.1.*one currency/s);
  });
});
