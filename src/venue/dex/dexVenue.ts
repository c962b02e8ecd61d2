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
 * optionSeries (none), openAccount; those and the books, router, clearing and samplers are the
 * shared ../venueCore.ts. Units: see each part's header.
 */
import { PRIORITY_WAKEUP } from '../../engine/kernel.js';
import type { AgentContext } from '../../model/context.js';
import type { OptionSeriesInfo } from '../../model/market.js';
import { MsgKind, Reason, resetMessage, type Message } from '../../model/messages.js';
import { ORDERS } from '../../model/tables.js';
import { Oracle } from '../../instruments/oracle.js';
import { VenueCore, type CoreWakeTags, type VenueDeps } from '../venueCore.js';
import { BlockExecutor } from './blockExecutor.js';
import { BlockProducer } from './blockProducer.js';
import { CongestionSchedule } from './congestion.js';
import type { DexVenueConfig } from './dexConfig.js';
import { observeOffchain } from './offchainObservation.js';
import { OraclePrices } from './oraclePrices.js';

/** What the world builder hands the venue besides its config (as for CexVenue). */
export type DexVenueDeps = VenueDeps;

/** The venue's wake-up tags (payload in the high part, as in ../wakeTags.ts). */
const Wake = { Block: 1, OracleObserve: 2, PremiumSample: 3, Funding: 4, BookSample: 5, AccountsSample: 6 } as const;
const SPAN = 16;

/** Tags of the shared samplers and funding times. */
const DEX_CORE_TAGS: CoreWakeTags = {
  bookSample: Wake.BookSample,
  accountsSample: Wake.AccountsSample,
  premiumSample: Wake.PremiumSample,
  funding: (inst) => inst * SPAN + Wake.Funding,
};

/**
 * Blocks run after every other event at their instant (messages 64, wake-ups 128): a transaction
 * or an oracle observation at exactly the block time makes it into that block.
 */
const PRIORITY_BLOCK = PRIORITY_WAKEUP + 64;

export class DexVenue extends VenueCore<DexVenueConfig, OraclePrices> {
  readonly oracle: Oracle;
  readonly producer: BlockProducer;
  readonly executor: BlockExecutor;
  private mempoolRng: { uniform(): number } = { uniform: () => 0 };

  constructor(cfg: DexVenueConfig, deps: DexVenueDeps) {
    super(cfg, deps, (c) => new OraclePrices(c.instruments));
    this.oracle = new Oracle(cfg.oracle, this.prices.indexPrice, 0);
    this.producer = new BlockProducer(new CongestionSchedule(cfg.chain, cfg.congestion), 0);
    this.executor = new BlockExecutor(this.venueId, cfg.instruments, cfg.notifyInclusion, this.send, this.router);
    if (!(Number.isSafeInteger(cfg.oracle.observeIntervalNs) && cfg.oracle.observeIntervalNs > 0)) {
      throw new RangeError(`venue ${cfg.name}: oracle observe interval must be a positive integer of ns, got ${cfg.oracle.observeIntervalNs}`);
    }
    this.publishAll(0);
  }

  /** A DEX lists no options in v1. */
  optionSeries(): readonly OptionSeriesInfo[] {
    return [];
  }

  // ------------------------------------------------------------------ actor

  onStart(ctx: AgentContext): void {
    this.attach(ctx);
    this.mempoolRng = ctx.stream('mempool');
    this.executor.orders = ctx.recorder(ORDERS);
    ctx.wakeAt(this.producer.nextBlockNs(), Wake.Block, PRIORITY_BLOCK);
    ctx.wakeAt(ctx.now, Wake.OracleObserve);
    this.scheduleSamplers(ctx, DEX_CORE_TAGS);
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
      case MsgKind.AmendOrder: {
        // Amends are a CEX order operation; a DEX order is changed by cancel and resubmit.
        const m = resetMessage(this.scratch, MsgKind.OrderRejected);
        m.instrument = msg.instrument;
        m.clientOrderId = msg.clientOrderId;
        m.orderId = msg.orderId;
        m.reason = Reason.UnknownOrder;
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
        this.handleFeedOrBookRequest(ctx, msg, from);
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
        this.samplePremiums(ctx, tag);
        return;
      case Wake.Funding:
        this.settleFunding(ctx, payload, tag);
        return;
      case Wake.BookSample:
        this.sampleBookTables(ctx, tag);
        return;
      case Wake.AccountsSample:
        this.sampleAccountTables(ctx, tag);
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
    this.refreshUntilQuiet(this.requireCtx().now);
  }
}
