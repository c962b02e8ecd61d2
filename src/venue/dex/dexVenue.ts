/**
 * DexVenue: a block-based decentralized venue as one kernel actor (DESIGN 2, issue 6). It runs
 * the same books (src/book), order router, clearing house and liquidation driver as the CEX
 * venue, but order commands (submit, cancel, reduce, cancel-all) go into a mempool and execute
 * only when a block is produced: by priority fee then arrival, up to the block capacity and the
 * fee floor in force, with scheduled congestion windows that lengthen blocks, raise the floor and
 * drop arrivals; transactions past their deadline are expired (MsgKind.OrderExpired). Margin,
 * liquidations, the book table's index/mark and funding use an on-chain oracle price
 * (instruments/oracle.ts) fed from an off-chain source on a fixed observation interval, so a
 * stale oracle delays liquidations and its next round releases them together, at the first block
 * after it lands.
 *
 * Time flow: at each block the oracle price in force is applied, expiries and inclusions run,
 * then (like the CEX refresh) market data is published once for the block, mid watches are
 * checked and liquidations run at the oracle marks until the books are quiet. Agents see the
 * book change only at block times. Same message protocol as the CEX (model/messages.ts), plus
 * TxIncluded; the DEX reads a command's aux0 (priority fee), aux1 (deadline), aux2 (target).
 *
 * The world builder wires it like a CexVenue: snapshotAt, watchMid/unwatch, instrumentInfo,
 * optionSeries (none), openAccount. Units: see each part's header.
 */
import { PRIORITY_WAKEUP } from '../../engine/kernel.js';
import type { AgentContext } from '../../model/context.js';
import type { InstrumentInfo, MarketSnapshot, OptionSeriesInfo } from '../../model/market.js';
import { MsgKind, Reason, newMessage, resetMessage, type Message } from '../../model/messages.js';
import type { SimClock } from '../../model/clock.js';
import { ACCOUNTS, BOOK, DEPTH, FUNDING, LIQUIDATIONS, ORDERS, TRADES, nullAppender, type Appender } from '../../model/tables.js';
import { assertMoney } from '../../model/units.js';
import { L2Snapshot } from '../../book/index.js';
import { Oracle } from '../../instruments/oracle.js';
import { ClearingHouse, MarginMode, SystemAccount, DEFAULT_ACCOUNT_LEVERAGE, BINANCE_BTCUSDT_BRACKETS } from '../clearing/index.js';
import { ClearingAdapter } from '../clearingAdapter.js';
import { LiquidationDriver } from '../liquidationDriver.js';
import { FundingSettler } from '../funding/fundingSettler.js';
import { PremiumAverage, nextFundingNs } from '../funding/fundingSchedule.js';
import { PremiumSampler } from '../funding/premiumSampler.js';
import { MidWatchSet } from '../marketData/midWatch.js';
import type { WakeAgent } from '../marketData/marketDataTypes.js';
import { BookSampler } from '../sampling.js';
import { sampleAccounts } from '../accountsSampler.js';
import { OrderRouter } from '../trading/orderRouter.js';
import { SpotLedger } from '../trading/spotLedger.js';
import { VenueBook } from '../trading/venueBook.js';
import { BlockExecutor } from './blockExecutor.js';
import { BlockProducer } from './blockProducer.js';
import { CongestionSchedule } from './congestion.js';
import type { DexVenueConfig } from './dexConfig.js';
import { instrumentInfoOf, observeOffchain } from './listing.js';
import { OraclePrices } from './oraclePrices.js';
import type { VenueWorldApi } from './venueApi.js';

/** What the world builder hands the venue besides its config (as for CexVenue). */
export interface DexVenueDeps {
  readonly venueId: number;
  readonly clock: SimClock;
  readonly wakeAgent: WakeAgent;
}

/** The venue's wake-up tags (payload in the high part, as in ../wakeTags.ts). */
const Wake = { Block: 1, OracleObserve: 2, PremiumSample: 3, Funding: 4, BookSample: 5, AccountsSample: 6 } as const;
const SPAN = 16;

