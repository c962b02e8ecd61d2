/**
 * `hawkes_flow`: the anonymous order flow of many small traders, as one actor per member whose
 * market, limit and cancel events follow a 3-type Hawkes process (common/hawkes.ts): each event
 * raises the intensity of every type by the branching matrix, through an exponential or
 * power-law kernel, so activity clusters (Bacry, Mastromatteo, Muzy 2015, "Hawkes processes in
 * finance"). Optionally every mid move of `move_bps` also excites the flow (price-driven
 * activity, the quadratic-Hawkes feedback of Blanc, Donier, Bouchaud 2017): that is the part of
 * the clustering that comes from the book rather than from the flow itself. Optionally
 * (`activity_feedback`) the base rates follow the realized volatility the member observes over
 * hours: every `sample_interval` it samples the mid, and the base rates become (v / ref^2)^g x
 * their configured values, v an EWMA of squared sample returns over `timescale` (traders come
 * to a market that has been moving: a slow, endogenous vol -> activity -> vol loop of gain g < 1,
 * in the spirit of Zumbach's long-memory feedback and Borland-Bouchaud's multi-timescale QuadHawkes).
 *
 * Market orders: side repeats the previous market order's with `market_sign_persistence` (small
 * takers split their orders too), else by `buy_probability`; size from `market_size` (base units). Limit orders:
 * same-side touch minus an offset in bps of the mid (`limit_offset_bps`, passive), size from
 * `limit_size`, canceled after `order_lifetime`. Cancel events cancel one own live order.
 * Randomness: stream `on/hawkes`, exactly 5 uniforms per event (type, side, size, offset, the next
 * unit-exponential mass), whatever the book looks like (common random numbers). Named `on/`
 * (docs/architecture.md) because the event times react to the market: price moves excite the
 * flow, so the n-th event's time may differ between the arms of a comparison; its draws do not.
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { MsgKind, type Message } from '../model/messages.js';
import { priceToTicksDir, sizeToLots } from '../model/units.js';
import { NS_PER_SEC } from '../engine/time.js';
import { duration, nonNegative, positive, probability, ratePerSec } from '../model/schema.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { accountFields, distribution, groupFields } from './common/schema.js';
import { InverseSampler, exponentialFrom } from './common/inverseDraws.js';
import { OwnOrders } from './common/ownOrders.js';
import { HawkesState, hawkesKernelSchema, spectralRadius } from './common/hawkes.js';
import { OrderPort, tagGeneration, tagPurpose, wakeTag } from './common/port.js';

const perType = (what: string, dflt: { market: number; limit: number; cancel: number }, field: (d: string) => z.ZodNumber = nonNegative) =>
  z
    .object({
      market: field(`${what}: market orders.`),
      limit: field(`${what}: limit orders.`),
      cancel: field(`${what}: cancels.`),
    })
    .strict()
    .prefault(dflt)
    .describe(`${what}, per event type. Default ${JSON.stringify(dflt)}.`);

const activityFeedbackSchema = z
  .object({
    elasticity: z.number().min(0).max(0.95).describe('Exponent g: base rates x (v / reference^2)^g. Activity and squared returns scale together, so g is the loop gain; it must stay below 1 for a stationary level.'),
    timescale: duration('EWMA timescale of the squared sample returns. Default "1h".').prefault('1h'),
    sample_interval: duration('Interval between the member\'s own mid samples. Default "1m".').prefault('1m'),
    reference_bps: positive('Sample-return SD (bps per sample_interval) at which the base rates are as configured.'),
    max_multiplier: z.number().min(1).max(100).prefault(4).describe('The multiplier stays in [1 / this, this]. Default 4.'),
  })
  .strict()
  .refine((a) => a.sample_interval > 0 && a.timescale > 0, 'sample_interval and timescale must be > 0')
  .describe('Slow feedback of the observed realized volatility into the base rates (optional; absent = constant base rates).');

/** Largest spectral radius of the branching matrix accepted (1 = explosive). */
export const MAX_BRANCHING_RATIO = 0.99;

