/**
 * `retail`: leveraged perpetual-swap traders. Each account has `collateral` (quote currency,
 * deposited by the world builder) and a leverage drawn once at creation from a distribution
 * (capped, stream `leverage`); the world builder opens the venue account from `accountSetup()`
 * (collateral, `margin_mode` isolated or cross, that leverage). While flat, at Poisson times, it enters with a
 * market order of collateral * leverage notional in the direction of a momentum, contrarian or
 * random signal; then it watches the mid (`watchMid`, no polling) and closes at take-profit or
 * stop-loss (fractions of the entry price) with a reduce-only market order. After an exit or a
 * `PositionLiquidated` it waits a cooldown and re-enters (after a liquidation only with
 * `reentry_probability`). The momentum signal reads the mid one lookback before each decision
 * (a wake-up scheduled then), not a sampled history, so 10^5 accounts stay cheap.
 * Streams: `arrival` (times), `leverage` (at build), `ctx.rng` (one uniform at every arrival, for
 * the random signal's side, drawn whether or not the trader is flat) and `on/liquidation` (one
 * per liquidation that closes the position: a reaction stream, docs/architecture.md), so an arrival's draws never depend on the market.
 *
 * `initial_position` (theory.md 6c: positions held from t = 0, no entry phase): every account
 * starts holding `size` base units at the start price, booked by the world builder against the
 * schedule account (AccountSetup.initialPosition), with the leverage and collateral that put its
 * liquidation price at a distance d below (long) or above (short) the start price; the d of the
 * N members are evenly spaced over [lo, hi] (member i at lo + (hi - lo)(i + 0.5)/N), so the
 * liquidation prices have the exact density rho = N * size / (P0 * (hi - lo)) base per quote.
 * Isolated margin: collateral C with C + q (P - P0) = mmr q P at P = P0 (1 - d) gives
 * 1/L = 1 - (1 - d)(1 - mmr) (long), C = q P0 / L; `maintenance_rate` must be the venue's.
 *
 * `other_positions` (with `initial_position`; issue 18 part 6): further positions held from t = 0
 * in other instruments of the same venue (e.g. a BTC perp next to the ETH perp the trader
 * manages), each at its own underlying's start price and at the account's leverage: the
 * collateral grows by each leg's notional / L. Under isolated margin each leg's bucket gets its
 * initial margin (the same leverage, so the same liquidation distance d on its own price); under
 * cross margin one wallet backs all legs, so a loss on one leg can liquidate the whole account.
 * The trader manages (take-profit, stop-loss, re-entry) only `instrument`; the other legs are
 * held until a liquidation or the end.
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { MsgFlag, MsgKind, Reason, type Message } from '../model/messages.js';
import { sizeToLots } from '../model/units.js';
import { baseSizeToLots } from '../model/market.js';
import { duration, nonNegative, positive, probability, ratePerSec } from '../model/schema.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount, InitialPosition } from './kind.js';
import { distribution, groupFields } from './common/schema.js';
import { Sampler } from './common/distribution.js';
import { OrderPort, poissonDelayNs, tagGeneration, tagPurpose, wakeTag } from './common/port.js';

export const retailSchema = z
  .object({
    ...groupFields('retail'),
    collateral: positive('Collateral per account in quote currency; the world builder deposits it at the venue. Default 1000.').prefault(1000),
    margin_mode: z.enum(['isolated', 'cross']).prefault('isolated').describe('Margin mode of the accounts (read by the venue). Default "isolated".'),
    leverage: distribution('Leverage per account, drawn once (values below 1 become 1).', { dist: 'lognormal', median: 10, sigma: 0.7 }),
    max_leverage: z.number().min(1).prefault(100).describe('Cap on the drawn leverage. Default 100.'),
    signal: z.enum(['momentum', 'contrarian', 'random']).prefault('momentum').describe('Entry direction: with the recent return, against it, or a coin flip. Default "momentum".'),
    lookback: duration('Return horizon of the momentum/contrarian signal. Default "5m".').prefault('5m'),
    threshold_bps: nonNegative('Smallest |return| that triggers a momentum/contrarian entry, bps. Default 10.').prefault(10),
    long_probability: probability('Probability of going long under the random signal. Default 0.5.').prefault(0.5),
    entry_rate: ratePerSec('Entry decisions per second while flat (Poisson). Default 1/600.').prefault(1 / 600),
    take_profit: nonNegative('Close when the price moved this fraction in favour (0 = never). Default 0.02.').prefault(0.02),
    stop_loss: nonNegative('Close when the price moved this fraction against (0 = never). Default 0.01.').prefault(0.01),
    cooldown: duration('Wait after an exit or a liquidation before new entries. Default "10m".').prefault('10m'),
    reentry_probability: probability('Probability of trading again after a liquidation. Default 0.5.').prefault(0.5),
    initial_position: z
      .object({
        side: z.enum(['long', 'short']).prefault('long').describe('Side held from t = 0. Default "long".'),
        size: positive('Position of every account, base units.'),
        liquidation_distance: z
          .object({ lo: z.number().gt(0).lt(1), hi: z.number().gt(0).lt(1) })
          .strict()
          .refine((d) => d.hi >= d.lo, 'hi must be >= lo')
          .describe('Liquidation price distance from the start price as a fraction, spread evenly over [lo, hi] across the members.'),
        maintenance_rate: z.number().gt(0).lt(1).prefault(0.004).describe("The venue's maintenance margin rate at this notional (Binance BTCUSDT first bracket 0.004). Default 0.004."),
      })
      .strict()
      .optional()
      .describe('Positions held from the start (no entry phase): each member holds `size` at the start price with its liquidation price at an evenly spaced distance. Collateral and leverage follow from it (the `collateral` and `leverage` fields are ignored). Default: none.'),
    other_positions: z
      .array(
        z
          .object({
            instrument: z.string().min(1).describe('Symbol of another perp or future at `venue`.'),
            side: z.enum(['long', 'short']).prefault('long').describe('Side held from t = 0. Default "long".'),
            size: positive('Position of every account in this instrument, base units.'),
          })
          .strict(),
      )
      .optional()
      .describe('Further positions held from t = 0 (needs `initial_position`) in other instruments of the venue, at their start prices and the account\'s leverage; held, never managed. Absent: none (absent rather than [] so the resolved scenarios without it are unchanged).'),
    margin_usage: z.number().gt(0).max(1).prefault(0.9).describe('Share of the collateral an entry commits as initial margin (notional = collateral * leverage * margin_usage); the rest pays fees and slippage, so a full-size entry is not rejected for margin. Default 0.9.'),
  })
  .strict()
  .refine((p) => p.take_profit < 1 && p.stop_loss < 1, 'take_profit and stop_loss must be < 1')
  .refine((p) => (p.other_positions ?? []).length === 0 || p.initial_position !== undefined, 'other_positions needs initial_position (the legs take its leverage)')
  .refine((p) => (p.other_positions ?? []).every((o) => o.instrument !== p.instrument), 'other_positions must name instruments other than `instrument`')
  .refine((p) => p.initial_position === undefined || initialLeverage(p.initial_position.liquidation_distance.lo, p.initial_position.maintenance_rate, p.initial_position.side) <= p.max_leverage,
    'initial_position.liquidation_distance.lo is closer than max_leverage allows')
  // A short's liquidation price lies at most 2 / (1 + mmr) - 1 above the entry even unlevered
  // (1x: collateral = notional); farther asks for leverage below 1, which the ledger refuses at
  // run time (fuzz case 156: hi 0.999999999, mmr 0.95 -> leverage 0.96).
  .refine((p) => p.initial_position === undefined || initialLeverage(p.initial_position.liquidation_distance.hi, p.initial_position.maintenance_rate, p.initial_position.side) >= 1, {
    message: 'initial_position.liquidation_distance.hi is farther than 1x leverage reaches (a short is liquidated at most (2 / (1 + maintenance_rate) - 1) above the entry)',
    path: ['initial_position', 'liquidation_distance', 'hi'],
  });

/**
 * Leverage whose isolated liquidation price lies a fraction `d` from the entry (see the header):
 * long 1/L = 1 - (1 - d)(1 - mmr); short (C + q (P0 - P) = mmr q P at P = P0 (1 + d)) 1/L = (1 + d)(1 + mmr) - 1.
 */
