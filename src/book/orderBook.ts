/**
 * The limit order book: a pure, synchronous price-time priority matching engine for one
 * instrument. Commands go in as plain numbers; every outcome comes out through the
 * {@link BookSink} given at construction, in order, with no allocation per command (storage
 * grows by doubling, amortized). Business outcomes (bad price or size, post-only would cross,
 * unknown order) are `onRejected` events; only broken invariants throw (a duplicate live
 * order id, a side or order type outside the enums, an owner that is not a small integer).
 *
 * Units: prices integer ticks > 0, sizes integer lots > 0, sides +1 buy / -1 sell.
 */
import { OrderType, Reason } from '../model/messages.js';
import { ABSENT } from './idIndex.js';
import { NIL } from './orderPool.js';
import { MAX_OWNER, RestingOrders } from './restingOrders.js';
import type { BookOptions, BookSink, L2Snapshot, OrderView } from './types.js';

const STP_NONE = 0;
const STP_CANCEL_RESTING = 1;
const STP_CANCEL_TAKER = 2;
const LIMIT: number = OrderType.Limit;
const MARKET: number = OrderType.Market;
const IOC: number = OrderType.IOC;
const POST_ONLY: number = OrderType.PostOnly;

/** Price-time priority book. See src/book/index.ts for a usage example. */
export class OrderBook {
  private readonly sink: BookSink;
  private readonly stp: number;
  private readonly r: RestingOrders;
  /** The L1 last reported through onTopOfBook. */
  private l1BidTicks = 0;
  private l1BidLots = 0;
  private l1AskTicks = 0;
  private l1AskLots = 0;
  /** The last order id submitted (ids must increase strictly). */
  private lastOrderId = 0;
  /** Set by the matching loop when cancel_taker self-trade prevention stopped the taker. */
  private takerKilled = false;

  constructor(sink: BookSink, options: BookOptions = {}) {
    this.sink = sink;
    const mode = options.selfTradePrevention ?? 'cancel_resting';
    this.stp = mode === 'none' ? STP_NONE : mode === 'cancel_taker' ? STP_CANCEL_TAKER : STP_CANCEL_RESTING;
    const maxLevels = options.maxLevels ?? 1 << 22;
    if (!Number.isSafeInteger(maxLevels) || maxLevels < 16) throw new RangeError(`maxLevels must be an integer >= 16, got ${maxLevels}`);
    this.r = new RestingOrders(sink, options.initialLevels ?? 4096, maxLevels, options.initialOrders ?? 1024);
  }

  // ---------------------------------------------------------------- commands

