/**
 * Every message in a simulation is one fixed numeric record, defined here once and stored by the
 * kernel in {@link MessagePool} (struct of arrays). Senders keep one {@link Message} object and
 * reuse it (`resetMessage` then set fields); receivers get a reused read-only view and must copy
 * what they keep. Fields unused by a kind stay 0.
 *
 * Field meaning by kind is documented on {@link MsgKind}. Prices are integer ticks of the
 * instrument named by `instrument`, sizes integer lots (option contracts for option kinds),
 * money integer quote units (10^-4 of the quote currency) in `aux*` where stated.
 */
import type { PayloadPool } from '../engine/kernel.js';

/** Message kinds. Commands are imperative, events past tense. */
export const MsgKind = {
  // ---- agent -> venue (commands) ----
  /**
   * instrument, clientOrderId, side, priceTicks (ignored for market), sizeLots, orderType, flags.
   * DEX venues (src/venue/dex) also read, for every order command (submit, cancel, reduce,
   * cancel-all): aux0 = priority fee (integer fee units >= 0, gwei-like; 0 = the venue's default),
   * aux1 = deadline (absolute SimTime ns; still pending at a block after it = OrderExpired
   * DeadlineMissed; 0 = arrival + the venue's default), aux2 = target inclusion time (absolute ns;
   * included after it = outcome late; 0 = arrival + the chain's nominal block time). CEX venues
   * ignore them.
   */
  SubmitOrder: 1,
  /** instrument, orderId (or clientOrderId when orderId = 0). DEX: aux0..aux2 as for SubmitOrder. */
  CancelOrder: 2,
  /** instrument, orderId, sizeLots = lots to remove (queue position kept). */
  ReduceOrder: 3,
  /** instrument: cancels all of the sender's resting orders on that book. */
  CancelAll: 4,
  /**
   * instrument, orderId (or clientOrderId when orderId = 0), priceTicks = new limit, sizeLots = new
   * remaining size. Priority as ABIDES and most venues: a size decrease at the same price keeps the
   * queue position (reply OrderReduced); a price change or size increase loses it (reply
   * OrderAmended, then fills if it crosses). CEX only (a DEX rejects it: UnknownOrder).
   */
  AmendOrder: 5,
  /** Customer -> options desk: trade an option series. instrument = series id, side (customer's), sizeLots = contracts, clientOrderId. */
  RequestOption: 10,
  /** Dealer -> options desk: reply to QuoteRequested. orderId = request id, priceTicks = premium per contract in quote units, side = dealer side. */
  QuoteOption: 11,
  /** Agent -> venue: ask for an L2 snapshot of `instrument` with `sizeLots` levels (reply BookSnapshot). */
  RequestBook: 12,

  // ---- venue -> agent (events) ----
  /** instrument, clientOrderId, orderId, side, priceTicks, sizeLots. */
  OrderAccepted: 20,
  /** instrument, clientOrderId, orderId (0 if none), reason (RejectReason). */
  OrderRejected: 21,
  /**
   * instrument, clientOrderId, orderId, side (this party's), priceTicks, sizeLots (this fill),
   * aux0 = remaining lots of the order, aux1 = fee in quote units (negative = rebate),
   * flags & FILL_MAKER when this party was the maker.
   */
  OrderFilled: 22,
  /** instrument, clientOrderId, orderId, sizeLots = lots canceled, reason. */
  OrderCanceled: 23,
  /**
   * DEX: a transaction left the mempool without being included. instrument, clientOrderId,
   * reason (DeadlineMissed: still pending after its deadline; Dropped: dropped by a congested
   * chain on arrival), aux0 = outcome (3 = dropped, index into HEDGE_OUTCOMES), aux1 = time spent
   * in the mempool (ns), aux3 = the transaction's command kind (SubmitOrder, CancelOrder, ...).
   */
  OrderExpired: 24,
  /** instrument, orderId, sizeLots = lots left after a reduce. */
  OrderReduced: 25,
  /**
   * DEX: a transaction was included in a block (sent to its sender just before the venue executes
   * it, so it arrives before that command's OrderAccepted/OrderFilled). instrument, clientOrderId,
   * orderId (of a cancel/reduce; 0 for a submit), aux0 = outcome (1 = included by its target time,
   * 2 = late; index into HEDGE_OUTCOMES), aux1 = inclusion delay (block time - arrival in the
   * mempool, ns), aux2 = block number, aux3 = the command kind (SubmitOrder, CancelOrder, ...).
   */
  TxIncluded: 26,
  /** instrument, clientOrderId, orderId, side, priceTicks = new limit, sizeLots = new size (time priority lost; fills follow). */
  OrderAmended: 27,
  /** The venue closed this account's position: instrument, side (of the closing trade), sizeLots, priceTicks = mark, aux0 = bankruptcy price ticks, aux1 = fee. */
  PositionLiquidated: 30,
  /** instrument, aux0 = payment in quote units (+ received, - paid), aux1 = rate * 1e8. */
  FundingSettled: 31,
  /** Auto-deleveraged: instrument, side, sizeLots, priceTicks = bankruptcy price. */
  PositionDeleveraged: 32,
  /** Options desk -> dealer: quote this. orderId = request id, instrument = series id, side = customer side, sizeLots = contracts. */
  QuoteRequested: 40,
  /** Options desk -> both parties: instrument = series id, side (this party's), sizeLots, priceTicks = premium per contract (quote units), orderId = request id. */
  OptionFilled: 41,
  /** Options desk -> holders at expiry: instrument = series id, sizeLots (signed position as side*size), aux0 = payoff per contract in quote units, priceTicks = settlement price ticks. */
  OptionSettled: 42,
  /** Options desk -> customer: no dealer quoted. instrument, clientOrderId, reason. */
  OptionRejected: 43,
  /** Reply to RequestBook: aux0.. hold nothing; the snapshot is read through ctx (see market.ts). */
  BookSnapshot: 44,

  // ---- control ----
  /** Run layer -> actor: a scheduled action; aux0 = schedule entry index. */
  Scheduled: 60,
  /** Run layer -> venue: halt the market-data feed (snapshots freeze at the last pre-halt state, `halted: true`); trading goes on. instrument = -1 for every book, else one book. */
  FeedHalt: 61,
  /** Run layer -> venue: resume the market-data feed. instrument as for FeedHalt. */
  FeedResume: 62,
} as const;
export type MsgKind = (typeof MsgKind)[keyof typeof MsgKind];

