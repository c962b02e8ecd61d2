/**
 * The option dealer actor. It mirrors its options book from the desk (`OptionFilled`,
 * `OptionSettled`), answers `QuoteRequested` with a premium from its own vol surface, and
 * hedges the book's delta on the hedge instrument (the perp by default) under one policy
 * (policy.ts), from its latency-delayed view of the market. One hedge order is in flight at a
 * time; its fills, cancels, rejects and expiries are recorded in `hedges` (on a DEX with the
 * inclusion outcome: fills included or late from TxIncluded, expiries dropped), and the book's greeks
 * every `greeks_interval` (the group's, else output.greeks_interval) in `greeks`, per series in
 * `gex` and over a spot grid in `gex_profile` (GEX sign convention: model/tables.ts). Units: base units for deltas and sizes, quote currency
 * for prices and PnL, quote units (10^-4) for premiums on the wire.
 */
import type { Actor } from '../../engine/kernel.js';
import { NS_PER_YEAR_365 } from '../../engine/time.js';
import type { AgentContext } from '../../model/context.js';
import { MsgFlag, MsgKind, OrderType, newMessage, resetMessage, type Message } from '../../model/messages.js';
import { GREEKS, HEDGES, type Appender } from '../../model/tables.js';
import { COIN_UNITS_PER_COIN, QUOTE_UNITS_PER_QUOTE, sizeToLots } from '../../model/units.js';
import { baseSizeToLots } from '../../model/market.js';
import { VolSurface, smileFromRrBf } from '../../instruments/surface.js';
import type { AccountSetup, AgentEnv, HasAccount } from '../kind.js';
import { OrderPort, tagGeneration, tagPurpose, wakeTag } from '../common/port.js';
import { OptionBook } from './book.js';
import { GexSampler } from './gexSampler.js';
import type { OptionSeriesInfo } from '../../model/market.js';
import { POLICY_NAMES, hedgeTrade, policyIntervalNs } from './policy.js';
import type { DealerParams } from './schema.js';

const HEDGE = 1;
const GREEKS_TICK = 2;
const PASSIVE_TIMEOUT = 3;
const INFLIGHT_TIMEOUT = 4;

const EV_DECISION = 0;
const EV_FILL = 1;
const EV_REJECT = 2;
const EV_EXPIRE = 3;
const EV_CANCEL = 4;
// HEDGE_OUTCOMES (model/tables.ts): none, included, late, dropped.
const OUTCOME_NONE = 0;
const OUTCOME_INCLUDED = 1;
const OUTCOME_LATE = 2;
const OUTCOME_DROPPED = 3;

export class OptionDealer implements Actor<AgentContext, Message>, HasAccount {
  readonly port: OrderPort;
  readonly book: OptionBook;
  private readonly optionsVenueId: number;
  private readonly out: Message = newMessage();
  private readonly policyIndex: number;
  private readonly intervalNs: number;
  private readonly refPrice: number;
  private hedges!: Appender;
  private greeks!: Appender;
  private readonly greeksIntervalNs: number;
  private readonly gexSampler: GexSampler;
  /** Spot (quote currency), option delta (base) and gamma (base per quote) at the last refresh. */
  spot = 0;
  optionDelta = 0;
  gamma = 0;
  // The hedge order in flight (0 = none).
  private inflightId = 0;
  private inflightGen = 0;
  private decisionNs = 0;
  private decisionMid = 0;
  private escalate = false;
  /** DEX inclusion outcome of the hedge in flight (TxIncluded aux0), recorded on its fills. */
  private inclusion = OUTCOME_NONE;

