/**
 * The limit order book: a pure, synchronous price-time priority matching engine (one instance
 * per instrument). It knows nothing of agents, accounts or the kernel: the venue feeds it
 * commands with plain numbers and receives every outcome through a {@link BookSink}.
 * Prices are integer ticks > 0, sizes integer lots > 0, sides +1 buy / -1 sell
 * (`model/side.ts`), order types `OrderType` and reasons `Reason` (`model/messages.ts`).
 *
 * Usage:
 * ```ts
 * import { OrderBook, L2Snapshot, type BookSink } from '../book/index.js';
 * import { OrderType, Reason } from '../model/messages.js';
 * import { Side } from '../model/side.js';
 *
 * const sink: BookSink = {
 *   onAccepted(orderId, owner, clientOrderId, side, orderType, priceTicks, sizeLots) {},
 *   onRejected(orderId, owner, clientOrderId, reason) {},
 *   onFilled(makerId, makerOwner, makerCoid, takerId, takerOwner, takerCoid, aggressorSide, priceTicks, sizeLots, makerLeft, takerLeft) {},
 *   onCanceled(orderId, owner, clientOrderId, canceledLots, reason) {},
 *   onReduced(orderId, owner, clientOrderId, reducedLots, remainingLots) {},
 *   onTopOfBook(bidTicks, bidLots, askTicks, askLots) {},
 * };
 * const book = new OrderBook(sink, { selfTradePrevention: 'cancel_resting' });
 * book.submit(1, 7, 100, Side.Sell, OrderType.Limit, 1001, 5); // agent 7 rests 5 lots @ 1001
 * book.submit(2, 8, 200, Side.Buy, OrderType.Market, 0, 3);    // agent 8 lifts 3 lots
 * book.reduce(7, 1, 1);                                        // 1 lot left, queue kept
 * book.cancel(7, 1);                                           // onCanceled(1, 7, 100, 1, Reason.None)
 * const l2 = new L2Snapshot(10);                               // caller-owned, reused
 * book.snapshotL2(l2);
 * ```
 */
export { OrderBook } from './orderBook.js';
export { MAX_OWNER } from './restingOrders.js';
export { L2Snapshot, NULL_SINK, newOrderView } from './types.js';
export type { BookOptions, BookSink, OrderView, SelfTradePrevention } from './types.js';
