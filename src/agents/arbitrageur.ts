/**
 * `arbitrageur`: a cross-venue arbitrageur between two books of the same underlying, typically a
 * CEX perp (`venue`/`instrument`) and a DEX perp (`other_venue`/`other_instrument`). Every check
 * interval it reads both tops of book through ctx.market (each as of its own market-data latency)
 * and, when one venue's bid exceeds the other's ask by more than both taker fees plus a threshold
 * (bps of the mean mid), sends an IOC buy at the cheap ask and an IOC sell at the rich bid, sized
 * by the visible size, its own size and its position limit on each venue. The legs travel through
 * each venue's latency (a DEX leg waits for a block and may expire), so one leg can fail: a
 * residual net position is flattened with an IOC on the first venue once both legs are done.
 * One arbitrage is in flight at a time. It records nothing extra: the venues record its trades,
 * and both venues' `book` rows (sampled at the same times) show the gap.
 *
 * Units: prices ticks of each book (compared in quote currency), sizes lots of each book,
 * thresholds and fees bps, times ns. DEX order commands carry the priority fee and deadline in
 * aux0/aux1 (model/messages.ts; a CEX ignores them).
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import type { MarketSnapshot } from '../model/market.js';
import { MsgKind, OrderType, resetMessage, type Message } from '../model/messages.js';
import { bps, count, duration, nonNegative, positive } from '../model/schema.js';
import { sizeToLots } from '../model/units.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { accountFields, groupFields } from './common/schema.js';
import { OrderPort, tagPurpose, wakeTag } from './common/port.js';

export const arbitrageurSchema = z
  .object({
    ...groupFields('arbitrageur'),
    ...accountFields(1_000_000),
    other_venue: z.string().min(1).describe('The second venue (a key of `venues:`), e.g. the DEX. Required.'),
    other_instrument: z.string().min(1).describe('Instrument symbol at the second venue. Required.'),
    taker_fee_bps: bps('Taker fee the arbitrageur pays on `venue`, bps. Default 5.').prefault(5),
    other_taker_fee_bps: bps('Taker fee on `other_venue`, bps. Default 5.').prefault(5),
    threshold_bps: nonNegative('Edge required above both fees before trading, bps of the mean mid. Default 10.').prefault(10),
    size: positive('Largest size of one arbitrage, base units. Default 0.1.').prefault(0.1),
    max_position: positive('Largest absolute position on each venue, base units. Default 1.').prefault(1),
    check_interval: duration('Time between gap checks. Default "100ms".').prefault('100ms'),
    leg_timeout: duration('Legs still unanswered after this are forgotten. Default "30s".').prefault('30s'),
    priority_fee: count('Priority fee of its DEX transactions, fee units (0 = the venue default). Default 0.').prefault(0),
    deadline: duration('Deadline of its DEX transactions after sending ("0s" = the venue default). Default "0s".').prefault('0s'),
    flatten_residual: z.boolean().prefault(true).describe('Flatten a net position left by a failed leg with an IOC on `venue`. Default true.'),
  })
  .strict()
  .refine((p) => p.check_interval > 0, { message: 'check_interval must be > 0', path: ['check_interval'] })
  .refine((p) => p.venue !== p.other_venue, { message: 'other_venue must differ from venue', path: ['other_venue'] });
export type ArbitrageurParams = z.output<typeof arbitrageurSchema>;

const CHECK = 1;

/** One leg's state: the client order id in flight on a port (0 = none). */
class Leg {
  coid = 0;
  sentNs = 0;
  constructor(readonly port: OrderPort) {}
}

export class Arbitrageur implements Actor<AgentContext, Message>, HasAccount {
  readonly a: Leg;
  readonly b: Leg;
  /** Arbitrages started (both legs sent) and residual flattenings sent, for tests and traces. */
  arbitrages = 0;
  flattenings = 0;
  private readonly needBps: number;
  private readonly maxPosBase: number;
  private nextClientId = 1;

  constructor(private readonly p: ArbitrageurParams, env: AgentEnv) {
    const ia = env.instrument(p.venue, p.instrument);
    const ib = env.instrument(p.other_venue, p.other_instrument);
    this.a = new Leg(new OrderPort(env.venueId(p.venue), ia, env.initialPrice / ia.tickSize));
    this.b = new Leg(new OrderPort(env.venueId(p.other_venue), ib, env.initialPrice / ib.tickSize));
    this.needBps = p.taker_fee_bps + p.other_taker_fee_bps + p.threshold_bps;
    this.maxPosBase = p.max_position;
  }

  /** The account on `venue` (the world builder opens it; see {@link accountSetups} for both). */
  accountSetup(): AccountSetup {
    return this.setupAt(this.p.venue);
  }

  /** Accounts on both venues, same collateral and margin each. */
  accountSetups(): AccountSetup[] {
    return [this.setupAt(this.p.venue), this.setupAt(this.p.other_venue)];
  }

  /** Net position in base units across both venues. */
  netBase(): number {
    return this.a.port.positionLots * this.a.port.info.lotSize + this.b.port.positionLots * this.b.port.info.lotSize;
  }

  onStart(ctx: AgentContext): void {
    ctx.wakeAfter(this.p.check_interval, wakeTag(CHECK, 0));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    if (tagPurpose(tag) !== CHECK) return;
    this.expireLegs(ctx.now);
    if (this.a.coid === 0 && this.b.coid === 0) {
      if (!this.flatten(ctx)) this.check(ctx);
    }
    ctx.wakeAfter(this.p.check_interval, tag);
  }

