/** Cancel, reduce and cancel-all: effects on queues, touch and events. */
import { describe, expect, it } from 'vitest';
import { newOrderView } from '../../../src/book/index.js';
import { OrderType, Reason } from '../../../src/model/messages.js';
import { Side } from '../../../src/model/side.js';
import { bookWith, fillsOf, levelsOf } from './fixtures.js';

describe('cancel', () => {
  const cases = [
    { name: 'the only order at the best bid moves the touch down', id: 1, bids: [[98, 2]], asks: [[101, 3]] },
    { name: 'a deeper bid leaves the touch alone', id: 2, bids: [[99, 1]], asks: [[101, 3]] },
    { name: 'the only ask empties the ask side', id: 3, bids: [[99, 1], [98, 2]], asks: [] },
  ] as const;
  it.each(cases)('$name', (c) => {
    const { book, sink } = bookWith({ bids: [[99, [1]], [98, [2]]], asks: [[101, [3]]] });
    const lots = book.remainingLots(c.id);
    expect(book.cancel(1, c.id)).toBe(lots);
    expect(sink.of('canceled')).toEqual([{ type: 'canceled', orderId: c.id, owner: 1, clientOrderId: 1000 + c.id, canceledLots: lots, reason: Reason.None }]);
    expect(levelsOf(book)).toEqual({ bids: c.bids, asks: c.asks });
    expect(book.liveOrderCount()).toBe(2);
    expect(book.getOrder(c.id, newOrderView())).toBe(false);
  });

  it('rejects an unknown id, an already canceled id and another owner\'s order', () => {
    const { book, sink } = bookWith({ bids: [[99, [1]]] });
    expect(book.cancel(1, 42)).toBe(0);
    expect(book.cancel(2, 1)).toBe(0);
    expect(book.cancel(1, 1)).toBe(1);
    expect(book.cancel(1, 1)).toBe(0);
    expect(sink.of('rejected').map((e) => [e.orderId, e.owner, e.reason])).toEqual([
      [42, 1, Reason.UnknownOrder],
      [1, 2, Reason.UnknownOrder],
      [1, 1, Reason.UnknownOrder],
    ]);
  });

  it('the cancel reason is passed through', () => {
    const { book, sink } = bookWith({ asks: [[10, [1]]] });
    book.cancel(1, 1, Reason.Liquidation);
    expect(sink.of('canceled')[0]?.reason).toBe(Reason.Liquidation);
  });

  it('a canceled order in the middle of a queue keeps the others in order', () => {
    const { book, sink, nextId } = bookWith({ asks: [[10, [1, 2, 3]]] });
    book.cancel(1, 2);
    book.submit(nextId(), 9, 0, Side.Buy, OrderType.Market, 0, 4);
    expect(fillsOf(sink)).toEqual([[1, 10, 1], [3, 10, 3]]);
  });
});

describe('reduce', () => {
  it('keeps queue position and reports what is left', () => {
    const { book, sink, nextId } = bookWith({ bids: [[50, [5, 5]]] });
    expect(book.reduce(1, 1, 3)).toBe(2);
    expect(sink.of('reduced')).toEqual([{ type: 'reduced', orderId: 1, owner: 1, clientOrderId: 1001, reducedLots: 3, remainingLots: 2 }]);
    expect(levelsOf(book).bids).toEqual([[50, 7]]);
    expect(book.restingLots(Side.Buy)).toBe(7);
    book.submit(nextId(), 9, 0, Side.Sell, OrderType.Market, 0, 3);
    expect(fillsOf(sink)).toEqual([[1, 50, 2], [2, 50, 1]]);
  });

  const bad = [
    { name: 'by zero', by: 0, id: 1, reason: Reason.InvalidSize },
    { name: 'by a fraction', by: 1.5, id: 1, reason: Reason.InvalidSize },
    { name: 'by NaN', by: Number.NaN, id: 1, reason: Reason.InvalidSize },
    { name: 'an unknown order', by: 1, id: 9, reason: Reason.UnknownOrder },
  ];
  it.each(bad)('rejects a reduce $name', (c) => {
    const { book, sink } = bookWith({ bids: [[50, [5]]] });
    expect(book.reduce(1, c.id, c.by)).toBe(0);
    expect(sink.of('rejected').map((e) => e.reason)).toEqual([c.reason]);
    expect(book.remainingLots(1)).toBe(5);
  });

  it('reducing by the whole remainder or more cancels the order', () => {
    const { book, sink } = bookWith({ bids: [[50, [5]]] });
    expect(book.reduce(1, 1, 9)).toBe(0);
    expect(sink.of('canceled').map((e) => [e.orderId, e.canceledLots, e.reason])).toEqual([[1, 5, Reason.None]]);
    expect(book.hasBid()).toBe(false);
  });
});

describe('cancelAll', () => {
  it('cancels exactly the owner\'s orders on both sides and moves both touches', () => {
    const { book, sink } = bookWith({ bids: [[99, [1]], [98, [2]]], asks: [[101, [3]]] });
    book.submit(10, 4, 0, Side.Buy, OrderType.Limit, 100, 6);
    book.submit(11, 4, 0, Side.Sell, OrderType.Limit, 102, 7);
    book.submit(12, 4, 0, Side.Sell, OrderType.Limit, 101, 8);
    sink.clear();
    expect(book.cancelAll(4)).toBe(3);
    expect(sink.of('canceled').map((e) => e.orderId).sort((a, b) => a - b)).toEqual([10, 11, 12]);
    expect(sink.of('top')).toEqual([{ type: 'top', bidTicks: 99, bidLots: 1, askTicks: 101, askLots: 3 }]);
    expect(levelsOf(book)).toEqual({ bids: [[99, 1], [98, 2]], asks: [[101, 3]] });
    expect(book.cancelAll(4)).toBe(0);
    expect(book.cancelAll(12345)).toBe(0);
  });
});