const MAX_REFRESH_ROUNDS = 32;

/**
 * Blocks run after every other event at their instant (messages 64, wake-ups 128): a transaction
 * or an oracle observation at exactly the block time makes it into that block.
 */
const PRIORITY_BLOCK = PRIORITY_WAKEUP + 64;

export class DexVenue implements VenueWorldApi {
  readonly venueId: number;
  readonly clock: SimClock;
  readonly house: ClearingHouse;
  readonly spot: SpotLedger;
  readonly prices: OraclePrices;
  readonly oracle: Oracle;
  readonly producer: BlockProducer;
  readonly executor: BlockExecutor;
  private readonly info: InstrumentInfo[];
  private readonly books: VenueBook[];
  private readonly router: OrderRouter;
  private readonly adapter: ClearingAdapter;
  private readonly liq: LiquidationDriver;
  private readonly funding: FundingSettler | null;
  private readonly premiums: PremiumAverage[];
  private readonly premiumSampler: PremiumSampler | null;
  private readonly watches: MidWatchSet;
  private readonly sampler: BookSampler;
  private readonly wakeAgent: WakeAgent;
  private readonly fireWatch = (agent: number, tag: number): void => this.wakeAgent(agent, tag, this.nowNs());
  private readonly halted: boolean[];
  private readonly scratch: Message = newMessage();
  private mempoolRng: { uniform(): number } = { uniform: () => 0 };
  private ctx: AgentContext | null = null;
  private recBook: Appender = nullAppender(BOOK);
  private recDepth: Appender = nullAppender(DEPTH);
  private recFunding: Appender = nullAppender(FUNDING);
  private recAccounts: Appender = nullAppender(ACCOUNTS);

  constructor(readonly cfg: DexVenueConfig, deps: DexVenueDeps) {
    this.venueId = deps.venueId;
    this.clock = deps.clock;
    this.wakeAgent = deps.wakeAgent;
    const n = cfg.instruments.length;
    this.info = cfg.instruments.map((c, i) => instrumentInfoOf(this.venueId, i, c));
    this.house = new ClearingHouse({
      instruments: this.info.map((inf, i) => ({ instrumentId: i, quotePerTickLot: inf.quotePerTickLot, brackets: cfg.instruments[i]?.brackets ?? BINANCE_BTCUSDT_BRACKETS })),
      liquidatorAccount: cfg.liquidationEngineId,
      insuranceFundUnits: assertMoney(cfg.insuranceFundUnits, 'insurance fund'),
      liquidation: cfg.liquidation,
    });
    this.spot = new SpotLedger(n);
    this.prices = new OraclePrices(cfg.instruments);
    this.oracle = new Oracle(cfg.oracle, this.prices.indexPrice, 0);
    this.adapter = new ClearingAdapter(this.house, (s) => this.liq.step(s));
    const env = {
      venueId: this.venueId,
      liquidationEngineId: cfg.liquidationEngineId,
      send: (to: number, m: Readonly<Message>) => this.send(to, m),
      nowNs: () => this.nowNs(),
      markTicks: (inst: number) => this.prices.markTicks[inst] as number,
    };
    const sink = {
      onAccepted: (...a: Parameters<OrderRouter['onAccepted']>) => this.router.onAccepted(...a),
      onRejected: (...a: Parameters<OrderRouter['onRejected']>) => this.router.onRejected(...a),
      onFilled: (...a: Parameters<OrderRouter['onFilled']>) => this.router.onFilled(...a),
      onCanceled: (...a: Parameters<OrderRouter['onCanceled']>) => this.router.onCanceled(...a),
      onReduced: (...a: Parameters<OrderRouter['onReduced']>) => this.router.onReduced(...a),
    };
    this.books = cfg.instruments.map((_, i) => new VenueBook(i, sink, cfg.marketDataRetentionNs));
    this.router = new OrderRouter(env, cfg.instruments, this.info, this.books, this.adapter, this.spot, nullAppender(TRADES), nullAppender(ORDERS));
    this.liq = new LiquidationDriver(this.venueId, cfg.instruments, this.house, this.adapter, this.router, env.send, env.nowNs);
    this.funding = cfg.funding === null ? null : new FundingSettler(this.venueId, cfg.funding, this.house);
    this.premiums = cfg.instruments.map(() => new PremiumAverage());
    this.premiumSampler = cfg.funding === null ? null : new PremiumSampler(cfg.funding.impactNotional);
    this.watches = new MidWatchSet(n);
    this.sampler = new BookSampler(this.venueId, cfg.instruments, this.books, this.prices, cfg.output.depthLevels);
    this.halted = cfg.instruments.map(() => false);
    this.producer = new BlockProducer(new CongestionSchedule(cfg.chain, cfg.congestion), 0);
    this.executor = new BlockExecutor(this.venueId, cfg.instruments, cfg.notifyInclusion, env.send, this.router);
    if (!(Number.isSafeInteger(cfg.oracle.observeIntervalNs) && cfg.oracle.observeIntervalNs > 0)) {
      throw new RangeError(`venue ${cfg.name}: oracle observe interval must be a positive integer of ns, got ${cfg.oracle.observeIntervalNs}`);
    }
    for (const vb of this.books) vb.publish(0, this.prices.indexTicks[vb.inst] as number, this.prices.markTicks[vb.inst] as number);
  }

