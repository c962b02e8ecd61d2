/**
 * The venue's options desk: request for quote, clearing and cash settlement of linear,
 * quote-settled European options (DESIGN 2b).
 *
 * Flow: a customer's RequestOption -> QuoteRequested to every dealer of the series (ascending id,
 * the requester excluded) -> QuoteOption replies until the deadline (or until every dealer has
 * quoted) -> the best premium wins (lowest when the customer buys, highest when it sells; ties to
 * the lower agent id) -> OptionFilled to both parties, premium moved buyer -> seller in the cash
 * ledger, positions booked in {@link OptionsLedger}; OptionRejected (NoQuote) when nobody quoted.
 * A dealer's first valid quote counts; later ones are ignored. Quotes must be for the whole size
 * (quote sizeLots 0 or >= the requested contracts) and on the opposite side.
 *
 * Expiry: the index is sampled every settlementSampleNs from the window start to expiry into the
 * instruments layer's settlement TWAP (`settlementTwap`, previous-tick holding); its value at
 * expiry is the settlement price (the index at expiry when the window had no sample). The payoff per contract is rounded once to quote units, then every short pays
 * payoff * contracts to the venue account and the venue pays every long the same way, so cash is
 * conserved exactly. Dealer option positions are not margined in v1.
 *
 * Units: premium and payoff per contract in integer quote units; contracts are integers; the
 * settlement price in OptionSettled.priceTicks is in (fractional) ticks of the index instrument,
 * and in aux1 in quote units.
 */
import { MsgKind, Reason, newMessage, resetMessage, type Message } from '../../model/messages.js';
import type { Appender } from '../../model/tables.js';
import { OPEN_INTEREST, OPTION_TRADES } from '../../model/tables.js';
import type { SimClock } from '../../model/clock.js';
import type { OptionSeriesInfo } from '../../model/market.js';
import { assertMoney, fromQuoteUnits, toQuoteUnits } from '../../model/units.js';
import { impliedVolBs, inverseOptionPayoff, optionPayoff, settlementTwap, type WindowTwap } from '../../instruments/index.js';
import { WakeKind, wakeTag } from '../wakeTags.js';
import { OptionsLedger } from './optionsLedger.js';
import type { OptionsDeskConfig, OptionSeriesConfig } from './optionsConfig.js';

/** What the desk needs from its venue. */
export interface DeskPorts {
  readonly venueId: number;
  readonly clock: SimClock;
  send(to: number, msg: Readonly<Message>): void;
  wakeAt(tNs: number, tag: number): void;
  /** Moves `units` (> 0) of quote cash from `from` to `to`. */
  transferCash(from: number, to: number, units: number): void;
  /** Current index in quote currency. */
  indexPrice(): number;
  /** Current mark of venue instrument `inst` in quote currency (a series' reference price). */
  markPrice(inst: number): number;
  /** Tick size of the index instrument (for OptionSettled.priceTicks). */
  readonly indexTickSize: number;
  /** The option_trades appender. */
  readonly recorder: Appender;
}

interface Rfq {
  readonly id: number;
  readonly series: number;
  readonly customer: number;
  readonly side: number;
  readonly contracts: number;
  readonly clientOrderId: number;
  readonly asked: readonly number[];
  readonly quoted: Set<number>;
  bestDealer: number;
  bestPremiumUnits: number;
}

interface SeriesState {
  readonly cfg: OptionSeriesConfig;
  readonly dealers: readonly number[];
  /** SimTime of expiry, null when it lies before the start or beyond the safe range. */
  readonly expiryNs: number | null;
  expired: boolean;
  /** Settlement TWAP accumulator (null when the expiry is not inside the run). */
  readonly twap: WindowTwap | null;
}

const TRADE = 0;
const SETTLEMENT = 1;

export class OptionsDesk {
  readonly ledger: OptionsLedger;
  private readonly series: SeriesState[];
  private readonly rfqs = new Map<number, Rfq>();
  private nextRequestId = 1;
  private readonly out = newMessage();
  /** Agents asked for quotes on any series: the `dealer` holder kind of open_interest. */
  private readonly dealerIds = new Set<number>();
  private readonly isDealer = (agent: number): boolean => this.dealerIds.has(agent);
  private readonly oiScratch = new Float64Array(4);
  /** Premium and settlement cash moved so far (quote units), for tests and summaries. */
  premiumVolumeUnits = 0;

