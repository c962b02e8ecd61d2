import { describe, expect, it } from 'vitest';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { MsgFlag, MsgKind, OrderType, Reason } from '../../../src/model/messages.js';
import { LIQUIDATIONS, TRADES } from '../../../src/model/tables.js';
import { LIQ, makeWorld, order, VENUE } from './harness.js';

const SPOT = 0;
const PERP = 1;
const MS = 1_000_000;

describe('CexVenue liquidations', () => {
  it('a price move liquidates a leveraged long with an IOC from the liquidation engine into the same book', () => {
    const w = makeWorld({
      traders: 3,
      overrides: {
        index: { method: 'ema', halfLifeNs: NS_PER_SEC },
        mark: { halfLifeNs: NS_PER_SEC, maxBasis: 0.1 },
        priceUpdateIntervalNs: 100 * MS,
      },
    });
    const [mm, long, short] = w.traders as [typeof w.traders[0], typeof w.traders[0], typeof w.traders[0]];
    w.venue.openAccount(w.id(0), { leverage: 10, collateralUnits: 10_000_000 * 10_000 });
    // 500 USD at 50x backs 0.2 BTC (10,000 USD): maintenance 0.4 % = 40 USD, liquidation near 47,700.
    w.venue.openAccount(w.id(1), { leverage: 50, collateralUnits: 500 * 10_000 });
    w.venue.openAccount(w.id(2), { leverage: 10, collateralUnits: 100_000 * 10_000 });
    const quote = (spotMid: number, perpMid: number) => (_c: unknown, me: typeof mm) => {
      me.send(VENUE, MsgKind.CancelAll, (m) => { m.instrument = SPOT; });
      me.send(VENUE, MsgKind.CancelAll, (m) => { m.instrument = PERP; });
      me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, 1, OrderType.Limit, spotMid - 100, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, -1, OrderType.Limit, spotMid + 100, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.Limit, perpMid - 1000, 1000));
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, perpMid + 1000, 1000));
    };
    mm.at(0, quote(500_000, 500_000));
    short.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, 500_000, 200)));
    long.at(2 * MS, (_c, me) => {
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.IOC, 500_000, 200, 1));
      // A resting order that the liquidation must cancel.
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.Limit, 400_000, 1, 2));
    });
    mm.at(10 * NS_PER_SEC, quote(470_000, 470_000));
    const before = w.venue.moneyCheck();
    w.kernel.runUntil(30 * NS_PER_SEC);

    const L = w.venue.house.ledger;
    expect(L.position(w.id(1), PERP)).toBe(0);
    expect(L.position(LIQ, PERP)).toBe(0);
    expect(w.venue.liquidationsStarted).toBe(1);

    const liqMsgs = long.got(MsgKind.PositionLiquidated);
    expect(liqMsgs).toHaveLength(1);
    expect(liqMsgs[0]).toMatchObject({ instrument: PERP, side: -1, sizeLots: 200 });
    expect(long.got(MsgKind.OrderCanceled)).toMatchObject([{ clientOrderId: 2, reason: Reason.Liquidation }]);

    const steps = w.table(LIQUIDATIONS).objects();
    const events = steps.map((s) => s['event']);
    expect(events[0]).toBe(0); // triggered
    expect(events).toContain(1); // fill
    expect(events[events.length - 1]).toBe(5); // completed
    expect(steps.every((s) => s['account'] === w.id(1) && s['instrument'] === PERP)).toBe(true);
    const trig = steps[0] as Record<string, number>;
    expect(trig['size']).toBeCloseTo(0.2, 12);
    expect(trig['bankruptcy_price']).toBeGreaterThan(47_000);
    expect(trig['bankruptcy_price']).toBeLessThan(47_700);

    const liqTrades = w.table(TRADES).objects().filter((t) => t['liquidation'] === 1);
    expect(liqTrades.length).toBeGreaterThan(0);
    for (const t of liqTrades) {
      expect(t).toMatchObject({ instrument: PERP, taker: LIQ, maker: w.id(0), aggressor_side: 0 });
    }
    expect(liqTrades.reduce((s, t) => s + (t['size'] as number), 0)).toBeCloseTo(0.2, 12);
    // The market maker's fills from the liquidation carry the Liquidation flag.
    expect(mm.got(MsgKind.OrderFilled).some((m) => (m.flags & MsgFlag.Liquidation) !== 0)).toBe(true);

    const after = w.venue.moneyCheck();
    expect(after.clearingTotalUnits).toBe(after.depositedUnits);
    expect(after.depositedUnits).toBe(before.depositedUnits);
    // Filled below the bankruptcy price: the fund paid the difference (net of the fee it got).
    const draws = steps.filter((s) => s['event'] === 2);
    expect(draws.length + steps.filter((s) => s['event'] === 4).length).toBeGreaterThan(0);
  });

  it('auto-deleverages the opposite position when the book cannot absorb the close', () => {
    const w = makeWorld({
      traders: 3,
      overrides: { index: { method: 'ema', halfLifeNs: NS_PER_SEC }, mark: { halfLifeNs: NS_PER_SEC, maxBasis: 0.1 }, priceUpdateIntervalNs: 100 * MS },
    });
    const [mm, long, short] = w.traders as [typeof w.traders[0], typeof w.traders[0], typeof w.traders[0]];
    w.venue.openAccount(w.id(0), { leverage: 10, collateralUnits: 10_000_000 * 10_000 });
    w.venue.openAccount(w.id(1), { leverage: 50, collateralUnits: 500 * 10_000 });
    w.venue.openAccount(w.id(2), { leverage: 10, collateralUnits: 100_000 * 10_000 });
    mm.at(0, (_c, me) => {
      me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, 1, OrderType.Limit, 499_900, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, -1, OrderType.Limit, 500_100, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.Limit, 499_000, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, 501_000, 10));
    });
    short.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, 500_000, 200)));
    long.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.IOC, 500_000, 200)));
    // The perp book empties and spot falls 6 %: the mark follows the index; nobody bids the perp.
    mm.at(10 * NS_PER_SEC, (_c, me) => {
      me.send(VENUE, MsgKind.CancelAll, (m) => { m.instrument = SPOT; });
      me.send(VENUE, MsgKind.CancelAll, (m) => { m.instrument = PERP; });
      me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, 1, OrderType.Limit, 469_900, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, -1, OrderType.Limit, 470_100, 10));
    });
    w.kernel.runUntil(30 * NS_PER_SEC);

    const L = w.venue.house.ledger;
    expect([L.position(w.id(1), PERP), L.position(w.id(2), PERP), L.position(LIQ, PERP)]).toEqual([0, 0, 0]);
    const steps = w.table(LIQUIDATIONS).objects();
    expect(steps.map((s) => s['event'])).toEqual([0, 3, 5]); // triggered, adl, completed
    const adl = steps[1] as Record<string, number>;
    expect(adl['account']).toBe(w.id(2));
    expect(adl['size']).toBeCloseTo(0.2, 12);
    expect(adl['fill_price']).toBeCloseTo(adl['bankruptcy_price'] as number, 6);
    const del = short.got(MsgKind.PositionDeleveraged);
    expect(del).toHaveLength(1);
    expect(del[0]).toMatchObject({ instrument: PERP, side: 1, sizeLots: 200 });
    expect(w.table(TRADES).objects().filter((t) => t['liquidation'] === 1)).toHaveLength(0);
    const money = w.venue.moneyCheck();
    expect(money.clearingTotalUnits).toBe(money.depositedUnits);
  });
});
