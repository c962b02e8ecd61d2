/** Queries, top-of-book events, input validation and broken-invariant throws. */
import { describe, expect, it } from 'vitest';
import { L2Snapshot, newOrderView } from '../../../src/book/index.js';
import { OrderType, Reason } from '../../../src/model/messages.js';
import { Side } from '../../../src/model/side.js';
import { bookWith } from './fixtures.js';

const deep = { bids: [[100, [1, 2]], [97, [3]], [95, [4]]], asks: [[102, [5]], [105, [6, 7]]] } as const;

describe('queries', () => {
  it('L2 snapshot writes N levels per side best first, skipping empty ticks', () => {
    const { book } = bookWith(deep);
    const snap = new L2Snapshot(2);
    book.snapshotL2(snap);
    expect([snap.bidLevels, snap.askLevels]).toEqual([2, 2]);
    expect([...snap.bidTicks, ...snap.bidLots, ...snap.bidOrders]).toEqual([100, 97, 3, 3, 2, 1]);
    expect([...snap.askTicks, ...snap.askLots, ...snap.askOrders]).toEqual([102, 105, 5, 13, 1, 2]);
    book.snapshotL2(snap, 1);
    expect([snap.bidLevels, snap.askLevels]).toEqual([1, 1]);
  });

  it('L2 snapshot of an empty side has zero levels', () => {
    const { book } = bookWith({ bids: [[10, [1]]] });
    const snap = new L2Snapshot(5);
    book.snapshotL2(snap);
    expect([snap.bidLevels, snap.askLevels]).toEqual([1, 0]);
  });

  it('touch, totals, counts and order lookup', () => {
    const { book } = bookWith(deep);
    expect([book.hasBid(), book.bestBidTicks(), book.bestBidLots()]).toEqual([true, 100, 3]);
    expect([book.hasAsk(), book.bestAskTicks(), book.bestAskLots()]).toEqual([true, 102, 5]);
    expect([book.restingLots(Side.Buy), book.restingLots(Side.Sell), book.liveOrderCount()]).toEqual([10, 18, 7]);
    expect(book.lotsAtPrice(105)).toBe(13);
    expect(book.lotsAtPrice(101)).toBe(0);
    expect(book.lotsAtPrice(10 ** 12)).toBe(0);
    const view = newOrderView();
    expect(book.getOrder(6, view)).toBe(true);
    expect(view).toEqual({ orderId: 6, owner: 1, clientOrderId: 1006, side: Side.Sell, priceTicks: 105, remainingLots: 6 });
    expect(book.getOrder(99, view)).toBe(false);
  });

  it('an empty book reports no touch', () => {
    const { book } = bookWith();
    expect([book.hasBid(), book.hasAsk(), book.bestBidTicks(), book.bestAskTicks(), book.bestBidLots(), book.bestAskLots()]).toEqual([false, false, 0, 0, 0, 0]);
  });
});

describe('top of book events', () => {
  const cases = [
    { name: 'a new best bid', run: (b: Ctx) => b.submit(50, 2, 0, Side.Buy, OrderType.Limit, 101, 1), top: [[101, 1, 102, 5]] },
    { name: 'more lots at the best ask', run: (b: Ctx) => b.submit(50, 2, 0, Side.Sell, OrderType.Limit, 102, 2), top: [[100, 3, 102, 7]] },
    { name: 'an order deeper in the book', run: (b: Ctx) => b.submit(50, 2, 0, Side.Sell, OrderType.Limit, 110, 2), top: [] },
    { name: 'a sweep through two ask levels (one event)', run: (b: Ctx) => b.submit(50, 2, 0, Side.Buy, OrderType.Limit, 105, 7), top: [[100, 3, 105, 11]] },
    { name: 'a rejected order', run: (b: Ctx) => b.submit(50, 2, 0, Side.Buy, OrderType.PostOnly, 102, 1), top: [] },
    { name: 'a reduce at the touch', run: (b: Ctx) => b.reduce(1, 1, 1), top: [[100, 2, 102, 5]] },
    { name: 'a cancel deeper in the book', run: (b: Ctx) => b.cancel(1, 4), top: [] },
    { name: 'emptying the ask side', run: (b: Ctx) => b.submit(50, 2, 0, Side.Buy, OrderType.Market, 0, 99), top: [[100, 3, 0, 0]] },
  ];
  type Ctx = ReturnType<typeof bookWith>['book'];
  it.each(cases)('after $name', (c) => {
    const { book, sink } = bookWith(deep);
    c.run(book);
    expect(sink.of('top').map((e) => [e.bidTicks, e.bidLots, e.askTicks, e.askLots])).toEqual(c.top);
    if (c.top.length > 0) expect(sink.events.at(-1)?.type).toBe('top');
  });
});