  constructor(private readonly p: DealerParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    this.port.txPriorityFee = p.execution.priority_fee;
    this.port.txDeadlineNs = p.execution.deadline;
    const optionsVenue = p.options_venue ?? p.venue;
    this.optionsVenueId = env.venueId(optionsVenue);
    const series = p.hedge.policy === 'constant_gamma' && p.positions.length === 0 ? [] : env.optionSeries(optionsVenue);
    const s = p.surface;
    const surface = new VolSurface({
      nodes: [smileFromRrBf(30 / 365, s.atm_vol, s.rr25, s.bf25)],
      dynamics: s.dynamics,
      ...(s.dynamics === 'sticky_strike' ? { anchorForward: env.initialPrice } : {}),
    });
    this.book = new OptionBook(series, surface, p.tau_floor / NS_PER_YEAR_365);
    for (const pos of p.positions) {
      const i = this.book.indexOfSymbol(pos.series);
      if (i < 0) throw new RangeError(`${env.name}: unknown option series "${pos.series}" at venue ${optionsVenue}`);
      this.book.contracts[i] = (this.book.contracts[i] as number) + pos.contracts;
    }
    this.policyIndex = POLICY_NAMES.indexOf(p.hedge.policy);
    this.intervalNs = policyIntervalNs(p.hedge);
    this.refPrice = p.hedge.policy === 'constant_gamma' ? (p.hedge.ref_price ?? env.initialPrice) : 0;
    this.greeksIntervalNs = p.greeks_interval ?? env.output.greeksIntervalNs;
    this.gexSampler = new GexSampler(env.output.gexProfileRange, env.output.gexProfilePoints);
  }

  /** Hedge position in base units (an inverse hedge: its BTC-equivalent, contracts * face / spot). */
  get hedgePosition(): number {
    return this.lotsToBase(this.port.positionLots);
  }

  /** Base units of `lots` of the hedge instrument: lots * lotSize, or lots * face / spot for an inverse contract. */
  private lotsToBase(lots: number): number {
    const info = this.port.info;
    if (info.inverseScale === undefined) return lots * info.lotSize;
    const s = this.spot > 0 ? this.spot : this.port.fallbackMidTicks * info.tickSize;
    return (lots * info.lotSize) / s;
  }

  /** Converts settlement-currency units to quote currency for the PnL columns (the coin at spot at a coin venue). */
  private unitsToQuote(units: number, moneyUnits: number): number {
    return moneyUnits === QUOTE_UNITS_PER_QUOTE ? units / QUOTE_UNITS_PER_QUOTE : (units / moneyUnits) * this.spot;
  }

  /** Options delta plus hedge position at the last refresh, base units. */
  get netDelta(): number {
    return this.optionDelta + this.hedgePosition;
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.hedges = ctx.recorder(HEDGES);
    this.greeks = ctx.recorder(GREEKS);
    this.gexSampler.attach(ctx);
    this.refresh(ctx);
    // Book the initial positions at model value, so option PnL starts at 0.
    this.book.cashUnits -= this.book.valueSettle * this.book.moneyUnits;
    if (this.intervalNs > 0) ctx.wakeAfter(this.intervalNs, wakeTag(HEDGE, 0));
    if (this.greeksIntervalNs > 0) {
      this.recordGreeks(ctx);
      ctx.wakeAfter(this.greeksIntervalNs, wakeTag(GREEKS_TICK, 0));
    }
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    const gen = tagGeneration(tag);
    switch (tagPurpose(tag)) {
      case HEDGE:
        this.evaluate(ctx, false);
        ctx.wakeAfter(this.intervalNs, wakeTag(HEDGE, 0));
        break;
      case GREEKS_TICK:
        this.recordGreeks(ctx);
        ctx.wakeAfter(this.greeksIntervalNs, wakeTag(GREEKS_TICK, 0));
        break;
      case PASSIVE_TIMEOUT:
        if (this.inflightId !== 0 && gen === this.inflightGen) {
          this.escalate = true;
          this.port.cancel(ctx, this.inflightId);
        }
        break;
      case INFLIGHT_TIMEOUT:
        if (this.inflightId !== 0 && gen === this.inflightGen) {
          this.recordOutcome(ctx, EV_EXPIRE, 0, NaN, OUTCOME_DROPPED);
          this.inflightId = 0;
        }
        break;
    }
  }

