/**
 * CexVenue: a centralized exchange as one kernel actor (DESIGN 2b). It lists spot and linear perp
 * books (src/book), clears perps through a clearing house (margin, liquidation engine, insurance
 * fund, ADL, funding), keeps spot balances, runs an options desk, publishes as-of market data and
 * mid-threshold wake-ups, and records its tables.
 *
 * Time flow: every handled message or wake-up ends with {@link refresh}: index and marks are
 * recomputed from the books, L1 records go into the rings, mid watches are checked, and the new
 * marks run the liquidation triggers, whose close orders trade in the same books; this repeats
 * (bounded) until the books are quiet, so a cascade at one instant completes at that instant.
 * A periodic price tick (priceUpdateIntervalNs) keeps index/mark/liquidations current when
 * nothing trades.
 *
 * The world builder wires: `snapshotAt` into ctx.market (it subtracts the caller's market-data
 * latency), `watchMid`/`unwatch` into ctx.watchMid (the agent is woken through `deps.wakeAgent`),
 * `instrumentInfo` / `optionSeries` into ctx.instrument / ctx.optionSeries, and `openAccount`
 * for each trader's collateral. Units: see the file headers of each part.
 */
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import type { InstrumentInfo, MarketSnapshot, OptionSeriesInfo } from '../model/market.js';
import { MsgKind, newMessage, resetMessage, type Message } from '../model/messages.js';
import type { SimClock } from '../model/clock.js';
import { ACCOUNTS, BOOK, DEPTH, FUNDING, LIQUIDATIONS, OPTION_TRADES, ORDERS, TRADES, nullAppender, type Appender } from '../model/tables.js';
import { assertMoney } from '../model/units.js';
import { L2Snapshot } from '../book/index.js';
import { ClearingHouse, MarginMode, SystemAccount, DEFAULT_ACCOUNT_LEVERAGE, BINANCE_BTCUSDT_BRACKETS } from './clearing/index.js';
import type { CexVenueConfig } from './cexConfig.js';
import { ClearingAdapter } from './clearingAdapter.js';
import { buildInstrumentInfo } from './instrumentInfo.js';
import { LiquidationDriver } from './liquidationDriver.js';
import { FundingSettler } from './funding/fundingSettler.js';
import { PremiumAverage, nextFundingNs } from './funding/fundingSchedule.js';
import { PremiumSampler } from './funding/premiumSampler.js';
import { MidWatchSet } from './marketData/midWatch.js';
import type { WakeAgent } from './marketData/marketDataTypes.js';
import { OptionsDesk, type DeskPorts } from './options/optionsDesk.js';
import { VenuePrices } from './prices/venuePrices.js';
import { BookSampler } from './sampling.js';
import { sampleAccounts } from './accountsSampler.js';
import { OrderRouter } from './trading/orderRouter.js';
import { SpotLedger } from './trading/spotLedger.js';
import { VenueBook } from './trading/venueBook.js';
import { WakeKind, wakeKindOf, wakePayloadOf, wakeTag } from './wakeTags.js';

/** What the world builder hands the venue besides its config. */
export interface CexVenueDeps {
  /** The actor id this venue will get from kernel.addActor (checked at start). */
  readonly venueId: number;
  readonly clock: SimClock;
  /** Schedules an agent's wake-up for a crossed mid watch (see marketData/marketDataTypes.ts). */
  readonly wakeAgent: WakeAgent;
}

/** Most refresh rounds (price update + liquidation pass) at one instant. */
const MAX_REFRESH_ROUNDS = 32;

