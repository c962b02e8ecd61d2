/** Matching: price-time priority, partial fills and every order type, table-driven. */
import { describe, expect, it } from 'vitest';
import { OrderType, Reason } from '../../../src/model/messages.js';
import { Side } from '../../../src/model/side.js';
import { bookWith, fillsOf, levelsOf, type BookFixture } from './fixtures.js';

/** Fixture ids: bids 100:[1]=id1, 99:[2,3]=ids 2,3; asks 101:[4,5]=ids 4,5, 103:[6]=id 6. */
const standard: BookFixture = { bids: [[100, [1]], [99, [2, 3]]], asks: [[101, [4, 5]], [103, [6]]] };

interface Case {
  name: string;
  side: number;
  type: number;
  priceTicks: number;
  sizeLots: number;
  fills: Array<[number, number, number]>;
  /** What happened to the taker's remainder. */
  end: { rested: number } | { canceled: number; reason: number } | { rejected: number } | 'filled';
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
}

const cases: Case[] = [
  {
    name: 'limit buy below the ask rests without trading',
    side: Side.Buy, type: OrderType.Limit, priceTicks: 100, sizeLots: 2,
    fills: [], end: { rested: 2 },
    bids: [[100, 3], [99, 5]], asks: [[101, 9], [103, 6]],
  },
  {
    name: 'limit buy at the ask fills FIFO within the level, partially filling the second maker',
    side: Side.Buy, type: OrderType.Limit, priceTicks: 101, sizeLots: 6,
    fills: [[4, 101, 4], [5, 101, 2]], end: 'filled',
    bids: [[100, 1], [99, 5]], asks: [[101, 3], [103, 6]],
  },
  {
    name: 'limit buy through two levels rests its remainder at its limit',
    side: Side.Buy, type: OrderType.Limit, priceTicks: 103, sizeLots: 20,
    fills: [[4, 101, 4], [5, 101, 5], [6, 103, 6]], end: { rested: 5 },
    bids: [[103, 5], [100, 1], [99, 5]], asks: [],
  },
  {
    name: 'limit sell sweeps bids best first and trades at the makers\' prices',
    side: Side.Sell, type: OrderType.Limit, priceTicks: 99, sizeLots: 3,
    fills: [[1, 100, 1], [2, 99, 2]], end: 'filled',
    bids: [[99, 3]], asks: [[101, 9], [103, 6]],
  },
  {
    name: 'limit sell above the bid inside the spread becomes the new best ask',
    side: Side.Sell, type: OrderType.Limit, priceTicks: 102, sizeLots: 1,
    fills: [], end: { rested: 1 },
    bids: [[100, 1], [99, 5]], asks: [[101, 9], [102, 1], [103, 6]],
  },
  {
    name: 'market buy larger than the book fills everything and cancels the rest',
    side: Side.Buy, type: OrderType.Market, priceTicks: 0, sizeLots: 17,
    fills: [[4, 101, 4], [5, 101, 5], [6, 103, 6]], end: { canceled: 2, reason: Reason.IocRemainder },
    bids: [[100, 1], [99, 5]], asks: [],
  },
  {
    name: 'market sell with a protection price stops at it',
    side: Side.Sell, type: OrderType.Market, priceTicks: 100, sizeLots: 4,
    fills: [[1, 100, 1]], end: { canceled: 3, reason: Reason.IocRemainder },
    bids: [[99, 5]], asks: [[101, 9], [103, 6]],
  },
  {
    name: 'market buy with a protection price below the ask is rejected NoLiquidity',
    side: Side.Buy, type: OrderType.Market, priceTicks: 100, sizeLots: 1,
    fills: [], end: { rejected: Reason.NoLiquidity },
    bids: [[100, 1], [99, 5]], asks: [[101, 9], [103, 6]],
  },
  {
    name: 'IOC buy fills what crosses and cancels the remainder',
    side: Side.Buy, type: OrderType.IOC, priceTicks: 101, sizeLots: 12,
    fills: [[4, 101, 4], [5, 101, 5]], end: { canceled: 3, reason: Reason.IocRemainder },
    bids: [[100, 1], [99, 5]], asks: [[103, 6]],
  },
  {
    name: 'IOC that does not cross is accepted then canceled whole',
    side: Side.Sell, type: OrderType.IOC, priceTicks: 101, sizeLots: 2,
    fills: [], end: { canceled: 2, reason: Reason.IocRemainder },
    bids: [[100, 1], [99, 5]], asks: [[101, 9], [103, 6]],
  },
  {
    name: 'post-only inside the spread rests',
    side: Side.Sell, type: OrderType.PostOnly, priceTicks: 102, sizeLots: 2,
    fills: [], end: { rested: 2 },
    bids: [[100, 1], [99, 5]], asks: [[101, 9], [102, 2], [103, 6]],
  },
  {
    name: 'post-only that would cross is rejected',
    side: Side.Buy, type: OrderType.PostOnly, priceTicks: 101, sizeLots: 2,
    fills: [], end: { rejected: Reason.PostOnlyWouldCross },
    bids: [[100, 1], [99, 5]], asks: [[101, 9], [103, 6]],
  },
];