  onMessage(ctx: AgentContext, msg: Readonly<Message>, fromId: number): void {
    switch (msg.kind) {
      case MsgKind.OrderFilled:
        this.onFill(ctx, msg);
        break;
      case MsgKind.TxIncluded:
        // A DEX included the hedge's submit (it arrives before that submit's fills): included by
        // its target block or late. Links are FIFO, so the fills that follow carry it.
        if (fromId === this.port.venueId && msg.aux3 === MsgKind.SubmitOrder && msg.clientOrderId === this.inflightId && this.inflightId !== 0) {
          this.inclusion = msg.aux0 === OUTCOME_LATE ? OUTCOME_LATE : OUTCOME_INCLUDED;
        }
        break;
      case MsgKind.OrderCanceled:
        if (msg.clientOrderId === this.inflightId && this.inflightId !== 0) {
          this.recordOutcome(ctx, EV_CANCEL, msg.sizeLots, NaN, OUTCOME_NONE);
          this.inflightId = 0;
          if (this.escalate) {
            this.escalate = false;
            this.evaluate(ctx, true);
          }
        }
        break;
      case MsgKind.OrderRejected:
      case MsgKind.OrderExpired:
        if (msg.clientOrderId === this.inflightId && this.inflightId !== 0) {
          const expired = msg.kind === MsgKind.OrderExpired;
          this.recordOutcome(ctx, expired ? EV_EXPIRE : EV_REJECT, 0, NaN, expired ? OUTCOME_DROPPED : OUTCOME_NONE);
          this.inflightId = 0;
          this.escalate = false;
        }
        break;
      case MsgKind.PositionLiquidated:
        this.port.applyLiquidation(msg);
        break;
      case MsgKind.QuoteRequested:
        this.quote(ctx, msg, fromId);
        break;
      case MsgKind.OptionFilled: {
        const i = this.book.indexOf(msg.instrument);
        if (i >= 0) this.book.trade(i, msg.side * msg.sizeLots, msg.priceTicks);
        break;
      }
      case MsgKind.OptionSettled: {
        const i = this.book.indexOf(msg.instrument);
        // sizeLots carries the signed position; a side, when set, gives its sign.
        const signed = msg.side !== 0 ? msg.side * Math.abs(msg.sizeLots) : msg.sizeLots;
        if (i >= 0) this.book.settle(i, signed, msg.aux0);
        break;
      }
      case MsgKind.Scheduled:
        // Run layer: a parallel vol shift of the dealer's surface (aux1, vol fraction).
        if (Number.isFinite(msg.aux1) && msg.aux1 !== 0) this.book.surface.shiftBy(msg.aux1);
        break;
    }
  }

  /** Spot from the delayed view: the index (or the mid when configured or when no index yet). */
  private spotPrice(ctx: AgentContext): number {
    const tick = this.port.info.tickSize;
    if (this.p.spot_source === 'index') {
      const s = this.port.snapshot(ctx);
      if (s.indexTicks > 0) return s.indexTicks * tick;
    }
    return this.port.mid(ctx) * tick;
  }

  /** Marks of the series' reference instruments (a perp or future), from the delayed view. */
  private refreshReferences(ctx: AgentContext): void {
    const b = this.book;
    for (let i = 0; i < b.series.length; i++) {
      const s = b.series[i] as OptionSeriesInfo;
      if (s.referenceInstrument === undefined) continue;
      const snap = ctx.market(this.optionsVenueId, s.referenceInstrument);
      b.refPrice[i] = snap.markTicks > 0 ? snap.markTicks * (s.referenceTickSize ?? 1) : Number.NaN;
    }
  }

  /** Recomputes spot, option delta and gamma (synthetic for constant_gamma). */
  private refresh(ctx: AgentContext): void {
    const spot = this.spotPrice(ctx);
    this.spot = spot;
    this.refreshReferences(ctx);
    if (this.p.hedge.policy === 'constant_gamma') {
      const g = this.p.hedge.gamma;
      this.optionDelta = g * (spot - this.refPrice);
      this.gamma = g;
      this.book.delta = this.optionDelta;
      this.book.gamma = g;
      this.book.value = 0.5 * g * (spot - this.refPrice) * (spot - this.refPrice);
      return;
    }
    this.book.compute(spot, ctx.now, ctx.clock);
    this.optionDelta = this.book.delta;
    this.gamma = this.book.gamma;
  }