export class CexVenue implements Actor<AgentContext, Message> {
  readonly venueId: number;
  readonly clock: SimClock;
  readonly house: ClearingHouse;
  readonly spot: SpotLedger;
  readonly prices: VenuePrices;
  readonly desk: OptionsDesk;
  private readonly info: InstrumentInfo[];
  private readonly books: VenueBook[];
  private readonly router: OrderRouter;
  private readonly adapter: ClearingAdapter;
  private readonly liq: LiquidationDriver;
  private readonly funding: FundingSettler;
  private readonly premiums: PremiumAverage[];
  private readonly premiumSampler: PremiumSampler;
  private readonly watches: MidWatchSet;
  private readonly sampler: BookSampler;
  private readonly wakeAgent: WakeAgent;
  private readonly fireWatch = (agent: number, tag: number): void => this.wakeAgent(agent, tag, this.nowNs());
  /** Two-sided mid of a book in ticks (NaN when a side is empty); one closure, reused on every refresh. */
  private readonly bookMid = (inst: number): number => (this.books[inst] as VenueBook).midTicks();
  private ctx: AgentContext | null = null;
  private recTrades: Appender = nullAppender(TRADES);
  private recOrders: Appender = nullAppender(ORDERS);
  private recBook: Appender = nullAppender(BOOK);
  private recDepth: Appender = nullAppender(DEPTH);
  private recFunding: Appender = nullAppender(FUNDING);
  private recAccounts: Appender = nullAppender(ACCOUNTS);
  private recOptions: Appender = nullAppender(OPTION_TRADES);
  private readonly halted: boolean[];

  constructor(readonly cfg: CexVenueConfig, deps: CexVenueDeps) {
    this.venueId = deps.venueId;
    this.clock = deps.clock;
    this.wakeAgent = deps.wakeAgent;
    const n = cfg.instruments.length;
    this.info = buildInstrumentInfo(this.venueId, cfg.instruments);
    this.house = new ClearingHouse({
      instruments: this.info.map((inf, i) => ({ instrumentId: i, quotePerTickLot: inf.quotePerTickLot, brackets: cfg.instruments[i]?.brackets ?? BINANCE_BTCUSDT_BRACKETS })),
      liquidatorAccount: cfg.liquidationEngineId,
      insuranceFundUnits: assertMoney(cfg.insuranceFundUnits, 'insurance fund'),
      liquidation: cfg.liquidation,
    });
    this.spot = new SpotLedger(n);
    this.prices = new VenuePrices(cfg.instruments, cfg.index, cfg.mark);
    this.adapter = new ClearingAdapter(this.house, (s) => this.liq.step(s));
    const env = {
      venueId: this.venueId,
      liquidationEngineId: cfg.liquidationEngineId,
      send: (to: number, m: Readonly<Message>) => this.send(to, m),
      nowNs: () => this.nowNs(),
      markTicks: (inst: number) => this.prices.markTicks[inst] as number,
      marketProtectionBps: cfg.marketProtectionBps,
    };
    // The router is the books' event sink; it holds the (still empty) books array the books join.
    const books: VenueBook[] = [];
    this.books = books;
    this.router = new OrderRouter(env, cfg.instruments, this.info, books, this.adapter, this.spot, this.recTrades, this.recOrders);
    for (let i = 0; i < n; i++) books.push(new VenueBook(i, this.router, cfg.marketDataRetentionNs));
    this.liq = new LiquidationDriver(this.venueId, cfg.instruments, this.house, this.adapter, this.router, env.send, env.nowNs);
    this.funding = new FundingSettler(this.venueId, cfg.funding, this.house);
    this.premiums = cfg.instruments.map(() => new PremiumAverage());
    this.premiumSampler = new PremiumSampler(cfg.funding.impactNotional);
    this.watches = new MidWatchSet(n);
    this.sampler = new BookSampler(this.venueId, cfg.instruments, books, this.prices, cfg.output.depthLevels);
    this.halted = cfg.instruments.map(() => false);
    const venue = this;
    const ports: DeskPorts = {
      venueId: this.venueId,
      clock: this.clock,
      send: env.send,
      wakeAt: (t, tag) => venue.requireCtx().wakeAt(t, tag),
      transferCash: (from, to, units) => venue.house.transfer(from, to, units),
      indexPrice: () => venue.prices.indexPrice,
      indexTickSize: (cfg.instruments[this.prices.sourceInst] as { tickSize: number }).tickSize,
      get recorder() {
        return venue.recOptions;
      },
    };
    this.desk = new OptionsDesk(cfg.options, ports);
    for (const vb of books) vb.publish(0, this.prices.indexTicks[vb.inst] as number, this.prices.markTicks[vb.inst] as number);
  }