export function initialLeverage(d: number, mmr: number, side: 'long' | 'short' = 'long'): number {
  return 1 / (side === 'long' ? 1 - (1 - d) * (1 - mmr) : (1 + d) * (1 + mmr) - 1);
}
export type RetailParams = z.output<typeof retailSchema>;


const ARRIVE = 1;
const LOOK = 2;
const WATCH = 3;
const COOLDOWN_END = 4;
const RETRY_EXIT = 5;
/** Wait before re-sending an exit the venue canceled or rejected (no retry storms). */
const EXIT_RETRY_NS = 1_000_000_000;

const FLAT = 0;
const ENTERING = 1;
const HOLDING = 2;
const EXITING = 3;
const COOLING = 4;
const RETIRED = 5;

/** One retail account. Counters are read by tests and summaries. */
export class RetailTrader implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  private arrival!: AgentContext['rng'];
  private reentry!: AgentContext['rng'];
  /** Leverage of this account (drawn at creation). */
  readonly leverage: number;
  private state = FLAT;
  private pendingId = 0;
  private entryTicks = 0;
  private watchHandle = -1;
  private watchGen = 0;
  private lookMidTicks = NaN;
  takeProfits = 0;
  stopLosses = 0;
  liquidations = 0;

  constructor(private readonly p: RetailParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    // Drawn at world build (stream `leverage`): the venue opens the account with it.
    const lev = new Sampler(p.leverage).sample(env.stream('leverage'));
    const ip = p.initial_position;
    if (ip === undefined) {
      this.leverage = Math.min(p.max_leverage, Math.max(1, Number.isFinite(lev) ? lev : 1));
      this.collateral = p.collateral;
      return;
    }
    const { lo, hi } = ip.liquidation_distance;
    const d = lo + ((hi - lo) * (env.index + 0.5)) / env.groupSize;
    this.leverage = initialLeverage(d, ip.maintenance_rate, ip.side);
    // Lots on the grid; the start price on the tick grid (what the book opens at).
    const lots = sizeToLots(ip.size, info.lotSize);
    const priceTicks = Math.round(env.initialPrice / info.tickSize);
    this.initialLots = (ip.side === 'long' ? 1 : -1) * lots;
    this.initialPriceTicks = priceTicks;
    let notional = lots * info.lotSize * priceTicks * info.tickSize;
    for (const o of p.other_positions ?? []) {
      const oi = env.instrument(p.venue, o.instrument);
      if (oi.inverseScale !== undefined || info.inverseScale !== undefined) throw new Error(`retail ${env.name}: other_positions are for linear instruments`);
      const price = env.initialPriceOf?.(p.venue, o.instrument) ?? env.initialPrice;
      const oLots = sizeToLots(o.size, oi.lotSize);
      const oTicks = Math.round(price / oi.tickSize);
      this.otherPositions.push({ instrument: o.instrument, signedLots: (o.side === 'long' ? 1 : -1) * oLots, priceTicks: oTicks });
      notional += oLots * oi.lotSize * oTicks * oi.tickSize;
    }
    this.collateral = notional / this.leverage;
  }

  /** Further positions held from t = 0 (other_positions), booked by the world builder. */
  private readonly otherPositions: InitialPosition[] = [];

  /** Collateral deposited at the venue, quote currency. */
  private readonly collateral: number;
  /** Signed lots held from t = 0 (0 = none) and their entry price in ticks. */
  private readonly initialLots: number = 0;
  private readonly initialPriceTicks: number = 0;

  /** The account the world builder opens: this trader's collateral, margin mode, leverage and any position held from t = 0. */
  accountSetup(): AccountSetup {
    return {
      venue: this.p.venue, collateral: this.collateral, marginMode: this.p.margin_mode, leverage: this.leverage,
      ...(this.initialLots !== 0 ? { initialPosition: { instrument: this.p.instrument, signedLots: this.initialLots, priceTicks: this.initialPriceTicks } } : {}),
      ...(this.otherPositions.length > 0 ? { initialPositions: this.otherPositions } : {}),
    };
  }

  /** Signed position in lots (own mirror). */
  get positionLots(): number {
    return this.port.positionLots;
  }

  onStart(ctx: AgentContext): void {
    this.arrival = ctx.stream('arrival');
    this.reentry = ctx.stream('on/liquidation');
    if (this.initialLots !== 0) {
      // Held from t = 0 (booked by the world builder): mirror it and watch its exits.
      this.port.positionLots = this.initialLots;
      this.port.cashUnits -= this.initialLots * this.initialPriceTicks * this.port.info.quotePerTickLot;
      this.entryTicks = this.initialPriceTicks;
      this.arm(ctx);
    }
    this.scheduleArrival(ctx);
  }

  private scheduleArrival(ctx: AgentContext): void {
    const d = poissonDelayNs(this.arrival, this.p.entry_rate);
    if (!Number.isFinite(d)) return;
    const lb = this.p.lookback;
    // Look at the mid one lookback before the decision (or now, when the decision is sooner).
    if (this.p.signal !== 'random') {
      if (d > lb) ctx.wakeAfter(d - lb, wakeTag(LOOK, 0));
      else this.lookMidTicks = this.port.mid(ctx);
    }
    ctx.wakeAfter(d, wakeTag(ARRIVE, 0));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    switch (tagPurpose(tag)) {
      case LOOK:
        this.lookMidTicks = this.port.mid(ctx);
        break;
      case ARRIVE: {
        // Drawn at every arrival, used only by a flat trader with the random signal.
        const sideU = ctx.rng.uniform();
        if (this.state === FLAT) this.enter(ctx, sideU);
        if (this.state !== RETIRED) this.scheduleArrival(ctx);
        break;
      }
      case WATCH:
        if (tagGeneration(tag) === this.watchGen && this.state === HOLDING) {
          this.watchHandle = -1;
          this.exit(ctx);
        }
        break;
      case COOLDOWN_END:
        if (this.state === COOLING) this.state = FLAT;
        break;
      case RETRY_EXIT:
        if (this.state === EXITING) this.exit(ctx);
        break;
    }
  }

  private enter(ctx: AgentContext, sideU: number): void {
    const mid = this.port.mid(ctx);
    let side: number;
    if (this.p.signal === 'random') {
      side = sideU < this.p.long_probability ? 1 : -1;
    } else {
      if (!(this.lookMidTicks > 0)) return;
      const r = mid / this.lookMidTicks - 1;
      if (Math.abs(r) * 10_000 < this.p.threshold_bps) return;
      side = (r > 0) === (this.p.signal === 'momentum') ? 1 : -1;
    }
    const info = this.port.info;
    // Entry notional in the settlement currency: quote (linear), or the coin (inverse: that coin
    // amount is the base size itself, collateral being in coin there).
    const notional = this.p.collateral * this.leverage * this.p.margin_usage;
    const lots = info.inverseScale === undefined ? sizeToLots(notional / (mid * info.tickSize), info.lotSize) : baseSizeToLots(info, notional, mid * info.tickSize);
    if (lots <= 0) return;
    this.entryTicks = 0;
    this.pendingId = this.port.market(ctx, side, lots);
    this.state = ENTERING;
  }

  private exit(ctx: AgentContext): void {
    const pos = this.port.positionLots;
    if (pos === 0) {
      this.cool(ctx);
      return;
    }
    const mid = this.port.mid(ctx);
    if ((mid - this.entryTicks) * Math.sign(pos) > 0) this.takeProfits++;
    else this.stopLosses++;
    this.pendingId = this.port.market(ctx, -Math.sign(pos), Math.abs(pos), MsgFlag.ReduceOnly);
    this.state = EXITING;
  }

  /** Watches the mid for the take-profit and stop-loss levels around the entry. */
  private arm(ctx: AgentContext): void {
    const pos = this.port.positionLots;
    if (pos === 0) {
      this.state = FLAT;
      return;
    }
    this.state = HOLDING;
    if (this.p.take_profit === 0 && this.p.stop_loss === 0) return;
    const up = pos > 0 ? this.p.take_profit : this.p.stop_loss;
    const down = pos > 0 ? this.p.stop_loss : this.p.take_profit;
    const high = up > 0 ? this.entryTicks * (1 + up) : Infinity;
    const low = down > 0 ? this.entryTicks * (1 - down) : 0;
    this.watchHandle = ctx.watchMid(this.port.venueId, this.port.info.instrumentId, low, high, wakeTag(WATCH, ++this.watchGen));
  }

  private disarm(ctx: AgentContext): void {
    if (this.watchHandle >= 0) ctx.unwatch(this.watchHandle);
    this.watchHandle = -1;
    this.watchGen++;
  }

  private cool(ctx: AgentContext): void {
    this.state = COOLING;
    ctx.wakeAfter(this.p.cooldown, wakeTag(COOLDOWN_END, 0));
  }

  onMessage(ctx: AgentContext, msg: Readonly<Message>): void {
    switch (msg.kind) {
      case MsgKind.OrderFilled: {
        const before = this.port.positionLots;
        const signed = this.port.applyFill(msg);
        if (signed === 0 || msg.clientOrderId !== this.pendingId) break;
        if (this.state === ENTERING) {
          // Volume-weighted entry price over the fills that build the position. A fill that
          // crosses or closes a leftover position (e.g. after a partial liquidation) restarts it
          // at the fill price: averaging across a sign change would divide by zero.
          const after = this.port.positionLots;
          const adds = before === 0 || (Math.sign(before) === Math.sign(after) && Math.abs(after) > Math.abs(before));
          this.entryTicks = adds ? (this.entryTicks * Math.abs(before) + msg.priceTicks * Math.abs(signed)) / Math.abs(after) : msg.priceTicks;
          if (msg.aux0 <= 0) this.arm(ctx);
        } else if (this.state === EXITING && msg.aux0 <= 0) {
          this.cool(ctx);
        }
        break;
      }
      case MsgKind.OrderCanceled:
      case MsgKind.OrderRejected:
      case MsgKind.OrderExpired:
        if (msg.clientOrderId !== this.pendingId) break;
        if (this.state === ENTERING) this.arm(ctx);
        else if (this.state === EXITING) {
          // A reduce-only reject means the venue holds nothing to reduce: trust it and stand down.
          if (msg.kind === MsgKind.OrderRejected && msg.reason === Reason.ReduceOnlyWouldIncrease) this.port.positionLots = 0;
          if (this.port.positionLots === 0) this.cool(ctx);
          else ctx.wakeAfter(EXIT_RETRY_NS, wakeTag(RETRY_EXIT, 0)); // try again at market, later
        }
        break;
      case MsgKind.PositionDeleveraged:
      case MsgKind.FutureSettled:
        // Auto-deleveraging closed (part of) the position at the bankruptcy price, or a dated
        // future expired (closed at the settlement price): either way, flat means cool down.
        if (msg.instrument !== this.port.info.instrumentId) break; // another leg (other_positions)
        if (msg.kind === MsgKind.FutureSettled) this.port.applySettlement(msg);
        else this.port.applyDeleverage(msg);
        if (this.port.positionLots !== 0 || this.state === EXITING) break;
        this.disarm(ctx);
        this.entryTicks = 0;
        this.cool(ctx);
        break;
      case MsgKind.PositionLiquidated:
        // A cross liquidation also closes the other legs (other_positions): not this trader's book.
        if (msg.instrument !== this.port.info.instrumentId) break;
        this.port.applyLiquidation(msg);
        if (this.port.positionLots !== 0) break; // partial liquidation: keep watching
        this.liquidations++;
        this.disarm(ctx);
        this.entryTicks = 0;
        this.pendingId = 0;
        if (this.reentry.bernoulli(this.p.reentry_probability)) this.cool(ctx);
        else this.state = RETIRED;
        break;
    }
  }
}

/** The `retail` agent kind. */
export const retailKind: AgentKind<RetailParams> = {
  kind: 'retail',
  description: 'Leveraged perp trader: signal entries, take-profit/stop-loss, cooldown, reacts to liquidation.',
  schema: retailSchema as unknown as z.ZodType<RetailParams>,
  create: (params, env) => new RetailTrader(params, env),
};
