/**
 * An agent's port to one book: builds order messages in one reused {@link Message}, hands out
 * client order ids, and keeps the agent's own view of its position (lots), cash and fees
 * (quote units) from the `OrderFilled` events it receives. Agents never see the venue's
 * accounts; this mirror is what they act on.
 */
import type { AgentContext } from '../../model/context.js';
import type { InstrumentInfo, MarketSnapshot } from '../../model/market.js';
import { midTicks } from '../../model/market.js';
import { MsgKind, OrderType, newMessage, resetMessage, type Message } from '../../model/messages.js';

export class OrderPort {
  /** The reused outgoing message. */
  readonly msg: Message = newMessage();
  /** Signed position in lots, from fills (and liquidation notices, see {@link applyLiquidation}). */
  positionLots = 0;
  /** Cash flow of fills in quote units (sells +, buys -), excluding fees. */
  cashUnits = 0;
  /** Fees paid in quote units (negative = rebates received). */
  feeUnits = 0;
  /**
   * DEX transaction parameters stamped on every command this port sends (model/messages.ts):
   * priority fee in fee units (aux0) and deadline after sending in ns (aux1 = now + this). 0 =
   * the venue's default; a CEX ignores both.
   */
  txPriorityFee = 0;
  txDeadlineNs = 0;
  private nextClientId = 1;

  /**
   * @param venueId actor id of the venue
   * @param info the instrument traded
   * @param fallbackMidTicks mid used when the book has no price at all (scenario start price)
   */
  constructor(
    readonly venueId: number,
    readonly info: InstrumentInfo,
    readonly fallbackMidTicks: number,
  ) {}

  /** The L1 snapshot as this agent sees it (reused object: read before the next call). */
  snapshot(ctx: AgentContext): Readonly<MarketSnapshot> {
    return ctx.market(this.venueId, this.info.instrumentId);
  }

  /** Mid in (fractional) ticks as seen now, falling back to the start price on an empty market. */
  mid(ctx: AgentContext): number {
    const m = midTicks(ctx.market(this.venueId, this.info.instrumentId));
    return m > 0 ? m : this.fallbackMidTicks;
  }

  /** Sends a limit (or post-only / IOC) order; returns its client order id, 0 when nothing was sent. */
  limit(ctx: AgentContext, side: number, priceTicks: number, sizeLots: number, flags = 0, orderType: number = OrderType.Limit): number {
    if (!(sizeLots > 0) || !(priceTicks > 0)) return 0;
    const m = resetMessage(this.msg, MsgKind.SubmitOrder);
    m.instrument = this.info.instrumentId;
    m.clientOrderId = this.nextClientId++;
    m.side = side;
    m.priceTicks = priceTicks;
    m.sizeLots = sizeLots;
    m.orderType = orderType;
    m.flags = flags;
    this.stamp(ctx, m);
    ctx.send(this.venueId, m);
    return m.clientOrderId;
  }

  /** Sends a market order; returns its client order id, 0 when nothing was sent. */
  market(ctx: AgentContext, side: number, sizeLots: number, flags = 0): number {
    if (!(sizeLots > 0)) return 0;
    const m = resetMessage(this.msg, MsgKind.SubmitOrder);
    m.instrument = this.info.instrumentId;
    m.clientOrderId = this.nextClientId++;
    m.side = side;
    m.sizeLots = sizeLots;
    m.orderType = OrderType.Market;
    m.flags = flags;
    this.stamp(ctx, m);
    ctx.send(this.venueId, m);
    return m.clientOrderId;
  }

  /** Cancels one of this agent's orders by client order id (the venue ignores unknown ids). */
  cancel(ctx: AgentContext, clientOrderId: number): void {
    const m = resetMessage(this.msg, MsgKind.CancelOrder);
    m.instrument = this.info.instrumentId;
    m.clientOrderId = clientOrderId;
    this.stamp(ctx, m);
    ctx.send(this.venueId, m);
  }