  // ------------------------------------------------------------------ world-builder API

  /** Static facts of listed instrument `inst` (venue-local id). */
  instrumentInfo(inst: number): InstrumentInfo {
    const i = this.info[inst];
    if (i === undefined) throw new RangeError(`venue ${this.cfg.name}: unknown instrument ${inst}`);
    return i;
  }

  /** Every listed instrument, by venue-local id. */
  instruments(): readonly InstrumentInfo[] {
    return this.info;
  }

  /** Option series of the options desk (series id = position). */
  optionSeries(): readonly OptionSeriesInfo[] {
    return this.desk.seriesInfo();
  }

  /** The venue's own agent id and its liquidation engine's and insurance fund's. */
  systemAgentIds(): { readonly venue: number; readonly liquidationEngine: number; readonly insuranceFund: number } {
    return { venue: this.venueId, liquidationEngine: this.cfg.liquidationEngineId, insuranceFund: this.cfg.insuranceFundId };
  }

  /** L1 of `inst` as of `tNs` (the caller subtracts its market-data latency). Writes and returns `out`. */
  snapshotAt(inst: number, tNs: number, out: MarketSnapshot): MarketSnapshot {
    const vb = this.books[inst];
    if (vb === undefined) throw new RangeError(`venue ${this.cfg.name}: unknown instrument ${inst}`);
    return vb.snapshotAt(tNs < 0 ? 0 : tNs, out);
  }

  /** One-shot wake-up of `agentId` with `tag` when the mid of `inst` leaves [lowTicks, highTicks]; returns a handle. */
  watchMid(inst: number, lowTicks: number, highTicks: number, agentId: number, tag: number): number {
    const h = this.watches.add(inst, lowTicks, highTicks, agentId, tag);
    const vb = this.books[inst] as VenueBook;
    // Already outside: fire now (the agent wakes after its market-data latency).
    if (this.ctx !== null && !(this.halted[inst] as boolean)) this.watches.check(inst, vb.displayMidTicks(), this.fireWatch);
    return h;
  }

  unwatch(handle: number): void {
    this.watches.remove(handle);
  }

  /** Opens (or re-configures while flat) a perp account and deposits its collateral (quote units). */
  openAccount(agentId: number, opts: { mode?: 'cross' | 'isolated'; leverage?: number; collateralUnits?: number } = {}): void {
    const mode = (opts.mode ?? this.cfg.margin.mode) === 'isolated' ? MarginMode.Isolated : MarginMode.Cross;
    this.house.openAccount(agentId, mode, opts.leverage ?? this.cfg.margin.leverage ?? DEFAULT_ACCOUNT_LEVERAGE);
    if (opts.collateralUnits !== undefined && opts.collateralUnits > 0) this.house.deposit(agentId, assertMoney(opts.collateralUnits, 'collateral'));
  }

  /**
   * Up to `out.capacity` levels per side of `inst`, live at the current instant (no market-data
   * latency): serves ctx.depth (scenario/worldContext.ts). `out` may be a model DepthSnapshot.
   */
  l2Snapshot(inst: number, out: L2Snapshot): L2Snapshot {
    const vb = this.books[inst];
    if (vb === undefined) throw new RangeError(`venue ${this.cfg.name}: unknown instrument ${inst}`);
    vb.book.snapshotL2(out);
    return out;
  }