  /**
   * Submits an order. `orderType` is an {@link OrderType}: Limit (GTC: match, rest the rest),
   * IOC (match, cancel the rest with IocRemainder), PostOnly (rest only if it would not cross,
   * else rejected PostOnlyWouldCross) or Market (match up to `priceTicks` when > 0, a protection
   * price, or without limit when 0; the rest is canceled with IocRemainder; rejected NoLiquidity
   * when nothing is matchable). Returns the lots filled.
   *
   * `orderId` must be greater than every id submitted before (the venue's counter); `owner` an
   * integer in 0..MAX_OWNER; `side` +1/-1; `orderType` one of OrderType. Violations throw (venue
   * bugs). Price and size problems are business outcomes: onRejected.
   */
  submit(orderId: number, owner: number, clientOrderId: number, side: number, orderType: number, priceTicks: number, sizeLots: number): number {
    // Validation of ids and enums (violations are venue bugs: they throw). Written out here rather
    // than in a helper, and with the throws in cold module functions, so the JIT's inlining budget
    // for submit is left for rest() and the L1 report (rest() not inlined cost ~5% on bench/book).
    // Ids come from the venue's increasing counter, so "greater than the last" also rules out a
    // live duplicate without a hash probe.
    if (!(Number.isSafeInteger(orderId) && orderId > 0 && orderId > this.lastOrderId)) throwBadOrderId(orderId, this.lastOrderId);
    this.lastOrderId = orderId;
    // (owner >>> 0) === owner: an integer in 0..2^32-1 (one op instead of isInteger plus a sign test).
    if ((owner >>> 0) !== owner || owner > MAX_OWNER || (side !== 1 && side !== -1) || !(orderType === LIMIT || orderType === MARKET || orderType === IOC || orderType === POST_ONLY)) {
      throwBadOrder(owner, side, orderType);
    }
    if (owner >= this.r.ownerHead.length) this.r.ensureOwner(owner);
    const sink = this.sink;
    const isMarket = orderType === OrderType.Market;
    const priceOk = Number.isSafeInteger(priceTicks) && (priceTicks > 0 || (isMarket && priceTicks === 0));
    if (!priceOk) return this.reject(orderId, owner, clientOrderId, Reason.InvalidPrice);
    if (!Number.isSafeInteger(sizeLots) || sizeLots <= 0) return this.reject(orderId, owner, clientOrderId, Reason.InvalidSize);
    const isBuy = side > 0;
    let limitTicks = priceTicks;
    if (isMarket) {
      // No protection: every resting price lies inside the ladder, so its edge is no limit (and, unlike
      // Infinity, stays a small integer for ordinary prices: no boxing on the way into the matcher).
      if (priceTicks === 0) limitTicks = isBuy ? this.r.ladder.baseTicks + this.r.ladder.capacity - 1 : this.r.ladder.baseTicks;
      const matchable = isBuy ? this.r.askOrders > 0 && this.r.bestAsk <= limitTicks : this.r.bidOrders > 0 && this.r.bestBid >= limitTicks;
      if (!matchable) return this.reject(orderId, owner, clientOrderId, Reason.NoLiquidity);
    } else if (orderType === OrderType.PostOnly) {
      const crosses = isBuy ? this.r.askOrders > 0 && priceTicks >= this.r.bestAsk : this.r.bidOrders > 0 && priceTicks <= this.r.bestBid;
      if (crosses) return this.reject(orderId, owner, clientOrderId, Reason.PostOnlyWouldCross);
    }
    const rests = orderType === OrderType.Limit || orderType === OrderType.PostOnly;
    if (rests && !this.r.ladder.contains(priceTicks) && !this.r.ladder.makeRoom(priceTicks)) return this.reject(orderId, owner, clientOrderId, Reason.InvalidPrice);
    sink.onAccepted(orderId, owner, clientOrderId, side, orderType, priceTicks, sizeLots);
    this.takerKilled = false;
    let remaining = sizeLots;
    // Only call the matcher when something can trade: most limit orders rest without crossing.
    const crosses = isBuy ? this.r.askOrders > 0 && this.r.bestAsk <= limitTicks : this.r.bidOrders > 0 && this.r.bestBid >= limitTicks;
    if (crosses && orderType !== OrderType.PostOnly) {
      this.r.topDirty = true;
      remaining = isBuy
        ? this.matchBuy(orderId, owner, clientOrderId, limitTicks, sizeLots)
        : this.matchSell(orderId, owner, clientOrderId, limitTicks, sizeLots);
    }
    if (remaining > 0) {
      if (this.takerKilled) sink.onCanceled(orderId, owner, clientOrderId, remaining, Reason.SelfTrade);
      else if (rests) this.r.rest(orderId, owner, clientOrderId, side, priceTicks, remaining);
      else sink.onCanceled(orderId, owner, clientOrderId, remaining, Reason.IocRemainder);
    }
    this.emitTopIfChanged();
    return sizeLots - remaining;
  }

  /**
   * Cancels `owner`'s live order `orderId` (an order of another owner counts as unknown).
   * `reason` goes into the onCanceled event (default None: asked by its owner).
   * Returns the lots canceled, 0 when rejected with UnknownOrder.
   */
  cancel(owner: number, orderId: number, reason: number = Reason.None): number {
    const slot = this.r.slotById.get(orderId);
    if (slot === ABSENT || this.r.pool.owner[slot] !== owner) {
      this.reject(orderId, owner, 0, Reason.UnknownOrder);
      return 0;
    }
    const lots = this.r.pool.remainingLots[slot] as number;
    this.r.removeResting(slot, reason);
    this.emitTopIfChanged();
    return lots;
  }

