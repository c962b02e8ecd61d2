/**
 * VenueCore: the part every venue actor shares (CexVenue in cexVenue.ts, DexVenue in
 * dex/dexVenue.ts). From the shared config it builds the listed instruments' facts, the books,
 * the order router, the clearing house (margin, liquidation engine, insurance fund, ADL), the spot
 * ledger, the liquidation driver, funding settlement and premium sampling, mid watches and the
 * table samplers; it implements the world-builder API ({@link VenueWorldApi}) on top of them, and
 * the shared actor chores: recorder setup, sampler and funding schedules, feed halts, and the
 * refresh loop (publish market data, check watches, run liquidations until the books are quiet).
 *
 * A venue subclasses it and adds only what differs: how orders reach the books (directly on the
 * CEX, through a mempool and blocks on the DEX), where reference prices come from (`P`: books and
 * index on the CEX, an oracle on the DEX), options, and its wake-up tags.
 *
 * Why a base class rather than a member object: the shared part *is* the world-builder API, so a
 * member would need the same ten forwarding methods in each venue (the duplication this removes).
 *
 * Units: prices integer ticks (floats in quote currency only inside `prices`), sizes lots, money
 * quote units (10^-4 of the quote currency), times ns.
 */
import type { AgentContext } from '../model/context.js';
import type { InstrumentInfo, MarketSnapshot, OptionSeriesInfo } from '../model/market.js';
import { MsgKind, newMessage, resetMessage, type Message } from '../model/messages.js';
import type { SimClock } from '../model/clock.js';
import { ACCOUNTS, BALANCES, BOOK, DEPTH, FUNDING, LIQUIDATIONS, ORDERS, TRADES, nullAppender, type Appender } from '../model/tables.js';
import { COIN_UNITS_PER_COIN, assertMoney } from '../model/units.js';
import type { L2Snapshot } from '../book/index.js';
import { ClearingHouse, ContractKind, MarginMode, SystemAccount, DEFAULT_ACCOUNT_LEVERAGE, BINANCE_BTCUSDT_BRACKETS } from './clearing/index.js';
import { ClearingAdapter } from './clearingAdapter.js';
import { buildInstrumentInfo, isMargined, moneyUnitsOf } from './instrumentInfo.js';
import { LiquidationDriver } from './liquidationDriver.js';
import { VenueFunding } from './funding/venueFunding.js';
import { MidWatchSet } from './marketData/midWatch.js';
import type { WakeAgent } from './marketData/marketDataTypes.js';
import type { VenuePrices } from './prices/venuePrices.js';
import { BookSampler } from './sampling.js';
import { sampleAccounts } from './accountsSampler.js';
import { BalancesSampler } from './balancesSampler.js';
import { OrderRouter, type RouterEnv } from './trading/orderRouter.js';
import { SpotLedger } from './trading/spotLedger.js';
import { VenueBook } from './trading/venueBook.js';
import type { VenueWorldApi } from './dex/venueApi.js';
import type { CoreWakeTags, VenueCoreConfig, VenueDeps } from './venueCoreTypes.js';

export type { CoreWakeTags, VenueCoreConfig, VenueDeps } from './venueCoreTypes.js';

/** Most refresh rounds (publish + liquidation pass) at one instant. */
const MAX_REFRESH_ROUNDS = 32;

/** Shared state and behaviour of a venue actor; see the file header. */
export abstract class VenueCore<C extends VenueCoreConfig, P extends VenuePrices> implements VenueWorldApi {
  readonly venueId: number;
  readonly clock: SimClock;
  readonly house: ClearingHouse;
  readonly spot: SpotLedger;
  readonly prices: P;
  protected readonly info: InstrumentInfo[];
  protected readonly books: VenueBook[];
  protected readonly router: OrderRouter;
  protected readonly adapter: ClearingAdapter;
  protected readonly liq: LiquidationDriver;
  /** Perp funding; null when the config has none. */
  protected readonly funding: VenueFunding | null;
  protected readonly watches: MidWatchSet;
  protected readonly sampler: BookSampler;
  protected readonly balances: BalancesSampler;
  protected readonly halted: boolean[];
  protected ctx: AgentContext | null = null;
  protected recBook: Appender = nullAppender(BOOK);
  protected recDepth: Appender = nullAppender(DEPTH);
  protected recFunding: Appender = nullAppender(FUNDING);
  protected recAccounts: Appender = nullAppender(ACCOUNTS);
  protected recBalances: Appender = nullAppender(BALANCES);
  /** The one outgoing message this venue fills and sends (the kernel copies it). */
  protected readonly scratch: Message = newMessage();
  private readonly wakeAgent: WakeAgent;
  protected readonly fireWatch = (agent: number, tag: number): void => this.wakeAgent(agent, tag, this.nowNs());
  /** Sends `m` from the venue (only once the kernel started it). */
  protected readonly send = (to: number, m: Readonly<Message>): void => this.requireCtx().send(to, m);
  /** Index of instrument `inst`'s underlying, quote currency (one closure, reused by every premium sample). */
  protected readonly indexPriceOf = (inst: number): number => this.prices.indexPriceOf(inst);
  /** Simulation time, 0 before start. */
  protected readonly nowNs = (): number => (this.ctx === null ? 0 : this.ctx.now);