  // ------------------------------------------------------------------ world-builder API (as CexVenue)

  instrumentInfo(inst: number): InstrumentInfo {
    const i = this.info[inst];
    if (i === undefined) throw new RangeError(`venue ${this.cfg.name}: unknown instrument ${inst}`);
    return i;
  }

  instruments(): readonly InstrumentInfo[] {
    return this.info;
  }

  /** A DEX lists no options in v1. */
  optionSeries(): readonly OptionSeriesInfo[] {
    return [];
  }

  systemAgentIds(): { readonly venue: number; readonly liquidationEngine: number; readonly insuranceFund: number } {
    return { venue: this.venueId, liquidationEngine: this.cfg.liquidationEngineId, insuranceFund: this.cfg.insuranceFundId };
  }

  /** L1 of `inst` as of `tNs` (the caller subtracts its market-data latency). Writes and returns `out`. */
  snapshotAt(inst: number, tNs: number, out: MarketSnapshot): MarketSnapshot {
    const vb = this.books[inst];
    if (vb === undefined) throw new RangeError(`venue ${this.cfg.name}: unknown instrument ${inst}`);
    return vb.snapshotAt(tNs < 0 ? 0 : tNs, out);
  }

  watchMid(inst: number, lowTicks: number, highTicks: number, agentId: number, tag: number): number {
    const h = this.watches.add(inst, lowTicks, highTicks, agentId, tag);
    if (this.ctx !== null && !(this.halted[inst] as boolean)) this.watches.check(inst, (this.books[inst] as VenueBook).displayMidTicks(), this.fireWatch);
    return h;
  }

  unwatch(handle: number): void {
    this.watches.remove(handle);
  }

  openAccount(agentId: number, opts: { mode?: 'cross' | 'isolated'; leverage?: number; collateralUnits?: number } = {}): void {
    const mode = (opts.mode ?? this.cfg.margin.mode) === 'isolated' ? MarginMode.Isolated : MarginMode.Cross;
    this.house.openAccount(agentId, mode, opts.leverage ?? this.cfg.margin.leverage ?? DEFAULT_ACCOUNT_LEVERAGE);
    if (opts.collateralUnits !== undefined && opts.collateralUnits > 0) this.house.deposit(agentId, assertMoney(opts.collateralUnits, 'collateral'));
  }

  l2Snapshot(inst: number, out: L2Snapshot): L2Snapshot {
    (this.books[inst] as VenueBook).book.snapshotL2(out);
    return out;
  }