  /** Money check: perp clearing total (== deposits), spot cash + spot fees (== 0). */
  moneyCheck(): { clearingTotalUnits: number; depositedUnits: number; spotTotalUnits: number; insuranceFundUnits: number } {
    return {
      clearingTotalUnits: this.house.totalMoney(),
      depositedUnits: this.house.ledger.depositedUnits,
      spotTotalUnits: this.spot.totalUnits(),
      insuranceFundUnits: this.house.ledger.system[SystemAccount.Insurance] as number,
    };
  }

  /** Liquidations started so far. */
  get liquidationsStarted(): number {
    return this.liq.started;
  }

  // ------------------------------------------------------------------ actor

  onStart(ctx: AgentContext): void {
    if (ctx.id !== this.venueId) throw new Error(`venue ${this.cfg.name} was built for actor id ${this.venueId} but registered as ${ctx.id}`);
    this.ctx = ctx;
    this.recTrades = ctx.recorder(TRADES);
    this.recOrders = ctx.recorder(ORDERS);
    this.recBook = ctx.recorder(BOOK);
    this.recDepth = ctx.recorder(DEPTH);
    this.recFunding = ctx.recorder(FUNDING);
    this.recAccounts = ctx.recorder(ACCOUNTS);
    this.recOptions = ctx.recorder(OPTION_TRADES);
    this.router.setRecorders(this.recTrades, this.recOrders);
    this.liq.recorder = ctx.recorder(LIQUIDATIONS);
    const now = ctx.now;
    const c = this.cfg;
    if (c.priceUpdateIntervalNs > 0) ctx.wakeAt(now + c.priceUpdateIntervalNs, wakeTag(WakeKind.PriceTick));
    if (c.output.bookIntervalNs > 0) ctx.wakeAt(now, wakeTag(WakeKind.BookSample));
    if (c.output.accountsIntervalNs > 0) ctx.wakeAt(now + c.output.accountsIntervalNs, wakeTag(WakeKind.AccountsSample));
    const hasPerp = c.instruments.some((i) => i.kind === 'perp');
    if (hasPerp) {
      ctx.wakeAt(now + c.funding.premiumSampleNs, wakeTag(WakeKind.PremiumSample));
      c.instruments.forEach((ins, i) => {
        if (ins.kind !== 'perp') return;
        const t = nextFundingNs(this.clock, c.funding, now);
        if (t !== null) ctx.wakeAt(t, wakeTag(WakeKind.Funding, i));
      });
    }
    this.desk.start(now);
    this.refresh();
  }

  onMessage(ctx: AgentContext, msg: Readonly<Message>, from: number): void {
    switch (msg.kind) {
      case MsgKind.RequestOption:
        this.desk.onRequest(ctx.now, msg, from);
        return;
      case MsgKind.QuoteOption:
        this.desk.onQuote(ctx.now, msg, from);
        return;
      case MsgKind.FeedHalt:
      case MsgKind.FeedResume:
        this.setFeed(msg.instrument, msg.kind === MsgKind.FeedHalt, ctx.now);
        return;
      case MsgKind.RequestBook: {
        // The reply carries no levels (messages are fixed records): it only marks the round trip.
        // Agents read depth through ctx.depth (live L2, see model/context.ts).
        const m = this.ctxMsg(MsgKind.BookSnapshot);
        m.instrument = msg.instrument;
        m.sizeLots = msg.sizeLots;
        ctx.send(from, m);
        return;
      }
      default:
        if (this.router.handle(msg, from)) this.refresh();
    }
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    const kind = wakeKindOf(tag);
    const payload = wakePayloadOf(tag);
    const c = this.cfg;
    switch (kind) {
      case WakeKind.PriceTick:
        this.refresh();
        ctx.wakeAfter(c.priceUpdateIntervalNs, tag);
        return;
      case WakeKind.PremiumSample:
        this.refresh();
        this.samplePremiums();
        ctx.wakeAfter(c.funding.premiumSampleNs, tag);
        return;
      case WakeKind.Funding: {
        this.refresh();
        const ins = c.instruments[payload];
        if (ins !== undefined) {
          this.funding.settle(ctx.now, payload, ins, (this.premiums[payload] as PremiumAverage).take(), this.prices.indexPrice, (to, m) => this.send(to, m), this.recFunding);
          const t = nextFundingNs(this.clock, c.funding, ctx.now);
          if (t !== null) ctx.wakeAt(t, tag);
          this.refresh();
        }
        return;
      }
      case WakeKind.BookSample:
        this.sampler.sample(ctx.now, this.recBook, this.recDepth);
        ctx.wakeAfter(c.output.bookIntervalNs, tag);
        return;
      case WakeKind.AccountsSample:
        sampleAccounts(ctx.now, this.venueId, c.instruments, this.house, this.recAccounts);
        ctx.wakeAfter(c.output.accountsIntervalNs, tag);
        return;
      case WakeKind.QuoteDeadline:
        this.desk.onDeadline(ctx.now, payload);
        return;
      case WakeKind.SettlementSample:
        this.refresh();
        this.desk.onSettlementSample(ctx.now, payload);
        return;
      default:
        throw new Error(`venue ${c.name}: unknown wake-up tag ${tag}`);
    }
  }