  constructor(private readonly cfg: OptionsDeskConfig, private readonly ports: DeskPorts) {
    if (!(cfg.quoteDeadlineNs >= 0) || !Number.isSafeInteger(cfg.quoteDeadlineNs)) throw new RangeError(`options.quoteDeadlineNs must be an integer >= 0`);
    if (!(cfg.settlementSampleNs > 0) || !Number.isSafeInteger(cfg.settlementSampleNs)) throw new RangeError(`options.settlementSampleNs must be an integer > 0`);
    if (!(cfg.settlementWindowNs >= 0) || !Number.isSafeInteger(cfg.settlementWindowNs)) throw new RangeError(`options.settlementWindowNs must be an integer >= 0`);
    this.ledger = new OptionsLedger(cfg.series.length);
    for (const s of cfg.series) for (const d of s.dealers) this.dealerIds.add(d);
    this.series = cfg.series.map((s) => {
      if (!(s.strike > 0) || !(s.contractSize > 0)) throw new RangeError(`option series ${s.symbol}: strike and contractSize must be > 0`);
      const expiryNs = ports.clock.simNsAt(s.expiryUtcMs);
      return {
        cfg: s,
        dealers: [...new Set(s.dealers)].sort((a, b) => a - b),
        expiryNs,
        // An expiry before the start is already over; one beyond the safe range never comes.
        expired: expiryNs === null && s.expiryUtcMs < ports.clock.startUtcMs,
        twap: expiryNs !== null && expiryNs > 0 && cfg.settlementWindowNs > 0 ? settlementTwap(expiryNs, cfg.settlementWindowNs) : null,
      };
    });
  }

  /** Static facts of the listed series (for `ctx.optionSeries(venueId)`). */
  seriesInfo(): OptionSeriesInfo[] {
    return this.series.map((s, i) => ({
      venueId: this.ports.venueId,
      seriesId: i,
      symbol: s.cfg.symbol,
      isCall: s.cfg.isCall,
      strike: s.cfg.strike,
      expiryUtcMs: s.cfg.expiryUtcMs,
      contractSize: s.cfg.contractSize,
      dictIndex: s.cfg.dictIndex,
      settlementWindowNs: s.twap === null ? 0 : this.cfg.settlementWindowNs,
      ...(this.coin ? { settlement: 'coin' as const, moneyUnits: this.moneyUnits } : {}),
      ...(s.cfg.referenceInstrument !== undefined ? { referenceInstrument: s.cfg.referenceInstrument, referenceTickSize: s.cfg.referenceTickSize ?? 1 } : {}),
    }));
  }

  /** True when premiums and payoffs are in the coin. */
  private get coin(): boolean {
    return this.cfg.settlement === 'coin';
  }

  /** Money units per unit of the settlement currency. */
  private get moneyUnits(): number {
    return this.cfg.moneyUnits ?? 10_000;
  }

  /** The series' underlying price now: its reference instrument's mark, else the index. */
  private referencePrice(s: SeriesState): number {
    const r = s.cfg.referenceInstrument;
    return r === undefined ? this.ports.indexPrice() : this.ports.markPrice(r);
  }

  /** Schedules the first settlement sample of every series. */
  start(nowNs: number): void {
    this.series.forEach((s, i) => {
      const t = this.nextSampleNs(s, nowNs);
      if (t !== null) this.ports.wakeAt(t, wakeTag(WakeKind.SettlementSample, i));
    });
  }

  /** A customer's RequestOption. */
  onRequest(nowNs: number, msg: Readonly<Message>, from: number): void {
    const s = this.series[msg.instrument];
    let reason: number = Reason.None;
    if (s === undefined) reason = Reason.UnknownInstrument;
    else if (s.expired || (s.expiryNs !== null && nowNs >= s.expiryNs)) reason = Reason.Expired;
    else if (!(msg.sizeLots > 0) || !Number.isSafeInteger(msg.sizeLots)) reason = Reason.InvalidSize;
    else if (msg.side !== 1 && msg.side !== -1) reason = Reason.InvalidSize;
    if (reason !== Reason.None || s === undefined) {
      this.reject(from, msg.instrument, msg.clientOrderId, reason);
      return;
    }
    const asked = s.dealers.filter((d) => d !== from);
    if (asked.length === 0) {
      this.reject(from, msg.instrument, msg.clientOrderId, Reason.NoQuote);
      return;
    }
    const id = this.nextRequestId++;
    const rfq: Rfq = {
      id, series: msg.instrument, customer: from, side: msg.side, contracts: msg.sizeLots, clientOrderId: msg.clientOrderId,
      asked, quoted: new Set(), bestDealer: -1, bestPremiumUnits: 0,
    };
    this.rfqs.set(id, rfq);
    const m = resetMessage(this.out, MsgKind.QuoteRequested);
    m.orderId = id;
    m.instrument = msg.instrument;
    m.side = msg.side;
    m.sizeLots = msg.sizeLots;
    for (const d of asked) this.ports.send(d, m);
    this.ports.wakeAt(nowNs + this.cfg.quoteDeadlineNs, wakeTag(WakeKind.QuoteDeadline, id));
  }

