/**
 * cancelAll keeps per-owner order lists only for owners that use it, built from the pool on the
 * first call: the cancels must still come newest first (the order the venue reports them in), for
 * orders rested before the first cancelAll, after it, partly filled, or reduced, and an owner's
 * later orders must join its list.
 */
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/index.js';
import { OrderType } from '../../../src/model/messages.js';
import { RecordingSink } from './fixtures.js';

/** Rests `lots` for `owner` at `price` on `side` with the next order id. */
function rest(book: OrderBook, ids: { next: number }, owner: number, side: number, price: number, lots: number): number {
  const id = ids.next++;
  book.submit(id, owner, 0, side, OrderType.Limit, price, lots);
  return id;
}

describe('cancelAll order', () => {
  const cases: { name: string; run: (book: OrderBook, ids: { next: number }) => number[] }[] = [
    {
      name: 'untracked owner: newest first across levels, skipping filled and canceled orders',
      run: (book, ids) => {
        const a = rest(book, ids, 7, 1, 99, 5);
        rest(book, ids, 8, 1, 99, 5); // another owner in the same queue
        const b = rest(book, ids, 7, -1, 105, 5);
        const gone = rest(book, ids, 7, 1, 98, 5);
        const c = rest(book, ids, 7, 1, 97, 5);
        book.cancel(7, gone);
        book.submit(ids.next++, 9, 0, -1, OrderType.IOC, 99, 2); // partly fills a (owner 7) at 99
        book.reduce(7, c, 1);
        return [c, b, a];
      },
    },
    {
      name: 'tracked owner: orders rested after the first cancelAll join the list',
      run: (book, ids) => {
        rest(book, ids, 7, 1, 90, 1);
        book.cancelAll(7);
        const d = rest(book, ids, 7, 1, 91, 1);
        rest(book, ids, 3, 1, 91, 1);
        const e = rest(book, ids, 7, -1, 120, 1);
        const f = rest(book, ids, 7, 1, 89, 1);
        book.cancel(7, e);
        return [f, d];
      },
    },
  ];
  it.each(cases)('$name', (c) => {
    const sink = new RecordingSink();
    const book = new OrderBook(sink, { initialOrders: 2 });
    const ids = { next: 1 };
    const want = c.run(book, ids);
    sink.clear();
    expect(book.cancelAll(7)).toBe(want.length);
    expect(sink.of('canceled').map((e) => e.orderId)).toEqual(want);
    expect(book.cancelAll(7)).toBe(0);
    // Only the other owners' order (one per case) is left.
    expect(book.liveOrderCount()).toBe(1);
  });

  it('an owner first seen by cancelAll after its orders were all filled cancels nothing', () => {
    const sink = new RecordingSink();
    const book = new OrderBook(sink);
    book.submit(1, 4, 0, -1, OrderType.Limit, 100, 3);
    book.submit(2, 5, 0, 1, OrderType.Market, 0, 3);
    expect(book.cancelAll(4)).toBe(0);
    book.submit(3, 4, 0, -1, OrderType.Limit, 101, 1);
    expect(book.cancelAll(4)).toBe(1);
  });
});