  /** `makePrices` is called after the clearing house and spot ledger exist (the order both venues always had). */
  constructor(readonly cfg: C, deps: VenueDeps, makePrices: (cfg: C) => P) {
    this.venueId = deps.venueId;
    this.clock = deps.clock;
    this.wakeAgent = deps.wakeAgent;
    const n = cfg.instruments.length;
    this.info = buildInstrumentInfo(this.venueId, cfg.instruments);
    this.house = new ClearingHouse({
      instruments: this.info.map((inf, i) => ({
        instrumentId: i,
        quotePerTickLot: inf.quotePerTickLot,
        brackets: cfg.instruments[i]?.brackets ?? BINANCE_BTCUSDT_BRACKETS,
        ...(inf.inverseScale !== undefined ? { contract: ContractKind.Inverse, inverseScale: inf.inverseScale } : {}),
      })),
      liquidatorAccount: cfg.liquidationEngineId,
      insuranceFundUnits: assertMoney(cfg.insuranceFundUnits, 'insurance fund'),
      liquidation: cfg.liquidation,
      ...(cfg.maintenanceValuation !== undefined ? { maintenanceValuation: cfg.maintenanceValuation } : {}),
    });
    this.spot = new SpotLedger(n);
    this.prices = makePrices(cfg);
    this.adapter = new ClearingAdapter(this.house, (s) => this.liq.step(s));
    const env: RouterEnv = {
      venueId: this.venueId,
      liquidationEngineId: cfg.liquidationEngineId,
      send: this.send,
      nowNs: this.nowNs,
      markTicks: (inst: number) => this.prices.markTicks[inst] as number,
      // Absent means off, as the router reads it.
      marketProtectionBps: cfg.marketProtectionBps ?? 0,
    };
    // The router is the books' event sink; it holds the (still empty) books array the books join.
    const books: VenueBook[] = [];
    this.books = books;
    this.router = new OrderRouter(env, cfg.instruments, this.info, books, this.adapter, this.spot, nullAppender(TRADES), nullAppender(ORDERS));
    for (let i = 0; i < n; i++) books.push(new VenueBook(i, this.router, cfg.marketDataRetentionNs));
    this.liq = new LiquidationDriver(this.venueId, cfg.instruments, this.house, this.adapter, this.router, this.send, this.nowNs);
    this.funding = cfg.funding === null ? null : new VenueFunding(this.venueId, cfg.funding, cfg.instruments, this.house, this.clock);
    this.watches = new MidWatchSet(n);
    this.sampler = new BookSampler(this.venueId, cfg.instruments, books, this.prices, cfg.output.depthLevels);
    const spotInstruments = cfg.instruments.flatMap((c, i) => (isMargined(c) ? [] : [i]));
    const adapter = this.adapter;
    this.balances = new BalancesSampler({ venueId: this.venueId, insuranceFundId: cfg.insuranceFundId }, this.house, this.spot, spotInstruments, (a) => adapter.reservedUnits(a), moneyUnitsOf(cfg.instruments) === COIN_UNITS_PER_COIN);
    this.halted = cfg.instruments.map(() => false);
  }

  // ------------------------------------------------------------------ world-builder API

  /** Option series this venue lists (series id = position). */
  abstract optionSeries(): readonly OptionSeriesInfo[];

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

  /** The venue's own agent id and its liquidation engine's and insurance fund's. */
  systemAgentIds(): { readonly venue: number; readonly liquidationEngine: number; readonly insuranceFund: number } {
    return { venue: this.venueId, liquidationEngine: this.cfg.liquidationEngineId, insuranceFund: this.cfg.insuranceFundId };
  }

