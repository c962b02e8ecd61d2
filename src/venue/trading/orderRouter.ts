/**
 * Order entry of a venue: validates agents' order commands, applies the perp pre-trade checks
 * (reduce-only and margin, through the clearing port), drives the books, and turns book events
 * into replies, fees, ledger bookings and `trades` / `orders` rows.
 *
 * Replies: OrderAccepted / OrderRejected (reason) / OrderCanceled / OrderReduced to the owner;
 * OrderFilled to BOTH parties (aux0 = remaining lots of that party's order, aux1 = its fee in
 * quote units, MsgFlag.Maker on the maker's, MsgFlag.Liquidation when the taker is the
 * liquidation engine). Nothing is sent to the liquidation engine itself (the venue drives it).
 *
 * Reduce-only (perps): checked at entry against the current position: rejected
 * (ReduceOnlyWouldIncrease) when flat or on the same side, otherwise clipped to |position|;
 * resting ones are kept reduce-only as the position changes ({@link ReduceOnlyGuard}).
 * Spot (v1): no balance or margin check; fills go to the {@link SpotLedger}.
 *
 * Market orders (not the liquidation engine's) get a protection price from the mark when
 * `env.marketProtectionBps` > 0 ({@link protectedMarketPriceTicks}); an agent's own protection
 * price (priceTicks > 0 on a market order) is kept when it is tighter.
 *
 * Units: prices ticks, sizes lots, money quote units; tables get real units.
 */
import { MsgFlag, MsgKind, OrderType, Reason, newMessage, resetMessage, type Message } from '../../model/messages.js';
import { ORDERS, TRADES, sideIndex, type Appender } from '../../model/tables.js';
import { notionalUnits } from '../../model/units.js';
import type { InstrumentInfo } from '../../model/market.js';
import { feeUnits } from './fees.js';
import type { SpotLedger } from './spotLedger.js';
import type { BookEvents, VenueBook } from './venueBook.js';
import { newOrderView } from '../../book/index.js';
import { ReduceOnlyGuard } from './reduceOnlyGuard.js';
import type { CexInstrumentConfig } from '../cexConfig.js';

/** What order entry needs from perp clearing (implemented by an adapter over src/venue/clearing). */
export interface PerpClearingPort {
  /** Signed position in lots. */
  position(acct: number, inst: number): number;
  /** True when `acct` may add this order (margin), priced at `priceTicks`. */
  canPlace(acct: number, inst: number, side: number, sizeLots: number, priceTicks: number): boolean;
  /** Books one fill of `side * sizeLots` at `priceTicks` with fee `feeUnits` (to the venue). */
  applyFill(acct: number, inst: number, side: number, sizeLots: number, priceTicks: number, feeUnits: number): void;
  /** A perp order now rests with `lots` at `priceTicks` (hold its margin). */
  reserve(acct: number, inst: number, orderId: number, lots: number, priceTicks: number): void;
  /** A resting order now has `remainingLots` (0 = gone); unknown ids are ignored. */
  resize(acct: number, orderId: number, remainingLots: number): void;
}

/** Venue facts the router needs. */
export interface RouterEnv {
  readonly venueId: number;
  readonly liquidationEngineId: number;
  send(to: number, msg: Readonly<Message>): void;
  nowNs(): number;
  /** Mark in fractional ticks (price for margin checks of market orders and their protection band). */
  markTicks(inst: number): number;
  /**
   * Market-order price protection around the mark in bps (CexVenueConfig.marketProtectionBps);
   * absent or 0 = off (a market order may walk the whole book).
   */
  readonly marketProtectionBps?: number;
}

const ORDER_EVENT = { submitted: 0, accepted: 1, rejected: 2, canceled: 3, filled: 4, reduced: 5, amended: 7 } as const;

export class OrderRouter implements BookEvents {
  private nextOrderId = 1;
  private readonly out = newMessage();
  /** Flags and type of the order being submitted (the taker of any fill during submit). */
  private takerFlags = 0;
  /** The order an amend is working on (perps: its reservation is renewed afterwards), and whether it left its queue. */
  private amending = 0;
  private amended = false;
  private readonly amendView = newOrderView();
  /** Per order (when the orders table is on): side, type and limit packed, for cancel rows. */
  private readonly orderMeta = new Map<number, number>();
  /** Fees charged by the venue, by instrument (quote units). */
  readonly feesUnits: Float64Array;
  private readonly reduceOnly: ReduceOnlyGuard;
  /** Protection band as a fraction (0 = off). */
  private readonly protectionFrac: number;

