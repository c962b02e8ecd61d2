/**
 * `metaorder`: institutional executions. Each member, when idle, starts a parent order at Poisson
 * times: a direction (buy with `buy_probability`), a heavy-tailed size (Pareto, the Lillo, Mike,
 * Farmer 2005 mechanism for the long memory of order signs: a tail index alpha of parent sizes
 * gives a sign ACF decaying like lag^-(alpha-1)), capped at `max_size`. It splits the parent into
 * market-order children of `child_size` (the last one smaller) sent at intervals uniform in
 * [0.5, 1.5] x `child_interval`, so a parent takes a time proportional to its size. After a parent
 * it rests at least `rest` before the next can start; with rest >= 1.5 x child_interval every
 * gap between two parents of a member is longer than any gap inside one, so parents can be read
 * back from the trades table exactly (see bench/market.ts, metaorder impact).
 *
 * Randomness: stream `metaorder`; a parent draws 3 uniforms (waiting time, direction, size) and
 * each child 1 (the interval to the next), whatever the market does (common random numbers).
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { MsgKind, type Message } from '../model/messages.js';
import { sizeToLots } from '../model/units.js';
import { NS_PER_SEC } from '../engine/time.js';
import { duration, nonNegative, positive, probability, ratePerSec } from '../model/schema.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { accountFields, groupFields } from './common/schema.js';
import { exponentialFrom, paretoFrom } from './common/inverseDraws.js';
import { OrderPort, tagPurpose, wakeTag } from './common/port.js';

export const metaorderSchema = z
  .object({
    ...groupFields('metaorder'),
    ...accountFields(1e9),
    rate: ratePerSec('Parent orders per second per idle agent (Poisson). Default 0.002 (one per ~8 min).').prefault(0.002),
    buy_probability: probability('Probability that a parent buys. Default 0.5.').prefault(0.5),
    min_size: positive('Smallest parent size (Pareto scale), base units. Default 1.').prefault(1),
    size_alpha: z.number().min(1.01).max(5).prefault(1.5).describe('Pareto tail index of parent sizes (Lillo-Mike-Farmer: sign ACF ~ lag^-(alpha-1)). Default 1.5.'),
    max_size: positive('Largest parent size, base units (the Pareto tail is truncated here). Default 500.').prefault(500),
    child_size: positive('Size of each child market order, base units. Default 0.5.').prefault(0.5),
    child_interval: duration('Mean interval between children (uniform in [0.5, 1.5] x this). Default "5s".').prefault('5s'),
    rest: duration('Least idle time after a parent before the next may start. Default "10s".').prefault('10s'),
  })
  .strict()
  .refine((p) => p.max_size >= p.min_size, 'max_size must be >= min_size')
  .refine((p) => p.child_interval > 0, 'child_interval must be > 0');
export type MetaorderParams = z.output<typeof metaorderSchema>;

const START = 1;
const CHILD = 2;

/** One metaorder trader. Public fields are read by tests. */
export class MetaorderTrader implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  private rng!: AgentContext['rng'];
  /** Direction of the parent in progress (0 when idle). */
  side = 0;
  /** Lots of the parent still to send. */
  remainingLots = 0;
  /** Parents started (for tests). */
  parents = 0;
  private readonly childLots: number;

  constructor(private readonly p: MetaorderParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    this.childLots = Math.max(1, sizeToLots(p.child_size, info.lotSize));
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.rng = ctx.stream('metaorder');
    this.idle(ctx, 0);
  }

  /** Waits `restNs` plus an exponential time, then starts a parent; draws 3 uniforms. */
  private idle(ctx: AgentContext, restNs: number): void {
    const uWait = this.rng.uniform();
    const uSide = this.rng.uniform();
    const uSize = this.rng.uniform();
    if (!(this.p.rate > 0)) return;
    const waitNs = Math.round(exponentialFrom(uWait, NS_PER_SEC / this.p.rate));
    const at = ctx.now + restNs + Math.max(1, waitNs);
    if (!(at < 2 ** 52)) return;
    this.side = uSide < this.p.buy_probability ? 1 : -1;
    const sizeBase = Math.min(this.p.max_size, paretoFrom(uSize, this.p.min_size, this.p.size_alpha));
    this.remainingLots = Math.max(1, sizeToLots(sizeBase, this.port.info.lotSize));
    ctx.wakeAt(at, wakeTag(START, 0));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    const purpose = tagPurpose(tag);
    if (purpose === START) this.parents++;
    if (purpose === START || purpose === CHILD) this.child(ctx);
  }

  /** Sends one child, then schedules the next one or goes idle; draws 1 uniform. */
  private child(ctx: AgentContext): void {
    const u = this.rng.uniform();
    const lots = Math.min(this.childLots, this.remainingLots);
    this.port.market(ctx, this.side, lots);
    this.remainingLots -= lots;
    if (this.remainingLots > 0) {
      ctx.wakeAfter(Math.max(1, Math.round(this.p.child_interval * (0.5 + u))), wakeTag(CHILD, 0));
    } else {
      this.side = 0;
      this.idle(ctx, this.p.rest);
    }
  }

  onMessage(_ctx: AgentContext, msg: Readonly<Message>): void {
    if (msg.kind === MsgKind.OrderFilled) this.port.applyFill(msg);
    else if (msg.kind === MsgKind.PositionLiquidated) this.port.applyLiquidation(msg);
  }
}

/** The `metaorder` agent kind. */
export const metaorderKind: AgentKind<MetaorderParams> = {
  kind: 'metaorder',
  description: 'Institutional execution: Pareto-sized parent orders split into market-order children over time (long memory of order signs).',
  schema: metaorderSchema as unknown as z.ZodType<MetaorderParams>,
  create: (params, env) => new MetaorderTrader(params, env),
};