  moneyCheck(): { clearingTotalUnits: number; depositedUnits: number; spotTotalUnits: number; insuranceFundUnits: number } {
    return {
      clearingTotalUnits: this.house.totalMoney(),
      depositedUnits: this.house.ledger.depositedUnits,
      spotTotalUnits: this.spot.totalUnits(),
      insuranceFundUnits: this.house.ledger.system[SystemAccount.Insurance] as number,
    };
  }

  get liquidationsStarted(): number {
    return this.liq.started;
  }

  // ------------------------------------------------------------------ actor

  onStart(ctx: AgentContext): void {
    if (ctx.id !== this.venueId) throw new Error(`venue ${this.cfg.name} was built for actor id ${this.venueId} but registered as ${ctx.id}`);
    this.ctx = ctx;
    this.mempoolRng = ctx.stream('mempool');
    this.router.setRecorders(ctx.recorder(TRADES), ctx.recorder(ORDERS));
    this.executor.orders = ctx.recorder(ORDERS);
    this.liq.recorder = ctx.recorder(LIQUIDATIONS);
    this.recBook = ctx.recorder(BOOK);
    this.recDepth = ctx.recorder(DEPTH);
    this.recFunding = ctx.recorder(FUNDING);
    this.recAccounts = ctx.recorder(ACCOUNTS);
    const now = ctx.now;
    const c = this.cfg;
    ctx.wakeAt(this.producer.nextBlockNs(), Wake.Block, PRIORITY_BLOCK);
    ctx.wakeAt(now, Wake.OracleObserve);
    if (c.output.bookIntervalNs > 0) ctx.wakeAt(now, Wake.BookSample);
    if (c.output.accountsIntervalNs > 0) ctx.wakeAt(now + c.output.accountsIntervalNs, Wake.AccountsSample);
    const f = c.funding;
    if (f !== null && c.instruments.some((i) => i.kind === 'perp')) {
      ctx.wakeAt(now + f.premiumSampleNs, Wake.PremiumSample);
      c.instruments.forEach((ins, i) => {
        if (ins.kind !== 'perp') return;
        const t = nextFundingNs(this.clock, f, now);
        if (t !== null) ctx.wakeAt(t, i * SPAN + Wake.Funding);
      });
    }
    this.refresh();
  }

  onMessage(ctx: AgentContext, msg: Readonly<Message>, from: number): void {
    switch (msg.kind) {
      case MsgKind.SubmitOrder:
      case MsgKind.CancelOrder:
      case MsgKind.ReduceOrder:
      case MsgKind.CancelAll:
        this.enqueue(ctx.now, msg, from);
        return;
      case MsgKind.FeedHalt:
      case MsgKind.FeedResume:
        this.setFeed(msg.instrument, msg.kind === MsgKind.FeedHalt, ctx.now);
        return;
      case MsgKind.RequestBook: {
        const m = resetMessage(this.scratch, MsgKind.BookSnapshot);
        m.instrument = msg.instrument;
        m.sizeLots = msg.sizeLots;
        ctx.send(from, m);
        return;
      }
      case MsgKind.RequestOption: {
        const m = resetMessage(this.scratch, MsgKind.OptionRejected);
        m.instrument = msg.instrument;
        m.clientOrderId = msg.clientOrderId;
        m.reason = Reason.UnknownInstrument;
        ctx.send(from, m);
        return;
      }
      default:
        return;
    }
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    const kind = tag % SPAN;
    const payload = Math.floor(tag / SPAN);
    const c = this.cfg;
    switch (kind) {
      case Wake.Block:
        this.produceBlock(ctx.now);
        ctx.wakeAt(this.producer.nextBlockNs(), Wake.Block, PRIORITY_BLOCK);
        return;
      case Wake.OracleObserve:
        observeOffchain(ctx, c.oracle, this.oracle);
        ctx.wakeAfter(c.oracle.observeIntervalNs, tag);
        return;
      case Wake.PremiumSample:
        this.samplePremiums();
        ctx.wakeAfter((c.funding as { premiumSampleNs: number }).premiumSampleNs, tag);
        return;
      case Wake.Funding: {
        const f = c.funding;
        const ins = c.instruments[payload];
        if (f === null || ins === undefined || this.funding === null) return;
        this.funding.settle(ctx.now, payload, ins, (this.premiums[payload] as PremiumAverage).take(), this.prices.indexPrice, (to, m) => this.send(to, m), this.recFunding);
        const t = nextFundingNs(this.clock, f, ctx.now);
        if (t !== null) ctx.wakeAt(t, tag);
        return;
      }
      case Wake.BookSample:
        this.sampler.sample(ctx.now, this.recBook, this.recDepth);
        ctx.wakeAfter(c.output.bookIntervalNs, tag);
        return;
      case Wake.AccountsSample:
        sampleAccounts(ctx.now, this.venueId, c.instruments, this.house, this.recAccounts);
        ctx.wakeAfter(c.output.accountsIntervalNs, tag);
        return;
      default:
        throw new Error(`venue ${c.name}: unknown wake-up tag ${tag}`);
    }
  }