  constructor(
    private readonly env: RouterEnv,
    private readonly cfg: readonly CexInstrumentConfig[],
    private readonly info: readonly InstrumentInfo[],
    private readonly books: readonly VenueBook[],
    private readonly clearing: PerpClearingPort,
    private readonly spot: SpotLedger,
    private trades: Appender,
    private orders: Appender,
  ) {
    this.feesUnits = new Float64Array(cfg.length);
    this.reduceOnly = new ReduceOnlyGuard(books, Math.max(1, cfg.length));
    const bps = env.marketProtectionBps ?? 0;
    if (!Number.isFinite(bps) || bps < 0) throw new RangeError(`marketProtectionBps must be a finite number >= 0, got ${bps}`);
    this.protectionFrac = bps / 10_000;
  }

  /** Cancels or shrinks resting reduce-only orders that fills made position-increasing (call after a command). */
  enforceReduceOnly(): void {
    this.reduceOnly.enforce((owner, inst) => this.clearing.position(owner, inst));
  }

  /** Attaches the `trades` and `orders` appenders (known once the kernel starts the venue). */
  setRecorders(trades: Appender, orders: Appender): void {
    this.trades = trades;
    this.orders = orders;
  }

  /** Handles SubmitOrder, CancelOrder, ReduceOrder, CancelAll; returns false for other kinds. */
  handle(msg: Readonly<Message>, from: number): boolean {
    switch (msg.kind) {
      case MsgKind.SubmitOrder:
        this.submit(from, msg.instrument, msg.clientOrderId, msg.side, msg.orderType, msg.priceTicks, msg.sizeLots, msg.flags);
        return true;
      case MsgKind.CancelOrder: {
        const vb = this.books[msg.instrument];
        if (vb === undefined) return this.reject(from, msg.instrument, msg.clientOrderId, msg.orderId, Reason.UnknownInstrument);
        const id = msg.orderId !== 0 ? msg.orderId : vb.orderIdByClientId(from, msg.clientOrderId);
        if (id === 0) return this.reject(from, msg.instrument, msg.clientOrderId, 0, Reason.UnknownOrder);
        vb.book.cancel(from, id);
        return true;
      }
      case MsgKind.ReduceOrder: {
        const vb = this.books[msg.instrument];
        if (vb === undefined) return this.reject(from, msg.instrument, msg.clientOrderId, msg.orderId, Reason.UnknownInstrument);
        vb.book.reduce(from, msg.orderId, msg.sizeLots);
        return true;
      }
      case MsgKind.CancelAll: {
        const vb = this.books[msg.instrument];
        if (vb === undefined) return this.reject(from, msg.instrument, msg.clientOrderId, 0, Reason.UnknownInstrument);
        vb.book.cancelAll(from);
        return true;
      }
      case MsgKind.AmendOrder:
        this.amend(from, msg.instrument, msg.orderId, msg.clientOrderId, msg.priceTicks, msg.sizeLots);
        return true;
      default:
        return false;
    }
  }