describe('input validation', () => {
  const rejects = [
    { name: 'price 0 on a limit', type: OrderType.Limit, priceTicks: 0, sizeLots: 1, reason: Reason.InvalidPrice },
    { name: 'negative price', type: OrderType.Limit, priceTicks: -3, sizeLots: 1, reason: Reason.InvalidPrice },
    { name: 'fractional price', type: OrderType.PostOnly, priceTicks: 10.5, sizeLots: 1, reason: Reason.InvalidPrice },
    { name: 'NaN price', type: OrderType.IOC, priceTicks: Number.NaN, sizeLots: 1, reason: Reason.InvalidPrice },
    { name: 'infinite price', type: OrderType.Limit, priceTicks: Infinity, sizeLots: 1, reason: Reason.InvalidPrice },
    { name: 'unsafe price', type: OrderType.Limit, priceTicks: 2 ** 53, sizeLots: 1, reason: Reason.InvalidPrice },
    { name: 'negative market protection', type: OrderType.Market, priceTicks: -1, sizeLots: 1, reason: Reason.InvalidPrice },
    { name: 'size 0', type: OrderType.Limit, priceTicks: 10, sizeLots: 0, reason: Reason.InvalidSize },
    { name: 'negative size', type: OrderType.Market, priceTicks: 0, sizeLots: -2, reason: Reason.InvalidSize },
    { name: 'fractional size', type: OrderType.Limit, priceTicks: 10, sizeLots: 0.5, reason: Reason.InvalidSize },
    { name: 'NaN size', type: OrderType.Limit, priceTicks: 10, sizeLots: Number.NaN, reason: Reason.InvalidSize },
    { name: 'infinite size', type: OrderType.IOC, priceTicks: 10, sizeLots: Infinity, reason: Reason.InvalidSize },
    { name: 'a market order into an empty book', type: OrderType.Market, priceTicks: 0, sizeLots: 1, reason: Reason.NoLiquidity },
  ];
  it.each(rejects)('rejects $name without touching the book', (c) => {
    const { book, sink } = bookWith();
    expect(book.submit(7, 2, 70, Side.Buy, c.type, c.priceTicks, c.sizeLots)).toBe(0);
    expect(sink.events).toEqual([{ type: 'rejected', orderId: 7, owner: 2, clientOrderId: 70, reason: c.reason }]);
    expect(book.liveOrderCount()).toBe(0);
  });

  const throws = [
    { name: 'a duplicate live order id', args: [1, 2, 0, Side.Buy, OrderType.Limit, 10, 1] },
    { name: 'a side of 0', args: [9, 2, 0, 0, OrderType.Limit, 10, 1] },
    { name: 'an unknown order type', args: [9, 2, 0, Side.Buy, 7, 10, 1] },
    { name: 'a negative owner', args: [9, -1, 0, Side.Buy, OrderType.Limit, 10, 1] },
    { name: 'an owner beyond MAX_OWNER', args: [9, 2 ** 24, 0, Side.Buy, OrderType.Limit, 10, 1] },
    { name: 'a fractional order id', args: [9.5, 2, 0, Side.Buy, OrderType.Limit, 10, 1] },
  ] as const;
  it.each(throws)('throws on $name (a venue bug, not a business outcome)', (c) => {
    const { book } = bookWith({ bids: [[10, [1]]] });
    const [orderId, owner, coid, side, type, priceTicks, sizeLots] = c.args;
    expect(() => book.submit(orderId, owner, coid, side, type, priceTicks, sizeLots)).toThrow(RangeError);
  });
});