  // ------------------------------------------------------------------ internals

  /** An order command reaches the mempool: fee, deadline and target from aux0..aux2 (0 = default). */
  private enqueue(tNs: number, msg: Readonly<Message>, from: number): void {
    const chain = this.cfg.chain;
    const fee = msg.aux0 > 0 && Number.isFinite(msg.aux0) ? msg.aux0 : chain.defaultPriorityFee;
    const deadline = msg.aux1 > 0 && Number.isSafeInteger(msg.aux1) ? msg.aux1 : tNs + chain.defaultDeadlineNs;
    const target = msg.aux2 > 0 && Number.isSafeInteger(msg.aux2) ? msg.aux2 : tNs + chain.blockTimeNs;
    this.producer.submit(tNs, from, msg, fee, deadline, target, this.mempoolRng, this.executor);
  }

  /** One block: oracle price in force, expiries and inclusions, then market data and liquidations. */
  private produceBlock(tNs: number): void {
    this.prices.setOracle(this.oracle.price(tNs));
    this.producer.produce(tNs, this.executor);
    this.refresh();
  }

  /** Market data, watches and oracle-priced liquidations until the books are quiet. */
  private refresh(): void {
    const t = this.requireCtx().now;
    const books = this.books;
    const marks = this.prices.markTicks;
    for (let round = 0; round < MAX_REFRESH_ROUNDS; round++) {
      for (const vb of books) {
        vb.publish(t, this.prices.indexTicks[vb.inst] as number, marks[vb.inst] as number);
        if (!(this.halted[vb.inst] as boolean)) this.watches.check(vb.inst, vb.displayMidTicks(), this.fireWatch);
      }
      this.liq.onMarks(marks);
      let quiet = true;
      for (const vb of books) if (vb.dirty) quiet = false;
      if (quiet) return;
    }
    for (const vb of books) vb.publish(t, this.prices.indexTicks[vb.inst] as number, marks[vb.inst] as number);
  }

  private samplePremiums(): void {
    const sampler = this.premiumSampler;
    if (sampler === null) return;
    const index = this.prices.indexPrice;
    for (let i = 0; i < this.books.length; i++) {
      const c = this.cfg.instruments[i];
      if (c === undefined || c.kind !== 'perp') continue;
      (this.premiums[i] as PremiumAverage).add(sampler.sample(this.books[i] as VenueBook, c.tickSize, c.lotSize, index));
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

  private nowNs(): number {
    return this.ctx === null ? 0 : this.ctx.now;
  }

  private requireCtx(): AgentContext {
    if (this.ctx === null) throw new Error(`venue ${this.cfg.name} used before the kernel started it`);
    return this.ctx;
  }
}
