/**
 * `chartist`: trend followers at several horizons, with optional opinion switching. Member i
 * watches the horizon `horizons[i mod n]` (deterministic, no draw). It samples its own view of
 * the mid every `sample_interval`, keeps an EWMA of squared sample returns for its volatility,
 * and at Poisson decision times reads the trend z = r_h / (sigma sqrt(h)). Without switching its
 * target position is max_position * tanh(z / z_scale); it trades toward the target by market
 * orders of at most `max_order_size`.
 *
 * With `switching` (after Lux and Marchesi 1999, Nature 397): each member is an optimist (+1) or
 * a pessimist (-1) and its target is mood * max_position. At each decision it switches mood with probability
 * 1 - exp(-nu dt e^{+-U}), U = herding * x + trend * z, where dt is the mean time between
 * decisions and x in [-1, 1] is the opinion the agent can SEE: the L1 queue imbalance
 * (bid size - ask size) / (bid size + ask size), standing in for Lux-Marchesi's opinion index
 * (agents here never read each other's state).
 *
 * Randomness: stream `decide`, 2 uniforms per decision (next time, switch), whatever happens.
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
import { exponentialFrom } from './common/inverseDraws.js';
import { MidHistory } from './common/midHistory.js';
import { OrderPort, tagPurpose, wakeTag } from './common/port.js';

const switchingSchema = z
  .object({
    rate: ratePerSec('Base switching rate nu, per second.', { positive: true }),
    herding: nonNegative('Weight a1 of the visible opinion (L1 queue imbalance) in U.').prefault(1),
    trend: nonNegative('Weight a2 of the trend z-score in U.').prefault(1),
  })
  .strict()
  .describe('Lux-Marchesi opinion switching (optional): optimist/pessimist moods.');

export const chartistSchema = z
  .object({
    ...groupFields('chartist'),
    ...accountFields(1e9),
    horizons: z.array(duration('A trend horizon.')).min(1).max(16).prefault(['1m', '10m', '1h']).describe('Trend horizons; member i uses horizons[i mod n]. Default ["1m", "10m", "1h"].'),
    sample_interval: duration('Interval between own mid samples. Default "5s".').prefault('5s'),
    vol_timescale: duration('EWMA timescale of the volatility estimate. Default "30m".').prefault('30m'),
    rate: ratePerSec('Decisions per second per agent (Poisson). Default 0.05.').prefault(0.05),
    z_scale: positive('Trend z-score at which the target reaches tanh(1) of max_position. Default 2.').prefault(2),
    max_position: positive('Largest absolute position, base units. Default 5.').prefault(5),
    max_order_size: positive('Largest order, base units. Default 1.').prefault(1),
    min_order_size: positive('Smallest order sent, base units (smaller gaps to the target are ignored). Default 0.05.').prefault(0.05),
    switching: switchingSchema.optional(),
  })
  .strict()
  .refine((p) => p.sample_interval > 0, 'sample_interval must be > 0');
export type ChartistParams = z.output<typeof chartistSchema>;

const SAMPLE = 1;
const DECIDE = 2;

/** One chartist. Public fields are read by tests. */
export class Chartist implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  private readonly history: MidHistory;
  readonly horizonNs: number;
  private rng!: AgentContext['rng'];
  private lastMid = 0;
  private varPerSample = 0;
  private readonly ewmaW: number;
  /** +1 optimist, -1 pessimist (switching only). */
  mood: number;
  private readonly maxPosLots: number;
  private readonly maxOrderLots: number;
  private readonly minOrderLots: number;

  constructor(private readonly p: ChartistParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    this.horizonNs = p.horizons[env.index % p.horizons.length] as number;
    this.history = new MidHistory(this.horizonNs, p.sample_interval);
    this.ewmaW = 1 - Math.exp(-p.sample_interval / Math.max(1, p.vol_timescale));
    this.mood = env.index % 2 === 0 ? 1 : -1;
    this.maxPosLots = sizeToLots(p.max_position, info.lotSize);
    this.maxOrderLots = Math.max(1, sizeToLots(p.max_order_size, info.lotSize));
    this.minOrderLots = Math.max(1, sizeToLots(p.min_order_size, info.lotSize));
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.rng = ctx.stream('decide');
    this.lastMid = this.port.mid(ctx);
    this.history.push(this.lastMid);
    ctx.wakeAfter(this.p.sample_interval, wakeTag(SAMPLE, 0));
    this.scheduleDecision(ctx, this.rng.uniform());
  }

  private scheduleDecision(ctx: AgentContext, u: number): void {
    if (!(this.p.rate > 0)) return;
    const d = Math.max(1, Math.round(exponentialFrom(u, NS_PER_SEC / this.p.rate)));
    if (ctx.now + d < 2 ** 52) ctx.wakeAfter(d, wakeTag(DECIDE, 0));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    if (tagPurpose(tag) === SAMPLE) {
      const mid = this.port.mid(ctx);
      if (mid > 0 && this.lastMid > 0) {
        const r = Math.log(mid / this.lastMid);
        this.varPerSample += this.ewmaW * (r * r - this.varPerSample);
      }
      this.lastMid = mid;
      this.history.push(mid);
      ctx.wakeAfter(this.p.sample_interval, wakeTag(SAMPLE, 0));
      return;
    }
    const uNext = this.rng.uniform();
    const uSwitch = this.rng.uniform();
    this.decide(ctx, uSwitch);
    this.scheduleDecision(ctx, uNext);
  }

  /** The trend z-score over this member's horizon (0 until the history and vol are ready). */
  trendZ(ctx: AgentContext): number {
    if (!this.history.ready || !(this.varPerSample > 0)) return 0;
    const r = this.history.returnTo(this.port.mid(ctx));
    return r / Math.sqrt(this.varPerSample * (this.horizonNs / this.p.sample_interval));
  }

  private decide(ctx: AgentContext, uSwitch: number): void {
    const z = this.trendZ(ctx);
    let target: number;
    const sw = this.p.switching;
    if (sw !== undefined) {
      const s = this.port.snapshot(ctx);
      const depth = s.bidLots + s.askLots;
      const x = depth > 0 ? (s.bidLots - s.askLots) / depth : 0;
      const u = sw.herding * x + sw.trend * z;
      // Rate toward the other mood: up when U favours it (U > 0 favours optimism).
      const toward = this.mood > 0 ? -u : u;
      const pSwitch = 1 - Math.exp(-(sw.rate / Math.max(1e-12, this.p.rate)) * Math.exp(Math.max(-20, Math.min(20, toward))));
      if (uSwitch < pSwitch) this.mood = -this.mood;
      target = this.mood * this.maxPosLots;
    } else {
      target = Math.round(this.maxPosLots * Math.tanh(z / this.p.z_scale));
    }
    const gap = target - this.port.positionLots;
    if (Math.abs(gap) < this.minOrderLots) return;
    this.port.market(ctx, gap > 0 ? 1 : -1, Math.min(this.maxOrderLots, Math.abs(gap)));
  }

  onMessage(_ctx: AgentContext, msg: Readonly<Message>): void {
    if (msg.kind === MsgKind.OrderFilled) this.port.applyFill(msg);
    else if (msg.kind === MsgKind.PositionLiquidated) this.port.applyLiquidation(msg);
  }
}

/** The `chartist` agent kind. */
export const chartistKind: AgentKind<ChartistParams> = {
  kind: 'chartist',
  description: 'Trend follower at several horizons (vol-normalized signal), with optional Lux-Marchesi opinion switching.',
  schema: chartistSchema as unknown as z.ZodType<ChartistParams>,
  create: (params, env) => new Chartist(params, env),
};