  /**
   * Submits an order for `owner` after the venue's checks; returns the lots filled.
   * Also used by the liquidation engine (flags MsgFlag.Liquidation, no margin check).
   */
  submit(owner: number, inst: number, clientOrderId: number, side: number, orderType: number, priceTicks: number, sizeLots: number, flags: number): number {
    const vb = this.books[inst];
    const c = this.cfg[inst];
    if (vb === undefined || c === undefined) return this.rejectN(owner, inst, clientOrderId, 0, Reason.UnknownInstrument);
    if (side !== 1 && side !== -1) return this.rejectN(owner, inst, clientOrderId, 0, Reason.InvalidSize);
    if (orderType < OrderType.Limit || orderType > OrderType.PostOnly || (orderType | 0) !== orderType) {
      return this.rejectN(owner, inst, clientOrderId, 0, Reason.InvalidPrice);
    }
    if (!Number.isSafeInteger(sizeLots) || sizeLots <= 0) return this.rejectN(owner, inst, clientOrderId, 0, Reason.InvalidSize);
    let size = sizeLots;
    const isLiquidation = owner === this.env.liquidationEngineId;
    if (c.kind !== 'spot' && !isLiquidation) {
      const pos = this.clearing.position(owner, inst);
      if ((flags & MsgFlag.ReduceOnly) !== 0) {
        if (pos === 0 || Math.sign(pos) === side) return this.rejectN(owner, inst, clientOrderId, 0, Reason.ReduceOnlyWouldIncrease);
        if (size > Math.abs(pos)) size = Math.abs(pos);
      } else {
        const px = orderType === OrderType.Market && priceTicks === 0 ? this.marketPriceTicks(vb, inst, side) : priceTicks;
        if (Number.isSafeInteger(px) && px > 0 && !this.clearing.canPlace(owner, inst, side, size, px)) {
          return this.rejectN(owner, inst, clientOrderId, 0, Reason.InsufficientMargin);
        }
      }
    }
    let limitTicks = priceTicks;
    if (orderType === OrderType.Market && !isLiquidation && this.protectionFrac > 0) {
      limitTicks = protectedMarketPriceTicks(side, priceTicks, this.env.markTicks(inst), this.protectionFrac);
    }
    const orderId = this.nextOrderId++;
    if (this.orders.enabled) {
      this.orderMeta.set(orderId, pack(side, orderType, priceTicks));
      this.orderRow(ORDER_EVENT.submitted, inst, owner, orderId, clientOrderId, side, orderType, priceTicks, size, 0);
    }
    this.takerFlags = flags | (isLiquidation ? MsgFlag.Liquidation : 0);
    const filled = vb.book.submit(orderId, owner, clientOrderId, side, orderType, limitTicks, size);
    this.takerFlags = 0;
    if (c.kind !== 'spot' && !isLiquidation && filled < size) {
      const rest = vb.book.remainingLots(orderId);
      if (rest > 0) {
        this.clearing.reserve(owner, inst, orderId, rest, priceTicks);
        if ((flags & MsgFlag.ReduceOnly) !== 0) this.reduceOnly.add(orderId, owner, inst, side);
      }
    }
    return filled;
  }

  /**
   * Amends `owner`'s live order (by `orderId`, or by `clientOrderId` when it is 0) to a new limit
   * and remaining size (OrderBook.amend's priority rule). On a perp the margin check covers the
   * increase in reserved notional, and the reservation follows the order to its new terms; a
   * reduce-only order may only shrink in place (else rejected ReduceOnlyWouldIncrease).
   */
  amend(owner: number, inst: number, orderId: number, clientOrderId: number, priceTicks: number, sizeLots: number): void {
    const vb = this.books[inst];
    const c = this.cfg[inst];
    if (vb === undefined || c === undefined) {
      this.rejectN(owner, inst, clientOrderId, orderId, Reason.UnknownInstrument);
      return;
    }
    const id = orderId !== 0 ? orderId : vb.orderIdByClientId(owner, clientOrderId);
    const view = this.amendView;
    if (id === 0 || !vb.book.getOrder(id, view) || view.owner !== owner) {
      this.rejectN(owner, inst, clientOrderId, id, Reason.UnknownOrder);
      return;
    }
    const inPlace = priceTicks === view.priceTicks && sizeLots <= view.remainingLots;
    if (c.kind !== 'spot' && !inPlace && Number.isSafeInteger(priceTicks) && priceTicks > 0 && Number.isSafeInteger(sizeLots) && sizeLots > 0) {
      if (this.reduceOnly.has(id)) {
        this.rejectN(owner, inst, view.clientOrderId, id, Reason.ReduceOnlyWouldIncrease);
        return;
      }
      const extraLots = Math.max(0, Math.ceil((sizeLots * priceTicks - view.remainingLots * view.priceTicks) / priceTicks));
      if (extraLots > 0 && !this.clearing.canPlace(owner, inst, view.side, extraLots, priceTicks)) {
        this.rejectN(owner, inst, view.clientOrderId, id, Reason.InsufficientMargin);
        return;
      }
    }
    this.amending = c.kind !== 'spot' ? id : 0;
    const resting = vb.book.amend(owner, id, priceTicks, sizeLots);
    if (this.amending !== 0 && this.amended && resting > 0) this.clearing.reserve(owner, inst, id, resting, priceTicks);
    this.amending = 0;
    this.amended = false;
  }