  // ------------------------------------------------------------------ internals

  /** Reference prices, market data, watches and liquidations until the books are quiet. */
  private refresh(): void {
    const ctx = this.requireCtx();
    const t = ctx.now;
    // The fundamental is read only when the index blends it in (a path lookup per refresh otherwise).
    const external = this.prices.usesExternal ? ctx.fundamental() : Number.NaN;
    const books = this.books;
    for (let round = 0; round < MAX_REFRESH_ROUNDS; round++) {
      this.prices.update(t, this.bookMid, external);
      for (const vb of books) {
        vb.publish(t, this.prices.indexTicks[vb.inst] as number, this.prices.markTicks[vb.inst] as number);
        if (!(this.halted[vb.inst] as boolean)) this.watches.check(vb.inst, vb.displayMidTicks(), this.fireWatch);
      }
      this.liq.onMarks(this.prices.markTicks);
      this.router.enforceReduceOnly();
      let quiet = true;
      for (const vb of books) if (vb.dirty) quiet = false;
      if (quiet) return;
    }
    // Still trading after the round budget: publish what there is; the next tick continues.
    for (const vb of books) vb.publish(t, this.prices.indexTicks[vb.inst] as number, this.prices.markTicks[vb.inst] as number);
  }

  private samplePremiums(): void {
    const index = this.prices.indexPrice;
    for (let i = 0; i < this.books.length; i++) {
      const c = this.cfg.instruments[i];
      if (c === undefined || c.kind !== 'perp') continue;
      (this.premiums[i] as PremiumAverage).add(this.premiumSampler.sample(this.books[i] as VenueBook, c.tickSize, c.lotSize, index));
    }
  }

  private setFeed(inst: number, halt: boolean, t: number): void {
    for (const vb of this.books) {
      if (inst >= 0 && vb.inst !== inst) continue;
      if (halt) vb.ring.haltAt(t);
      else vb.ring.resumeAt(t);
      this.halted[vb.inst] = halt;
      if (!halt) this.watches.check(vb.inst, vb.displayMidTicks(), this.fireWatch);
    }
  }

  private send(to: number, m: Readonly<Message>): void {
    this.requireCtx().send(to, m);
  }

  private readonly scratch: Message = newMessage();
  private ctxMsg(kind: number): Message {
    return resetMessage(this.scratch, kind);
  }

  private nowNs(): number {
    return this.ctx === null ? 0 : this.ctx.now;
  }

  private requireCtx(): AgentContext {
    if (this.ctx === null) throw new Error(`venue ${this.cfg.name} used before the kernel started it`);
    return this.ctx;
  }
}