describe('matching (standard fixture)', () => {
  it.each(cases)('$name', (c) => {
    const { book, sink, nextId } = bookWith(standard);
    const id = nextId();
    const filled = book.submit(id, 2, 77, c.side, c.type, c.priceTicks, c.sizeLots);
    expect(fillsOf(sink)).toEqual(c.fills);
    expect(filled).toBe(c.fills.reduce((s, f) => s + f[2], 0));
    for (const f of sink.of('filled')) {
      expect(f).toMatchObject({ takerOrderId: id, takerOwner: 2, takerClientOrderId: 77, aggressorSide: c.side, makerOwner: 1 });
      expect(f.makerClientOrderId).toBe(1000 + f.makerOrderId);
    }
    const accepted = sink.of('accepted');
    if (typeof c.end === 'object' && 'rejected' in c.end) {
      expect(accepted).toEqual([]);
      expect(sink.of('rejected')).toEqual([{ type: 'rejected', orderId: id, owner: 2, clientOrderId: 77, reason: c.end.rejected }]);
    } else {
      expect(accepted).toEqual([{ type: 'accepted', orderId: id, owner: 2, clientOrderId: 77, side: c.side, orderType: c.type, priceTicks: c.priceTicks, sizeLots: c.sizeLots }]);
      expect(sink.events[0]?.type).toBe('accepted');
    }
    const canceled = sink.of('canceled');
    if (typeof c.end === 'object' && 'canceled' in c.end) {
      expect(canceled).toEqual([{ type: 'canceled', orderId: id, owner: 2, clientOrderId: 77, canceledLots: c.end.canceled, reason: c.end.reason }]);
    } else {
      expect(canceled).toEqual([]);
    }
    expect(book.remainingLots(id)).toBe(typeof c.end === 'object' && 'rested' in c.end ? c.end.rested : 0);
    expect(levelsOf(book)).toEqual({ bids: c.bids, asks: c.asks });
  });
});

describe('priority and partial fills', () => {
  it('a partially filled maker keeps its place at the head of the queue', () => {
    const { book, sink, nextId, idsAt } = bookWith({ asks: [[50, [5, 5]]] });
    const [first, second] = idsAt(50) as [number, number];
    book.submit(nextId(), 2, 0, Side.Buy, OrderType.IOC, 50, 3);
    book.submit(nextId(), 2, 0, Side.Buy, OrderType.IOC, 50, 3);
    expect(fillsOf(sink)).toEqual([[first, 50, 3], [first, 50, 2], [second, 50, 1]]);
    expect(book.remainingLots(first)).toBe(0);
    expect(book.remainingLots(second)).toBe(4);
  });

  it('a later order at a better price trades before an earlier one at a worse price', () => {
    const { book, sink, nextId } = bookWith({ bids: [[40, [1]]] });
    const better = nextId();
    book.submit(better, 3, 0, Side.Buy, OrderType.Limit, 41, 1);
    book.submit(nextId(), 2, 0, Side.Sell, OrderType.Market, 0, 1);
    expect(fillsOf(sink)).toEqual([[better, 41, 1]]);
  });

  it('fills report maker and taker remaining lots after each fill', () => {
    const { book, sink, nextId } = bookWith({ asks: [[10, [2, 4]]] });
    book.submit(nextId(), 2, 0, Side.Buy, OrderType.Limit, 10, 3);
    expect(sink.of('filled').map((f) => [f.makerRemainingLots, f.takerRemainingLots])).toEqual([[0, 1], [3, 0]]);
  });
});