  /** L1 of `inst` as of `tNs` (the caller subtracts its market-data latency). Writes and returns `out`. */
  snapshotAt(inst: number, tNs: number, out: MarketSnapshot): MarketSnapshot {
    return this.bookOf(inst).snapshotAt(tNs < 0 ? 0 : tNs, out);
  }

  /** One-shot wake-up of `agentId` with `tag` when the mid of `inst` leaves [lowTicks, highTicks]; returns a handle. */
  watchMid(inst: number, lowTicks: number, highTicks: number, agentId: number, tag: number): number {
    const h = this.watches.add(inst, lowTicks, highTicks, agentId, tag);
    // Already outside: fire now (the agent wakes after its market-data latency).
    if (this.ctx !== null && !(this.halted[inst] as boolean)) this.watches.check(inst, (this.books[inst] as VenueBook).displayMidTicks(), this.fireWatch);
    return h;
  }

  /** Drops a watch (no-op when it already fired). */
  unwatch(handle: number): void {
    this.watches.remove(handle);
  }

  /** Opens (or re-configures while flat) a perp account and deposits its collateral (quote units). */
  openAccount(agentId: number, opts: { mode?: 'cross' | 'isolated'; leverage?: number; collateralUnits?: number } = {}): void {
    const mode = (opts.mode ?? this.cfg.margin.mode) === 'isolated' ? MarginMode.Isolated : MarginMode.Cross;
    this.house.openAccount(agentId, mode, opts.leverage ?? this.cfg.margin.leverage ?? DEFAULT_ACCOUNT_LEVERAGE);
    if (opts.collateralUnits !== undefined && opts.collateralUnits > 0) this.house.deposit(agentId, assertMoney(opts.collateralUnits, 'collateral'));
  }

  /** Books a position held from t = 0 against `counterparty` (world build only; see ClearingHouse.bookInitialPosition). */
  bookInitialPosition(agentId: number, counterparty: number, inst: number, signedLots: number, priceTicks: number): void {
    this.house.bookInitialPosition(agentId, counterparty, inst, signedLots, priceTicks);
  }

  /**
   * Up to `out.capacity` levels per side of `inst`, live at the current instant (no market-data
   * latency): serves ctx.depth (scenario/worldContext.ts). `out` may be a model DepthSnapshot.
   */
  l2Snapshot(inst: number, out: L2Snapshot): L2Snapshot {
    this.bookOf(inst).book.snapshotL2(out);
    return out;
  }

