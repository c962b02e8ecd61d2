/**
 * Properties of OrderBook over random command streams (fast-check, pinned seeds):
 * never crossed after a command; every accepted order's lots are conserved
 * (size = filled + canceled + reduced + resting, where an amend that re-enters an order sets its
 * size anew); fills of one command follow price-time priority (time = when the order last entered
 * its queue: an amend that loses priority re-enters); a successful cancel removes exactly its order
 * and nothing else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook, newOrderView, type SelfTradePrevention } from '../../src/book/index.js';
import { applyCommand, StreamState, streamArb } from '../unit/book/commands.js';
import { levelsOf, RecordingSink } from '../unit/book/fixtures.js';

const modeArb = fc.constantFrom<SelfTradePrevention>('cancel_resting', 'cancel_taker', 'none');
const RUNS = { seed: 314159, numRuns: 1500 };

function newBook(mode: SelfTradePrevention) {
  const sink = new RecordingSink();
  return { sink, book: new OrderBook(sink, { selfTradePrevention: mode, initialLevels: 16, initialOrders: 4 }), st: new StreamState() };
}

describe('book properties', () => {
  it('is never crossed after a command, and the touch queries match the L2 snapshot', () => {
    fc.assert(
      fc.property(modeArb, streamArb(40), (mode, stream) => {
        const { book, st } = newBook(mode);
        for (const c of stream) {
          applyCommand(book, st, c);
          if (book.hasBid() && book.hasAsk()) expect(book.bestBidTicks()).toBeLessThan(book.bestAskTicks());
          const l2 = levelsOf(book, 1);
          expect([book.bestBidTicks(), book.bestBidLots()]).toEqual(l2.bids[0] ?? [0, 0]);
          expect([book.bestAskTicks(), book.bestAskLots()]).toEqual(l2.asks[0] ?? [0, 0]);
        }
      }),
      RUNS,
    );
  });

  it('conserves quantity: submitted = filled + canceled + reduced + resting, per order and per side', () => {
    fc.assert(
      fc.property(modeArb, streamArb(40), (mode, stream) => {
        const { book, sink, st } = newBook(mode);
        for (const c of stream) applyCommand(book, st, c);
        const account = new Map<number, number>();
        const add = (id: number, lots: number): void => void account.set(id, (account.get(id) ?? 0) + lots);
        for (const e of sink.events) {
          if (e.type === 'accepted') add(e.orderId, e.sizeLots);
          else if (e.type === 'filled') {
            add(e.makerOrderId, -e.sizeLots);
            add(e.takerOrderId, -e.sizeLots);
          } else if (e.type === 'canceled') add(e.orderId, -e.canceledLots);
          else if (e.type === 'reduced') add(e.orderId, -e.reducedLots);
          else if (e.type === 'amended') account.set(e.orderId, e.sizeLots);
        }
        let bidLots = 0;
        let askLots = 0;
        const view = newOrderView();
        for (const [id, left] of account) {
          expect(left).toBe(book.remainingLots(id));
          if (book.getOrder(id, view)) {
            if (view.side > 0) bidLots += left;
            else askLots += left;
          }
        }
        expect(bidLots).toBe(book.restingLots(1));
        expect(askLots).toBe(book.restingLots(-1));
        const l2 = levelsOf(book, 1000);
        expect(l2.bids.reduce((s, l) => s + l[1], 0)).toBe(bidLots);
        expect(l2.asks.reduce((s, l) => s + l[1], 0)).toBe(askLots);
      }),
      RUNS,
    );
  });

  it('fills of one command go best price first, then oldest order first, and never at a worse price than a skipped one', () => {
    fc.assert(
      fc.property(modeArb, streamArb(40), (mode, stream) => {
        const { book, sink, st } = newBook(mode);
        /** orderId -> when it last entered a queue (accepted, or amended out of its queue and back). */
        const entered = new Map<number, number>();
        let clock = 0;
        for (const c of stream) {
          sink.clear();
          applyCommand(book, st, c);
          const fills = sink.of('filled');
          for (let i = 1; i < fills.length; i++) {
            const a = fills[i - 1]!;
            const b = fills[i]!;
            const side = b.aggressorSide;
            // Buy takers walk prices up, sell takers down; within a price, the maker that entered its queue first.
            expect((b.priceTicks - a.priceTicks) * side).toBeGreaterThanOrEqual(0);
            if (b.priceTicks === a.priceTicks && b.makerOrderId !== a.makerOrderId) expect(entered.get(b.makerOrderId)).toBeGreaterThan(entered.get(a.makerOrderId) as number);
          }
          for (const e of sink.events) if (e.type === 'accepted' || e.type === 'amended') entered.set(e.orderId, clock++);
          const last = fills.at(-1);
          if (last !== undefined && last.takerRemainingLots > 0 && mode === 'none') {
            // A taker that stopped with lots left found nothing better than its last fill price left on the book.
            const other = last.aggressorSide > 0 ? book.bestAskTicks() : book.bestBidTicks();
            if (other !== 0) expect((other - last.priceTicks) * last.aggressorSide).toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('a successful cancel removes exactly its order', () => {
    fc.assert(
      fc.property(modeArb, streamArb(40), fc.nat(), (mode, stream, pick) => {
        const { book, sink, st } = newBook(mode);
        for (const c of stream) applyCommand(book, st, c);
        const id = st.pickId(pick);
        const view = newOrderView();
        if (!book.getOrder(id, view)) return;
        const before = new Map<number, number>();
        for (let k = 1; k < st.nextId; k++) before.set(k, book.remainingLots(k));
        const l2Before = levelsOf(book, 1000);
        const count = book.liveOrderCount();
        sink.clear();
        expect(book.cancel(view.owner, id)).toBe(view.remainingLots);
        expect(sink.of('canceled')).toEqual([{ type: 'canceled', orderId: id, owner: view.owner, clientOrderId: view.clientOrderId, canceledLots: view.remainingLots, reason: 0 }]);
        expect(book.liveOrderCount()).toBe(count - 1);
        for (const [k, lots] of before) expect(book.remainingLots(k)).toBe(k === id ? 0 : lots);
        const expected = view.side > 0 ? l2Before.bids : l2Before.asks;
        const adjusted = expected
          .map(([p, l]): [number, number] => [p, p === view.priceTicks ? l - view.remainingLots : l])
          .filter(([, l]) => l > 0);
        const after = levelsOf(book, 1000);
        expect(view.side > 0 ? after.bids : after.asks).toEqual(adjusted);
        expect(view.side > 0 ? after.asks : after.bids).toEqual(view.side > 0 ? l2Before.asks : l2Before.bids);
      }),
      RUNS,
    );
  });
});
