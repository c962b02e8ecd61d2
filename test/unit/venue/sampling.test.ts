import { describe, expect, it } from 'vitest';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { MsgKind, OrderType } from '../../../src/model/messages.js';
import { ACCOUNTS, BOOK, DEPTH, TRADES } from '../../../src/model/tables.js';
import { makeWorld, order, VENUE, type ScriptedTrader } from './harness.js';
import { runWorld } from './scriptedRun.js';

const MS = 1_000_000;

describe('CexVenue sampled tables', () => {
  it('writes book, depth and accounts rows at their intervals in real units', () => {
    const w = makeWorld({ traders: 2, overrides: { output: { bookIntervalNs: NS_PER_SEC, depthLevels: 2, accountsIntervalNs: NS_PER_SEC } } });
    const [mm, t] = w.traders as [ScriptedTrader, ScriptedTrader];
    w.venue.openAccount(w.id(0), { collateralUnits: 100_000 * 10_000 });
    w.venue.openAccount(w.id(1), { collateralUnits: 100_000 * 10_000, mode: 'isolated', leverage: 5 });
    mm.at(1 * MS, (_c, me) => {
      me.send(VENUE, MsgKind.SubmitOrder, order(1, 1, OrderType.Limit, 499_000, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(1, 1, OrderType.Limit, 498_000, 20));
      me.send(VENUE, MsgKind.SubmitOrder, order(1, 1, OrderType.Limit, 497_000, 30));
      me.send(VENUE, MsgKind.SubmitOrder, order(1, -1, OrderType.Limit, 501_000, 40));
    });
    t.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(1, 1, OrderType.IOC, 501_000, 5)));
    w.kernel.runUntil(2.5 * NS_PER_SEC);

    const book = w.table(BOOK).objects();
    expect(book.map((r) => [r['t_ns'], r['instrument']])).toEqual([[0, 0], [0, 1], [NS_PER_SEC, 0], [NS_PER_SEC, 1], [2 * NS_PER_SEC, 0], [2 * NS_PER_SEC, 1]]);
    const perp1 = book[3] as Record<string, number>;
    expect(perp1['bid']).toBeCloseTo(49_900, 9);
    expect(perp1['ask']).toBeCloseTo(50_100, 9);
    expect(perp1['bid_size']).toBeCloseTo(0.01, 12);
    expect(perp1['ask_size']).toBeCloseTo(0.035, 12);
    expect(perp1['mid']).toBeCloseTo(50_000, 9);
    expect(perp1['last']).toBeCloseTo(50_100, 9);
    expect(Number.isNaN(book[2]?.['bid'])).toBe(true); // empty spot book

    const depth = w.table(DEPTH).objects().filter((r) => r['t_ns'] === NS_PER_SEC);
    expect(depth.map((r) => [r['side'], r['level'], Math.round((r['price'] as number) * 10), Math.round((r['size'] as number) * 1000), r['orders']])).toEqual([
      [1, 0, 499_000, 10, 1],
      [1, 1, 498_000, 20, 1],
      [0, 0, 501_000, 35, 1],
    ]);

    const acc = w.table(ACCOUNTS).objects().filter((r) => r['t_ns'] === 2 * NS_PER_SEC);
    expect(acc.map((r) => [r['agent'], r['instrument'], Math.round((r['position'] as number) * 1000)])).toEqual([[w.id(0), 1, -5], [w.id(1), 1, 5]]);
    const buyer = acc[1] as Record<string, number>;
    expect(buyer['entry_price']).toBeCloseTo(50_100, 9);
    // Isolated at 5x: the bucket holds the initial margin of 250.5 USD of notional / 5.
    expect(buyer['collateral']).toBeCloseTo(50.1, 3);
    expect(buyer['equity']).toBeCloseTo((buyer['collateral'] as number) + (buyer['unrealized_pnl'] as number), 9);
  });

  it('observers never perturb a run: optional tables on or off leave trades identical', () => {
    const on = runWorld(3);
    const off = runWorld(3, ['orders', 'depth', 'accounts', 'book']);
    expect(on.table(TRADES).rows.length).toBeGreaterThan(100);
    expect(off.table(TRADES).rows).toEqual(on.table(TRADES).rows);
  });
});
