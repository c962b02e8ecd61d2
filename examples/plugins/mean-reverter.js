// A plug-in agent kind for gammaloop: `mean_reverter`, a trader who leans against moves.
//
// Load it with `gammaloop run --plugin examples/plugins/mean-reverter.js scenario.yaml` (also
// `validate`, `schema`, `sweep`), or from code with `loadPlugin(file)` / `registerAgentKind(def)`.
// Its YAML is validated by its own zod schema, with errors located like the built-in kinds'.
//
// Each member wakes about every `interval` (jittered by a draw from its own named stream), keeps
// an exponential moving average of the mid it sees and, when the mid is more than `threshold_bps`
// above (below) that average, sells (buys) `size` base units at market. Every decision draws
// exactly one uniform, used or not, so two policies on one seed see the same draws (common random
// numbers). Units: sizes in base, prices in quote, thresholds in bps.
import { MsgKind, OrderPort, accountFields, duration, groupFields, sizeToLots, wakeTag, z } from 'gammaloop';

const schema = z
  .object({
    ...groupFields('mean_reverter'),
    ...accountFields(1_000_000),
    interval: duration('Mean time between decisions. Default "5s".').prefault('5s'),
    ema_weight: z.number().gt(0).max(1).prefault(0.1).describe('Weight of the newest mid in the moving average. Default 0.1.'),
    threshold_bps: z.number().nonnegative().prefault(5).describe('Trade when |mid / average - 1| exceeds this, in bps. Default 5.'),
    size: z.number().positive().prefault(0.01).describe('Order size in base units. Default 0.01.'),
  })
  .strict();

const DECIDE = 1;

class MeanReverter {
  constructor(params, env) {
    this.p = params;
    const info = env.instrument(params.venue, params.instrument);
    this.port = new OrderPort(env.venueId(params.venue), info, env.initialPrice / info.tickSize);
    this.ema = NaN;
    this.draws = null;
  }

  accountSetup() {
    return { venue: this.p.venue, collateral: this.p.collateral, marginMode: this.p.margin_mode, leverage: this.p.leverage };
  }

  onStart(ctx) {
    // A named stream of this member: agent/<group>/<i>/decide under the root seed.
    this.draws = ctx.stream('decide');
    ctx.wakeAfter(this.nextDelay(), wakeTag(DECIDE, 0));
  }

  nextDelay() {
    // One uniform per decision, always drawn: jitter in [0.5, 1.5) x interval.
    const u = this.draws.uniform();
    return Math.max(1, Math.round(this.p.interval * (0.5 + u)));
  }

  onWakeup(ctx) {
    const info = this.port.info;
    const mid = this.port.mid(ctx) * info.tickSize;
    const prev = this.ema;
    this.ema = Number.isNaN(prev) ? mid : prev + this.p.ema_weight * (mid - prev);
    if (!Number.isNaN(prev)) {
      const devBps = (mid / prev - 1) * 10_000;
      const lots = Math.max(1, sizeToLots(this.p.size, info.lotSize));
      if (devBps > this.p.threshold_bps) this.port.market(ctx, -1, lots);
      else if (devBps < -this.p.threshold_bps) this.port.market(ctx, 1, lots);
    }
    ctx.wakeAfter(this.nextDelay(), wakeTag(DECIDE, 0));
  }

  onMessage(_ctx, msg) {
    if (msg.kind === MsgKind.OrderFilled) this.port.applyFill(msg);
    else if (msg.kind === MsgKind.PositionLiquidated) this.port.applyLiquidation(msg);
  }
}

export default {
  name: 'gammaloop-example-mean-reverter',
  version: '1.0.0',
  agentKinds: [
    {
      kind: 'mean_reverter',
      description: 'Leans against moves of the mid away from its moving average (example plug-in).',
      schema,
      factory: (params, env) => new MeanReverter(params, env),
    },
  ],
};