export const hawkesFlowSchema = z
  .object({
    ...groupFields('hawkes_flow'),
    ...accountFields(1e9),
    base_rate: perType('Exogenous (immigrant) event rate per agent, events/s', { market: 0.5, limit: 2, cancel: 1 }, (d) => ratePerSec(d)),
    branching: z
      .object({
        market: perType('Mean events of each type triggered by one market order', { market: 0.3, limit: 0.1, cancel: 0.1 }),
        limit: perType('Mean events of each type triggered by one limit order', { market: 0.05, limit: 0.3, cancel: 0.2 }),
        cancel: perType('Mean events of each type triggered by one cancel', { market: 0.05, limit: 0.2, cancel: 0.3 }),
      })
      .strict()
      .prefault({})
      .describe('Branching matrix: row = triggering type, column = triggered type. Its spectral radius (the branching ratio) must be < 1.'),
    kernel: hawkesKernelSchema.prefault({ shape: 'power_law', min_timescale: '1s', max_timescale: '1h', exponent: 0.3 }),
    max_rate: ratePerSec('Cap on the total intensity per agent, events/s (an excitation that would exceed it is scaled down). Default 200.', { positive: true }).prefault(200),
    price_move_bps: positive('A mid move of this many bps (from the mid at the last move) counts as one price event. Default 2.').prefault(2),
    price_excitation: perType('Mean events of each type triggered by one price event', { market: 0, limit: 0, cancel: 0 }),
    buy_probability: probability('Probability that a market or limit order buys. Default 0.5.').prefault(0.5),
    market_sign_persistence: probability('Probability that a market order repeats the side of this member\'s previous market order (order splitting by small takers; the rest are drawn with buy_probability). Default 0.').prefault(0),
    market_size: distribution('Market order size in base units (at least one lot).', { dist: 'pareto', min: 0.05, alpha: 2 }),
    limit_size: distribution('Limit order size in base units (at least one lot).', { dist: 'lognormal', median: 0.2, sigma: 1 }),
    limit_offset_bps: distribution('Distance of a limit order behind the same-side best quote, bps of the mid (0 joins the touch).', { dist: 'exponential', mean: 3 }),
    order_lifetime: duration('Resting limit orders are canceled after this long ("0" = never). Default "10m".').prefault('10m'),
    activity_feedback: activityFeedbackSchema.optional(),
    max_open_orders: z.number().int().min(1).max(100_000).prefault(1000).describe('Most live limit orders per agent; limit events beyond it are skipped. Default 1000.'),
  })
  .strict()
  .superRefine((p, ctx) => {
    const t = ['market', 'limit', 'cancel'] as const;
    const m = t.map((i) => t.map((j) => p.branching[i][j]));
    const r = spectralRadius(m);
    if (!(r < MAX_BRANCHING_RATIO)) {
      ctx.addIssue({ code: 'custom', path: ['branching'], message: `branching ratio (spectral radius) is ${r.toFixed(4)}; it must be < ${MAX_BRANCHING_RATIO} for a stationary process` });
    }
  });
export type HawkesFlowParams = z.output<typeof hawkesFlowSchema>;

const TYPES = ['market', 'limit', 'cancel'] as const;
const ARRIVE = 1;
const EXPIRE = 2;
const MOVE = 3;
const SAMPLE = 4;

