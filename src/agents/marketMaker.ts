/**
 * `market_maker`: a maker that quotes only from what it can observe, never the fundamental:
 * the L1 microprice, its own inventory, the taker flow that hit its own quotes (an order-flow
 * imbalance in [-1, 1] from EWMAs of bought and sold volume) and its own realized volatility
 * (EWMA of squared mid returns sampled every `vol_sample_interval`, in bps per sqrt(s)).
 * It keeps its own fair value m: every fill moves m by flow_impact_bps per base unit of the
 * unexpected part of the taker's sign (sign - beta * imbalance, beta learnt online by default) (Glosten and Milgrom 1985: a taker may be informed; the move grows with
 * volatility), and m relaxes toward the observed reference (mid + microprice tilt) over
 * `anchor_timescale`, so makers agree with each other without ever seeing the value.
 * With `transient_impact`, a share of each move decays as a power law of its age instead
 * (src/agents/common/propagator.ts): quotes are centred on m + T, T the transient sum, and the
 * relaxation removes the maker's own quoted T from the reference, so T decays for real instead
 * of being learnt back as permanent from the book.
 *
 * Quotes (bps of the reference, after Avellaneda and Stoikov 2008 and Gueant, Lehalle,
 * Fernandez-Tapia 2013): half spread = base + vol_spread * sigma * sqrt(T) + adverse_spread *
 * |imbalance|; centre = m - inventory_skew * (q / max_q) * max(1, sigma / reference_vol). Levels are spaced by level_spacing scaled like the half spread, and the
 * quoted size shrinks as (reference_vol / sigma)^elasticity once sigma exceeds the reference: in
 * volatile spells the book thins and widens, so the same flow moves the price more, which is
 * one of the two mechanisms of volatility clustering here (the other is the Hawkes flow).
 *
 * Requotes (cancel all, post the ladder post-only) on a jittered timer, when inventory moved
 * `requote_inventory_change` and when m moved `requote_bps`. Randomness: stream `requote`, 1 uniform per timer requote.
 */