  /** Runs the hedge rule once and sends at most one order. */
  private evaluate(ctx: AgentContext, forceMarket: boolean): void {
    if (this.inflightId !== 0) return;
    this.refresh(ctx);
    const info = this.port.info;
    const snap = this.port.snapshot(ctx);
    const bid = snap.bidTicks;
    const ask = snap.askTicks;
    const bidLots = snap.bidLots;
    const askLots = snap.askLots;
    const midTicks = this.port.mid(ctx);
    const net = this.netDelta;
    let cost = 0;
    if (this.p.hedge.policy === 'whalley_wilmott') {
      cost = this.p.hedge.cost_bps / 10_000;
      if (this.p.hedge.include_half_spread && bidLots > 0 && askLots > 0) cost += (ask - bid) / 2 / midTicks;
    }
    const trade = hedgeTrade(this.p.hedge, net, this.gamma, this.spot, cost);
    if (trade === 0 || !Number.isFinite(trade)) return;
    const ex = this.p.execution;
    const side = trade > 0 ? 1 : -1;
    const want = Math.min(Math.abs(trade), ex.max_order_size);
    let lots = info.inverseScale === undefined ? sizeToLots(want, info.lotSize) : baseSizeToLots(info, want, this.spot);
    const farLots = side > 0 ? askLots : bidLots;
    if (ex.participation > 0 && farLots > 0) lots = Math.min(lots, Math.floor(ex.participation * farLots));
    if (lots <= 0 || this.lotsToBase(lots) < ex.min_hedge_size) return;
    const style = forceMarket ? 'market' : ex.style;
    let priceTicks = NaN;
    let id: number;
    if (style === 'market') {
      id = this.port.market(ctx, side, lots, MsgFlag.Hedge);
    } else if (style === 'marketable_limit') {
      const far = side > 0 ? (askLots > 0 ? ask : Math.ceil(midTicks)) : bidLots > 0 ? bid : Math.floor(midTicks);
      priceTicks = Math.max(1, far + side * ex.limit_ticks);
      id = this.port.limit(ctx, side, priceTicks, lots, MsgFlag.Hedge, OrderType.IOC);
    } else {
      const near = side > 0 ? (bidLots > 0 ? bid : Math.floor(midTicks)) : askLots > 0 ? ask : Math.ceil(midTicks);
      priceTicks = Math.max(1, near);
      id = this.port.limit(ctx, side, priceTicks, lots, MsgFlag.Hedge, OrderType.Limit);
    }
    if (id === 0) return;
    this.inflightId = id;
    this.inflightGen++;
    this.inclusion = OUTCOME_NONE;
    this.decisionNs = ctx.now;
    this.decisionMid = midTicks * info.tickSize;
    if (style === 'passive') ctx.wakeAfter(ex.passive_timeout, wakeTag(PASSIVE_TIMEOUT, this.inflightGen));
    if (ex.inflight_timeout > 0) ctx.wakeAfter(ex.inflight_timeout, wakeTag(INFLIGHT_TIMEOUT, this.inflightGen));
    const size = this.lotsToBase(side * lots);
    this.row(ctx, EV_DECISION, net, net + size, size, priceTicks * info.tickSize, NaN, 0, OUTCOME_NONE);
  }

  private onFill(ctx: AgentContext, msg: Readonly<Message>): void {
    const before = this.netDelta;
    const signedLots = this.port.applyFill(msg);
    if (signedLots === 0 || msg.clientOrderId !== this.inflightId || this.inflightId === 0) return;
    const info = this.port.info;
    const size = this.lotsToBase(signedLots);
    const price = msg.priceTicks * info.tickSize;
    this.row(ctx, EV_FILL, before, before + size, size, price, (price - this.decisionMid) * size, ctx.now - this.decisionNs, this.inclusion);
    if (msg.aux0 <= 0) {
      this.inflightId = 0;
      this.escalate = false;
    }
  }

  private recordOutcome(ctx: AgentContext, event: number, lots: number, price: number, outcome: number): void {
    const net = this.netDelta;
    const size = this.lotsToBase(lots);
    this.row(ctx, event, net, net, size, price, NaN, ctx.now - this.decisionNs, outcome);
  }