  /**
   * Amends one of this agent's resting orders (by client order id) to a new limit and remaining
   * size: a decrease at the same price keeps its queue position, anything else loses it (the
   * venue's OrderBook.amend rule). Replies: OrderReduced or OrderAmended (then fills if it
   * crosses), OrderRejected when it is no longer live. CEX only.
   */
  amend(ctx: AgentContext, clientOrderId: number, priceTicks: number, sizeLots: number): void {
    const m = resetMessage(this.msg, MsgKind.AmendOrder);
    m.instrument = this.info.instrumentId;
    m.clientOrderId = clientOrderId;
    m.priceTicks = priceTicks;
    m.sizeLots = sizeLots;
    this.stamp(ctx, m);
    ctx.send(this.venueId, m);
  }

  /** Cancels every resting order of this agent on the book. */
  cancelAll(ctx: AgentContext): void {
    const m = resetMessage(this.msg, MsgKind.CancelAll);
    m.instrument = this.info.instrumentId;
    this.stamp(ctx, m);
    ctx.send(this.venueId, m);
  }

  /** Writes the DEX priority fee and deadline (aux0, aux1) when set; 0 leaves the venue defaults. */
  private stamp(ctx: AgentContext, m: Message): void {
    if (this.txPriorityFee > 0) m.aux0 = this.txPriorityFee;
    if (this.txDeadlineNs > 0) m.aux1 = ctx.now + this.txDeadlineNs;
  }

  /**
   * Updates position, cash and fees from an `OrderFilled` of this book. Fills flagged
   * Liquidation count too: they reach this agent as the maker against the liquidation engine
   * (a liquidated account gets `PositionLiquidated` instead, see {@link applyLiquidation}).
   * Returns the signed lots filled (0 when the message was not a fill of this book).
   */
  applyFill(msg: Readonly<Message>): number {
    if (msg.kind !== MsgKind.OrderFilled || msg.instrument !== this.info.instrumentId) return 0;
    const signed = msg.side * msg.sizeLots;
    this.positionLots += signed;
    this.cashUnits -= signed * msg.priceTicks * this.info.quotePerTickLot;
    this.feeUnits += msg.aux1;
    return signed;
  }

  /** Applies a `PositionDeleveraged` (ADL: side of this account's closing trade, lots, at the bankruptcy price). */
  applyDeleverage(msg: Readonly<Message>): number {
    if (msg.kind !== MsgKind.PositionDeleveraged || msg.instrument !== this.info.instrumentId) return 0;
    const signed = msg.side * msg.sizeLots;
    this.positionLots += signed;
    this.cashUnits -= signed * msg.priceTicks * this.info.quotePerTickLot;
    return signed;
  }

  /** Applies a `PositionLiquidated` (side of the closing trade, lots closed at the bankruptcy price). */
  applyLiquidation(msg: Readonly<Message>): number {
    if (msg.kind !== MsgKind.PositionLiquidated || msg.instrument !== this.info.instrumentId) return 0;
    const signed = msg.side * msg.sizeLots;
    this.positionLots += signed;
    this.cashUnits -= signed * msg.aux0 * this.info.quotePerTickLot;
    this.feeUnits += msg.aux1;
    return signed;
  }
}

/** Packs a wake-up purpose (0..15) and a generation counter into a kernel tag. */
export function wakeTag(purpose: number, generation: number): number {
  return purpose + 16 * generation;
}
/** The purpose of a tag made by {@link wakeTag}. */
export function tagPurpose(tag: number): number {
  return tag % 16;
}
/** The generation of a tag made by {@link wakeTag}. */
export function tagGeneration(tag: number): number {
  return Math.floor(tag / 16);
}

/** Delays this long (about 52 days) count as never: SimTime must stay a safe integer (2^53 ns). */
const NEVER_NS = 2 ** 52;

/**
 * Delay to the next event of a Poisson process with `ratePerSec` (>= 1 ns). Infinity when the
 * rate is 0 or the draw lands beyond {@link NEVER_NS} (tiny rates), so callers skip the wake-up.
 */
export function poissonDelayNs(rng: { exponential(mean: number): number }, ratePerSec: number): number {
  if (!(ratePerSec > 0)) return Infinity;
  const ns = Math.round(rng.exponential(1e9 / ratePerSec));
  if (!(ns < NEVER_NS)) return Infinity;
  return ns < 1 ? 1 : ns;
}