import type { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { MsgKind, OrderType, type Message } from '../model/messages.js';
import { priceToTicksDir, sizeToLots } from '../model/units.js';
import { NS_PER_SEC } from '../engine/time.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { OrderPort, tagPurpose, wakeTag } from './common/port.js';
import { marketMakerSchema, type MarketMakerParams } from './marketMakerSchema.js';
import { PowerLawPropagator } from './common/propagator.js';

export { marketMakerSchema, type MarketMakerParams } from './marketMakerSchema.js';

const QUOTE = 1;
const SAMPLE = 2;

/** One market maker. Public getters are read by tests. */
export class MarketMaker implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  private rng!: AgentContext['rng'];
  private lastSampleMid = 0;
  /** EWMA of squared log returns per sample. */
  private varPerSample = 0;
  private readonly volW: number;
  private readonly samplesPerSec: number;
  /** EWMAs of taker volume (base units) that bought from / sold to this maker, and their time. */
  private flowBuy = 0;
  private flowSell = 0;
  private longBuy = 0;
  private longSell = 0;
  private flowTNs = 0;
  /** EWMAs of sign x imbalance and imbalance^2 for the adaptive predictor. */
  private predXY = 0;
  private predXX = 0;
  private quoting = false;
  /** Fair value in ticks (NaN before the first quote) and when it was last relaxed. */
  fairTicks = Number.NaN;
  private fairTNs = 0;
  private lastQuotedFairTicks = Number.NaN;
  /** Own inventory shift of the last quotes, bps: removed from the observed reference so the skew is a level, not a drift. */
  private lastCentreBps = 0;
  /** Transient part of the fair value (bps), null without `transient_impact`; and its value in the last quotes. */
  private readonly transient: PowerLawPropagator | null;
  private readonly transientFraction: number;
  private lastTransientBps = 0;
  private lastQuotedInvLots = 0;
  private readonly maxInvLots: number;
  private readonly requoteLots: number;

  constructor(private readonly p: MarketMakerParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    this.volW = 1 - Math.exp(-p.vol_sample_interval / Math.max(1, p.vol_timescale));
    this.samplesPerSec = NS_PER_SEC / p.vol_sample_interval;
    this.maxInvLots = p.max_inventory / info.lotSize;
    this.requoteLots = Math.max(1, p.requote_inventory_change / info.lotSize);
    const ti = p.transient_impact;
    this.transient = ti !== undefined && ti.fraction > 0 ? new PowerLawPropagator(ti.exponent, ti.min_timescale, ti.max_timescale, ti.components) : null;
    this.transientFraction = ti?.fraction ?? 0;
  }

  /** The fair value the quotes are centred on, ticks: m, times the transient part if any. */
  quotedFairTicks(nowNs: number): number {
    return this.transient === null ? this.fairTicks : this.fairTicks * (1 + this.transient.valueAt(nowNs) / 10_000);
  }

  /** Realized volatility estimate, bps per sqrt(second) (the reference before any sample). */
  get sigmaBps(): number {
    return this.varPerSample > 0 ? Math.sqrt(this.varPerSample * this.samplesPerSec) * 10_000 : this.p.reference_vol;
  }

  /** Order-flow imbalance of the takers that hit this maker, in [-1, 1] (+ = they bought). */
  imbalance(nowNs: number): number {
    this.decayFlow(nowNs);
    const short = (this.flowBuy - this.flowSell) / (this.flowBuy + this.flowSell + this.p.flow_floor);
    if (!(this.p.flow_timescale_long > 0)) return short;
    return 0.5 * (short + (this.longBuy - this.longSell) / (this.longBuy + this.longSell + this.p.flow_floor));
  }

  get inventoryLots(): number {
    return this.port.positionLots;
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.rng = ctx.stream('requote');
    this.lastSampleMid = this.port.mid(ctx);
    this.flowTNs = ctx.now;
    ctx.wakeAfter(this.p.vol_sample_interval, wakeTag(SAMPLE, 0));
    this.requote(ctx);
    this.scheduleQuote(ctx);
  }

  private scheduleQuote(ctx: AgentContext): void {
    const u = this.rng.uniform();
    ctx.wakeAfter(Math.max(1, Math.round(this.p.requote_interval * (0.5 + u))), wakeTag(QUOTE, 0));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    if (tagPurpose(tag) === SAMPLE) {
      const mid = this.port.mid(ctx);
      if (mid > 0 && this.lastSampleMid > 0) {
        const r = Math.log(mid / this.lastSampleMid);
        this.varPerSample += this.volW * (r * r - this.varPerSample);
      }
      this.lastSampleMid = mid;
      ctx.wakeAfter(this.p.vol_sample_interval, wakeTag(SAMPLE, 0));
      return;
    }
    this.requote(ctx);
    this.scheduleQuote(ctx);
  }

  onMessage(ctx: AgentContext, msg: Readonly<Message>): void {
    if (msg.kind === MsgKind.OrderFilled) {
      const signed = this.port.applyFill(msg);
      if (signed !== 0) {
        // Our bid filled (signed > 0): the taker sold. Only the unexpected part of the sign moves
        // the fair value (Lillo and Farmer 2004; Bouchaud et al. 2004): the expected sign is the
        // imbalance of the flow so far, so a predictable metaorder moves prices less per child.
        const takerSign = signed > 0 ? -1 : 1;
        const imb = this.imbalance(ctx.now);
        const surprise = takerSign - this.beta() * imb;
        this.learn(takerSign, imb);
        const base = Math.abs(signed) * this.port.info.lotSize;
        if (signed > 0) {
          this.flowSell += base;
          this.longSell += base;
        } else {
          this.flowBuy += base;
          this.longBuy += base;
        }
        this.relaxFair(ctx);
        // The vol ratio is capped at 4 so the impact-volatility feedback cannot run away.
        const impact = this.p.flow_impact_bps * Math.pow(Math.min(4, this.sigmaBps / this.p.reference_vol), this.p.impact_vol_elasticity);
        const moveBps = surprise * impact * base;
        if (this.transient === null) {
          this.fairTicks *= 1 + moveBps / 10_000;
        } else {
          this.fairTicks *= 1 + ((1 - this.transientFraction) * moveBps) / 10_000;
          this.transient.add(ctx.now, this.transientFraction * moveBps);
        }
      }
      const q = this.quotedFairTicks(ctx.now);
      const movedBps = (Math.abs(q - this.lastQuotedFairTicks) / q) * 10_000;
      if (Math.abs(this.port.positionLots - this.lastQuotedInvLots) >= this.requoteLots || movedBps >= this.p.requote_bps) this.requote(ctx);
    } else if (msg.kind === MsgKind.PositionLiquidated) {
      this.port.applyLiquidation(msg);
    }
  }

  /** Slope of the expected taker sign on the imbalance (fixed, or the online least-squares estimate). */
  beta(): number {
    const f = this.p.flow_prediction;
    if (f !== 'adaptive') return f;
    return this.predXX > 0 ? Math.max(0, Math.min(1, this.predXY / this.predXX)) : 0;
  }

  /** Updates the online regression of taker sign on the prior imbalance (EWMA over prediction_fills). */
  private learn(sign: number, imb: number): void {
    const w = 1 / this.p.prediction_fills;
    this.predXY += w * (sign * imb - this.predXY);
    this.predXX += w * (imb * imb - this.predXX);
  }

  private decayFlow(nowNs: number): void {
    const dt = nowNs - this.flowTNs;
    if (dt <= 0) return;
    const f = Math.exp(-dt / Math.max(1, this.p.flow_timescale));
    this.flowBuy *= f;
    this.flowSell *= f;
    if (this.p.flow_timescale_long > 0) {
      const g = Math.exp(-dt / this.p.flow_timescale_long);
      this.longBuy *= g;
      this.longSell *= g;
    }
    this.flowTNs = nowNs;
  }

  /** Relaxes the fair value toward the observed reference over anchor_timescale. */
  private relaxFair(ctx: AgentContext): void {
    const ref = this.referenceTicks(ctx) * (1 - (this.lastCentreBps + this.lastTransientBps) / 10_000);
    if (!Number.isFinite(this.fairTicks)) {
      this.fairTicks = ref;
    } else {
      const dt = ctx.now - this.fairTNs;
      if (dt > 0) this.fairTicks += (ref - this.fairTicks) * -Math.expm1(-dt / Math.max(1, this.p.anchor_timescale));
    }
    this.fairTNs = ctx.now;
  }

  private referenceTicks(ctx: AgentContext): number {
    const s = this.port.snapshot(ctx);
    const mid = this.port.mid(ctx);
    if (!(s.bidLots > 0 && s.askLots > 0)) return mid;
    const micro = (s.bidTicks * s.askLots + s.askTicks * s.bidLots) / (s.bidLots + s.askLots);
    return mid + this.p.microprice_weight * (micro - mid);
  }

  private requote(ctx: AgentContext): void {
    const p = this.p;
    if (p.pull_on_halt && this.port.snapshot(ctx).halted) {
      if (this.quoting) this.port.cancelAll(ctx);
      this.quoting = false;
      return;
    }
    this.relaxFair(ctx);
    const ref = this.quotedFairTicks(ctx.now);
    this.lastTransientBps = this.transient === null ? 0 : this.transient.valueAt(ctx.now);
    this.lastQuotedFairTicks = ref;
    if (this.quoting) this.port.cancelAll(ctx);
    this.quoting = true;
    const inv = this.port.positionLots;
    this.lastQuotedInvLots = inv;
    const info = this.port.info;
    const sigma = this.sigmaBps;
    const volRatio = sigma / p.reference_vol;
    const imb = this.imbalance(ctx.now);
    const invFrac = Math.max(-1, Math.min(1, inv / this.maxInvLots));
    const half = p.base_half_spread_bps + p.vol_spread * sigma * Math.sqrt(p.vol_horizon / NS_PER_SEC) + p.adverse_spread_bps * Math.abs(imb);
    const spreadScale = p.base_half_spread_bps + p.vol_spread * p.reference_vol * Math.sqrt(p.vol_horizon / NS_PER_SEC);
    const spacing = p.level_spacing_bps * (spreadScale > 0 ? Math.max(1, half / spreadScale) : 1);
    const centreBps = -p.inventory_skew_bps * invFrac * Math.max(1, volRatio);
    this.lastCentreBps = centreBps;
    const centre = ref * info.tickSize * (1 + centreBps / 10_000);
    const sizeMul = volRatio > 1 ? Math.pow(1 / volRatio, p.size_vol_elasticity) : 1;
    const quoteBids = inv < this.maxInvLots;
    const quoteAsks = inv > -this.maxInvLots;
    let lastBid = Infinity;
    let lastAsk = 0;
    let levelSize = p.size * sizeMul;
    for (let i = 0; i < p.levels; i++, levelSize *= p.size_growth) {
      const lots = sizeToLots(levelSize, info.lotSize);
      if (lots <= 0) continue;
      const dist = (half + i * spacing) / 10_000;
      let bid = priceToTicksDir(centre * (1 - dist), info.tickSize, false);
      let ask = priceToTicksDir(centre * (1 + dist), info.tickSize, true);
      if (ask <= bid) ask = bid + 1;
      if (bid >= lastBid) bid = lastBid - 1;
      if (ask <= lastAsk) ask = lastAsk + 1;
      lastBid = bid;
      lastAsk = ask;
      if (quoteBids && bid > 0) this.port.limit(ctx, 1, bid, lots, 0, OrderType.PostOnly);
      if (quoteAsks) this.port.limit(ctx, -1, ask, lots, 0, OrderType.PostOnly);
    }
  }
}

/** The `market_maker` agent kind. */
export const marketMakerKind: AgentKind<MarketMakerParams> = {
  kind: 'market_maker',
  description: 'Market maker quoting from observables only (microprice, inventory, order-flow imbalance, realized vol) with an Avellaneda-Stoikov / GLFT spread.',
  schema: marketMakerSchema as unknown as z.ZodType<MarketMakerParams>,
  create: (params, env) => new MarketMaker(params, env),
};
