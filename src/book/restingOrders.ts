/**
 * The resting side of the book: the order pool, the price ladder, the orderId -> slot map, the
 * per-owner lists and the incrementally tracked touch. Only {@link OrderBook} uses it; fields are
 * public so the matching loop can hoist them into locals. Prices in ticks, sizes in lots.
 */
import { Reason } from '../model/messages.js';
import { OrderIdIndex } from './idIndex.js';
import { PriceLadder } from './ladder.js';
import { NIL, OrderPool, growI32 } from './orderPool.js';
import type { BookSink, L2Snapshot } from './types.js';

/** Owners are dense agent ids; the per-owner list head array is indexed by them. */
export const MAX_OWNER = (1 << 24) - 1;

/**
 * ownerHead value of an owner whose orders are not listed. Per-owner lists exist only for
 * cancelAll; an owner gets one the first time it is canceled-all (built from the pool, newest
 * first, as if it had always been kept), so the many owners that never cancel-all pay nothing
 * per order for it.
 */
const UNTRACKED = -2;

export class RestingOrders {
  readonly pool: OrderPool;
  readonly ladder: PriceLadder;
  readonly slotById: OrderIdIndex;
  /** Newest live order of each owner (NIL: none), or UNTRACKED before its first cancelAll. */
  ownerHead: Int32Array = new Int32Array(64).fill(UNTRACKED);
  /** Best prices in ticks; meaningful only while the side has orders. */
  bestBid = 0;
  bestAsk = 0;
  bidOrders = 0;
  askOrders = 0;
  bidLotsTotal = 0;
  askLotsTotal = 0;
  /**
   * Set when a change may have moved L1 (an order added at or inside the touch, one removed at
   * the touch; the matcher sets it too), cleared by the book when it reports L1. Lets most
   * commands, which work behind the touch, skip the L1 comparison.
   */
  topDirty = false;

  constructor(
    readonly sink: BookSink,
    initialLevels: number,
    maxLevels: number,
    initialOrders: number,
  ) {
    this.ladder = new PriceLadder(Math.min(initialLevels, maxLevels), maxLevels);
    this.pool = new OrderPool(initialOrders);
    this.slotById = new OrderIdIndex();
  }

  /** Grows the owner index so `owner` (already validated as 0..MAX_OWNER) has a list head. */
  ensureOwner(owner: number): void {
    if (owner < this.ownerHead.length) return;
    let n = this.ownerHead.length;
    while (n <= owner) n *= 2;
    this.ownerHead = growI32(this.ownerHead, n, UNTRACKED);
  }

  /**
   * The head of `owner`'s list of live orders (newest first), building the list on first use:
   * the owner's live slots sorted by order id descending are exactly the order they rested in.
   */
  ownerListHead(owner: number): number {
    const head = this.ownerHead[owner] as number;
    if (head !== UNTRACKED) return head;
    const pool = this.pool;
    const slots: number[] = [];
    for (let s = 0; s < pool.highWater; s++) if ((pool.remainingLots[s] as number) > 0 && pool.owner[s] === owner) slots.push(s);
    slots.sort((a, b) => (pool.orderId[a] as number) - (pool.orderId[b] as number));
    let h = NIL;
    for (const s of slots) {
      pool.ownerPrev[s] = NIL;
      pool.ownerNext[s] = h;
      if (h !== NIL) pool.ownerPrev[h] = s;
      h = s;
    }
    this.ownerHead[owner] = h;
    return h;
  }

  /** Self-trade prevention inside matching: cancels a resting order without moving the touch (the loop does). */
  cancelInMatch(slot: number, li: number): void {
    const pool = this.pool;
    const rem = pool.remainingLots[slot] as number;
    this.sink.onCanceled(pool.orderId[slot] as number, pool.owner[slot] as number, pool.clientOrderId[slot] as number, rem, Reason.SelfTrade);
    this.unlinkFromLevel(slot, li, rem);
    this.release(slot);
  }

  /** Appends a new order at the tail of its level; the ladder must already address `priceTicks`. */
  rest(orderId: number, owner: number, coid: number, side: number, priceTicks: number, sizeLots: number): void {
    const pool = this.pool;
    const slot = pool.alloc();
    pool.orderId[slot] = orderId;
    pool.clientOrderId[slot] = coid;
    pool.owner[slot] = owner;
    pool.side[slot] = side;
    pool.priceTicks[slot] = priceTicks;
    pool.remainingLots[slot] = sizeLots;
    const ladder = this.ladder;
    const li = priceTicks - ladder.baseTicks;
    const t = ladder.tail[li] as number;
    pool.prev[slot] = t;
    pool.next[slot] = NIL;
    if (t === NIL) ladder.head[li] = slot;
    else pool.next[t] = slot;
    ladder.tail[li] = slot;
    ladder.count[li] = (ladder.count[li] as number) + 1;
    ladder.lots[li] = (ladder.lots[li] as number) + sizeLots;
    if (this.ownerHead[owner] !== UNTRACKED) this.linkOwner(slot, owner);
    this.slotById.set(orderId, slot);
    if (side > 0) {
      if (this.bidOrders === 0 || priceTicks >= this.bestBid) {
        this.bestBid = priceTicks;
        this.topDirty = true;
      }
      this.bidOrders++;
      this.bidLotsTotal += sizeLots;
    } else {
      if (this.askOrders === 0 || priceTicks <= this.bestAsk) {
        this.bestAsk = priceTicks;
        this.topDirty = true;
      }
      this.askOrders++;
      this.askLotsTotal += sizeLots;
    }
  }