  /** A dealer's QuoteOption. Invalid, late or repeated quotes are ignored. */
  onQuote(nowNs: number, msg: Readonly<Message>, from: number): void {
    const rfq = this.rfqs.get(msg.orderId);
    if (rfq === undefined || !rfq.asked.includes(from) || rfq.quoted.has(from)) return;
    const premium = msg.priceTicks;
    if (!Number.isSafeInteger(premium) || premium < 0) return;
    if (msg.side !== -rfq.side) return;
    if (msg.sizeLots !== 0 && msg.sizeLots < rfq.contracts) return;
    rfq.quoted.add(from);
    const better =
      rfq.bestDealer < 0 ||
      (rfq.side > 0 ? premium < rfq.bestPremiumUnits : premium > rfq.bestPremiumUnits) ||
      (premium === rfq.bestPremiumUnits && from < rfq.bestDealer);
    if (better) {
      rfq.bestDealer = from;
      rfq.bestPremiumUnits = premium;
    }
    if (rfq.quoted.size === rfq.asked.length) this.complete(nowNs, rfq);
  }

  /** The quote deadline of request `id` (a no-op when it already completed). */
  onDeadline(nowNs: number, id: number): void {
    const rfq = this.rfqs.get(id);
    if (rfq !== undefined) this.complete(nowNs, rfq);
  }

  /** A settlement sample of `seriesIdx`; settles at expiry. */
  onSettlementSample(nowNs: number, seriesIdx: number): void {
    const s = this.series[seriesIdx];
    if (s === undefined || s.expired || s.expiryNs === null) return;
    s.twap?.add(nowNs, this.referencePrice(s));
    if (nowNs >= s.expiryNs) {
      this.settle(nowNs, seriesIdx, s);
      return;
    }
    const t = this.nextSampleNs(s, nowNs + 1);
    if (t !== null) this.ports.wakeAt(t, wakeTag(WakeKind.SettlementSample, seriesIdx));
  }

  /** True once `seriesIdx` has settled (or expired before the start). */
  isExpired(seriesIdx: number): boolean {
    return this.series[seriesIdx]?.expired ?? true;
  }

  private complete(nowNs: number, rfq: Rfq): void {
    this.rfqs.delete(rfq.id);
    const s = this.series[rfq.series] as SeriesState;
    if (rfq.bestDealer < 0 || s.expired) {
      this.reject(rfq.customer, rfq.series, rfq.clientOrderId, s.expired ? Reason.Expired : Reason.NoQuote);
      return;
    }
    const buyer = rfq.side > 0 ? rfq.customer : rfq.bestDealer;
    const seller = rfq.side > 0 ? rfq.bestDealer : rfq.customer;
    const total = assertMoney(rfq.bestPremiumUnits * rfq.contracts, 'option premium');
    if (total > 0) this.ports.transferCash(buyer, seller, total);
    this.premiumVolumeUnits += total;
    this.ledger.trade(rfq.series, buyer, seller, rfq.contracts);
    const m = resetMessage(this.out, MsgKind.OptionFilled);
    m.instrument = rfq.series;
    m.orderId = rfq.id;
    m.sizeLots = rfq.contracts;
    m.priceTicks = rfq.bestPremiumUnits;
    m.side = rfq.side;
    m.clientOrderId = rfq.clientOrderId;
    this.ports.send(rfq.customer, m);
    m.side = -rfq.side;
    m.clientOrderId = 0;
    this.ports.send(rfq.bestDealer, m);
    const index = this.referencePrice(s);
    // option_trades money is in the settlement currency (the coin at a coin venue).
    const premium = rfq.bestPremiumUnits / this.moneyUnits;
    // A coin premium is worth premium * index USD (Deribit converts at the latest index); the
    // implied vol is that of the USD price on the series' own underlying.
    const premiumQuote = this.coin ? premium * this.ports.indexPrice() : premium;
    let iv = Number.NaN;
    if (s.expiryNs !== null) {
      const r = impliedVolBs(s.cfg.isCall, premiumQuote / s.cfg.contractSize, index, s.cfg.strike, this.ports.clock.yearsUntil(nowNs, s.cfg.expiryUtcMs), 0, 0);
      if (r.ok) iv = r.vol;
    }
    this.row(nowNs, s, TRADE, buyer, seller, rfq.contracts, premium, index, iv);
  }

