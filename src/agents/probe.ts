/**
 * `probe`: the impact calibrator of theory.md 1d ("impulse calibration"). Every `interval`
 * (from `start`), it sends one market order of random sign and random size (base units, from
 * `size`): small test trades whose effect on the mid over the same horizon the feedback theory
 * uses (the hedge interval) gives the permanent-at-tau impact lambda, by regression of the mid
 * change on the signed executed size (src/science/measures). Its trades are in the `trades`
 * table with the probe as taker, so sign and executed size are recorded. Randomness: two
 * draws per decision from `ctx.rng` (sign, size), whatever the market does.
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { MsgKind, type Message } from '../model/messages.js';
import { sizeToLots } from '../model/units.js';
import { duration } from '../model/schema.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { accountFields, distribution, groupFields } from './common/schema.js';
import { Sampler } from './common/distribution.js';
import { OrderPort } from './common/port.js';

export const probeSchema = z
  .object({
    ...groupFields('probe'),
    ...accountFields(100_000_000),
    interval: duration('Time between test trades. Default "1s".').prefault('1s'),
    start: duration('Time of the first test trade, from the scenario start. Default "1m".').prefault('1m'),
    size: distribution('Test trade size in base units (at least one lot).', { dist: 'uniform', min: 0.05, max: 0.5 }),
  })
  .strict();
export type ProbeParams = z.output<typeof probeSchema>;

class ProbeTrader implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;
  private readonly size: Sampler;

  constructor(private readonly p: ProbeParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
    this.size = new Sampler(p.size);
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    if (this.p.interval > 0) ctx.wakeAt(this.p.start);
  }

  onWakeup(ctx: AgentContext): void {
    const side = ctx.rng.uniform() < 0.5 ? 1 : -1;
    const lots = Math.max(1, sizeToLots(Math.max(0, this.size.sample(ctx.rng)), this.port.info.lotSize));
    this.port.market(ctx, side, lots);
    ctx.wakeAfter(this.p.interval);
  }

  onMessage(_ctx: AgentContext, msg: Readonly<Message>): void {
    if (msg.kind === MsgKind.OrderFilled) this.port.applyFill(msg);
  }
}

/** The `probe` agent kind. */
export const probeKind: AgentKind<ProbeParams> = {
  kind: 'probe',
  description: 'Impact calibrator: small market orders of random sign and size at a fixed cadence (theory.md 1d).',
  schema: probeSchema as unknown as z.ZodType<ProbeParams>,
  create: (params, env) => new ProbeTrader(params, env),
};
