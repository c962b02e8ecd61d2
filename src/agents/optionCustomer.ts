/**
 * `option_customer`: end users who buy or sell listed options through the venue's options desk
 * (`RequestOption`) at Poisson times. Each request picks call or put and buy or sell from the
 * configured mix, an expiry (the nearest, or that of a randomly chosen listed series, within
 * `max_expiry`), and the strike closest to a random target log-moneyness ln(K/S) ~ N(0, sd)
 * around the spot it sees. In trend-chasing mode an extra stream of call purchases runs at the
 * base call-buy rate times (multiplier - 1), where the multiplier grows with the positive
 * return over a lookback: 1 + sensitivity * (return in %), capped. Streams: `arrival` (times),
 * `ctx.rng` (base requests) and `trend` (trend candidates: times, acceptance and their request).
 * Common random numbers: every request draws the same four quantities (expiry pick, target
 * moneyness, size, after the base request's call/put and buy/sell) from its own stream, and a
 * trend candidate draws them whether or not it is kept, so no draw depends on the market.
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import type { OptionSeriesInfo } from '../model/market.js';
import { MsgKind, newMessage, resetMessage, type Message } from '../model/messages.js';
import { NS_PER_MS } from '../engine/time.js';
import { MAX_RATE_PER_SEC, duration, nonNegative, probability, ratePerSec } from '../model/schema.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { accountFields, distribution, groupFields } from './common/schema.js';
import { Sampler } from './common/distribution.js';
import { MAX_ORDER_NOTIONAL } from '../model/capacity.js';
import { MidHistory } from './common/midHistory.js';
import { OrderPort, poissonDelayNs, tagPurpose, wakeTag } from './common/port.js';

export const optionCustomerSchema = z
  .object({
    ...groupFields('option_customer'),
    ...accountFields(1_000_000),
    rate: ratePerSec('Option requests per second per agent (Poisson). Default 0.01.').prefault(0.01),
    call_probability: probability('Share of requests for calls. Default 0.5.').prefault(0.5),
    buy_probability: probability('Share of requests that buy (customers net long options leave dealers short gamma). Default 0.6.').prefault(0.6),
    contracts: distribution('Contracts per request (rounded, at least 1).', { dist: 'fixed', value: 1 }),
    moneyness_sd: nonNegative('SD of the target log-moneyness ln(K/S). Default 0.05.').prefault(0.05),
    expiry_choice: z.enum(['nearest', 'random']).prefault('nearest').describe('Nearest listed expiry, or the expiry of a uniformly chosen listed series. Default "nearest".'),
    max_expiry: duration('Only series expiring within this are traded. Default "30d".').prefault('30d'),
    min_expiry: duration('Series expiring sooner than this are not traded. Default "0".').prefault('0'),
    trend: z
      .object({
        enabled: z.boolean().prefault(false).describe('Turn trend chasing on. Default false.'),
        lookback: duration('Return horizon. Default "1h".').prefault('1h'),
        sample_interval: duration('Own mid sampling interval. Default "1m".').prefault('1m'),
        sensitivity: nonNegative('Call-buy rate multiplier added per 1 % of positive return. Default 1.').prefault(1),
        max_multiplier: z.number().min(1).max(1000).prefault(5).describe('Cap of the multiplier, at most 1000 (with the rate bound, rate x max_multiplier stays within what the engine draws). Default 5.'),
      })
      .strict()
      .prefault({})
      .describe('Trend chasing: call buying speeds up after a rally.'),
  })
  .strict()
  .refine((p) => !p.trend.enabled || p.rate * p.trend.max_multiplier <= MAX_RATE_PER_SEC, {
    message: `rate x trend.max_multiplier is above ${MAX_RATE_PER_SEC} requests per second, the most the engine draws (model/schema.ts MAX_RATE_PER_SEC)`,
    path: ['trend', 'max_multiplier'],
  });
export type OptionCustomerParams = z.output<typeof optionCustomerSchema>;

const ARRIVE = 1;
const TREND_ARRIVE = 2;
const SAMPLE = 3;

/** One option customer. Counters are read by tests and summaries. */
export class OptionCustomer implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  private readonly series: readonly OptionSeriesInfo[];
  private readonly deskId: number;
  private readonly out = newMessage();
  private readonly contracts: Sampler;
  private readonly history: MidHistory | null;
  private arrival!: AgentContext['rng'];
  private trendRng!: AgentContext['rng'];
  private nextClientId = 1;
  private readonly extraMaxRate: number;
  requests = 0;
  fills = 0;
  rejects = 0;

  constructor(private readonly p: OptionCustomerParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    this.deskId = env.venueId(p.venue);
    this.series = env.optionSeries(p.venue);
    this.contracts = new Sampler(p.contracts, MAX_ORDER_NOTIONAL / env.initialPrice); // one contract is on one unit of the underlying
    this.history = p.trend.enabled ? new MidHistory(p.trend.lookback, Math.max(1, p.trend.sample_interval)) : null;
    this.extraMaxRate = p.rate * p.call_probability * p.buy_probability * (p.trend.max_multiplier - 1);
  }

  /** Current call-buy rate multiplier from the trend signal (1 when off or not ready). */
  multiplier(ctx: AgentContext): number {
    const h = this.history;
    if (h === null || !h.ready) return 1;
    const r = h.returnTo(this.port.mid(ctx));
    const m = 1 + this.p.trend.sensitivity * Math.max(0, r * 100);
    return m < this.p.trend.max_multiplier ? m : this.p.trend.max_multiplier;
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.arrival = ctx.stream('arrival');
    this.trendRng = ctx.stream('trend');
    this.schedule(ctx, ARRIVE, this.arrival, this.p.rate);
    if (this.history !== null) {
      this.history.push(this.port.mid(ctx));
      ctx.wakeAfter(this.history.sampleNs, wakeTag(SAMPLE, 0));
      this.schedule(ctx, TREND_ARRIVE, this.trendRng, this.extraMaxRate);
    }
  }

  private schedule(ctx: AgentContext, purpose: number, rng: AgentContext['rng'], rate: number): void {
    const d = poissonDelayNs(rng, rate);
    if (Number.isFinite(d)) ctx.wakeAfter(d, wakeTag(purpose, 0));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    const rng = ctx.rng;
    switch (tagPurpose(tag)) {
      case ARRIVE:
        this.request(ctx, rng, rng.bernoulli(this.p.call_probability), rng.bernoulli(this.p.buy_probability) ? 1 : -1);
        this.schedule(ctx, ARRIVE, this.arrival, this.p.rate);
        break;
      case TREND_ARRIVE: {
        // Thinning: candidates at the capped extra rate, kept with probability (m - 1) / (max - 1).
        const excess = (this.multiplier(ctx) - 1) / (this.p.trend.max_multiplier - 1);
        const keep = this.trendRng.uniform() < excess;
        this.request(ctx, this.trendRng, true, 1, keep);
        this.schedule(ctx, TREND_ARRIVE, this.trendRng, this.extraMaxRate);
        break;
      }
      case SAMPLE:
        if (this.history !== null) {
          this.history.push(this.port.mid(ctx));
          ctx.wakeAfter(this.history.sampleNs, wakeTag(SAMPLE, 0));
        }
        break;
    }
  }

  /**
   * Draws a request's expiry pick, target moneyness and size from `rng` (always, so the draws do
   * not depend on what is listed or on `send`), then, when `send`, picks a series and sends a
   * RequestOption. Returns the series index, or -1 when none fits or nothing was sent.
   */
  private request(ctx: AgentContext, rng: AgentContext['rng'], isCall: boolean, side: number, send = true): number {
    const pickU = rng.uniform();
    const targetLogMoneyness = this.p.moneyness_sd * rng.normal();
    const contracts = this.contracts.sample(rng);
    if (!send) return -1;
    const i = this.pickSeries(ctx, isCall, pickU, targetLogMoneyness);
    if (i < 0) return -1;
    const s = this.series[i] as OptionSeriesInfo;
    const m = resetMessage(this.out, MsgKind.RequestOption);
    m.instrument = s.seriesId;
    m.side = side;
    m.sizeLots = Math.max(1, Math.round(contracts));
    m.clientOrderId = this.nextClientId++;
    ctx.send(this.deskId, m);
    this.requests++;
    return i;
  }

  /** The series for uniform `pickU` (expiry choice) and target ln(K/S); -1 when none fits. */
  private pickSeries(ctx: AgentContext, isCall: boolean, pickU: number, target: number): number {
    const nowMs = ctx.clock.utcMsAt(ctx.now);
    const minMs = nowMs + this.p.min_expiry / NS_PER_MS;
    const maxMs = nowMs + this.p.max_expiry / NS_PER_MS;
    const list = this.series;
    // Pass 1: the expiry (nearest, or that of the series `pickU` chooses among those that fit).
    let expiry = Infinity;
    let eligible = 0;
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as OptionSeriesInfo;
      if (!fits(s, isCall, minMs, maxMs)) continue;
      eligible++;
      if (s.expiryUtcMs < expiry) expiry = s.expiryUtcMs;
    }
    if (eligible === 0) return -1;
    if (this.p.expiry_choice !== 'nearest') {
      let k = Math.min(eligible - 1, Math.floor(pickU * eligible));
      for (let i = 0; i < list.length; i++) {
        const s = list[i] as OptionSeriesInfo;
        if (fits(s, isCall, minMs, maxMs) && k-- === 0) {
          expiry = s.expiryUtcMs;
          break;
        }
      }
    }
    // Pass 2: the strike nearest the target moneyness (ties to the lower series id).
    const spot = this.port.mid(ctx) * this.port.info.tickSize;
    let best = -1;
    let bestDist = Infinity;
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as OptionSeriesInfo;
      if (s.isCall !== isCall || s.expiryUtcMs !== expiry) continue;
      const dist = Math.abs(Math.log(s.strike / spot) - target);
      if (dist < bestDist || (dist === bestDist && best >= 0 && s.seriesId < (list[best] as OptionSeriesInfo).seriesId)) {
        best = i;
        bestDist = dist;
      }
    }
    return best;
  }

  onMessage(_ctx: AgentContext, msg: Readonly<Message>): void {
    if (msg.kind === MsgKind.OptionFilled) this.fills++;
    else if (msg.kind === MsgKind.OptionRejected) this.rejects++;
  }
}

/** Whether series `s` is of the wanted type with an expiry in (minMs, maxMs]. */
function fits(s: OptionSeriesInfo, isCall: boolean, minMs: number, maxMs: number): boolean {
  return s.isCall === isCall && s.expiryUtcMs > minMs && s.expiryUtcMs <= maxMs;
}

/** The `option_customer` agent kind. */
export const optionCustomerKind: AgentKind<OptionCustomerParams> = {
  kind: 'option_customer',
  description: 'Option end user: Poisson option requests to the desk by moneyness, call/put and buy/sell mix, optional trend chasing.',
  schema: optionCustomerSchema as unknown as z.ZodType<OptionCustomerParams>,
  create: (params, env) => new OptionCustomer(params, env),
};