/** One Hawkes order-flow member. */
export class HawkesFlow implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  readonly hawkes: HawkesState;
  private readonly marketSize: InverseSampler;
  private readonly limitSize: InverseSampler;
  private readonly offset: InverseSampler;
  private readonly live: OwnOrders;
  private readonly priceChildren: number[];
  private rng!: AgentContext['rng'];
  /** Unit-exponential mass still to integrate before the pending event, from hawkes.tSec. */
  private massLeft = 0;
  private gen = 0;
  private watchGen = 0;
  private lastMarketSide = 1;
  /** activity_feedback: last sampled mid and the EWMA of squared sample returns, bps^2. */
  private lastSampleMid = 0;
  private sampleVarBps2 = 0;
  /** Current base-rate multiplier (1 without activity_feedback). */
  baseScale = 1;
  /** Events by type (market, limit, cancel), for tests and diagnostics. */
  readonly counts = new Float64Array(3);

  constructor(private readonly p: HawkesFlowParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    const rows = TYPES.map((i) => TYPES.map((j) => p.branching[i][j]));
    this.hawkes = new HawkesState(3, TYPES.map((t) => p.base_rate[t]), rows, p.kernel, p.max_rate);
    this.marketSize = new InverseSampler(p.market_size);
    this.limitSize = new InverseSampler(p.limit_size);
    this.offset = new InverseSampler(p.limit_offset_bps);
    this.live = new OwnOrders(p.max_open_orders);
    this.priceChildren = TYPES.map((t) => p.price_excitation[t]);
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.rng = ctx.stream('on/hawkes');
    this.hawkes.tSec = ctx.now / NS_PER_SEC;
    // Start at the stationary mean intensity: a near-critical process with an hours-long kernel
    // would otherwise take hours to warm up, and the day would not be stationary.
    this.hawkes.startStationary();
    this.massLeft = exponentialFrom(this.rng.uniform(), 1);
    this.schedule(ctx);
    if (this.priceChildren.some((c) => c > 0)) this.watch(ctx);
    const fb = this.p.activity_feedback;
    if (fb !== undefined) {
      this.lastSampleMid = this.port.mid(ctx);
      this.sampleVarBps2 = fb.reference_bps * fb.reference_bps;
      ctx.wakeAfter(fb.sample_interval, wakeTag(SAMPLE, 0));
    }
  }

  /** activity_feedback: one mid sample; the base rates follow the observed variance from now on. */
  private sample(ctx: AgentContext): void {
    const fb = this.p.activity_feedback;
    if (fb === undefined) return;
    ctx.wakeAfter(fb.sample_interval, wakeTag(SAMPLE, 0));
    const mid = this.port.mid(ctx);
    if (mid > 0 && this.lastSampleMid > 0) {
      const rBps = Math.log(mid / this.lastSampleMid) * 10_000;
      this.sampleVarBps2 += -Math.expm1(-fb.sample_interval / fb.timescale) * (rBps * rBps - this.sampleVarBps2);
    }
    this.lastSampleMid = mid;
    const m = Math.pow(this.sampleVarBps2 / (fb.reference_bps * fb.reference_bps), fb.elasticity);
    const scale = Math.max(1 / fb.max_multiplier, Math.min(fb.max_multiplier, m));
    // Integrate the old rates up to now and keep the unused mass (no extra draw), as for a price move.
    const nowSec = ctx.now / NS_PER_SEC;
    this.massLeft = Math.max(1e-12, this.massLeft - this.hawkes.compensator(nowSec - this.hawkes.tSec));
    this.hawkes.decayTo(nowSec);
    this.hawkes.setBaseScale(scale);
    this.baseScale = scale;
    this.schedule(ctx);
  }

  private schedule(ctx: AgentContext): void {
    const dtSec = this.hawkes.timeToMass(this.massLeft);
    if (!Number.isFinite(dtSec)) return;
    const atNs = Math.max(ctx.now + 1, Math.round((this.hawkes.tSec + dtSec) * NS_PER_SEC));
    if (atNs < 2 ** 52) ctx.wakeAt(atNs, wakeTag(ARRIVE, ++this.gen));
  }

  private watch(ctx: AgentContext): void {
    const mid = this.port.mid(ctx);
    const band = (mid * this.p.price_move_bps) / 10_000;
    ctx.watchMid(this.port.venueId, this.port.info.instrumentId, mid - band, mid + band, wakeTag(MOVE, ++this.watchGen));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    switch (tagPurpose(tag)) {
      case ARRIVE:
        if (tagGeneration(tag) !== this.gen) return;
        this.hawkes.decayTo(ctx.now / NS_PER_SEC);
        this.fire(ctx);
        this.massLeft = exponentialFrom(this.rng.uniform(), 1);
        this.schedule(ctx);
        break;
      case EXPIRE: {
        const id = tagGeneration(tag);
        if (this.live.remove(id)) this.port.cancel(ctx, id);
        break;
      }
      case SAMPLE:
        this.sample(ctx);
        break;
      case MOVE: {
        if (tagGeneration(tag) !== this.watchGen) return;
        // Keep the unused mass of the pending event: the excitation only brings it forward.
        const nowSec = ctx.now / NS_PER_SEC;
        this.massLeft = Math.max(1e-12, this.massLeft - this.hawkes.compensator(nowSec - this.hawkes.tSec));
        this.hawkes.decayTo(nowSec);
        this.hawkes.exciteBy(this.priceChildren);
        this.schedule(ctx);
        this.watch(ctx);
        break;
      }
    }
  }

  /** One event: 4 uniforms (type, side, size, offset), always drawn. */
  private fire(ctx: AgentContext): void {
    const uType = this.rng.uniform();
    const uSide = this.rng.uniform();
    const uSize = this.rng.uniform();
    const uOffset = this.rng.uniform();
    const lm = this.hawkes.intensity(0);
    const ll = this.hawkes.intensity(1);
    const x = uType * (lm + ll + this.hawkes.intensity(2));
    const type = x < lm ? 0 : x < lm + ll ? 1 : 2;
    this.counts[type] = (this.counts[type] as number) + 1;
    this.hawkes.exciteFrom(type);
    const info = this.port.info;
    if (type === 0) {
      // One uniform decides both "repeat" and, rescaled, the fresh side.
      const keep = this.p.market_sign_persistence;
      const side = uSide < keep ? this.lastMarketSide : (uSide - keep) / (1 - keep) < this.p.buy_probability ? 1 : -1;
      this.lastMarketSide = side;
      this.port.market(ctx, side, Math.max(1, sizeToLots(this.marketSize.at(uSize), info.lotSize)));
    } else if (type === 1) {
      if (this.live.full) return;
      const side = uSide < this.p.buy_probability ? 1 : -1;
      const snap = this.port.snapshot(ctx);
      const mid = this.port.mid(ctx);
      const touch = side > 0 ? (snap.bidLots > 0 ? snap.bidTicks : mid) : snap.askLots > 0 ? snap.askTicks : mid;
      const priceTicks = touch - (side * mid * Math.max(0, this.offset.at(uOffset))) / 10_000;
      const ticks = Math.max(1, priceToTicksDir(priceTicks * info.tickSize, info.tickSize, side < 0));
      const id = this.port.limit(ctx, side, ticks, Math.max(1, sizeToLots(this.limitSize.at(uSize), info.lotSize)));
      if (id === 0) return;
      this.live.add(id, side);
      if (this.p.order_lifetime > 0) ctx.wakeAfter(this.p.order_lifetime, wakeTag(EXPIRE, id));
    } else {
      const id = this.live.takeAt(uSide);
      if (id !== 0) this.port.cancel(ctx, id);
    }
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
    }
  }
}

/** The `hawkes_flow` agent kind. */
export const hawkesFlowKind: AgentKind<HawkesFlowParams> = {
  kind: 'hawkes_flow',
  description: 'Anonymous order flow: market, limit and cancel events from a mutually exciting Hawkes process (exponential or power-law kernel), optionally excited by price moves.',
  schema: hawkesFlowSchema as unknown as z.ZodType<HawkesFlowParams>,
  create: (params, env) => new HawkesFlow(params, env),
};
