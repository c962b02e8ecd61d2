/**
 * The book's outward contract: the event sink it calls, its construction options and the
 * caller-owned L2 snapshot buffer. Prices are integer ticks, sizes integer lots, sides +1 buy /
 * -1 sell (model/side.ts), order types and reasons from model/messages.ts. Every sink method
 * takes plain numbers so a command allocates nothing.
 */

/**
 * Receives everything the book decides, synchronously, in the order it happens. Within one
 * command the order is: `onAccepted` (or `onRejected`), then fills and cancels as matching goes,
 * then at most one `onTopOfBook` when L1 changed. Implementations must not call back into the
 * book from inside a callback.
 */
export interface BookSink {
  /** A submit passed validation. `priceTicks` is the limit (market: protection price, 0 = none). */
  onAccepted(orderId: number, owner: number, clientOrderId: number, side: number, orderType: number, priceTicks: number, sizeLots: number): void;
  /**
   * A command was refused (`reason` from `Reason`): invalid price/size, post-only would cross,
   * market order with no liquidity, cancel/reduce of an unknown order (clientOrderId 0 then).
   */
  onRejected(orderId: number, owner: number, clientOrderId: number, reason: number): void;
  /**
   * One trade between a resting maker and the incoming taker at the maker's price.
   * `aggressorSide` is the taker's side. Remaining lots are after this fill.
   */
  onFilled(
    makerOrderId: number,
    makerOwner: number,
    makerClientOrderId: number,
    takerOrderId: number,
    takerOwner: number,
    takerClientOrderId: number,
    aggressorSide: number,
    priceTicks: number,
    sizeLots: number,
    makerRemainingLots: number,
    takerRemainingLots: number,
  ): void;
  /** Lots of an order left the book (or never rested) without trading. */
  onCanceled(orderId: number, owner: number, clientOrderId: number, canceledLots: number, reason: number): void;
  /** A resting order shrank in place (queue position kept). */
  onReduced(orderId: number, owner: number, clientOrderId: number, reducedLots: number, remainingLots: number): void;
  /**
   * An amend took a resting order out of its queue and entered it again with new terms (a price
   * change or a size increase: time priority lost). Like `onAccepted` for a submit, fills and
   * cancels of the re-entered order follow; `sizeLots` is its new size.
   */
  onAmended(orderId: number, owner: number, clientOrderId: number, side: number, priceTicks: number, sizeLots: number): void;
  /** L1 after a command that changed it. A missing side has ticks 0 and lots 0. */
  onTopOfBook(bidTicks: number, bidLots: number, askTicks: number, askLots: number): void;
}

/** A sink that ignores everything (for queries-only use and benchmarks of the bare engine). */
export const NULL_SINK: BookSink = {
  onAccepted() {},
  onRejected() {},
  onFilled() {},
  onCanceled() {},
  onReduced() {},
  onAmended() {},
  onTopOfBook() {},
};

/**
 * Self-trade prevention when an incoming order meets a resting order of the same owner:
 * `cancel_resting` cancels the resting order (reason SelfTrade) and keeps matching;
 * `cancel_taker` cancels the incoming remainder (reason SelfTrade); `none` lets them trade.
 */
export type SelfTradePrevention = 'cancel_resting' | 'cancel_taker' | 'none';

/** Construction options of {@link OrderBook}; all optional. */
export interface BookOptions {
  /** Default `cancel_resting`. */
  readonly selfTradePrevention?: SelfTradePrevention;
  /** Price levels allocated at first (grown by doubling). Default 4096. */
  readonly initialLevels?: number;
  /**
   * Widest span of resting prices (lowest bid to highest ask, in ticks) the ladder may cover.
   * A limit order that would stretch the book beyond it is rejected with InvalidPrice.
   * Default 2^22 (about 84 MB of level arrays at the limit).
   */
  readonly maxLevels?: number;
  /** Order slots allocated at first (grown by doubling). Default 1024. */
  readonly initialOrders?: number;
}

/** A live order as returned by `OrderBook.getOrder` into a caller-owned object. */
export interface OrderView {
  orderId: number;
  owner: number;
  clientOrderId: number;
  side: number;
  priceTicks: number;
  remainingLots: number;
}

export function newOrderView(): OrderView {
  return { orderId: 0, owner: 0, clientOrderId: 0, side: 0, priceTicks: 0, remainingLots: 0 };
}

/**
 * Caller-owned L2 buffer: up to `capacity` levels per side, best first. `bidLevels`/`askLevels`
 * say how many entries `OrderBook.snapshotL2` wrote.
 */
export class L2Snapshot {
  readonly bidTicks: Float64Array;
  readonly bidLots: Float64Array;
  readonly bidOrders: Int32Array;
  readonly askTicks: Float64Array;
  readonly askLots: Float64Array;
  readonly askOrders: Int32Array;
  bidLevels = 0;
  askLevels = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) throw new RangeError(`L2Snapshot capacity must be an integer >= 0, got ${capacity}`);
    this.bidTicks = new Float64Array(capacity);
    this.bidLots = new Float64Array(capacity);
    this.bidOrders = new Int32Array(capacity);
    this.askTicks = new Float64Array(capacity);
    this.askLots = new Float64Array(capacity);
    this.askOrders = new Int32Array(capacity);
  }
}
