/**
 * `liquidity_provider`: a market maker quoting N levels per side around a reference (mid,
 * index or the exogenous fundamental), skewed against its inventory (base units). It requotes
 * on a timer and when fills move its inventory, samples its own view of the mid to estimate
 * short-term realized volatility (annualized, ACT/365 24/7), and when that exceeds a threshold
 * it widens and pulls size (the liquidity vacuum) until a cooldown has passed with vol back
 * under the threshold. It also withdraws completely inside scheduled windows: from params
 * (`withdrawals: [{start, end}]`) or from a run-layer `Scheduled` message (aux0 = schedule
 * entry, aux1 = withdrawal length in ns; aux1 = 0 ends any withdrawal now). While the venue's
 * feed is halted (snapshot.halted) it pulls its quotes (`pull_on_halt`).
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import { NS_PER_YEAR_365 } from '../engine/time.js';
import type { AgentContext } from '../model/context.js';
import { MsgKind, OrderType, type Message } from '../model/messages.js';
import { priceToTicksDir, sizeToLots } from '../model/units.js';
import { baseSizeToLots } from '../model/market.js';
import { duration, nonNegative, positive, size } from '../model/schema.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { accountFields, groupFields } from './common/schema.js';
import { OrderPort, tagGeneration, tagPurpose, wakeTag } from './common/port.js';
import { QuoteLadder } from './common/quoteLadder.js';

const windowSchema = z
  .object({
    start: duration('Start of the withdrawal, as a duration from the scenario start.'),
    end: duration('End of the withdrawal (quotes come back), as a duration from the scenario start.'),
  })
  .strict()
  .refine((w) => w.end > w.start, 'end must be after start');

export const liquidityProviderSchema = z
  .object({
    ...groupFields('liquidity_provider'),
    ...accountFields(10_000_000),
    reference: z.enum(['mid', 'index', 'fundamental']).prefault('mid').describe('Price quoted around: the book mid, the venue index, or the exogenous fundamental (falls back to the mid when the scenario has none). Default "mid".'),
    levels: z.number().int().min(1).max(50).prefault(3).describe('Levels quoted per side. Default 3.'),
    half_spread_bps: nonNegative('Distance of the best level from the reference, bps. Default 5.').prefault(5),
    level_spacing_bps: nonNegative('Distance between consecutive levels, bps. Default 5.').prefault(5),
    size: size('Size of the best level in base units. Default 0.5.').prefault(0.5),
    size_growth: positive('Each deeper level is this multiple of the one above. Default 1.').prefault(1),
    max_inventory: positive('Inventory (base units) at which the side that would grow it is no longer quoted. Default 10.').prefault(10),
    inventory_skew_bps: nonNegative('Shift of the reference against the inventory at max_inventory, bps (linear). Default 10.').prefault(10),
    post_only: z.boolean().prefault(false).describe('Send quotes post-only (rejected when they would cross). Default false.'),
    requote_interval: duration('Requote timer. Default "1s".').prefault('1s'),
    requote_mode: z
      .enum(['cancel_all', 'amend'])
      .prefault('cancel_all')
      .describe('How a requote reaches the book: "cancel_all" cancels the whole ladder and posts it again; "amend" changes only the levels whose price or size moved (a decrease in place keeps its queue position). Default "cancel_all".'),
    requote_inventory_change: positive('Requote at once when inventory moved this much (base units) since the last quote. Default 0.5.').prefault(0.5),
    vol_sample_interval: duration('Interval between own mid samples for the volatility estimate. Default "1s".').prefault('1s'),
    vol_window: z.number().int().min(2).max(10_000).prefault(60).describe('Number of sampled returns in the volatility estimate. Default 60.'),
    vol_threshold: positive('Annualized realized vol above which the vacuum starts. Default 1.5 (150 %).').prefault(1.5),
    vacuum_spread_factor: z.number().min(1).prefault(4).describe('Spread and level spacing multiplier during the vacuum. Default 4.'),
    vacuum_size_factor: z.number().min(0).max(1).prefault(0.25).describe('Size multiplier during the vacuum (0 pulls all quotes). Default 0.25.'),
    vacuum_cooldown: duration('The vacuum ends once vol has stayed under the threshold this long. Default "30s".').prefault('30s'),
    pull_on_halt: z.boolean().prefault(true).describe('Cancel all quotes while the venue feed is halted (seen at the next sample or requote). Default true.'),
    withdrawals: z.array(windowSchema).prefault([]).describe('Scheduled withdrawal windows [{start, end}] (durations from start); quotes are canceled inside them. Default [].'),
  })
  .strict();
export type LiquidityProviderParams = z.output<typeof liquidityProviderSchema>;

const QUOTE = 1;
const SAMPLE = 2;
const WITHDRAW = 3;
const RETURN = 4;
/** A requote deferred to the end of the current instant (after every message delivered at it). */
const REQUOTE_NOW = 5;