  /** Integer money units per unit of the settlement currency (10^4 quote; 10^8 coin at an inverse venue). */
  get moneyUnits(): number {
    return moneyUnitsOf(this.cfg.instruments);
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

  // ------------------------------------------------------------------ shared actor chores

  /** Checks the actor id, keeps `ctx` and attaches the shared recorders (start of onStart). */
  protected attach(ctx: AgentContext): void {
    if (ctx.id !== this.venueId) throw new Error(`venue ${this.cfg.name} was built for actor id ${this.venueId} but registered as ${ctx.id}`);
    this.ctx = ctx;
    this.router.setRecorders(ctx.recorder(TRADES), ctx.recorder(ORDERS));
    this.liq.recorder = ctx.recorder(LIQUIDATIONS);
    this.recBook = ctx.recorder(BOOK);
    this.recDepth = ctx.recorder(DEPTH);
    this.recFunding = ctx.recorder(FUNDING);
    this.recAccounts = ctx.recorder(ACCOUNTS);
    this.recBalances = ctx.recorder(BALANCES);
  }

  /** First wake-ups of the table samplers, then (with funding and a perp) premium samples and funding times. */
  protected scheduleSamplers(ctx: AgentContext, tags: CoreWakeTags): void {
    const now = ctx.now;
    const c = this.cfg;
    if (c.output.bookIntervalNs > 0) ctx.wakeAt(now, tags.bookSample);
    if (c.output.accountsIntervalNs > 0) ctx.wakeAt(now + c.output.accountsIntervalNs, tags.accountsSample);
    // The balances before anything traded (deposits and t = 0 positions); no wake-up of its own,
    // so turning the table on leaves the event sequence as it was.
    this.balances.sample(now, this.recBalances);
    this.funding?.schedule(ctx, tags.premiumSample, tags.funding);
  }

  /** Writes the `book` (and `depth`) rows and wakes again after the book interval with `tag`. */
  protected sampleBookTables(ctx: AgentContext, tag: number): void {
    this.sampler.sample(ctx.now, this.recBook, this.recDepth);
    ctx.wakeAfter(this.cfg.output.bookIntervalNs, tag);
  }

  /** Writes the `accounts` rows and wakes again after the accounts interval with `tag`. */
  protected sampleAccountTables(ctx: AgentContext, tag: number): void {
    sampleAccounts(ctx.now, this.venueId, this.cfg.instruments, this.house, this.recAccounts);
    this.balances.sample(ctx.now, this.recBalances);
    ctx.wakeAfter(this.cfg.output.accountsIntervalNs, tag);
  }

  /** End of the run: the last `balances` sample (after every settlement and liquidation). */
  onStop(ctx: AgentContext): void {
    this.balances.sample(ctx.now, this.recBalances);
  }

  /** Adds one premium sample per perp (against the index in force) and wakes again with `tag`; nothing without funding. */
  protected samplePremiums(ctx: AgentContext, tag: number): void {
    if (this.funding === null) return;
    this.funding.samplePremiums(this.books, this.indexPriceOf);
    ctx.wakeAfter(this.funding.premiumSampleNs, tag);
  }

  /** Settles funding of perp `inst` and schedules its next funding time with `tag`; false (and nothing done) without funding or instrument. */
  protected settleFunding(ctx: AgentContext, inst: number, tag: number): boolean {
    return this.funding !== null && this.funding.settle(ctx, inst, tag, this.prices.indexPriceOf(inst), this.send, this.recFunding);
  }

  /**
   * Feed halts and resumes, and book requests, alike on every venue; true when `msg` was one.
   * A book reply carries no levels (messages are fixed records): it only marks the round trip;
   * agents read depth through ctx.depth (live L2, see model/context.ts).
   */
  protected handleFeedOrBookRequest(ctx: AgentContext, msg: Readonly<Message>, from: number): boolean {
    switch (msg.kind) {
      case MsgKind.FeedHalt:
      case MsgKind.FeedResume:
        this.setFeed(msg.instrument, msg.kind === MsgKind.FeedHalt, ctx.now);
        return true;
      case MsgKind.RequestBook: {
        const m = resetMessage(this.scratch, MsgKind.BookSnapshot);
        m.instrument = msg.instrument;
        m.sizeLots = msg.sizeLots;
        ctx.send(from, m);
        return true;
      }
      default:
        return false;
    }
  }

  /** Halts or resumes the feed of `inst` (all books when < 0); a resumed book checks its watches. */
  protected setFeed(inst: number, halt: boolean, t: number): void {
    for (const vb of this.books) {
      if (inst >= 0 && vb.inst !== inst) continue;
      if (halt) vb.ring.haltAt(t);
      else vb.ring.resumeAt(t);
      this.halted[vb.inst] = halt;
      if (!halt) this.watches.check(vb.inst, vb.displayMidTicks(), this.fireWatch);
    }
  }

  /** Called at the start of each refresh round (the CEX recomputes index and marks here). */
  protected beforeRefreshRound(_tNs: number): void {}

  /** Called after each round's liquidation pass (the CEX enforces reduce-only here). */
  protected afterLiquidations(): void {}

  /**
   * Publishes market data, checks watches and runs liquidations at the current marks, round after
   * round (bounded) until no book changed, so a cascade at one instant completes at that instant.
   */
  protected refreshUntilQuiet(t: number): void {
    const books = this.books;
    const prices = this.prices;
    for (let round = 0; round < MAX_REFRESH_ROUNDS; round++) {
      this.beforeRefreshRound(t);
      for (const vb of books) {
        vb.publish(t, prices.indexTicks[vb.inst] as number, prices.markTicks[vb.inst] as number);
        if (!(this.halted[vb.inst] as boolean)) this.watches.check(vb.inst, vb.displayMidTicks(), this.fireWatch);
      }
      this.liq.onMarks(prices.markTicks);
      this.afterLiquidations();
      let quiet = true;
      for (const vb of books) if (vb.dirty) quiet = false;
      if (quiet) return;
    }
    // Still trading after the round budget: publish what there is; the next refresh continues.
    this.publishAll(t);
  }

  /** Publishes every book's L1 with the current index and mark. */
  protected publishAll(t: number): void {
    for (const vb of this.books) vb.publish(t, this.prices.indexTicks[vb.inst] as number, this.prices.markTicks[vb.inst] as number);
  }

  protected requireCtx(): AgentContext {
    if (this.ctx === null) throw new Error(`venue ${this.cfg.name} used before the kernel started it`);
    return this.ctx;
  }

  private bookOf(inst: number): VenueBook {
    const vb = this.books[inst];
    if (vb === undefined) throw new RangeError(`venue ${this.cfg.name}: unknown instrument ${inst}`);
    return vb;
  }
}