  /** Cancels a resting order outside matching: event, unlink, touch update. */
  removeResting(slot: number, reason: number): void {
    const pool = this.pool;
    const rem = pool.remainingLots[slot] as number;
    const priceTicks = pool.priceTicks[slot] as number;
    const li = priceTicks - this.ladder.baseTicks;
    this.sink.onCanceled(pool.orderId[slot] as number, pool.owner[slot] as number, pool.clientOrderId[slot] as number, rem, reason);
    const isBid = (pool.side[slot] as number) > 0;
    if (priceTicks === (isBid ? this.bestBid : this.bestAsk)) this.topDirty = true;
    this.unlinkFromLevel(slot, li, rem);
    this.release(slot);
    if (this.ladder.count[li] === 0) this.levelEmptied(isBid, priceTicks, li);
  }

  /** Takes a resting order out of the book without an event (an amend re-enters it at once). */
  removeSilently(slot: number): void {
    const pool = this.pool;
    const rem = pool.remainingLots[slot] as number;
    const priceTicks = pool.priceTicks[slot] as number;
    const li = priceTicks - this.ladder.baseTicks;
    const isBid = (pool.side[slot] as number) > 0;
    if (priceTicks === (isBid ? this.bestBid : this.bestAsk)) this.topDirty = true;
    this.unlinkFromLevel(slot, li, rem);
    this.release(slot);
    if (this.ladder.count[li] === 0) this.levelEmptied(isBid, priceTicks, li);
  }

  /**
   * Moves the touch off a level a cancel just emptied. Out of line so the JIT's inlining budget
   * of the callers (cancel, reduce) covers the common path: most cancels leave their level occupied.
   */
  private levelEmptied(isBid: boolean, priceTicks: number, li: number): void {
    if (isBid) {
      if (this.bidOrders > 0 && priceTicks === this.bestBid) this.bestBid = this.nextBidBelow(li);
    } else if (this.askOrders > 0 && priceTicks === this.bestAsk) {
      this.bestAsk = this.nextAskAbove(li);
    }
  }

  /** Takes a slot out of its level's FIFO and the side totals (not the owner list or id map). */
  unlinkFromLevel(slot: number, li: number, rem: number): void {
    const pool = this.pool;
    const ladder = this.ladder;
    const p = pool.prev[slot] as number;
    const n = pool.next[slot] as number;
    if (p === NIL) ladder.head[li] = n;
    else pool.next[p] = n;
    if (n === NIL) ladder.tail[li] = p;
    else pool.prev[n] = p;
    ladder.count[li] = (ladder.count[li] as number) - 1;
    ladder.lots[li] = (ladder.lots[li] as number) - rem;
    if ((pool.side[slot] as number) > 0) {
      this.bidOrders--;
      this.bidLotsTotal -= rem;
    } else {
      this.askOrders--;
      this.askLotsTotal -= rem;
    }
  }

  /** Drops a slot already out of its level: owner list, id map, free list. */
  release(slot: number): void {
    const pool = this.pool;
    const owner = pool.owner[slot] as number;
    if (this.ownerHead[owner] !== UNTRACKED) this.unlinkOwner(slot, owner);
    this.slotById.delete(pool.orderId[slot] as number);
    pool.free(slot);
  }

  /**
   * Puts `slot` at the head of a tracked owner's list. Out of line (like {@link unlinkOwner}):
   * only owners that were canceled-all are tracked, and a smaller rest/release inlines better.
   */
  private linkOwner(slot: number, owner: number): void {
    const pool = this.pool;
    const oh = this.ownerHead[owner] as number;
    pool.ownerPrev[slot] = NIL;
    pool.ownerNext[slot] = oh;
    if (oh !== NIL) pool.ownerPrev[oh] = slot;
    this.ownerHead[owner] = slot;
  }

  /** Takes `slot` out of its tracked owner's list. */
  private unlinkOwner(slot: number, owner: number): void {
    const pool = this.pool;
    const op = pool.ownerPrev[slot] as number;
    const on = pool.ownerNext[slot] as number;
    if (op === NIL) this.ownerHead[owner] = on;
    else pool.ownerNext[op] = on;
    if (on !== NIL) pool.ownerPrev[on] = op;
  }

  /** Price of the first non-empty level above index `li` (asks exist, so one does). */
  nextAskAbove(li: number): number {
    const count = this.ladder.count;
    let i = li + 1;
    while (count[i] === 0) i++;
    return this.ladder.baseTicks + i;
  }

  /** Price of the first non-empty level below index `li` (bids exist, so one does). */
  nextBidBelow(li: number): number {
    const count = this.ladder.count;
    let i = li - 1;
    while (count[i] === 0) i--;
    return this.ladder.baseTicks + i;
  }

  /** Writes up to `n` levels per side into `out`, best first (see OrderBook.snapshotL2). */
  snapshotL2(out: L2Snapshot, n: number): void {
    const { lots, count } = this.ladder;
    const base = this.ladder.baseTicks;
    let k = 0;
    let seen = 0;
    for (let i = this.bestBid - base; k < n && seen < this.bidOrders; i--) {
      const c = count[i] as number;
      if (c === 0) continue;
      out.bidTicks[k] = base + i;
      out.bidLots[k] = lots[i] as number;
      out.bidOrders[k] = c;
      seen += c;
      k++;
    }
    out.bidLevels = k;
    k = 0;
    seen = 0;
    for (let i = this.bestAsk - base; k < n && seen < this.askOrders; i++) {
      const c = count[i] as number;
      if (c === 0) continue;
      out.askTicks[k] = base + i;
      out.askLots[k] = lots[i] as number;
      out.askOrders[k] = c;
      seen += c;
      k++;
    }
    out.askLevels = k;
  }
}