  onMessage(_ctx: AgentContext, msg: Readonly<Message>, fromId: number): void {
    const leg = fromId === this.a.port.venueId ? this.a : fromId === this.b.port.venueId ? this.b : null;
    if (leg === null) return;
    switch (msg.kind) {
      case MsgKind.OrderFilled:
        leg.port.applyFill(msg);
        if (msg.clientOrderId === leg.coid && msg.aux0 === 0) leg.coid = 0;
        return;
      case MsgKind.PositionLiquidated:
        leg.port.applyLiquidation(msg);
        return;
      case MsgKind.OrderCanceled:
      case MsgKind.OrderRejected:
      case MsgKind.OrderExpired:
        if (msg.clientOrderId === leg.coid && msg.instrument === leg.port.info.instrumentId) leg.coid = 0;
        return;
    }
  }

  /** Compares both books and sends both legs when the gap pays. */
  private check(ctx: AgentContext): void {
    const pa = this.a.port;
    const pb = this.b.port;
    const sa = pa.snapshot(ctx);
    const aBid = sa.bidTicks, aBidLots = sa.bidLots, aAsk = sa.askTicks, aAskLots = sa.askLots;
    const sb = pb.snapshot(ctx);
    if (aBidLots <= 0 || aAskLots <= 0 || sb.bidLots <= 0 || sb.askLots <= 0) return;
    const ta = pa.info.tickSize;
    const tb = pb.info.tickSize;
    const ref = ((aBid + aAsk) * ta + (sb.bidTicks + sb.askTicks) * tb) / 4;
    const buyA = ((sb.bidTicks * tb - aAsk * ta) / ref) * 10_000;
    const buyB = ((aBid * ta - sb.askTicks * tb) / ref) * 10_000;
    if (buyA > this.needBps) this.trade(ctx, 1, aAsk, aAskLots, sb.bidTicks, sb.bidLots);
    else if (buyB > this.needBps) this.trade(ctx, -1, aBid, aBidLots, sb.askTicks, sb.askLots);
  }

  /**
   * Sends the two legs: `sideA` on venue A at `pxA` (up to `lotsA` visible), the opposite side on
   * B at `pxB` (up to `lotsB` visible), in the same base size, within the position limits.
   */
  private trade(ctx: AgentContext, sideA: number, pxA: number, lotsA: number, pxB: number, lotsB: number): void {
    const pa = this.a.port;
    const pb = this.b.port;
    const la = pa.info.lotSize;
    const lb = pb.info.lotSize;
    const roomA = this.maxPosBase - sideA * pa.positionLots * la;
    const roomB = this.maxPosBase + sideA * pb.positionLots * lb;
    const base = Math.min(this.p.size, lotsA * la, lotsB * lb, roomA, roomB);
    if (!(base > 0)) return;
    const nA = sizeToLots(base, la);
    const nB = sizeToLots(nA * la, lb);
    if (nA <= 0 || nB <= 0) return;
    this.a.coid = this.send(ctx, this.a, sideA, pxA, nA);
    this.b.coid = this.send(ctx, this.b, -sideA, pxB, nB);
    this.arbitrages++;
  }

  /** Flattens a net position left by a failed leg (IOC on venue A at its touch); true when sent. */
  private flatten(ctx: AgentContext): boolean {
    if (!this.p.flatten_residual) return false;
    const pa = this.a.port;
    const net = this.netBase();
    const lots = sizeToLots(Math.abs(net), pa.info.lotSize);
    if (lots <= 0) return false;
    const s: Readonly<MarketSnapshot> = pa.snapshot(ctx);
    const side = net > 0 ? -1 : 1;
    const px = side > 0 ? (s.askLots > 0 ? s.askTicks : 0) : s.bidLots > 0 ? s.bidTicks : 0;
    if (px <= 0) return false;
    this.a.coid = this.send(ctx, this.a, side, px, lots);
    this.flattenings++;
    return true;
  }

  /** Sends an IOC with the DEX priority fee and deadline in aux0/aux1; returns its client order id. */
  private send(ctx: AgentContext, leg: Leg, side: number, priceTicks: number, lots: number): number {
    const port = leg.port;
    const m = resetMessage(port.msg, MsgKind.SubmitOrder);
    m.instrument = port.info.instrumentId;
    m.clientOrderId = this.nextClientId++;
    m.side = side;
    m.priceTicks = priceTicks;
    m.sizeLots = lots;
    m.orderType = OrderType.IOC;
    m.aux0 = this.p.priority_fee;
    m.aux1 = this.p.deadline > 0 ? ctx.now + this.p.deadline : 0;
    ctx.send(port.venueId, m);
    leg.sentNs = ctx.now;
    return m.clientOrderId;
  }

  private expireLegs(nowNs: number): void {
    const t = this.p.leg_timeout;
    if (this.a.coid !== 0 && nowNs - this.a.sentNs >= t) this.a.coid = 0;
    if (this.b.coid !== 0 && nowNs - this.b.sentNs >= t) this.b.coid = 0;
  }

  private setupAt(venue: string): AccountSetup {
    return { venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }
}

/** The `arbitrageur` agent kind. */
export const arbitrageurKind: AgentKind<ArbitrageurParams> = {
  kind: 'arbitrageur',
  description: 'Cross-venue arbitrageur: IOC legs on two books of the same underlying when the gap beats fees plus a threshold.',
  schema: arbitrageurSchema as unknown as z.ZodType<ArbitrageurParams>,
  create: (params, env) => new Arbitrageur(params, env),
};