  private settle(nowNs: number, seriesIdx: number, s: SeriesState): void {
    s.expired = true;
    const price = s.twap?.value(nowNs) ?? this.referencePrice(s);
    // Rounded once per contract, so longs receive exactly what shorts pay. Coin-settled:
    // max(S - K, 0) / S coin per coin of contract (Deribit), in coin units.
    const payoffUnits = this.coin
      ? assertMoney(Math.round(inverseOptionPayoff(s.cfg.isCall, price, s.cfg.strike) * s.cfg.contractSize * this.moneyUnits) + 0, 'coin payoff')
      : toQuoteUnits(optionPayoff(s.cfg.isCall, price, s.cfg.strike, s.cfg.contractSize));
    const holders = this.ledger.holders(seriesIdx);
    const venue = this.ports.venueId;
    // Shorts pay first so the venue account never goes negative in between.
    for (const pass of [-1, 1]) {
      for (const agent of holders) {
        const pos = this.ledger.position(seriesIdx, agent);
        if (Math.sign(pos) !== pass) continue;
        const amount = assertMoney(payoffUnits * Math.abs(pos), 'option settlement');
        if (amount > 0) {
          if (pos < 0) this.ports.transferCash(agent, venue, amount);
          else this.ports.transferCash(venue, agent, amount);
        }
      }
    }
    const m = resetMessage(this.out, MsgKind.OptionSettled);
    m.instrument = seriesIdx;
    m.aux0 = payoffUnits;
    m.aux1 = toQuoteUnits(price);
    m.priceTicks = price / this.ports.indexTickSize;
    for (const agent of holders) {
      const pos = this.ledger.position(seriesIdx, agent);
      m.sizeLots = pos;
      m.side = pos > 0 ? 1 : -1;
      // The venue may hold the other side of open interest seeded at world build: no self-message.
      if (agent !== venue) this.ports.send(agent, m);
      const payoff = this.coin ? payoffUnits / this.moneyUnits : fromQuoteUnits(payoffUnits);
      if (pos > 0) this.row(nowNs, s, SETTLEMENT, agent, venue, pos, payoff, price, Number.NaN);
      else this.row(nowNs, s, SETTLEMENT, venue, agent, -pos, payoff, price, Number.NaN);
    }
    this.ledger.clear(seriesIdx);
  }

  /**
   * First sample time >= fromNs. Samples fall at expiry - j * step for j = 0..n, with
   * n = floor(window / step): the first at (about) the window start, the last at expiry itself.
   */
  private nextSampleNs(s: SeriesState, fromNs: number): number | null {
    if (s.expired || s.expiryNs === null) return null;
    const expiry = s.expiryNs;
    const step = this.cfg.settlementSampleNs;
    const n = Math.floor(this.cfg.settlementWindowNs / step);
    const first = expiry - n * step;
    if (fromNs > expiry) return null;
    if (fromNs <= first) return first;
    return first + Math.ceil((fromNs - first) / step) * step;
  }

  /**
   * Writes `open_interest`: per live series, one row per holder kind (dealer, customer) with the
   * long and short contracts of its holders. A dealer is an agent asked for quotes on any series of
   * this desk; everyone else (customers, the schedule, the venue holding initial open interest) is
   * a customer.
   */
  sampleOpenInterest(nowNs: number, r: Appender): void {
    if (!r.enabled) return;
    const c = OPEN_INTEREST.col;
    const index = this.ports.indexPrice();
    for (let i = 0; i < this.series.length; i++) {
      const s = this.series[i] as SeriesState;
      if (s.expired) continue;
      const tenor = this.ports.clock.yearsUntil(nowNs, s.cfg.expiryUtcMs);
      if (!(tenor > 0)) continue;
      const oi = this.ledger.longShort(i, this.isDealer, this.oiScratch);
      for (let kind = 0; kind < 2; kind++) {
        r.begin(nowNs);
        r.set(c.venue, this.ports.venueId);
        r.set(c.series, s.cfg.dictIndex);
        r.set(c.is_call, s.cfg.isCall ? 1 : 0);
        r.set(c.strike, s.cfg.strike);
        r.set(c.tenor_years, tenor);
        r.set(c.holder_kind, kind);
        r.set(c.long_contracts, oi[2 * kind] as number);
        r.set(c.short_contracts, oi[2 * kind + 1] as number);
        r.set(c.index, index);
        r.end();
      }
    }
  }

  private reject(to: number, instrument: number, clientOrderId: number, reason: number): void {
    const m = resetMessage(this.out, MsgKind.OptionRejected);
    m.instrument = instrument;
    m.clientOrderId = clientOrderId;
    m.reason = reason;
    this.ports.send(to, m);
  }

  private row(tNs: number, s: SeriesState, event: number, buyer: number, seller: number, contracts: number, premium: number, underlying: number, iv: number): void {
    const r = this.ports.recorder;
    if (!r.enabled) return;
    const c = OPTION_TRADES.col;
    r.begin(tNs);
    r.set(c.venue, this.ports.venueId);
    r.set(c.series, s.cfg.dictIndex);
    r.set(c.event, event);
    r.set(c.buyer, buyer);
    r.set(c.seller, seller);
    r.set(c.contracts, contracts);
    r.set(c.premium, premium);
    r.set(c.underlying, underlying);
    r.set(c.implied_vol, iv);
    r.end();
  }
}
