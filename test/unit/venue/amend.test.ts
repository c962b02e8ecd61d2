/** AmendOrder at the CEX venue: replies, priority, the perp margin reservation following the order, the orders table, DEX refusal. */
import { describe, expect, it } from 'vitest';
import { MsgKind, OrderType, Reason } from '../../../src/model/messages.js';
import { ORDER_EVENTS, ORDERS } from '../../../src/model/tables.js';
import type { ClearingAdapter } from '../../../src/venue/clearingAdapter.js';
import { makeWorld, order, VENUE } from './harness.js';

const PERP = 1;
const MS = 1_000_000;
const PX = 500_000; // 50,000.0 at tick 0.1

const amend = (orderId: number, priceTicks: number, sizeLots: number, clientOrderId = 0) => (m: { instrument: number; orderId: number; clientOrderId: number; priceTicks: number; sizeLots: number }) => {
  m.instrument = PERP;
  m.orderId = orderId;
  m.clientOrderId = clientOrderId;
  m.priceTicks = priceTicks;
  m.sizeLots = sizeLots;
};

describe('CexVenue AmendOrder', () => {
  it('moves a perp order with its margin reservation, trades when it crosses, and logs amended rows', () => {
    const w = makeWorld({ traders: 2 });
    for (let i = 0; i < 2; i++) w.venue.openAccount(w.id(i), { collateralUnits: 1_000_000 * 10_000 });
    const [a, b] = w.traders as [typeof w.traders[0], typeof w.traders[0]];
    const adapter = (w.venue as unknown as { adapter: ClearingAdapter }).adapter;
    const reserved: number[] = [];
    a.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.Limit, PX - 100, 10, 7)));
    b.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, PX + 100, 4, 9)));
    a.at(2 * MS, (_c, me) => {
      reserved.push(adapter.reservedUnits(w.id(0)));
      me.send(VENUE, MsgKind.AmendOrder, amend(1, PX - 100, 20));
    });
    a.at(3 * MS, (_c, me) => {
      reserved.push(adapter.reservedUnits(w.id(0)));
      me.send(VENUE, MsgKind.AmendOrder, amend(0, PX + 100, 20, 7)); // by client id; crosses b's ask
    });
    a.at(4 * MS, (_c, me) => {
      reserved.push(adapter.reservedUnits(w.id(0)));
      me.send(VENUE, MsgKind.AmendOrder, amend(1, PX + 100, 5)); // decrease in place
    });
    a.at(5 * MS, (_c, me) => {
      reserved.push(adapter.reservedUnits(w.id(0)));
      me.send(VENUE, MsgKind.CancelOrder, (m) => { m.instrument = PERP; m.orderId = 1; });
    });
    a.at(6 * MS, () => reserved.push(adapter.reservedUnits(w.id(0))));
    w.kernel.runUntil(10 * MS);

    expect(a.got(MsgKind.OrderAmended)).toMatchObject([
      { orderId: 1, clientOrderId: 7, side: 1, priceTicks: PX - 100, sizeLots: 20 },
      { orderId: 1, clientOrderId: 7, side: 1, priceTicks: PX + 100, sizeLots: 20 },
    ]);
    expect(a.got(MsgKind.OrderFilled)).toMatchObject([{ orderId: 1, clientOrderId: 7, sizeLots: 4, aux0: 16, priceTicks: PX + 100 }]);
    expect(a.got(MsgKind.OrderReduced)).toMatchObject([{ orderId: 1, sizeLots: 5 }]);
    const [r10, r20, r16, r5, r0] = reserved as [number, number, number, number, number];
    expect(r10).toBeGreaterThan(0);
    expect(r20 / r10).toBeCloseTo(2, 6);
    expect(r16 / r10).toBeCloseTo((16 * (PX + 100)) / (10 * (PX - 100)), 6);
    expect(r5 / r16).toBeCloseTo(5 / 16, 6);
    expect(r0).toBe(0);
    const amended = ORDER_EVENTS.indexOf('amended');
    const rows = w.table(ORDERS).objects().filter((r) => r['event'] === amended);
    expect(rows.map((r) => [r['order_id'], r['price'], r['size']])).toEqual([
      [1, (PX - 100) / 10, 0.02],
      [1, (PX + 100) / 10, 0.02],
    ]);
  });

  it('rejects an amend of an unknown order and of a bad size, keeping the order', () => {
    const w = makeWorld({ traders: 1 });
    w.venue.openAccount(w.id(0), { collateralUnits: 1_000_000 * 10_000 });
    const [a] = w.traders as [typeof w.traders[0]];
    a.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.Limit, PX - 100, 10, 7)));
    a.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.AmendOrder, amend(99, PX, 1)));
    a.at(3 * MS, (_c, me) => me.send(VENUE, MsgKind.AmendOrder, amend(1, PX - 100, 0)));
    w.kernel.runUntil(10 * MS);
    expect(a.got(MsgKind.OrderRejected).map((m) => m.reason)).toEqual([Reason.UnknownOrder, Reason.InvalidSize]);
    expect(a.got(MsgKind.OrderAmended)).toEqual([]);
  });
});