/** Order types (the `orderType` field). */
export const OrderType = { Limit: 1, Market: 2, IOC: 3, PostOnly: 4 } as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

/** Bit flags (the `flags` field). */
export const MsgFlag = {
  /** Submit: may only reduce the sender's position. */
  ReduceOnly: 1,
  /** Fill: this party was the maker. */
  Maker: 2,
  /** Fill or order from a liquidation. */
  Liquidation: 4,
  /** Order from a hedge (for tables and traces). */
  Hedge: 8,
} as const;

/** Reasons for rejects, cancels and expiries (the `reason` field). */
export const Reason = {
  None: 0,
  InvalidPrice: 1,
  InvalidSize: 2,
  PostOnlyWouldCross: 3,
  NoLiquidity: 4,
  UnknownOrder: 5,
  InsufficientMargin: 6,
  ReduceOnlyWouldIncrease: 7,
  SelfTrade: 8,
  Halted: 9,
  UnknownInstrument: 10,
  IocRemainder: 11,
  DeadlineMissed: 12,
  Dropped: 13,
  NoQuote: 14,
  Expired: 15,
  Liquidation: 16,
} as const;
export type Reason = (typeof Reason)[keyof typeof Reason];

/** Names of {@link Reason} values, indexed by code (the `reason` dictionary in tables). */
export const REASON_NAMES: readonly string[] = Object.entries(Reason)
  .sort((a, b) => a[1] - b[1])
  .map(([name]) => name.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : '_' + c.toLowerCase())));

/** One message. Plain numbers only. */
export interface Message {
  kind: number;
  instrument: number;
  clientOrderId: number;
  orderId: number;
  priceTicks: number;
  sizeLots: number;
  side: number;
  orderType: number;
  flags: number;
  reason: number;
  aux0: number;
  aux1: number;
  aux2: number;
  aux3: number;
}