  /** Cancels every order of `owner` on every book (liquidation first step). */
  cancelAllEverywhere(owner: number, reason: number): void {
    for (const vb of this.books) vb.book.cancelAll(owner, reason);
  }

  // ---- BookEvents ----
  onAccepted(inst: number, orderId: number, owner: number, clientOrderId: number, side: number, orderType: number, priceTicks: number, sizeLots: number): void {
    if (this.orders.enabled) this.orderRow(ORDER_EVENT.accepted, inst, owner, orderId, clientOrderId, side, orderType, priceTicks, sizeLots, 0);
    this.sendOrderTerms(MsgKind.OrderAccepted, owner, inst, orderId, clientOrderId, side, orderType, priceTicks, sizeLots);
  }

  onRejected(inst: number, orderId: number, owner: number, clientOrderId: number, reason: number): void {
    // Forget a rejected submit (it never lives); a rejected reduce may name a live order.
    if (this.orders.enabled && (this.books[inst]?.book.remainingLots(orderId) ?? 0) === 0) this.orderMeta.delete(orderId);
    this.rejectN(owner, inst, clientOrderId, orderId, reason);
  }

  onFilled(
    inst: number, makerOrderId: number, makerOwner: number, makerClientOrderId: number, takerOrderId: number, takerOwner: number,
    takerClientOrderId: number, aggressorSide: number, priceTicks: number, sizeLots: number, makerRemainingLots: number, takerRemainingLots: number,
  ): void {
    const c = this.cfg[inst] as CexInstrumentConfig;
    const inf = this.info[inst] as InstrumentInfo;
    // Fees are bps of the notional in the settlement currency: coin value lots * K / P for an inverse contract.
    const notional = inf.inverseScale === undefined ? notionalUnits(priceTicks, sizeLots, inf.quotePerTickLot) : (sizeLots * inf.inverseScale) / priceTicks;
    const makerFee = feeUnits(notional, c.makerFeeBps);
    // The liquidation engine pays no trading fee (its close settles against the insurance fund).
    const takerFee = takerOwner === this.env.liquidationEngineId ? 0 : feeUnits(notional, c.takerFeeBps);
    const makerSide = -aggressorSide;
    if (c.kind !== 'spot') {
      this.clearing.applyFill(makerOwner, inst, makerSide, sizeLots, priceTicks, makerFee);
      this.clearing.applyFill(takerOwner, inst, aggressorSide, sizeLots, priceTicks, takerFee);
      this.reduceOnly.touch(makerOwner, inst);
      this.reduceOnly.touch(takerOwner, inst);
      if (makerRemainingLots === 0) this.reduceOnly.remove(makerOrderId);
    } else {
      this.spot.apply(makerOwner, inst, makerSide, sizeLots, notional, makerFee);
      this.spot.apply(takerOwner, inst, aggressorSide, sizeLots, notional, takerFee);
    }
    this.clearing.resize(makerOwner, makerOrderId, makerRemainingLots);
    this.feesUnits[inst] = (this.feesUnits[inst] as number) + makerFee + takerFee;
    const liq = (this.takerFlags & MsgFlag.Liquidation) !== 0 ? MsgFlag.Liquidation : 0;
    this.sendFill(makerOwner, inst, makerOrderId, makerClientOrderId, makerSide, priceTicks, sizeLots, makerRemainingLots, makerFee, MsgFlag.Maker | liq);
    this.sendFill(takerOwner, inst, takerOrderId, takerClientOrderId, aggressorSide, priceTicks, sizeLots, takerRemainingLots, takerFee, liq);
    const t = this.trades;
    if (t.enabled) {
      const tc = TRADES.col;
      t.begin(this.env.nowNs());
      t.set(tc.venue, this.env.venueId);
      t.set(tc.instrument, c.dictIndex);
      t.set(tc.price, priceTicks * c.tickSize);
      t.set(tc.size, sizeLots * c.lotSize);
      t.set(tc.aggressor_side, sideIndex(aggressorSide));
      t.set(tc.maker, makerOwner);
      t.set(tc.taker, takerOwner);
      t.set(tc.maker_order_id, makerOrderId);
      t.set(tc.taker_order_id, takerOrderId);
      t.set(tc.liquidation, liq !== 0 ? 1 : 0);
      t.set(tc.hedge, (this.takerFlags & MsgFlag.Hedge) !== 0 ? 1 : 0);
      t.end();
    }
    if (this.orders.enabled) {
      this.orderRow(ORDER_EVENT.filled, inst, makerOwner, makerOrderId, makerClientOrderId, makerSide, unpackType(this.orderMeta.get(makerOrderId)), priceTicks, sizeLots, 0);
      this.orderRow(ORDER_EVENT.filled, inst, takerOwner, takerOrderId, takerClientOrderId, aggressorSide, unpackType(this.orderMeta.get(takerOrderId)), priceTicks, sizeLots, 0);
      if (makerRemainingLots === 0) this.orderMeta.delete(makerOrderId);
      if (takerRemainingLots === 0) this.orderMeta.delete(takerOrderId);
    }
  }

