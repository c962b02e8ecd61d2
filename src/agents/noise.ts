/**
 * `noise`: zero-intelligence traders. Each member acts at Poisson times: a market order, a
 * cancel of one of its own resting orders, or a limit order at a random offset (bps of the mid,
 * from a configurable distribution) on a random side, with a random size (base units) and a
 * lifetime after which it is canceled. Randomness: `arrival` (times), `ctx.rng` (decisions).
 * Common random numbers: every decision draws the same five quantities (action, side, size,
 * which own order to cancel, limit offset) whatever it then does with them, so its n-th decision
 * reads the same uniforms in every arm of a comparison (docs/architecture.md).
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { MsgKind, type Message } from '../model/messages.js';
import { priceToTicksDir, sizeToLots } from '../model/units.js';
import { baseSizeToLots } from '../model/market.js';
import { duration, nonNegative, probability, ratePerSec } from '../model/schema.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { accountFields, distribution, groupFields } from './common/schema.js';
import { Sampler } from './common/distribution.js';
import { MAX_ORDER_NOTIONAL } from '../model/capacity.js';

/** Largest limit offset drawn, in bps (100 %: a buy at zero, a sell at twice the mid). */
const MAX_OFFSET_BPS = 10_000;
import { LiveOrders } from './common/liveOrders.js';
import { OrderPort, poissonDelayNs, tagGeneration, tagPurpose, wakeTag } from './common/port.js';

export const noiseSchema = z
  .object({
    ...groupFields('noise'),
    ...accountFields(1_000_000),
    rate: ratePerSec('Arrivals per second per agent (Poisson). Default 1.').prefault(1),
    market_probability: probability('Share of arrivals that are market orders. Default 0.2.').prefault(0.2),
    cancel_probability: probability('Share of arrivals that cancel one of the own resting orders. Default 0.2.').prefault(0.2),
    buy_probability: probability('Probability that an order buys. Default 0.5.').prefault(0.5),
    limit_offset_bps: distribution(
      'Distance of a limit order from the mid in bps, on the passive side (buys below, sells above); negative draws (normal) cross the mid.',
      { dist: 'exponential', mean: 10 },
    ),
    size: distribution('Order size in base units (at least one lot is sent).', { dist: 'lognormal', median: 0.01, sigma: 1 }),
    order_lifetime: duration('Resting limit orders are canceled after this long ("0" = never). Default "5m".').prefault('5m'),
    max_open_orders: z.number().int().min(1).max(1024).prefault(32).describe('Most live limit orders per agent; a limit arrival beyond it cancels one instead. Default 32.'),
  })
  .strict()
  .refine((p) => p.market_probability + p.cancel_probability <= 1, 'market_probability + cancel_probability must be <= 1');
export type NoiseParams = z.output<typeof noiseSchema>;

const ARRIVE = 1;
const EXPIRE = 2;

class NoiseTrader implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  private readonly offset: Sampler;
  private readonly size: Sampler;
  private readonly live: LiveOrders;
  private arrival!: AgentContext['rng'];

  constructor(private readonly p: NoiseParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    // Offsets beyond 10,000 bps would put a buy at or below zero (skipped) or a sell above twice
    // the mid; sizes are capped at the schedule's order bound (model/capacity.ts).
    this.offset = new Sampler(p.limit_offset_bps, MAX_OFFSET_BPS);
    this.size = new Sampler(p.size, MAX_ORDER_NOTIONAL / env.initialPrice);
    this.live = new LiveOrders(p.max_open_orders);
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.arrival = ctx.stream('arrival');
    this.scheduleArrival(ctx);
  }

  private scheduleArrival(ctx: AgentContext): void {
    const d = poissonDelayNs(this.arrival, this.p.rate);
    if (Number.isFinite(d)) ctx.wakeAfter(d, wakeTag(ARRIVE, 0));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    if (tagPurpose(tag) === EXPIRE) {
      const id = tagGeneration(tag);
      if (this.live.remove(id)) this.port.cancel(ctx, id);
      return;
    }
    this.act(ctx);
    this.scheduleArrival(ctx);
  }

  private act(ctx: AgentContext): void {
    const rng = ctx.rng;
    // All draws first, in a fixed order: which branch runs depends on the book (live orders).
    const u = rng.uniform();
    const side = rng.bernoulli(this.p.buy_probability) ? 1 : -1;
    const sizeDraw = this.size.sample(rng);
    const pick = rng.uniform();
    const offsetBps = this.offset.sample(rng);
    const info = this.port.info;
    const base = Math.max(0, sizeDraw);
    const lots = Math.max(1, info.inverseScale === undefined ? sizeToLots(base, info.lotSize) : baseSizeToLots(info, base, this.port.fallbackMidTicks * info.tickSize));
    if (u < this.p.market_probability) {
      this.port.market(ctx, side, lots);
      return;
    }
    if (u < this.p.market_probability + this.p.cancel_probability || this.live.full) {
      const id = this.live.takeAt(pick);
      if (id !== 0) this.port.cancel(ctx, id);
      return;
    }
    const midPrice = this.port.mid(ctx) * info.tickSize;
    const price = midPrice * (1 - (side * offsetBps) / 10_000);
    if (!(price > 0)) return;
    // Buys round down and sells up, so a zero offset rests at the touch rather than crossing.
    const priceTicks = Math.max(1, priceToTicksDir(price, info.tickSize, side < 0));
    const id = this.port.limit(ctx, side, priceTicks, lots);
    this.live.add(id);
    if (this.p.order_lifetime > 0) ctx.wakeAfter(this.p.order_lifetime, wakeTag(EXPIRE, id));
  }

  onMessage(_ctx: AgentContext, msg: Readonly<Message>): void {
    switch (msg.kind) {
      case MsgKind.OrderFilled:
        this.port.applyFill(msg);
        if (msg.aux0 <= 0) this.live.remove(msg.clientOrderId);
        break;
      case MsgKind.OrderCanceled:
      case MsgKind.OrderRejected:
      case MsgKind.OrderExpired:
        this.live.remove(msg.clientOrderId);
        break;
      case MsgKind.PositionLiquidated:
        this.port.applyLiquidation(msg);
        break;
      case MsgKind.FutureSettled:
        this.port.applySettlement(msg);
        break;
    }
  }
}

/** The `noise` agent kind. */
export const noiseKind: AgentKind<NoiseParams> = {
  kind: 'noise',
  description: 'Zero-intelligence trader: Poisson limit, market and cancel orders around the mid.',
  schema: noiseSchema as unknown as z.ZodType<NoiseParams>,
  create: (params, env) => new NoiseTrader(params, env),
};
