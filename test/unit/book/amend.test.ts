/** Amend: the ABIDES priority rule (decrease in place keeps the queue; price change or increase loses it), crossing amends, rejects. */
import { describe, expect, it } from 'vitest';
import { newOrderView } from '../../../src/book/index.js';
import { OrderType, Reason } from '../../../src/model/messages.js';
import { Side } from '../../../src/model/side.js';
import { bookWith, fillsOf, levelsOf } from './fixtures.js';

describe('amend', () => {
  it('a size decrease at the same price keeps the queue position (as reduce)', () => {
    const { book, sink, nextId } = bookWith({ asks: [[10, [3, 2]]] });
    expect(book.amend(1, 1, 10, 1)).toBe(1);
    expect(sink.of('reduced')).toEqual([{ type: 'reduced', orderId: 1, owner: 1, clientOrderId: 1001, reducedLots: 2, remainingLots: 1 }]);
    expect(sink.of('amended')).toEqual([]);
    book.submit(nextId(), 9, 0, Side.Buy, OrderType.Market, 0, 2);
    expect(fillsOf(sink)).toEqual([[1, 10, 1], [2, 10, 1]]);
  });

  it('a size increase at the same price goes to the back of the queue', () => {
    const { book, sink, nextId } = bookWith({ asks: [[10, [1, 2]]] });
    expect(book.amend(1, 1, 10, 4)).toBe(4);
    expect(sink.of('amended')).toEqual([{ type: 'amended', orderId: 1, owner: 1, clientOrderId: 1001, side: Side.Sell, priceTicks: 10, sizeLots: 4 }]);
    expect(levelsOf(book)).toEqual({ bids: [], asks: [[10, 6]] });
    book.submit(nextId(), 9, 0, Side.Buy, OrderType.Market, 0, 3);
    expect(fillsOf(sink)).toEqual([[2, 10, 2], [1, 10, 1]]);
  });

  it('a price change moves the order (same ids) and updates the touch', () => {
    const { book, sink } = bookWith({ bids: [[99, [1]], [98, [2]]], asks: [[101, [3]]] });
    expect(book.amend(1, 1, 97, 1)).toBe(1);
    expect(levelsOf(book)).toEqual({ bids: [[98, 2], [97, 1]], asks: [[101, 3]] });
    expect(book.bestBidTicks()).toBe(98);
    const v = newOrderView();
    expect(book.getOrder(1, v)).toBe(true);
    expect(v).toMatchObject({ orderId: 1, clientOrderId: 1001, priceTicks: 97, remainingLots: 1, side: Side.Buy });
    expect(sink.of('top').at(-1)).toEqual({ type: 'top', bidTicks: 98, bidLots: 2, askTicks: 101, askLots: 3 });
  });

  it('an amend that crosses trades as the taker and rests the rest', () => {
    const { book, sink } = bookWith({ bids: [[99, [2]]], asks: [[101, [1]], [102, [1]]], makerOwner: 1 });
    // Owner 1 owns every fixture order, so give the crossing order another owner by placing it fresh.
    book.submit(10, 2, 77, Side.Buy, OrderType.Limit, 100, 3);
    sink.clear();
    expect(book.amend(2, 10, 101, 3)).toBe(2);
    expect(sink.events.map((e) => e.type)).toEqual(['amended', 'filled', 'top']);
    expect(sink.of('filled')[0]).toMatchObject({ makerOrderId: 2, takerOrderId: 10, takerClientOrderId: 77, priceTicks: 101, sizeLots: 1, takerRemainingLots: 2 });
    expect(levelsOf(book)).toEqual({ bids: [[101, 2], [99, 2]], asks: [[102, 1]] });
  });

  it('self-trade prevention applies to a crossing amend (cancel_taker)', () => {
    const { book, sink } = bookWith({ bids: [[99, [2]]], asks: [[101, [1]]], options: { selfTradePrevention: 'cancel_taker' } });
    expect(book.amend(1, 1, 101, 2)).toBe(0);
    expect(sink.of('canceled')).toEqual([{ type: 'canceled', orderId: 1, owner: 1, clientOrderId: 1001, canceledLots: 2, reason: Reason.SelfTrade }]);
    expect(book.liveOrderCount()).toBe(1);
  });

  it('unchanged terms emit nothing', () => {
    const { book, sink } = bookWith({ asks: [[10, [3]]] });
    expect(book.amend(1, 1, 10, 3)).toBe(3);
    expect(sink.events).toEqual([]);
  });

  it('rejects unknown orders, other owners, bad prices and sizes, leaving the order as it was', () => {
    const { book, sink } = bookWith({ asks: [[10, [3]]] });
    expect(book.amend(1, 42, 10, 1)).toBe(0);
    expect(book.amend(2, 1, 10, 1)).toBe(0);
    expect(book.amend(1, 1, 0, 1)).toBe(0);
    expect(book.amend(1, 1, 10.5, 1)).toBe(0);
    expect(book.amend(1, 1, 10, 0)).toBe(0);
    expect(book.amend(1, 1, 10, Number.NaN)).toBe(0);
    expect(sink.of('rejected').map((e) => [e.orderId, e.owner, e.clientOrderId, e.reason])).toEqual([
      [42, 1, 0, Reason.UnknownOrder],
      [1, 2, 0, Reason.UnknownOrder],
      [1, 1, 1001, Reason.InvalidPrice],
      [1, 1, 1001, Reason.InvalidPrice],
      [1, 1, 1001, Reason.InvalidSize],
      [1, 1, 1001, Reason.InvalidSize],
    ]);
    expect(levelsOf(book)).toEqual({ bids: [], asks: [[10, 3]] });
  });
});
