/** Self-trade prevention modes, table-driven over one fixture where the taker's own order sits mid-queue. */
import { describe, expect, it } from 'vitest';
import type { SelfTradePrevention } from '../../../src/book/index.js';
import { OrderType, Reason } from '../../../src/model/messages.js';
import { Side } from '../../../src/model/side.js';
import { bookWith, fillsOf, levelsOf } from './fixtures.js';

const TAKER = 5;
const OTHER = 1;

/** asks at 20: [other 2 (id1), TAKER 3 (id2), other 4 (id3)]; at 21: other 5 (id4). */
function stpBook(mode: SelfTradePrevention) {
  const fx = bookWith({ asks: [[20, [2]]], makerOwner: OTHER, options: { selfTradePrevention: mode } });
  fx.book.submit(2, TAKER, 1002, Side.Sell, OrderType.Limit, 20, 3);
  fx.book.submit(3, OTHER, 1003, Side.Sell, OrderType.Limit, 20, 4);
  fx.book.submit(4, OTHER, 1004, Side.Sell, OrderType.Limit, 21, 5);
  fx.sink.clear();
  return fx;
}

const cases: Array<{
  mode: SelfTradePrevention;
  type: number;
  fills: Array<[number, number, number]>;
  canceled: Array<[number, number, number]>;
  rested: number;
  asks: Array<[number, number]>;
}> = [
  {
    mode: 'cancel_resting', type: OrderType.Limit,
    fills: [[1, 20, 2], [3, 20, 4], [4, 21, 2]], canceled: [[2, 3, Reason.SelfTrade]], rested: 0,
    asks: [[21, 3]],
  },
  {
    mode: 'cancel_taker', type: OrderType.Limit,
    fills: [[1, 20, 2]], canceled: [[100, 6, Reason.SelfTrade]], rested: 0,
    asks: [[20, 7], [21, 5]],
  },
  {
    mode: 'cancel_taker', type: OrderType.Market,
    fills: [[1, 20, 2]], canceled: [[100, 6, Reason.SelfTrade]], rested: 0,
    asks: [[20, 7], [21, 5]],
  },
  {
    mode: 'none', type: OrderType.Limit,
    fills: [[1, 20, 2], [2, 20, 3], [3, 20, 3]], canceled: [], rested: 0,
    asks: [[20, 1], [21, 5]],
  },
];

describe('self-trade prevention', () => {
  it.each(cases)('$mode with a $type order buying 8 lots at 21', (c) => {
    const { book, sink } = stpBook(c.mode);
    book.submit(100, TAKER, 9, Side.Buy, c.type, c.type === OrderType.Market ? 0 : 21, 8);
    expect(fillsOf(sink)).toEqual(c.fills);
    expect(sink.of('canceled').map((e) => [e.orderId, e.canceledLots, e.reason])).toEqual(c.canceled);
    expect(book.remainingLots(100)).toBe(c.rested);
    expect(levelsOf(book).asks).toEqual(c.asks);
    expect(levelsOf(book).bids).toEqual([]);
  });

  it('cancel_resting removes the owner\'s order from the owner list (cancelAll then finds none)', () => {
    const { book, sink } = stpBook('cancel_resting');
    book.submit(100, TAKER, 9, Side.Buy, OrderType.IOC, 20, 3);
    sink.clear();
    expect(book.cancelAll(TAKER)).toBe(0);
    expect(sink.events).toEqual([]);
  });

  it('cancel_resting can empty the touch of own orders and leave a market order unfilled', () => {
    const fx = bookWith({ asks: [[30, [1, 2]]], makerOwner: TAKER });
    fx.book.submit(50, TAKER, 0, Side.Buy, OrderType.Market, 0, 5);
    expect(fillsOf(fx.sink)).toEqual([]);
    expect(fx.sink.of('canceled').map((e) => [e.orderId, e.reason])).toEqual([[1, Reason.SelfTrade], [2, Reason.SelfTrade], [50, Reason.IocRemainder]]);
    expect(fx.book.hasAsk()).toBe(false);
  });
});
