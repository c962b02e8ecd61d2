/**
 * `fundamental`: value traders. At Poisson times each compares the mid with the exogenous
 * fundamental value (`ctx.fundamental()`, quote currency; optionally seen with a private
 * multiplicative error), and when the mispricing exceeds a threshold trades toward it: size
 * proportional to the mispricing in bps (base units, capped), by market order or by a limit at
 * the fundamental that lives for a while. Positions are capped. Streams: `arrival`, `ctx.rng`.
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { MsgKind, type Message } from '../model/messages.js';
import { priceToTicksDir, sizeToLots } from '../model/units.js';
import { duration, nonNegative, positive, ratePerSec } from '../model/schema.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { accountFields, groupFields } from './common/schema.js';
import { OrderPort, poissonDelayNs, tagGeneration, tagPurpose, wakeTag } from './common/port.js';

export const fundamentalSchema = z
  .object({
    ...groupFields('fundamental'),
    ...accountFields(1_000_000),
    rate: ratePerSec('Decisions per second per agent (Poisson). Default 0.5.').prefault(0.5),
    threshold_bps: nonNegative('Smallest mispricing |F - mid| / mid acted on, bps. Default 5.').prefault(5),
    size_per_bps: positive('Order size per bp of mispricing, base units. Default 0.01.').prefault(0.01),
    max_order_size: positive('Largest order, base units. Default 1.').prefault(1),
    max_position: positive('Largest absolute position, base units. Default 10.').prefault(10),
    order_type: z.enum(['market', 'limit']).prefault('limit').describe('Market orders, or limits at the perceived fundamental. Default "limit".'),
    order_lifetime: duration('Unfilled limits are canceled after this long. Default "30s".').prefault('30s'),
    belief_error_bps: nonNegative("SD of each agent's fixed private error on the fundamental, bps. Default 0.").prefault(0),
  })
  .strict();
export type FundamentalParams = z.output<typeof fundamentalSchema>;

const ARRIVE = 1;
const EXPIRE = 2;

class FundamentalTrader implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  private arrival!: AgentContext['rng'];
  private beliefFactor = 1;
  private readonly maxPosLots: number;

  constructor(private readonly p: FundamentalParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    this.maxPosLots = sizeToLots(p.max_position, info.lotSize);
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.arrival = ctx.stream('arrival');
    this.beliefFactor = 1 + (this.p.belief_error_bps / 10_000) * ctx.rng.normal();
    this.next(ctx);
  }

  private next(ctx: AgentContext): void {
    const d = poissonDelayNs(this.arrival, this.p.rate);
    if (Number.isFinite(d)) ctx.wakeAfter(d, wakeTag(ARRIVE, 0));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    if (tagPurpose(tag) === EXPIRE) {
      this.port.cancel(ctx, tagGeneration(tag));
      return;
    }
    this.decide(ctx);
    this.next(ctx);
  }

  private decide(ctx: AgentContext): void {
    const f = ctx.fundamental() * this.beliefFactor;
    if (!(Number.isFinite(f) && f > 0)) return;
    const info = this.port.info;
    const mid = this.port.mid(ctx) * info.tickSize;
    const misBps = ((f - mid) / mid) * 10_000;
    if (Math.abs(misBps) < this.p.threshold_bps) return;
    const side = misBps > 0 ? 1 : -1;
    const room = this.maxPosLots - side * this.port.positionLots;
    const want = sizeToLots(Math.min(this.p.max_order_size, Math.abs(misBps) * this.p.size_per_bps), info.lotSize);
    const lots = Math.min(want, room);
    if (lots <= 0) return;
    if (this.p.order_type === 'market') {
      this.port.market(ctx, side, lots);
      return;
    }
    // Buy at or below F, sell at or above it: the limit crosses the book when the touch is inside F.
    const id = this.port.limit(ctx, side, priceToTicksDir(f, info.tickSize, side < 0), lots);
    if (id !== 0 && this.p.order_lifetime > 0) ctx.wakeAfter(this.p.order_lifetime, wakeTag(EXPIRE, id));
  }

  onMessage(_ctx: AgentContext, msg: Readonly<Message>): void {
    if (msg.kind === MsgKind.OrderFilled) this.port.applyFill(msg);
    else if (msg.kind === MsgKind.PositionLiquidated) this.port.applyLiquidation(msg);
    else if (msg.kind === MsgKind.FutureSettled) this.port.applySettlement(msg);
  }
}

/** The `fundamental` agent kind. */
export const fundamentalKind: AgentKind<FundamentalParams> = {
  kind: 'fundamental',
  description: 'Value trader: trades toward the exogenous fundamental, size proportional to mispricing.',
  schema: fundamentalSchema as unknown as z.ZodType<FundamentalParams>,
  create: (params, env) => new FundamentalTrader(params, env),
};
