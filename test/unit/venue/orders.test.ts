import { describe, expect, it } from 'vitest';
import { MsgFlag, MsgKind, OrderType, Reason } from '../../../src/model/messages.js';
import { ORDERS, TRADES } from '../../../src/model/tables.js';
import { makeWorld, order, VENUE } from './harness.js';

const SPOT = 0;
const PERP = 1;
const MS = 1_000_000;
const PX = 500_000; // 50,000.0 at tick 0.1

describe('CexVenue order routing', () => {
  it('accepts, fills both parties with maker/taker fees, records the trade and books spot balances', () => {
    const w = makeWorld({ traders: 2, orderLatencyNs: 100, responseLatencyNs: 50 });
    const [a, b] = w.traders as [typeof w.traders[0], typeof w.traders[0]];
    a.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, -1, OrderType.Limit, PX, 10, 11)));
    b.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, 1, OrderType.IOC, PX, 4, 21)));
    w.kernel.runUntil(10 * MS);

    const accA = a.got(MsgKind.OrderAccepted);
    expect(accA).toHaveLength(1);
    expect(accA[0]).toMatchObject({ clientOrderId: 11, orderId: 1, side: -1, priceTicks: PX, sizeLots: 10, t: 1 * MS + 150 });
    const fillA = a.got(MsgKind.OrderFilled);
    const fillB = b.got(MsgKind.OrderFilled);
    expect(fillA).toHaveLength(1);
    expect(fillB).toHaveLength(1);
    // notional = 500,000 ticks * 4 lots * 1 unit = 2,000,000 units (200 USD); maker 2 bps, taker 5 bps.
    expect(fillA[0]).toMatchObject({ orderId: 1, clientOrderId: 11, side: -1, priceTicks: PX, sizeLots: 4, aux0: 6, aux1: 400 });
    expect((fillA[0]?.flags ?? 0) & MsgFlag.Maker).toBe(MsgFlag.Maker);
    expect(fillB[0]).toMatchObject({ orderId: 2, clientOrderId: 21, side: 1, sizeLots: 4, aux0: 0, aux1: 1000, flags: 0 });

    const trades = w.table(TRADES).objects();
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ venue: VENUE, instrument: 0, aggressor_side: 1, maker: w.id(0), taker: w.id(1), maker_order_id: 1, taker_order_id: 2, liquidation: 0 });
    expect(trades[0]?.['price']).toBeCloseTo(50_000, 9);
    expect(trades[0]?.['size']).toBeCloseTo(0.004, 12);

    expect(w.venue.spot.basePosition(w.id(0), SPOT)).toBe(-4);
    expect(w.venue.spot.basePosition(w.id(1), SPOT)).toBe(4);
    expect(w.venue.spot.cashUnits(w.id(0), SPOT)).toBe(2_000_000 - 400);
    expect(w.venue.spot.cashUnits(w.id(1), SPOT)).toBe(-2_000_000 - 1000);
    expect(w.venue.spot.totalUnits()).toBe(0);
  });

  it('cancels by order id and by client order id, reduces in place, and rejects unknown orders', () => {
    const w = makeWorld({ traders: 1 });
    const [a] = w.traders as [typeof w.traders[0]];
    a.at(1 * MS, (_c, me) => {
      me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, 1, OrderType.Limit, PX - 10, 10, 7));
      me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, 1, OrderType.Limit, PX - 20, 10, 8));
    });
    a.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.ReduceOrder, (m) => { m.instrument = SPOT; m.orderId = 1; m.sizeLots = 3; }));
    a.at(3 * MS, (_c, me) => me.send(VENUE, MsgKind.CancelOrder, (m) => { m.instrument = SPOT; m.clientOrderId = 8; }));
    a.at(4 * MS, (_c, me) => me.send(VENUE, MsgKind.CancelOrder, (m) => { m.instrument = SPOT; m.orderId = 1; }));
    a.at(5 * MS, (_c, me) => me.send(VENUE, MsgKind.CancelOrder, (m) => { m.instrument = SPOT; m.orderId = 1; }));
    a.at(6 * MS, (_c, me) => me.send(VENUE, MsgKind.CancelOrder, (m) => { m.instrument = SPOT; m.clientOrderId = 99; }));
    w.kernel.runUntil(10 * MS);
    expect(a.got(MsgKind.OrderReduced)).toMatchObject([{ orderId: 1, sizeLots: 7 }]);
    expect(a.got(MsgKind.OrderCanceled)).toMatchObject([
      { orderId: 2, clientOrderId: 8, sizeLots: 10, reason: Reason.None },
      { orderId: 1, clientOrderId: 7, sizeLots: 7, reason: Reason.None },
    ]);
    expect(a.got(MsgKind.OrderRejected).map((m) => m.reason)).toEqual([Reason.UnknownOrder, Reason.UnknownOrder]);
  });

  const rejectCases: { name: string; inst: number; side: number; type: number; price: number; size: number; reason: number; setup?: boolean }[] = [
    { name: 'unknown instrument', inst: 5, side: 1, type: OrderType.Limit, price: PX, size: 1, reason: Reason.UnknownInstrument },
    { name: 'zero size', inst: SPOT, side: 1, type: OrderType.Limit, price: PX, size: 0, reason: Reason.InvalidSize },
    { name: 'fractional size', inst: SPOT, side: 1, type: OrderType.Limit, price: PX, size: 1.5, reason: Reason.InvalidSize },
    { name: 'bad side', inst: SPOT, side: 0, type: OrderType.Limit, price: PX, size: 1, reason: Reason.InvalidSize },
    { name: 'non-positive limit', inst: SPOT, side: 1, type: OrderType.Limit, price: 0, size: 1, reason: Reason.InvalidPrice },
    { name: 'market into an empty side', inst: SPOT, side: 1, type: OrderType.Market, price: 0, size: 1, reason: Reason.NoLiquidity },
    { name: 'post-only that would cross', inst: SPOT, side: 1, type: OrderType.PostOnly, price: PX, size: 1, reason: Reason.PostOnlyWouldCross, setup: true },
    { name: 'perp without collateral', inst: PERP, side: 1, type: OrderType.Limit, price: PX, size: 1, reason: Reason.InsufficientMargin },
  ];
  it.each(rejectCases)('rejects: $name', (c) => {
    const w = makeWorld({ traders: 2 });
    const [maker, a] = w.traders as [typeof w.traders[0], typeof w.traders[0]];
    if (c.setup) maker.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, -1, OrderType.Limit, PX, 5)));
    a.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(c.inst, c.side, c.type, c.price, c.size, 42)));
    w.kernel.runUntil(5 * MS);
    expect(a.got(MsgKind.OrderRejected)).toMatchObject([{ clientOrderId: 42, reason: c.reason }]);
    expect(a.got(MsgKind.OrderAccepted)).toHaveLength(0);
  });

  it('checks perp orders against initial margin including resting-order reservations', () => {
    const w = makeWorld({ traders: 1 });
    const [a] = w.traders as [typeof w.traders[0]];
    // 1,000 USD at 10x: 10,000 USD of notional = 200 lots at 50,000.
    w.venue.openAccount(w.id(0), { leverage: 10, collateralUnits: 1_000 * 10_000 });
    a.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.Limit, PX - 1000, 150, 1)));
    a.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.Limit, PX - 1000, 100, 2)));
    a.at(3 * MS, (_c, me) => me.send(VENUE, MsgKind.CancelOrder, (m) => { m.instrument = PERP; m.clientOrderId = 1; }));
    a.at(4 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.Limit, PX - 1000, 100, 3)));
    w.kernel.runUntil(5 * MS);
    expect(a.got(MsgKind.OrderAccepted).map((m) => m.clientOrderId)).toEqual([1, 3]);
    expect(a.got(MsgKind.OrderRejected)).toMatchObject([{ clientOrderId: 2, reason: Reason.InsufficientMargin }]);
  });

  it('rejects reduce-only when flat or same side and clips it to the position', () => {
    const w = makeWorld({ traders: 2 });
    const [a, mm] = w.traders as [typeof w.traders[0], typeof w.traders[0]];
    w.venue.openAccount(w.id(0), { collateralUnits: 10_000 * 10_000 });
    w.venue.openAccount(w.id(1), { collateralUnits: 10_000 * 10_000 });
    a.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, PX, 5, 1, MsgFlag.ReduceOnly)));
    mm.at(2 * MS, (_c, me) => {
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, PX + 10, 50, 1));
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.Limit, PX - 10, 50, 2));
    });
    a.at(3 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.IOC, PX + 10, 5, 2)));
    a.at(4 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.IOC, PX + 10, 5, 3, MsgFlag.ReduceOnly)));
    a.at(5 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.IOC, PX - 10, 9, 4, MsgFlag.ReduceOnly)));
    w.kernel.runUntil(6 * MS);
    expect(a.got(MsgKind.OrderRejected).map((m) => [m.clientOrderId, m.reason])).toEqual([
      [1, Reason.ReduceOnlyWouldIncrease],
      [3, Reason.ReduceOnlyWouldIncrease],
    ]);
    const acc4 = a.got(MsgKind.OrderAccepted).find((m) => m.clientOrderId === 4);
    expect(acc4?.sizeLots).toBe(5);
    expect(w.venue.house.ledger.position(w.id(0), PERP)).toBe(0);
    expect(w.venue.house.ledger.position(w.id(1), PERP)).toBe(0);
  });

  it('keeps resting reduce-only orders reduce-only when the position shrinks', () => {
    const w = makeWorld({ traders: 2 });
    const [a, mm] = w.traders as [typeof w.traders[0], typeof w.traders[0]];
    w.venue.openAccount(w.id(0), { collateralUnits: 10_000 * 10_000 });
    w.venue.openAccount(w.id(1), { collateralUnits: 10_000 * 10_000 });
    mm.at(1 * MS, (_c, me) => {
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, PX + 10, 50));
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.Limit, PX - 10, 50));
    });
    a.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.IOC, PX + 10, 10, 1)));
    a.at(3 * MS, (_c, me) => {
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, PX + 100, 10, 2, MsgFlag.ReduceOnly));
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, PX + 200, 5, 3, MsgFlag.ReduceOnly));
    });
    // Closing 6 of the 10 lots leaves 4: order 2 shrinks to 4, order 3 is cancelled.
    a.at(4 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.IOC, PX - 10, 6, 4)));
    w.kernel.runUntil(5 * MS);
    expect(w.venue.house.ledger.position(w.id(0), PERP)).toBe(4);
    expect(a.got(MsgKind.OrderReduced)).toMatchObject([{ clientOrderId: 2, sizeLots: 4 }]);
    expect(a.got(MsgKind.OrderCanceled)).toMatchObject([{ clientOrderId: 3, sizeLots: 5, reason: Reason.ReduceOnlyWouldIncrease }]);
  });

  it('writes the orders log when that table is on and nothing when it is off', () => {
    for (const off of [false, true]) {
      const w = makeWorld({ traders: 1, disabled: off ? ['orders'] : [] });
      const [a] = w.traders as [typeof w.traders[0]];
      a.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, 1, OrderType.Limit, PX, 3, 5)));
      a.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.CancelOrder, (m) => { m.instrument = SPOT; m.orderId = 1; }));
      w.kernel.runUntil(3 * MS);
      const rows = w.table(ORDERS).rows;
      if (off) expect(rows).toHaveLength(0);
      else expect(w.table(ORDERS).col('event')).toEqual([0, 1, 3]); // submitted, accepted, canceled
    }
  });
});