export function newMessage(): Message {
  return { kind: 0, instrument: 0, clientOrderId: 0, orderId: 0, priceTicks: 0, sizeLots: 0, side: 0, orderType: 0, flags: 0, reason: 0, aux0: 0, aux1: 0, aux2: 0, aux3: 0 };
}

/** Zeroes `m` and sets its kind; returns it for chaining. */
export function resetMessage(m: Message, kind: number): Message {
  m.kind = kind;
  m.instrument = 0;
  m.clientOrderId = 0;
  m.orderId = 0;
  m.priceTicks = 0;
  m.sizeLots = 0;
  m.side = 0;
  m.orderType = 0;
  m.flags = 0;
  m.reason = 0;
  m.aux0 = 0;
  m.aux1 = 0;
  m.aux2 = 0;
  m.aux3 = 0;
  return m;
}

/** The kernel's message storage: one typed array per field, indexed by event slot. */
export class MessagePool implements PayloadPool<Message> {
  private kind = new Int32Array(0);
  private instrument = new Int32Array(0);
  private side = new Int8Array(0);
  private orderType = new Int8Array(0);
  private flags = new Int32Array(0);
  private reason = new Int32Array(0);
  private clientOrderId = new Float64Array(0);
  private orderId = new Float64Array(0);
  private priceTicks = new Float64Array(0);
  private sizeLots = new Float64Array(0);
  private aux0 = new Float64Array(0);
  private aux1 = new Float64Array(0);
  private aux2 = new Float64Array(0);
  private aux3 = new Float64Array(0);

  create(): Message {
    return newMessage();
  }

  ensureCapacity(n: number): void {
    if (n <= this.kind.length) return;
    const g = <T extends Int32Array | Int8Array | Float64Array>(a: T, make: (k: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.kind = g(this.kind, (k) => new Int32Array(k));
    this.instrument = g(this.instrument, (k) => new Int32Array(k));
    this.side = g(this.side, (k) => new Int8Array(k));
    this.orderType = g(this.orderType, (k) => new Int8Array(k));
    this.flags = g(this.flags, (k) => new Int32Array(k));
    this.reason = g(this.reason, (k) => new Int32Array(k));
    this.clientOrderId = g(this.clientOrderId, (k) => new Float64Array(k));
    this.orderId = g(this.orderId, (k) => new Float64Array(k));
    this.priceTicks = g(this.priceTicks, (k) => new Float64Array(k));
    this.sizeLots = g(this.sizeLots, (k) => new Float64Array(k));
    this.aux0 = g(this.aux0, (k) => new Float64Array(k));
    this.aux1 = g(this.aux1, (k) => new Float64Array(k));
    this.aux2 = g(this.aux2, (k) => new Float64Array(k));
    this.aux3 = g(this.aux3, (k) => new Float64Array(k));
  }

  store(slot: number, m: Readonly<Message>): void {
    this.kind[slot] = m.kind;
    this.instrument[slot] = m.instrument;
    this.side[slot] = m.side;
    this.orderType[slot] = m.orderType;
    this.flags[slot] = m.flags;
    this.reason[slot] = m.reason;
    this.clientOrderId[slot] = m.clientOrderId;
    this.orderId[slot] = m.orderId;
    this.priceTicks[slot] = m.priceTicks;
    this.sizeLots[slot] = m.sizeLots;
    this.aux0[slot] = m.aux0;
    this.aux1[slot] = m.aux1;
    this.aux2[slot] = m.aux2;
    this.aux3[slot] = m.aux3;
  }

  load(slot: number, out: Message): void {
    out.kind = this.kind[slot] as number;
    out.instrument = this.instrument[slot] as number;
    out.side = this.side[slot] as number;
    out.orderType = this.orderType[slot] as number;
    out.flags = this.flags[slot] as number;
    out.reason = this.reason[slot] as number;
    out.clientOrderId = this.clientOrderId[slot] as number;
    out.orderId = this.orderId[slot] as number;
    out.priceTicks = this.priceTicks[slot] as number;
    out.sizeLots = this.sizeLots[slot] as number;
    out.aux0 = this.aux0[slot] as number;
    out.aux1 = this.aux1[slot] as number;
    out.aux2 = this.aux2[slot] as number;
    out.aux3 = this.aux3[slot] as number;
  }
}
