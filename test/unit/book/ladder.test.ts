/** The price ladder: re-centring and growth keep every queue intact, wherever the price walks. */
import { describe, expect, it } from 'vitest';
import { OrderBook, NULL_SINK } from '../../../src/book/index.js';
import { OrderType, Reason } from '../../../src/model/messages.js';
import { Side } from '../../../src/model/side.js';
import { bookWith, fillsOf, levelsOf } from './fixtures.js';

describe('price ladder', () => {
  it('follows a price walk 10^8 ticks away from the start, with a trade at every step', () => {
    const book = new OrderBook(NULL_SINK, { initialLevels: 64 });
    let id = 0;
    let priceTicks = 1000;
    for (let step = 0; step < 2000; step++) {
      book.submit(++id, 1, 0, Side.Buy, OrderType.Limit, priceTicks - 1, 1);
      book.submit(++id, 1, 0, Side.Sell, OrderType.Limit, priceTicks + 1, 1);
      // The aggressor lifts the ask; the maker pulls its bid and requotes 50,000 ticks higher.
      expect(book.submit(++id, 2, 0, Side.Buy, OrderType.Market, 0, 1)).toBe(1);
      expect(book.cancel(1, id - 2)).toBe(1);
      expect(book.liveOrderCount()).toBe(0);
      priceTicks += 50_000;
    }
    expect(priceTicks).toBeGreaterThan(1e8);
    // A resting quote far from the start still trades normally.
    book.submit(++id, 1, 0, Side.Sell, OrderType.Limit, priceTicks, 3);
    book.submit(++id, 1, 0, Side.Buy, OrderType.Limit, priceTicks - 7, 2);
    expect(book.bestAskTicks()).toBe(priceTicks);
    expect(book.bestBidTicks()).toBe(priceTicks - 7);
  });

  it('keeps a resting book while the touch drifts step by step far above it (growth, then re-centring)', () => {
    const { book, sink, nextId } = bookWith({ bids: [[500, [1, 2]], [400, [3]]], options: { initialLevels: 16, maxLevels: 1 << 20 } });
    for (let p = 600; p < 300_000; p += 997) {
      const id = nextId();
      book.submit(id, 3, 0, Side.Sell, OrderType.Limit, p, 1);
      book.cancel(3, id);
    }
    expect(levelsOf(book).bids).toEqual([[500, 3], [400, 3]]);
    sink.clear();
    book.submit(nextId(), 2, 0, Side.Sell, OrderType.Market, 0, 6);
    expect(fillsOf(sink)).toEqual([[1, 500, 1], [2, 500, 2], [3, 400, 3]]);
  });

  it('re-centres below the start down to tick 1', () => {
    const { book, nextId } = bookWith({ asks: [[100_000, [4]]], options: { initialLevels: 16 } });
    book.submit(nextId(), 2, 0, Side.Buy, OrderType.Limit, 1, 5);
    book.submit(nextId(), 2, 0, Side.Buy, OrderType.Limit, 2, 6);
    expect(levelsOf(book)).toEqual({ bids: [[2, 6], [1, 5]], asks: [[100_000, 4]] });
  });

  it('works at the top of the safe-integer range', () => {
    const top = Number.MAX_SAFE_INTEGER;
    const { book, sink, nextId } = bookWith({ bids: [[top - 5, [2]]], asks: [[top, [3]]] });
    book.submit(nextId(), 2, 0, Side.Buy, OrderType.Limit, top, 4);
    expect(fillsOf(sink)).toEqual([[2, top, 3]]);
    expect(levelsOf(book)).toEqual({ bids: [[top, 1], [top - 5, 2]], asks: [] });
  });

  const spans = [
    { name: 'a bid too far below the resting ask', side: Side.Buy, priceTicks: 10_000 - 5000 },
    { name: 'an ask too far above the resting ask', side: Side.Sell, priceTicks: 10_000 + 5000 },
  ];
  it.each(spans)('rejects with InvalidPrice $name when it would stretch the book past maxLevels', (c) => {
    const { book, sink, nextId } = bookWith({ asks: [[10_000, [1]]], options: { maxLevels: 4096, initialLevels: 16 } });
    const id = nextId();
    book.submit(id, 2, 0, c.side, OrderType.Limit, c.priceTicks, 1);
    expect(sink.of('rejected').map((e) => [e.orderId, e.reason])).toEqual([[id, Reason.InvalidPrice]]);
    book.cancel(1, 1);
    book.submit(nextId(), 2, 0, c.side, OrderType.Limit, c.priceTicks, 1);
    expect(book.liveOrderCount()).toBe(1);
  });
});
