/**
 * One listed instrument at a venue: its matching engine (src/book), its as-of market data ring,
 * the last trade, and the (owner, clientOrderId) -> live orderId index that lets an agent cancel
 * by its own id. Book events are forwarded to a {@link BookEvents} handler tagged with the
 * instrument id, so one handler serves every book.
 *
 * Units: prices ticks, sizes lots.
 */
import { OrderBook, type BookSink } from '../../book/index.js';
import type { MarketSnapshot } from '../../model/market.js';
import { L1Ring } from '../marketData/l1Ring.js';
import { ClientOrderIndex } from './clientOrderIndex.js';

/** What a venue does with book events (the book's sink, plus the instrument id). */
export interface BookEvents {
  onAccepted(inst: number, orderId: number, owner: number, clientOrderId: number, side: number, orderType: number, priceTicks: number, sizeLots: number): void;
  onRejected(inst: number, orderId: number, owner: number, clientOrderId: number, reason: number): void;
  onFilled(
    inst: number, makerOrderId: number, makerOwner: number, makerClientOrderId: number,
    takerOrderId: number, takerOwner: number, takerClientOrderId: number,
    aggressorSide: number, priceTicks: number, sizeLots: number, makerRemainingLots: number, takerRemainingLots: number,
  ): void;
  onCanceled(inst: number, orderId: number, owner: number, clientOrderId: number, canceledLots: number, reason: number): void;
  onReduced(inst: number, orderId: number, owner: number, clientOrderId: number, reducedLots: number, remainingLots: number): void;
  onAmended(inst: number, orderId: number, owner: number, clientOrderId: number, side: number, priceTicks: number, sizeLots: number): void;
}

export class VenueBook implements BookSink {
  readonly book: OrderBook;
  readonly ring: L1Ring;
  lastTicks = 0;
  /** True when L1 or last changed since the venue last published (cleared by the venue). */
  dirty = true;
  /** Live orders by owner and client order id (only orders with a non-zero clientOrderId). */
  private readonly byClientId = new ClientOrderIndex();

  constructor(readonly inst: number, private readonly events: BookEvents, retentionNs: number) {
    this.book = new OrderBook(this, { selfTradePrevention: 'cancel_resting' });
    this.ring = new L1Ring(retentionNs);
  }

  /** Mid in ticks (NaN when either side is empty). */
  midTicks(): number {
    const b = this.book;
    return b.hasBid() && b.hasAsk() ? (b.bestBidTicks() + b.bestAskTicks()) / 2 : Number.NaN;
  }

  /** Mid in ticks with the fallbacks of model/market.ts `midTicks` (one side, last; NaN when none). */
  displayMidTicks(): number {
    const b = this.book;
    if (b.hasBid() && b.hasAsk()) return (b.bestBidTicks() + b.bestAskTicks()) / 2;
    if (b.hasBid()) return b.bestBidTicks();
    if (b.hasAsk()) return b.bestAskTicks();
    return this.lastTicks > 0 ? this.lastTicks : Number.NaN;
  }

  /** Appends the current L1 with the given reference prices to the ring. */
  publish(tNs: number, indexTicks: number, markTicks: number): void {
    const b = this.book;
    this.ring.push(tNs, b.bestBidTicks(), b.bestBidLots(), b.bestAskTicks(), b.bestAskLots(), this.lastTicks, indexTicks, markTicks);
    this.dirty = false;
  }

  /** L1 as of `tNs` (see {@link L1Ring.snapshotAt}). */
  snapshotAt(tNs: number, out: MarketSnapshot): MarketSnapshot {
    return this.ring.snapshotAt(tNs, out);
  }

  /** Live order id of (owner, clientOrderId), 0 when none. */
  orderIdByClientId(owner: number, clientOrderId: number): number {
    return clientOrderId !== 0 && Number.isFinite(clientOrderId) ? this.byClientId.get(owner, clientOrderId) : 0;
  }

  // ---- BookSink ----
  onAccepted(orderId: number, owner: number, clientOrderId: number, side: number, orderType: number, priceTicks: number, sizeLots: number): void {
    if (clientOrderId !== 0 && Number.isFinite(clientOrderId)) this.byClientId.set(owner, clientOrderId, orderId);
    this.events.onAccepted(this.inst, orderId, owner, clientOrderId, side, orderType, priceTicks, sizeLots);
  }
  onRejected(orderId: number, owner: number, clientOrderId: number, reason: number): void {
    this.events.onRejected(this.inst, orderId, owner, clientOrderId, reason);
  }
  onFilled(
    makerOrderId: number, makerOwner: number, makerClientOrderId: number, takerOrderId: number, takerOwner: number,
    takerClientOrderId: number, aggressorSide: number, priceTicks: number, sizeLots: number, makerRemainingLots: number, takerRemainingLots: number,
  ): void {
    this.lastTicks = priceTicks;
    this.dirty = true;
    if (makerRemainingLots === 0) this.forget(makerOwner, makerClientOrderId, makerOrderId);
    if (takerRemainingLots === 0) this.forget(takerOwner, takerClientOrderId, takerOrderId);
    this.events.onFilled(this.inst, makerOrderId, makerOwner, makerClientOrderId, takerOrderId, takerOwner, takerClientOrderId,
      aggressorSide, priceTicks, sizeLots, makerRemainingLots, takerRemainingLots);
  }
  onCanceled(orderId: number, owner: number, clientOrderId: number, canceledLots: number, reason: number): void {
    this.forget(owner, clientOrderId, orderId);
    this.events.onCanceled(this.inst, orderId, owner, clientOrderId, canceledLots, reason);
  }
  onReduced(orderId: number, owner: number, clientOrderId: number, reducedLots: number, remainingLots: number): void {
    this.events.onReduced(this.inst, orderId, owner, clientOrderId, reducedLots, remainingLots);
  }
  onAmended(orderId: number, owner: number, clientOrderId: number, side: number, priceTicks: number, sizeLots: number): void {
    this.events.onAmended(this.inst, orderId, owner, clientOrderId, side, priceTicks, sizeLots);
  }
  onTopOfBook(): void {
    this.dirty = true;
  }

  private forget(owner: number, clientOrderId: number, orderId: number): void {
    if (clientOrderId !== 0 && Number.isFinite(clientOrderId)) this.byClientId.deleteIf(owner, clientOrderId, orderId);
  }
}