  onCanceled(inst: number, orderId: number, owner: number, clientOrderId: number, canceledLots: number, reason: number): void {
    this.clearing.resize(owner, orderId, 0);
    this.reduceOnly.remove(orderId);
    if (this.orders.enabled) {
      const meta = this.orderMeta.get(orderId);
      this.orderRow(ORDER_EVENT.canceled, inst, owner, orderId, clientOrderId, unpackSide(meta), unpackType(meta), unpackPrice(meta), canceledLots, reason);
      this.orderMeta.delete(orderId);
    }
    if (owner === this.env.liquidationEngineId) return;
    const m = resetMessage(this.out, MsgKind.OrderCanceled);
    m.instrument = inst;
    m.orderId = orderId;
    m.clientOrderId = clientOrderId;
    m.sizeLots = canceledLots;
    m.reason = reason;
    this.env.send(owner, m);
  }

  onReduced(inst: number, orderId: number, owner: number, clientOrderId: number, reducedLots: number, remainingLots: number): void {
    this.clearing.resize(owner, orderId, remainingLots);
    if (this.orders.enabled) {
      const meta = this.orderMeta.get(orderId);
      this.orderRow(ORDER_EVENT.reduced, inst, owner, orderId, clientOrderId, unpackSide(meta), unpackType(meta), unpackPrice(meta), reducedLots, 0);
    }
    if (owner === this.env.liquidationEngineId) return;
    const m = resetMessage(this.out, MsgKind.OrderReduced);
    m.instrument = inst;
    m.orderId = orderId;
    m.clientOrderId = clientOrderId;
    m.sizeLots = remainingLots;
    this.env.send(owner, m);
  }

  onAmended(inst: number, orderId: number, owner: number, clientOrderId: number, side: number, priceTicks: number, sizeLots: number): void {
    // The old reservation goes; amend() reserves what rests at the new terms once matching is done.
    this.clearing.resize(owner, orderId, 0);
    if (orderId === this.amending) this.amended = true;
    if (this.orders.enabled) {
      this.orderMeta.set(orderId, pack(side, OrderType.Limit, priceTicks));
      this.orderRow(ORDER_EVENT.amended, inst, owner, orderId, clientOrderId, side, OrderType.Limit, priceTicks, sizeLots, 0);
    }
    this.sendOrderTerms(MsgKind.OrderAmended, owner, inst, orderId, clientOrderId, side, OrderType.Limit, priceTicks, sizeLots);
  }

  // ---- helpers ----
  /** OrderAccepted / OrderAmended to the owner (none to the liquidation engine): the order's terms now. */
  private sendOrderTerms(kind: number, owner: number, inst: number, orderId: number, clientOrderId: number, side: number, orderType: number, priceTicks: number, sizeLots: number): void {
    if (owner === this.env.liquidationEngineId) return;
    const m = resetMessage(this.out, kind);
    m.instrument = inst;
    m.clientOrderId = clientOrderId;
    m.orderId = orderId;
    m.side = side;
    m.priceTicks = priceTicks;
    m.sizeLots = sizeLots;
    m.orderType = orderType;
    this.env.send(owner, m);
  }