  /**
   * Removes `reduceByLots` from `owner`'s live order `orderId`, keeping its queue position.
   * Reducing by the whole remainder or more cancels it (onCanceled, reason None). Returns the
   * lots left (0 when canceled or rejected with InvalidSize / UnknownOrder).
   */
  reduce(owner: number, orderId: number, reduceByLots: number): number {
    const slot = this.r.slotById.get(orderId);
    if (slot === ABSENT || this.r.pool.owner[slot] !== owner) {
      this.reject(orderId, owner, 0, Reason.UnknownOrder);
      return 0;
    }
    const pool = this.r.pool;
    if (!Number.isSafeInteger(reduceByLots) || reduceByLots <= 0) {
      this.reject(orderId, owner, pool.clientOrderId[slot] as number, Reason.InvalidSize);
      return 0;
    }
    const rem = pool.remainingLots[slot] as number;
    if (reduceByLots >= rem) {
      this.r.removeResting(slot, Reason.None);
      this.emitTopIfChanged();
      return 0;
    }
    const left = rem - reduceByLots;
    pool.remainingLots[slot] = left;
    const px = pool.priceTicks[slot] as number;
    const li = px - this.r.ladder.baseTicks;
    if (px === ((pool.side[slot] as number) > 0 ? this.r.bestBid : this.r.bestAsk)) this.r.topDirty = true;
    this.r.ladder.lots[li] = (this.r.ladder.lots[li] as number) - reduceByLots;
    if ((pool.side[slot] as number) > 0) this.r.bidLotsTotal -= reduceByLots;
    else this.r.askLotsTotal -= reduceByLots;
    this.sink.onReduced(orderId, owner, pool.clientOrderId[slot] as number, reduceByLots, left);
    this.emitTopIfChanged();
    return left;
  }

  /**
   * Amends `owner`'s live order `orderId` to `newPriceTicks` and `newSizeLots` (the new total
   * remaining size), with the priority rule of ABIDES and most venues: a size decrease at the same
   * price keeps the queue position (exactly {@link reduce}: onReduced); a price change or a size
   * increase takes the order out of its queue and enters it again as a new arrival at the new
   * price, keeping its order id and client order id, as a GTC limit order (onAmended, then it may
   * cross and trade as the taker, with self-trade prevention as for submit, and rests the rest).
   * Unchanged terms: no event. Rejected (order unchanged): UnknownOrder (not live or another
   * owner's), InvalidPrice, InvalidSize. Returns the lots resting afterwards (0 when rejected).
   */
  amend(owner: number, orderId: number, newPriceTicks: number, newSizeLots: number): number {
    const r = this.r;
    const slot = r.slotById.get(orderId);
    if (slot === ABSENT || r.pool.owner[slot] !== owner) return this.reject(orderId, owner, 0, Reason.UnknownOrder);
    const pool = r.pool;
    const coid = pool.clientOrderId[slot] as number;
    if (!Number.isSafeInteger(newPriceTicks) || newPriceTicks <= 0) return this.reject(orderId, owner, coid, Reason.InvalidPrice);
    if (!Number.isSafeInteger(newSizeLots) || newSizeLots <= 0) return this.reject(orderId, owner, coid, Reason.InvalidSize);
    const rem = pool.remainingLots[slot] as number;
    if (newPriceTicks === pool.priceTicks[slot]) {
      if (newSizeLots === rem) return rem;
      if (newSizeLots < rem) return this.reduce(owner, orderId, rem - newSizeLots);
    }
    if (!r.ladder.contains(newPriceTicks) && !r.ladder.makeRoom(newPriceTicks)) return this.reject(orderId, owner, coid, Reason.InvalidPrice);
    const side = pool.side[slot] as number;
    r.removeSilently(slot);
    this.sink.onAmended(orderId, owner, coid, side, newPriceTicks, newSizeLots);
    this.takerKilled = false;
    let remaining = newSizeLots;
    const crosses = side > 0 ? r.askOrders > 0 && r.bestAsk <= newPriceTicks : r.bidOrders > 0 && r.bestBid >= newPriceTicks;
    if (crosses) {
      r.topDirty = true;
      remaining = side > 0 ? this.matchBuy(orderId, owner, coid, newPriceTicks, newSizeLots) : this.matchSell(orderId, owner, coid, newPriceTicks, newSizeLots);
    }
    if (remaining > 0) {
      if (this.takerKilled) {
        this.sink.onCanceled(orderId, owner, coid, remaining, Reason.SelfTrade);
        remaining = 0;
      } else r.rest(orderId, owner, coid, side, newPriceTicks, remaining);
    }
    this.emitTopIfChanged();
    return remaining;
  }

  /**
   * Cancels every live order of `owner` (O(its orders); the first call for an owner also builds
   * its order list from the pool, O(pool)); returns how many were canceled.
   */
  cancelAll(owner: number, reason: number = Reason.None): number {
    if (!Number.isInteger(owner) || owner < 0 || owner >= this.r.ownerHead.length) return 0;
    const onext = this.r.pool.ownerNext;
    let n = 0;
    let slot = this.r.ownerListHead(owner);
    while (slot !== NIL) {
      const next = onext[slot] as number;
      this.r.removeResting(slot, reason);
      n++;
      slot = next;
    }
    this.emitTopIfChanged();
    return n;
  }

