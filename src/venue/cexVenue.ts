/**
 * CexVenue: a centralized exchange as one kernel actor (DESIGN 2b). It lists spot and linear perp
 * books (src/book), clears perps through a clearing house (margin, liquidation engine, insurance
 * fund, ADL, funding), keeps spot balances, runs an options desk, publishes as-of market data and
 * mid-threshold wake-ups, and records its tables. The parts it shares with the DEX venue (books,
 * router, clearing, samplers, the world-builder API, the refresh loop) live in venueCore.ts; this
 * file adds direct order handling, index/mark prices from the books, reduce-only enforcement and
 * the options desk.
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
import type { AgentContext } from '../model/context.js';
import type { OptionSeriesInfo } from '../model/market.js';
import { MsgKind, type Message } from '../model/messages.js';
import { OPEN_INTEREST, OPTION_TRADES, nullAppender, type Appender } from '../model/tables.js';
import type { CexVenueConfig } from './cexConfig.js';
import { OptionsDesk, type DeskPorts } from './options/optionsDesk.js';
import { FutureExpiries } from './futures/futureExpiry.js';
import { VenuePrices } from './prices/venuePrices.js';
import type { VenueBook } from './trading/venueBook.js';
import { VenueCore, type CoreWakeTags, type VenueDeps } from './venueCore.js';
import { WakeKind, wakeKindOf, wakePayloadOf, wakeTag } from './wakeTags.js';

/** What the world builder hands the venue besides its config. */
export type CexVenueDeps = VenueDeps;

/** Tags of the shared samplers and funding times (wakeTags.ts encoding). */
const CEX_CORE_TAGS: CoreWakeTags = {
  bookSample: wakeTag(WakeKind.BookSample),
  accountsSample: wakeTag(WakeKind.AccountsSample),
  premiumSample: wakeTag(WakeKind.PremiumSample),
  funding: (inst) => wakeTag(WakeKind.Funding, inst),
};

export class CexVenue extends VenueCore<CexVenueConfig, VenuePrices> {
  readonly desk: OptionsDesk;
  /** Dated futures' settlement TWAPs and expiry. */
  readonly futures: FutureExpiries;
  private recOptions: Appender = nullAppender(OPTION_TRADES);
  private recOpenInterest: Appender = nullAppender(OPEN_INTEREST);
  /** Two-sided mid of a book in ticks (NaN when a side is empty); one closure, reused on every refresh. */
  private readonly bookMid = (inst: number): number => (this.books[inst] as VenueBook).midTicks();
  /** The fundamental for the index blend of the refresh in progress (NaN when the index does not use it). */
  private external = Number.NaN;
  /** Exogenous reference of each underlying group (deps.groupFundamentals); groups > 0 are read from here. */
  private readonly groupFundamentals: readonly { valueAt(tNs: number): number }[];

  constructor(cfg: CexVenueConfig, deps: CexVenueDeps) {
    super(cfg, deps, (c) => new VenuePrices(c.instruments, c.index, c.mark));
    this.groupFundamentals = deps.groupFundamentals ?? [];
    if (this.prices.groups > 1 && this.prices.usesExternal && this.groupFundamentals.length < this.prices.groups) {
      throw new Error(`venue ${cfg.name}: ${this.prices.groups} underlyings blend an external reference, but only ${this.groupFundamentals.length} fundamentals were given`);
    }
    const venue = this;
    const ports: DeskPorts = {
      venueId: this.venueId,
      clock: this.clock,
      send: this.send,
      wakeAt: (t, tag) => venue.requireCtx().wakeAt(t, tag),
      transferCash: (from, to, units) => venue.house.transfer(from, to, units),
      indexPrice: () => venue.prices.indexPrice,
      markPrice: (inst) => venue.prices.markPrice(inst),
      indexTickSize: (cfg.instruments[this.prices.sourceInst] as { tickSize: number }).tickSize,
      get recorder() {
        return venue.recOptions;
      },
    };
    this.desk = new OptionsDesk(cfg.options, ports);
    this.futures = new FutureExpiries(cfg.instruments, this.house, this.books, this.send, (s) => this.liq.step(s));
    this.publishAll(0);
  }

