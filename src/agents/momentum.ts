/**
 * `momentum`: trend followers. Each samples its own view of the mid on a fixed interval; at
 * Poisson times it compares the mid with the one a lookback ago and, when the return exceeds
 * a threshold, sends a market order in its direction (base units, position capped). Streams:
 * `arrival` (times), `ctx.rng` (sizes: one size drawn at every decision, traded or not, so the
 * n-th decision reads the same numbers in every arm of a comparison).
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { MsgKind, type Message } from '../model/messages.js';
import { sizeToLots } from '../model/units.js';
import { duration, nonNegative, positive, ratePerSec } from '../model/schema.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { accountFields, distribution, groupFields } from './common/schema.js';
import { Sampler } from './common/distribution.js';
import { MAX_ORDER_NOTIONAL } from '../model/capacity.js';
import { MidHistory } from './common/midHistory.js';
import { OrderPort, poissonDelayNs, tagPurpose, wakeTag } from './common/port.js';

export const momentumSchema = z
  .object({
    ...groupFields('momentum'),
    ...accountFields(1_000_000),
    rate: ratePerSec('Decisions per second per agent (Poisson). Default 0.2.').prefault(0.2),
    lookback: duration('Horizon of the return signal. Default "1m".').prefault('1m'),
    sample_interval: duration('Interval between own mid samples. Default "1s".').prefault('1s'),
    threshold_bps: nonNegative('Smallest |return| over the lookback acted on, bps. Default 10.').prefault(10),
    size: distribution('Order size in base units.', { dist: 'fixed', value: 0.05 }),
    max_position: positive('Largest absolute position, base units. Default 1.').prefault(1),
    contrarian: z.boolean().prefault(false).describe('Trade against the return instead of with it. Default false.'),
  })
  .strict()
  .refine((p) => p.sample_interval > 0, 'sample_interval must be > 0');
export type MomentumParams = z.output<typeof momentumSchema>;

const ARRIVE = 1;
const SAMPLE = 2;

class MomentumTrader implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  private readonly history: MidHistory;
  private readonly size: Sampler;
  private readonly maxPosLots: number;
  private arrival!: AgentContext['rng'];

  constructor(private readonly p: MomentumParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    this.history = new MidHistory(p.lookback, p.sample_interval);
    this.size = new Sampler(p.size, MAX_ORDER_NOTIONAL / env.initialPrice); // capped like a scheduled order (model/capacity.ts)
    this.maxPosLots = sizeToLots(p.max_position, info.lotSize);
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.arrival = ctx.stream('arrival');
    this.history.push(this.port.mid(ctx));
    ctx.wakeAfter(this.p.sample_interval, wakeTag(SAMPLE, 0));
    const d = poissonDelayNs(this.arrival, this.p.rate);
    if (Number.isFinite(d)) ctx.wakeAfter(d, wakeTag(ARRIVE, 0));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    if (tagPurpose(tag) === SAMPLE) {
      this.history.push(this.port.mid(ctx));
      ctx.wakeAfter(this.p.sample_interval, wakeTag(SAMPLE, 0));
      return;
    }
    this.decide(ctx);
    const d = poissonDelayNs(this.arrival, this.p.rate);
    if (Number.isFinite(d)) ctx.wakeAfter(d, wakeTag(ARRIVE, 0));
  }

  private decide(ctx: AgentContext): void {
    const sizeDraw = this.size.sample(ctx.rng); // drawn whether or not the signal fires
    if (!this.history.ready) return;
    const r = this.history.returnTo(this.port.mid(ctx));
    if (Math.abs(r) * 10_000 < this.p.threshold_bps) return;
    const side = (r > 0) !== this.p.contrarian ? 1 : -1;
    const room = this.maxPosLots - side * this.port.positionLots;
    const lots = Math.min(room, Math.max(1, sizeToLots(Math.max(0, sizeDraw), this.port.info.lotSize)));
    if (lots > 0) this.port.market(ctx, side, lots);
  }

  onMessage(_ctx: AgentContext, msg: Readonly<Message>): void {
    if (msg.kind === MsgKind.OrderFilled) this.port.applyFill(msg);
    else if (msg.kind === MsgKind.PositionLiquidated) this.port.applyLiquidation(msg);
    else if (msg.kind === MsgKind.FutureSettled) this.port.applySettlement(msg);
  }
}

/** The `momentum` agent kind. */
export const momentumKind: AgentKind<MomentumParams> = {
  kind: 'momentum',
  description: 'Trend follower: market orders in the direction of the mid return over a lookback.',
  schema: momentumSchema as unknown as z.ZodType<MomentumParams>,
  create: (params, env) => new MomentumTrader(params, env),
};