  // ---------------------------------------------------------------- queries

  hasBid(): boolean {
    return this.r.bidOrders > 0;
  }
  hasAsk(): boolean {
    return this.r.askOrders > 0;
  }
  /** Best bid in ticks, 0 when there is none. */
  bestBidTicks(): number {
    return this.r.bidOrders > 0 ? this.r.bestBid : 0;
  }
  /** Best ask in ticks, 0 when there is none. */
  bestAskTicks(): number {
    return this.r.askOrders > 0 ? this.r.bestAsk : 0;
  }
  /** Lots resting at the best bid, 0 when there is none. */
  bestBidLots(): number {
    return this.r.bidOrders > 0 ? (this.r.ladder.lots[this.r.bestBid - this.r.ladder.baseTicks] as number) : 0;
  }
  /** Lots resting at the best ask, 0 when there is none. */
  bestAskLots(): number {
    return this.r.askOrders > 0 ? (this.r.ladder.lots[this.r.bestAsk - this.r.ladder.baseTicks] as number) : 0;
  }
  /** Number of live (resting) orders. */
  liveOrderCount(): number {
    return this.r.bidOrders + this.r.askOrders;
  }
  /** Total resting lots on one side (+1 bids, -1 asks). */
  restingLots(side: number): number {
    return side > 0 ? this.r.bidLotsTotal : this.r.askLotsTotal;
  }
  /** Total resting lots at one price (0 when empty or outside the ladder). */
  lotsAtPrice(priceTicks: number): number {
    return this.r.ladder.contains(priceTicks) ? (this.r.ladder.lots[priceTicks - this.r.ladder.baseTicks] as number) : 0;
  }
  /** Remaining lots of a live order, 0 when `orderId` is not live. */
  remainingLots(orderId: number): number {
    const slot = this.r.slotById.get(orderId);
    return slot === ABSENT ? 0 : (this.r.pool.remainingLots[slot] as number);
  }
  /** Copies a live order into `out`; returns false (leaving `out` untouched) when it is not live. */
  getOrder(orderId: number, out: OrderView): boolean {
    const slot = this.r.slotById.get(orderId);
    if (slot === ABSENT) return false;
    const p = this.r.pool;
    out.orderId = orderId;
    out.owner = p.owner[slot] as number;
    out.clientOrderId = p.clientOrderId[slot] as number;
    out.side = p.side[slot] as number;
    out.priceTicks = p.priceTicks[slot] as number;
    out.remainingLots = p.remainingLots[slot] as number;
    return true;
  }

  /** Writes up to `levels` (default and at most `out.capacity`) levels per side into `out`, best first. */
  snapshotL2(out: L2Snapshot, levels: number = out.capacity): void {
    this.r.snapshotL2(out, Math.min(levels, out.capacity));
  }


  // ---------------------------------------------------------------- matching

  private matchBuy(takerId: number, owner: number, coid: number, limitTicks: number, sizeLots: number): number {
    const r = this.r;
    const { head, tail, lots, count } = r.ladder;
    const base = r.ladder.baseTicks;
    const pool = r.pool;
    const stp = this.stp;
    const pRem = pool.remainingLots;
    const pNext = pool.next;
    const pPrev = pool.prev;
    const pOwner = pool.owner;
    const sink = this.sink;
    let remaining = sizeLots;
    while (remaining > 0 && r.askOrders > 0 && r.bestAsk <= limitTicks) {
      const px = r.bestAsk;
      const li = px - base;
      let slot = head[li] as number;
      while (slot !== NIL && remaining > 0) {
        const next = pNext[slot] as number;
        const makerOwner = pOwner[slot] as number;
        if (makerOwner === owner && stp !== STP_NONE) {
          if (stp === STP_CANCEL_TAKER) {
            this.takerKilled = true;
            return remaining;
          }
          r.cancelInMatch(slot, li);
          slot = next;
          continue;
        }
        const mRem = pRem[slot] as number;
        const q = mRem < remaining ? mRem : remaining;
        remaining -= q;
        const left = mRem - q;
        lots[li] = (lots[li] as number) - q;
        r.askLotsTotal -= q;
        sink.onFilled(pool.orderId[slot] as number, makerOwner, pool.clientOrderId[slot] as number, takerId, owner, coid, 1, px, q, left, remaining);
        if (left === 0) {
          head[li] = next;
          if (next === NIL) tail[li] = NIL;
          else pPrev[next] = NIL;
          count[li] = (count[li] as number) - 1;
          r.askOrders--;
          r.release(slot);
        } else {
          pRem[slot] = left;
        }
        slot = next;
      }
      if (count[li] !== 0) break;
      if (r.askOrders > 0) r.bestAsk = r.nextAskAbove(li);
    }
    return remaining;
  }