  /** Option series of the options desk (series id = position). */
  optionSeries(): readonly OptionSeriesInfo[] {
    return this.desk.seriesInfo();
  }

  // ------------------------------------------------------------------ actor

  onStart(ctx: AgentContext): void {
    this.attach(ctx);
    this.recOptions = ctx.recorder(OPTION_TRADES);
    this.recOpenInterest = ctx.recorder(OPEN_INTEREST);
    const c = this.cfg;
    if (c.priceUpdateIntervalNs > 0) ctx.wakeAt(ctx.now + c.priceUpdateIntervalNs, wakeTag(WakeKind.PriceTick));
    this.scheduleSamplers(ctx, CEX_CORE_TAGS);
    this.desk.start(ctx.now);
    for (const inst of this.futures.instruments()) {
      const t = this.futures.nextSampleNs(inst, ctx.now);
      if (t !== null) ctx.wakeAt(t, wakeTag(WakeKind.FutureSample, inst));
    }
    this.refresh();
    // Sampled like the dealers' greeks (output.greeks_interval), from the start; only with series.
    if ((c.output.openInterestIntervalNs ?? 0) > 0 && this.desk.seriesInfo().length > 0 && this.recOpenInterest.enabled) {
      ctx.wakeAt(ctx.now, wakeTag(WakeKind.OpenInterestSample));
    }
  }

  onMessage(ctx: AgentContext, msg: Readonly<Message>, from: number): void {
    switch (msg.kind) {
      case MsgKind.RequestOption:
        this.desk.onRequest(ctx.now, msg, from);
        return;
      case MsgKind.QuoteOption:
        this.desk.onQuote(ctx.now, msg, from);
        return;
      default:
        if (this.handleFeedOrBookRequest(ctx, msg, from)) return;
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
        this.samplePremiums(ctx, tag);
        return;
      case WakeKind.Funding:
        this.refresh();
        if (this.settleFunding(ctx, payload, tag)) this.refresh();
        return;
      case WakeKind.BookSample:
        this.sampleBookTables(ctx, tag);
        return;
      case WakeKind.AccountsSample:
        this.sampleAccountTables(ctx, tag);
        return;
      case WakeKind.QuoteDeadline:
        this.desk.onDeadline(ctx.now, payload);
        return;
      case WakeKind.OpenInterestSample:
        this.desk.sampleOpenInterest(ctx.now, this.recOpenInterest);
        ctx.wakeAfter(c.output.openInterestIntervalNs ?? 0, tag);
        return;
      case WakeKind.SettlementSample:
        this.refresh();
        this.desk.onSettlementSample(ctx.now, payload);
        return;
      case WakeKind.FutureSample: {
        this.refresh();
        if (this.futures.onSample(ctx.now, payload, this.prices.indexPriceOf(payload))) {
          this.refresh();
          return;
        }
        const t = this.futures.nextSampleNs(payload, ctx.now + 1);
        if (t !== null) ctx.wakeAt(t, tag);
        return;
      }
      default:
        throw new Error(`venue ${c.name}: unknown wake-up tag ${tag}`);
    }
  }

  // ------------------------------------------------------------------ internals

  /** Reference prices, market data, watches and liquidations until the books are quiet. */
  private refresh(): void {
    const ctx = this.requireCtx();
    // The fundamental is read only when the index blends it in (a path lookup per refresh otherwise).
    this.external = this.prices.usesExternal ? ctx.fundamental() : Number.NaN;
    // Other underlyings listed here read their own paths (group 0 is the venue's ctx.fundamental()).
    if (this.prices.usesExternal) for (let g = 1; g < this.prices.groups; g++) this.prices.externals[g] = (this.groupFundamentals[g] as { valueAt(tNs: number): number }).valueAt(ctx.now);
    this.refreshUntilQuiet(ctx.now);
  }

  /** Index and marks from the books (and the fundamental when blended) before each round. */
  protected override beforeRefreshRound(tNs: number): void {
    this.prices.update(tNs, this.bookMid, this.external);
  }

  /** Fills may have made resting reduce-only orders position-increasing. */
  protected override afterLiquidations(): void {
    this.router.enforceReduceOnly();
  }
}
