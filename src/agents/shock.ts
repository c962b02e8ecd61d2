/**
 * `shock`: a scripted group (normally of one) that sends large market orders at given times
 * (durations from the scenario start; sizes in base units). Fundamental jumps and feed halts
 * are world and venue matters handled by the run layer from the scenario `schedule:`.
 */
import { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { MsgKind, type Message } from '../model/messages.js';
import { sizeToLots } from '../model/units.js';
import { duration, size } from '../model/schema.js';
import type { AccountSetup, AgentEnv, AgentKind, HasAccount } from './kind.js';
import { accountFields, groupFields } from './common/schema.js';
import { OrderPort, tagGeneration, wakeTag } from './common/port.js';

const shockEvent = z
  .object({
    at: duration('When to send the order, as a duration from the scenario start.'),
    side: z.enum(['buy', 'sell']).describe('Side of the market order.'),
    size: size('Order size in base units.'),
  })
  .strict();

export const shockSchema = z
  .object({
    ...groupFields('shock'),
    ...accountFields(100_000_000),
    orders: z.array(shockEvent).prefault([]).describe('Scripted market orders [{at, side, size}]. Default [].'),
  })
  .strict();
export type ShockParams = z.output<typeof shockSchema>;

const FIRE = 1;

class ShockTrader implements Actor<AgentContext, Message>, HasAccount {
  private readonly port: OrderPort;

  constructor(private readonly p: ShockParams, env: AgentEnv) {
    const info = env.instrument(p.venue, p.instrument);
    this.port = new OrderPort(env.venueId(p.venue), info, env.initialPrice / info.tickSize);
  }

  /** The account the world builder opens at the venue. */
  accountSetup(): AccountSetup {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx: AgentContext): void {
    this.p.orders.forEach((o, i) => {
      ctx.wakeAt(o.at, wakeTag(FIRE, i));
    });
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    const o = this.p.orders[tagGeneration(tag)];
    if (o === undefined) return;
    this.port.market(ctx, o.side === 'buy' ? 1 : -1, sizeToLots(o.size, this.port.info.lotSize));
  }

  onMessage(_ctx: AgentContext, msg: Readonly<Message>): void {
    if (msg.kind === MsgKind.OrderFilled) this.port.applyFill(msg);
  }
}

/** The `shock` agent kind. */
export const shockKind: AgentKind<ShockParams> = {
  kind: 'shock',
  description: 'Scripted large market orders at scheduled times.',
  schema: shockSchema as unknown as z.ZodType<ShockParams>,
  create: (params, env) => new ShockTrader(params, env),
};