  private matchSell(takerId: number, owner: number, coid: number, limitTicks: number, sizeLots: number): number {
    const r = this.r;
    const { head, tail, lots, count } = r.ladder;
    const base = r.ladder.baseTicks;
    const pool = r.pool;
    const stp = this.stp;
    const pRem = pool.remainingLots;
    const pNext = pool.next;
    const pPrev = pool.prev;
    const pOwner = pool.owner;
    const sink = this.sink;
    let remaining = sizeLots;
    while (remaining > 0 && r.bidOrders > 0 && r.bestBid >= limitTicks) {
      const px = r.bestBid;
      const li = px - base;
      let slot = head[li] as number;
      while (slot !== NIL && remaining > 0) {
        const next = pNext[slot] as number;
        const makerOwner = pOwner[slot] as number;
        if (makerOwner === owner && stp !== STP_NONE) {
          if (stp === STP_CANCEL_TAKER) {
            this.takerKilled = true;
            return remaining;
          }
          r.cancelInMatch(slot, li);
          slot = next;
          continue;
        }
        const mRem = pRem[slot] as number;
        const q = mRem < remaining ? mRem : remaining;
        remaining -= q;
        const left = mRem - q;
        lots[li] = (lots[li] as number) - q;
        r.bidLotsTotal -= q;
        sink.onFilled(pool.orderId[slot] as number, makerOwner, pool.clientOrderId[slot] as number, takerId, owner, coid, -1, px, q, left, remaining);
        if (left === 0) {
          head[li] = next;
          if (next === NIL) tail[li] = NIL;
          else pPrev[next] = NIL;
          count[li] = (count[li] as number) - 1;
          r.bidOrders--;
          r.release(slot);
        } else {
          pRem[slot] = left;
        }
        slot = next;
      }
      if (count[li] !== 0) break;
      if (r.bidOrders > 0) r.bestBid = r.nextBidBelow(li);
    }
    return remaining;
  }

  // ---------------------------------------------------------------- helpers

  private reject(orderId: number, owner: number, coid: number, reason: number): number {
    this.sink.onRejected(orderId, owner, coid, reason);
    return 0;
  }

  /** Reports L1 when a change may have moved it (a one-field test: this stays inlined everywhere). */
  private emitTopIfChanged(): void {
    if (this.r.topDirty) this.reportTop();
  }

  /** Clears the dirty mark and calls onTopOfBook when L1 really changed. */
  private reportTop(): void {
    const r = this.r;
    r.topDirty = false;
    const lots = r.ladder.lots;
    const base = r.ladder.baseTicks;
    const hasBid = r.bidOrders > 0;
    const hasAsk = r.askOrders > 0;
    const bidTicks = hasBid ? r.bestBid : 0;
    const bidLots = hasBid ? (lots[r.bestBid - base] as number) : 0;
    const askTicks = hasAsk ? r.bestAsk : 0;
    const askLots = hasAsk ? (lots[r.bestAsk - base] as number) : 0;
    if (bidTicks === this.l1BidTicks && bidLots === this.l1BidLots && askTicks === this.l1AskTicks && askLots === this.l1AskLots) return;
    this.l1BidTicks = bidTicks;
    this.l1BidLots = bidLots;
    this.l1AskTicks = askTicks;
    this.l1AskLots = askLots;
    this.sink.onTopOfBook(bidTicks, bidLots, askTicks, askLots);
  }
}

/** Cold path of submit's validation: the order id is not a positive safe integer above the last one. */
function throwBadOrderId(orderId: number, lastOrderId: number): never {
  if (!Number.isSafeInteger(orderId) || orderId <= 0) throw new RangeError(`orderId must be a positive safe integer, got ${orderId}`);
  throw new RangeError(`orderId ${orderId} is not above the previous one (${lastOrderId}): order ids must increase`);
}

/** Cold path of submit's validation: the first of owner, side, order type that is invalid. */
function throwBadOrder(owner: number, side: number, orderType: number): never {
  if ((owner >>> 0) !== owner || owner > MAX_OWNER) throw new RangeError(`owner must be an integer in 0..${MAX_OWNER}, got ${owner}`);
  if (side !== 1 && side !== -1) throw new RangeError(`side must be +1 or -1, got ${side}`);
  throw new RangeError(`unknown order type ${orderType}`);
}