  private marketPriceTicks(vb: VenueBook, inst: number, side: number): number {
    const b = vb.book;
    if (side > 0 && b.hasAsk()) return b.bestAskTicks();
    if (side < 0 && b.hasBid()) return b.bestBidTicks();
    return Math.round(this.env.markTicks(inst));
  }

  private sendFill(to: number, inst: number, orderId: number, coid: number, side: number, priceTicks: number, lots: number, remaining: number, fee: number, flags: number): void {
    if (to === this.env.liquidationEngineId) return;
    const m = resetMessage(this.out, MsgKind.OrderFilled);
    m.instrument = inst;
    m.orderId = orderId;
    m.clientOrderId = coid;
    m.side = side;
    m.priceTicks = priceTicks;
    m.sizeLots = lots;
    m.aux0 = remaining;
    m.aux1 = fee;
    m.flags = flags;
    this.env.send(to, m);
  }

  private reject(to: number, inst: number, coid: number, orderId: number, reason: number): true {
    this.rejectN(to, inst, coid, orderId, reason);
    return true;
  }

  private rejectN(to: number, inst: number, coid: number, orderId: number, reason: number): number {
    if (this.orders.enabled) this.orderRow(ORDER_EVENT.rejected, inst, to, orderId, coid, 0, 0, Number.NaN, 0, reason);
    if (to === this.env.liquidationEngineId) return 0;
    const m = resetMessage(this.out, MsgKind.OrderRejected);
    m.instrument = inst;
    m.clientOrderId = coid;
    m.orderId = orderId;
    m.reason = reason;
    this.env.send(to, m);
    return 0;
  }

  private orderRow(event: number, inst: number, agent: number, orderId: number, coid: number, side: number, orderType: number, priceTicks: number, lots: number, reason: number): void {
    const c = this.cfg[inst];
    const o = this.orders;
    const oc = ORDERS.col;
    o.begin(this.env.nowNs());
    o.set(oc.venue, this.env.venueId);
    o.set(oc.instrument, c === undefined ? -1 : c.dictIndex);
    o.set(oc.agent, agent);
    o.set(oc.event, event);
    o.set(oc.order_id, orderId);
    o.set(oc.client_order_id, coid);
    o.set(oc.side, sideIndex(side));
    o.set(oc.order_type, orderType);
    o.set(oc.price, c === undefined || orderType === OrderType.Market ? Number.NaN : priceTicks * c.tickSize);
    o.set(oc.size, c === undefined ? lots : lots * c.lotSize);
    o.set(oc.reason, reason);
    o.end();
  }
}

/**
 * The protection price of a market order on `side` in ticks: the mark moved by `frac` against the
 * taker (buy: floor(mark * (1 + frac)), sell: ceil(mark * (1 - frac)), so the band is never
 * wider than asked), tightened by the agent's own protection price `ownTicks` (> 0). Returns
 * `ownTicks` unchanged when the mark is unusable (not finite or <= 0), and at least 1 tick.
 */
export function protectedMarketPriceTicks(side: number, ownTicks: number, markTicks: number, frac: number): number {
  if (!(markTicks > 0) || !Number.isFinite(markTicks)) return ownTicks;
  // The 1e-9 absorbs float error in mark * (1 +- frac), e.g. 1000 * 1.05 = 1050.0000000000002.
  if (side > 0) {
    const band = Math.max(1, Math.floor(markTicks * (1 + frac) + 1e-9));
    return ownTicks > 0 && ownTicks < band ? ownTicks : band;
  }
  const band = Math.max(1, Math.ceil(markTicks * (1 - frac) - 1e-9));
  return ownTicks > band ? ownTicks : band;
}

// Order metadata packed into one number: price * 16 + type * 2 + (buy ? 1 : 0).
function pack(side: number, orderType: number, priceTicks: number): number {
  return priceTicks * 16 + orderType * 2 + (side > 0 ? 1 : 0);
}
function unpackSide(meta: number | undefined): number {
  return meta === undefined ? 0 : meta % 2 === 1 ? 1 : -1;
}
function unpackType(meta: number | undefined): number {
  return meta === undefined ? 0 : Math.floor(meta / 2) % 8;
}
function unpackPrice(meta: number | undefined): number {
  return meta === undefined ? Number.NaN : Math.floor(meta / 16);
}