/** One market maker. Public state is read by tests only. */
export class LiquidityProvider implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  /** Ring of the last `vol_window` sampled log returns and their running sum of squares. */
  private readonly returns: Float64Array;
  private nReturns = 0;
  private cursor = 0;
  private sumSq = 0;
  private lastSampleMid = 0;
  private lastHighVolNs = -Infinity;
  /** True while the vacuum is on. */
  vacuum = false;
  private withdrawnUntilNs = 0;
  private lastQuotedRefTicks = NaN;
  private lastQuotedInvLots = 0;
  private quotedVacuum = false;
  private quoting = false;
  /** Instant of the pending end-of-instant requote (-1: none pending). */
  private requotePendingNs = -1;
  private readonly sizeLots: Float64Array;
  private readonly maxInvLots: number;
  private readonly requoteLots: number;
  private readonly samplesPerYear: number;
  /** The ladder computed at the last requote: per level, bid and ask ticks (0 = not quoted) and lots. */
  private readonly bidTicks: Float64Array;
  private readonly askTicks: Float64Array;
  private readonly levelLots: Float64Array;
  /** The live ladder, in `requote_mode: amend` only. */
  private readonly ladder: QuoteLadder | null;

  constructor(private readonly p: LiquidityProviderParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    this.returns = new Float64Array(p.vol_window);
    this.sizeLots = new Float64Array(p.levels);
    for (let i = 0; i < p.levels; i++) this.sizeLots[i] = p.size * Math.pow(p.size_growth, i);
    // Inventory limits are in base units; an inverse contract's lot is lotSize USD, so convert at the start price.
    const lotBase = info.inverseScale === undefined ? info.lotSize : info.lotSize / env.initialPrice;
    this.maxInvLots = p.max_inventory / lotBase;
    this.requoteLots = Math.max(1, p.requote_inventory_change / lotBase);
    this.samplesPerYear = NS_PER_YEAR_365 / Math.max(1, p.vol_sample_interval);
    this.ladder = p.requote_mode === 'amend' ? new QuoteLadder(p.levels) : null;
    this.bidTicks = new Float64Array(p.levels);
    this.askTicks = new Float64Array(p.levels);
    this.levelLots = new Float64Array(p.levels);
  }

  /** Inventory in lots (own mirror from fills). */
  get inventoryLots(): number {
    return this.port.positionLots;
  }

  /** Current realized vol estimate, annualized (NaN before two samples). */
  get realizedVol(): number {
    return this.nReturns < 1 ? NaN : Math.sqrt((this.sumSq / this.nReturns) * this.samplesPerYear);
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.p.withdrawals.forEach((w, i) => {
      ctx.wakeAt(w.start, wakeTag(WITHDRAW, i));
    });
    this.lastSampleMid = this.port.mid(ctx);
    if (this.p.vol_sample_interval > 0) ctx.wakeAfter(this.p.vol_sample_interval, wakeTag(SAMPLE, 0));
    this.requote(ctx);
    ctx.wakeAfter(this.p.requote_interval, wakeTag(QUOTE, 0));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    switch (tagPurpose(tag)) {
      case QUOTE:
        this.requote(ctx);
        ctx.wakeAfter(Math.max(1, this.p.requote_interval), wakeTag(QUOTE, 0));
        break;
      case SAMPLE:
        this.sample(ctx);
        ctx.wakeAfter(this.p.vol_sample_interval, wakeTag(SAMPLE, 0));
        break;
      case WITHDRAW: {
        const w = this.p.withdrawals[tagGeneration(tag)];
        if (w !== undefined) this.withdraw(ctx, w.end);
        break;
      }
      case RETURN:
        if (ctx.now >= this.withdrawnUntilNs) this.requote(ctx);
        break;
      case REQUOTE_NOW:
        this.requotePendingNs = -1;
        this.requote(ctx);
        break;
    }
  }

  onMessage(ctx: AgentContext, msg: Readonly<Message>): void {
    if (msg.kind === MsgKind.OrderFilled) {
      this.port.applyFill(msg);
      this.ladder?.onFill(msg.clientOrderId, msg.aux0);
      // One requote per instant, after all of its fills: a sweep delivers one fill per level at
      // the same time, and requoting on each sent a whole ladder per fill; between makers
      // quoting through each other that multiplied without bound (fuzz case 1032: 5 M events at
      // one instant). A wake-up at `now` runs after every message of the instant (PRIORITY_WAKEUP).
      if (Math.abs(this.port.positionLots - this.lastQuotedInvLots) >= this.requoteLots && this.requotePendingNs !== ctx.now) {
        this.requotePendingNs = ctx.now;
        ctx.wakeAt(ctx.now, wakeTag(REQUOTE_NOW, 0));
      }
    } else if (msg.kind === MsgKind.OrderCanceled || msg.kind === MsgKind.OrderRejected) {
      this.ladder?.onGone(msg.clientOrderId);
    } else if (msg.kind === MsgKind.PositionLiquidated) {
      this.port.applyLiquidation(msg);
    } else if (msg.kind === MsgKind.FutureSettled) {
      this.port.applySettlement(msg);
    } else if (msg.kind === MsgKind.Scheduled) {
      // Run-layer withdrawal: aux1 = length in ns; 0 = come back now.
      if (msg.aux1 > 0) this.withdraw(ctx, ctx.now + msg.aux1);
      else {
        this.withdrawnUntilNs = ctx.now;
        this.requote(ctx);
      }
    }
  }

  private withdraw(ctx: AgentContext, untilNs: number): void {
    if (untilNs <= ctx.now) return;
    if (untilNs > this.withdrawnUntilNs) {
      this.withdrawnUntilNs = untilNs;
      ctx.wakeAt(untilNs, wakeTag(RETURN, 0));
    }
    this.pullAll(ctx);
  }

  private sample(ctx: AgentContext): void {
    const mid = this.port.mid(ctx);
    if (mid > 0 && this.lastSampleMid > 0) this.push(Math.log(mid / this.lastSampleMid));
    this.lastSampleMid = mid;
    const vol = this.realizedVol;
    if (vol > this.p.vol_threshold) this.lastHighVolNs = ctx.now;
    const wasVacuum = this.vacuum;
    this.vacuum = ctx.now - this.lastHighVolNs < this.p.vacuum_cooldown || vol > this.p.vol_threshold;
    if (this.vacuum !== wasVacuum) this.requote(ctx);
  }

  private push(r: number): void {
    const old = this.returns[this.cursor] as number;
    if (this.nReturns === this.returns.length) this.sumSq -= old * old;
    else this.nReturns++;
    this.returns[this.cursor] = r;
    this.sumSq += r * r;
    this.cursor = (this.cursor + 1) % this.returns.length;
    // Running sums drift by rounding; never let the variance go negative.
    if (this.sumSq < 0) this.sumSq = 0;
  }

  private referenceTicks(ctx: AgentContext): number {
    const tick = this.port.info.tickSize;
    if (this.p.reference === 'fundamental') {
      const f = ctx.fundamental();
      if (Number.isFinite(f) && f > 0) return f / tick;
    } else if (this.p.reference === 'index') {
      const s = this.port.snapshot(ctx);
      if (s.indexTicks > 0) return s.indexTicks;
    }
    return this.port.mid(ctx);
  }

  /** Cancels and re-posts the ladder when the reference, inventory or regime changed. */
  private requote(ctx: AgentContext): void {
    if (ctx.now < this.withdrawnUntilNs) return;
    if (this.p.pull_on_halt && this.port.snapshot(ctx).halted) {
      // Quoting blind on a frozen feed is how makers get picked off: pull until it resumes.
      this.pullAll(ctx);
      return;
    }
    const ref = this.referenceTicks(ctx);
    const inv = this.port.positionLots;
    if (this.quoting && ref === this.lastQuotedRefTicks && inv === this.lastQuotedInvLots && this.vacuum === this.quotedVacuum) return;
    const movedUp = ref > this.lastQuotedRefTicks;
    if (this.quoting && this.ladder === null) this.port.cancelAll(ctx);
    this.quoting = true;
    this.lastQuotedRefTicks = ref;
    this.lastQuotedInvLots = inv;
    this.quotedVacuum = this.vacuum;
    const p = this.p;
    const info = this.port.info;
    const spreadMul = this.vacuum ? p.vacuum_spread_factor : 1;
    const sizeMul = this.vacuum ? p.vacuum_size_factor : 1;
    const invFrac = Math.max(-1, Math.min(1, inv / this.maxInvLots));
    const refPrice = ref * info.tickSize * (1 - (p.inventory_skew_bps * invFrac) / 10_000);
    const quoteBids = inv < this.maxInvLots;
    const quoteAsks = inv > -this.maxInvLots;
    const type = p.post_only ? OrderType.PostOnly : OrderType.Limit;
    const bids = this.bidTicks;
    const asks = this.askTicks;
    const levelLots = this.levelLots;
    let lastBid = Infinity;
    let lastAsk = 0;
    for (let i = 0; i < p.levels; i++) {
      const base = (this.sizeLots[i] as number) * sizeMul;
      const lots = info.inverseScale === undefined ? sizeToLots(base, info.lotSize) : baseSizeToLots(info, base, refPrice);
      levelLots[i] = lots;
      if (lots <= 0) continue;
      const dist = ((p.half_spread_bps + i * p.level_spacing_bps) * spreadMul) / 10_000;
      let bid = priceToTicksDir(refPrice * (1 - dist), info.tickSize, false);
      let ask = priceToTicksDir(refPrice * (1 + dist), info.tickSize, true);
      // Keep the ladder strictly ordered and never crossed with itself.
      if (ask <= bid) ask = bid + 1;
      if (bid >= lastBid) bid = lastBid - 1;
      if (ask <= lastAsk) ask = lastAsk + 1;
      lastBid = bid;
      lastAsk = ask;
      bids[i] = quoteBids && bid > 0 ? bid : 0;
      asks[i] = quoteAsks ? ask : 0;
      if (this.ladder !== null) continue;
      if (bids[i] !== 0) this.port.limit(ctx, 1, bid, lots, 0, type);
      if (asks[i] !== 0) this.port.limit(ctx, -1, ask, lots, 0, type);
    }
    if (this.ladder !== null) {
      // The side moving away from the other goes first, so no amended quote crosses our own old one.
      const snap = this.port.snapshot(ctx);
      const first = movedUp ? -1 : 1;
      this.amendSide(ctx, first, type, first > 0 ? snap.askTicks : snap.bidTicks);
      this.amendSide(ctx, -first, type, -first > 0 ? snap.askTicks : snap.bidTicks);
    }
  }

  /** Amend mode: brings one side of the ladder to the prices and sizes just computed. */
  private amendSide(ctx: AgentContext, side: number, orderType: number, oppositeTouchTicks: number): void {
    const ladder = this.ladder as QuoteLadder;
    const prices = side > 0 ? this.bidTicks : this.askTicks;
    for (let i = 0; i < this.p.levels; i++) {
      const px = prices[i] as number;
      const lots = this.levelLots[i] as number;
      if (px > 0 && lots > 0) ladder.quote(ctx, this.port, side, i, px, lots, orderType, oppositeTouchTicks);
      else ladder.pull(ctx, this.port, side, i);
    }
  }

  /** Cancels every quote (withdrawal, halted feed). */
  private pullAll(ctx: AgentContext): void {
    if (this.quoting) this.port.cancelAll(ctx);
    this.ladder?.clear();
    this.quoting = false;
    this.lastQuotedRefTicks = NaN;
  }
}

/** The `liquidity_provider` agent kind. */
export const liquidityProviderKind: AgentKind<LiquidityProviderParams> = {
  kind: 'liquidity_provider',
  description: 'Market maker: N-level ladder with inventory skew, vol-triggered liquidity vacuum, scheduled withdrawals.',
  schema: liquidityProviderSchema as unknown as z.ZodType<LiquidityProviderParams>,
  create: (params, env) => new LiquidityProvider(params, env),
};