  private row(ctx: AgentContext, event: number, before: number, after: number, size: number, price: number, slippage: number, latencyNs: number, outcome: number): void {
    const a = this.hedges;
    if (!a.enabled) return;
    const c = HEDGES.col;
    a.begin(ctx.now);
    a.set(c.dealer, ctx.id);
    a.set(c.venue, this.port.venueId);
    a.set(c.instrument, this.port.info.dictIndex ?? this.port.info.instrumentId);
    a.set(c.event, event);
    a.set(c.policy, this.policyIndex);
    a.set(c.delta_before, before);
    a.set(c.delta_after, after);
    a.set(c.gamma, this.gamma);
    a.set(c.size, size);
    a.set(c.price, price);
    a.set(c.mid, this.decisionMid);
    a.set(c.slippage, slippage);
    a.set(c.latency_ns, latencyNs);
    a.set(c.outcome, outcome);
    a.end();
  }

  private recordGreeks(ctx: AgentContext): void {
    const a = this.greeks;
    if (!a.enabled && !this.gexSampler.enabled) return;
    this.refresh(ctx);
    // constant_gamma has no options: no gex rows, and the same gamma at every profile spot.
    this.gexSampler.record(ctx, this.book, this.spot, this.p.hedge.policy === 'constant_gamma' ? this.gamma : NaN);
    if (!a.enabled) return;
    const c = GREEKS.col;
    const s = this.spot;
    const mid = this.port.mid(ctx) * this.port.info.tickSize;
    a.begin(ctx.now);
    a.set(c.dealer, ctx.id);
    a.set(c.spot, s);
    a.set(c.option_delta, this.optionDelta);
    a.set(c.hedge_position, this.hedgePosition);
    a.set(c.net_delta, this.netDelta);
    a.set(c.gamma, this.gamma);
    a.set(c.gex_per_pct, (this.gamma * s * s) / 100);
    a.set(c.vega, this.book.vega);
    a.set(c.option_value, this.book.value);
    const info = this.port.info;
    const hedgeUnits = info.inverseScale === undefined ? QUOTE_UNITS_PER_QUOTE : COIN_UNITS_PER_COIN; // an inverse hedge's money is coin units
    a.set(c.option_pnl, this.unitsToQuote(this.book.cashUnits, this.book.moneyUnits) + this.book.value);
    // Inverse hedge: coin P&L = cash + position * u(mark), u = -K / mark (instruments/contract.ts), shown in quote at spot.
    a.set(c.hedge_pnl, info.inverseScale === undefined
      ? this.port.cashUnits / QUOTE_UNITS_PER_QUOTE + this.hedgePosition * mid
      : this.unitsToQuote(this.port.cashUnits - (this.port.positionLots * info.inverseScale) / (mid / info.tickSize), hedgeUnits));
    a.set(c.fees, info.inverseScale === undefined ? this.port.feeUnits / QUOTE_UNITS_PER_QUOTE : this.unitsToQuote(this.port.feeUnits, hedgeUnits));
    a.end();
  }

  /**
   * Answers a desk request with a premium at vol +/- spread for the whole size. Declining means
   * not answering: the desk treats a quote of size 0 as a full-size quote, so none is sent.
   */
  private quote(ctx: AgentContext, msg: Readonly<Message>, deskId: number): void {
    const i = this.book.indexOf(msg.instrument);
    if (i < 0) return;
    const side = -msg.side;
    const after = (this.book.contracts[i] as number) + side * msg.sizeLots;
    if (!(Math.abs(after) <= this.p.max_contracts)) return;
    const sells = side < 0;
    this.refreshReferences(ctx);
    const prem = this.book.premium(i, this.spotPrice(ctx), ctx.now, ctx.clock, sells ? this.p.quote_spread_vol : -this.p.quote_spread_vol);
    // Round in the dealer's favour; never sell for nothing, never buy a worthless option.
    const mu = this.book.moneyUnits;
    const units = sells ? Math.max(1, Math.ceil(prem * mu)) : Math.floor(prem * mu);
    if (!(units >= 1) || !Number.isSafeInteger(units)) return;
    const m = resetMessage(this.out, MsgKind.QuoteOption);
    m.orderId = msg.orderId;
    m.instrument = msg.instrument;
    m.side = side;
    m.sizeLots = msg.sizeLots;
    m.priceTicks = units;
    ctx.send(deskId, m);
  }
}
