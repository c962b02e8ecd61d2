/**
 * `value_trader`: fundamental traders that never see the true value. Each member samples the
 * exogenous fundamental every `observe_interval` into a ring and uses the sample from `delay` ago
 * (its research lags the world), times exp(e) where e is its own private error, an AR(1) in log
 * space with stationary SD `error_bps` and persistence `error_timescale` (agents disagree, and an
 * agent's error lasts). At Poisson decision times it compares that estimate with the mid: past
 * `threshold_bps` it trades toward it, size proportional to the mispricing (base units, capped,
 * position capped): a passive limit at its own side's touch that lives `order_lifetime`, or a
 * market order once the mispricing exceeds `market_threshold_bps`.
 *
 * Randomness: stream `observe` (1 uniform per observation: the error innovation) and stream
 * `decide` (1 uniform per decision: the time to the next one), whatever the market does.
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { MsgKind, type Message } from '../model/messages.js';
import { sizeToLots } from '../model/units.js';
import { NS_PER_SEC } from '../engine/time.js';
import { duration, nonNegative, positive, ratePerSec } from '../model/schema.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { accountFields, groupFields } from './common/schema.js';
import { exponentialFrom, normalQuantile } from './common/inverseDraws.js';
import { OrderPort, tagGeneration, tagPurpose, wakeTag } from './common/port.js';

export const valueTraderSchema = z
  .object({
    ...groupFields('value_trader'),
    ...accountFields(1e9),
    rate: ratePerSec('Decisions per second per agent (Poisson). Default 0.05.').prefault(0.05),
    observe_interval: duration('Interval between private looks at the fundamental. Default "10s".').prefault('10s'),
    delay: duration('Age of the fundamental value the estimate is built on. Default "2m".').prefault('2m'),
    error_bps: nonNegative('Stationary SD of the private log error on the value, bps. Default 20.').prefault(20),
    error_timescale: duration('Persistence (e-folding time) of the private error. Default "1h".').prefault('1h'),
    threshold_bps: nonNegative('Smallest |estimate - mid| / mid acted on, bps. Default 10.').prefault(10),
    market_threshold_bps: nonNegative('Mispricing beyond which the agent sends a market order instead of a passive limit, bps. Default 40.').prefault(40),
    size_per_bps: positive('Order size per bp of mispricing beyond the threshold, base units. Default 0.05.').prefault(0.05),
    max_order_size: positive('Largest order, base units. Default 2.').prefault(2),
    max_position: positive('Largest absolute position, base units. Default 50.').prefault(50),
    order_lifetime: duration('Passive limits are canceled after this long. Default "30s".').prefault('30s'),
  })
  .strict()
  .refine((p) => p.observe_interval > 0, 'observe_interval must be > 0');
export type ValueTraderParams = z.output<typeof valueTraderSchema>;

const OBSERVE = 1;
const DECIDE = 2;
const EXPIRE = 3;

/** One value trader. Public fields are read by tests. */
export class ValueTrader implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  private readonly ring: Float64Array;
  private cursor = 0;
  private filled = 0;
  /** Current private log error. */
  errorLog = 0;
  private readonly rho: number;
  private observeRng!: AgentContext['rng'];
  private decideRng!: AgentContext['rng'];
  private readonly maxPosLots: number;

  constructor(private readonly p: ValueTraderParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    this.ring = new Float64Array(Math.max(1, Math.ceil(p.delay / p.observe_interval)) + 1);
    this.rho = p.error_timescale > 0 ? Math.exp(-p.observe_interval / p.error_timescale) : 0;
    this.maxPosLots = sizeToLots(p.max_position, info.lotSize);
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.observeRng = ctx.stream('observe');
    this.decideRng = ctx.stream('decide');
    // The error starts from its stationary law, so agents disagree from the first look.
    this.errorLog = (this.p.error_bps / 10_000) * normalQuantile(this.observeRng.uniform());
    this.observe(ctx);
    this.scheduleDecision(ctx);
  }

  /** The agent's value estimate (quote currency), NaN before any observation. */
  estimate(): number {
    if (this.filled === 0) return Number.NaN;
    const oldest = this.filled < this.ring.length ? 0 : this.cursor;
    return (this.ring[oldest] as number) * Math.exp(this.errorLog);
  }

  private observe(ctx: AgentContext): void {
    const u = this.observeRng.uniform();
    const sd = this.p.error_bps / 10_000;
    this.errorLog = this.rho * this.errorLog + Math.sqrt(1 - this.rho * this.rho) * sd * normalQuantile(u);
    const f = ctx.fundamental();
    if (Number.isFinite(f) && f > 0) {
      this.ring[this.cursor] = f;
      this.cursor = (this.cursor + 1) % this.ring.length;
      if (this.filled < this.ring.length) this.filled++;
    }
    ctx.wakeAfter(this.p.observe_interval, wakeTag(OBSERVE, 0));
  }

  private scheduleDecision(ctx: AgentContext): void {
    const u = this.decideRng.uniform();
    if (!(this.p.rate > 0)) return;
    const d = Math.max(1, Math.round(exponentialFrom(u, NS_PER_SEC / this.p.rate)));
    if (ctx.now + d < 2 ** 52) ctx.wakeAfter(d, wakeTag(DECIDE, 0));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    switch (tagPurpose(tag)) {
      case OBSERVE:
        this.observe(ctx);
        break;
      case DECIDE:
        this.decide(ctx);
        this.scheduleDecision(ctx);
        break;
      case EXPIRE:
        this.port.cancel(ctx, tagGeneration(tag));
        break;
    }
  }

  private decide(ctx: AgentContext): void {
    const est = this.estimate();
    if (!(est > 0)) return;
    const info = this.port.info;
    const midTicks = this.port.mid(ctx);
    const misBps = ((est / info.tickSize - midTicks) / midTicks) * 10_000;
    const excess = Math.abs(misBps) - this.p.threshold_bps;
    if (excess <= 0) return;
    const side = misBps > 0 ? 1 : -1;
    const room = this.maxPosLots - side * this.port.positionLots;
    const lots = Math.min(room, sizeToLots(Math.min(this.p.max_order_size, excess * this.p.size_per_bps), info.lotSize));
    if (lots <= 0) return;
    if (Math.abs(misBps) >= this.p.market_threshold_bps) {
      this.port.market(ctx, side, lots);
      return;
    }
    const snap = this.port.snapshot(ctx);
    const touch = side > 0 ? (snap.bidLots > 0 ? snap.bidTicks : Math.floor(midTicks)) : snap.askLots > 0 ? snap.askTicks : Math.ceil(midTicks);
    const id = this.port.limit(ctx, side, touch, lots);
    if (id !== 0 && this.p.order_lifetime > 0) ctx.wakeAfter(this.p.order_lifetime, wakeTag(EXPIRE, id));
  }

  onMessage(_ctx: AgentContext, msg: Readonly<Message>): void {
    if (msg.kind === MsgKind.OrderFilled) this.port.applyFill(msg);
    else if (msg.kind === MsgKind.PositionLiquidated) this.port.applyLiquidation(msg);
  }
}

/** The `value_trader` agent kind. */
export const valueTraderKind: AgentKind<ValueTraderParams> = {
  kind: 'value_trader',
  description: 'Fundamental trader with a noisy, delayed private estimate of the value (never the true value).',
  schema: valueTraderSchema as unknown as z.ZodType<ValueTraderParams>,
  create: (params, env) => new ValueTrader(params, env),
};
