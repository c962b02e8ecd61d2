/**
 * A busy scripted run for venue tests: random traders on spot and perp (limit, IOC and market
 * orders, cancels) from their own streams, half of them at 50x on small collateral, a drift down
 * after two minutes that triggers liquidations, and funding every minute.
 */
import { NS_PER_MIN, NS_PER_SEC } from '../../../src/engine/time.js';
import type { AgentContext } from '../../../src/model/context.js';
import { midTicks } from '../../../src/model/market.js';
import { MsgKind, OrderType } from '../../../src/model/messages.js';
import { DEFAULT_FUNDING } from '../../../src/venue/cexDefaults.js';
import { makeWorld, order, VENUE, type ScriptedTrader, type World } from './harness.js';

const MS = 1_000_000;
const RUN_NS = 4 * NS_PER_MIN;

/** Schedules random orders every ~200 ms from the trader's own stream, with a drift after `crashNs`. */
function randomFlow(t: ScriptedTrader, crashNs: number): void {
  const step = (ctx: AgentContext, me: ScriptedTrader): void => {
    const r = ctx.rng;
    const inst = r.uniform() < 0.5 ? 0 : 1;
    const s = ctx.market(VENUE, inst);
    let mid = midTicks(s);
    if (!(mid > 0)) mid = 500_000;
    const crash = ctx.now >= crashNs ? -2_000 : 0;
    const u = r.uniform();
    if (u < 0.08) {
      me.send(VENUE, MsgKind.CancelAll, (m) => { m.instrument = inst; });
    } else {
      const side = r.uniform() < (crash < 0 ? 0.3 : 0.5) ? 1 : -1;
      const type = u < 0.7 ? OrderType.Limit : u < 0.9 ? OrderType.IOC : OrderType.Market;
      const price = type === OrderType.Market ? 0 : Math.max(1, Math.round(mid + crash - side * (r.uniform() * 200 - 50)));
      me.send(VENUE, MsgKind.SubmitOrder, order(inst, side, type, price, 1 + Math.floor(r.uniform() * 20)));
    }
    ctx.wakeAfter(Math.round(100 * MS + r.uniform() * 200 * MS), 7);
  };
  t.at(1 * MS, step);
  // The harness's ScriptedTrader records plain wake-ups; chain the random step on them.
  const base = t.onWakeup.bind(t);
  t.onWakeup = (ctx: AgentContext, tag: number): void => {
    if (tag === 7) step(ctx, t);
    else base(ctx, tag);
  };
}

/** Runs the busy world for 4 minutes; `seedShift` perturbs timings; `disabled` turns tables off. */
export function runWorld(seedShift: number, disabled: readonly string[] = []): World {
  const w = makeWorld({
    disabled,
    traders: 8,
    orderLatencyNs: 1 * MS + seedShift,
    responseLatencyNs: 1 * MS,
    marketDataLatencyNs: 5 * MS,
    overrides: {
      funding: { ...DEFAULT_FUNDING, intervalNs: NS_PER_MIN },
      index: { method: 'ema', halfLifeNs: NS_PER_SEC },
      mark: { halfLifeNs: NS_PER_SEC, maxBasis: 0.05 },
      priceUpdateIntervalNs: 250 * MS,
      insuranceFundUnits: 1_000 * 10_000,
    },
  });
  w.traders.forEach((t, i) => {
    // Half the traders run at 50x on small collateral (liquidation candidates).
    w.venue.openAccount(w.id(i), i % 2 === 0 ? { leverage: 50, collateralUnits: 300 * 10_000 } : { leverage: 5, collateralUnits: 50_000 * 10_000 });
    randomFlow(t, 2 * NS_PER_MIN + seedShift * 1000);
  });
  // Seed both books so the first market orders have something to hit.
  (w.traders[1] as ScriptedTrader).at(0, (_c, me) => {
    for (const inst of [0, 1]) {
      me.send(VENUE, MsgKind.SubmitOrder, order(inst, 1, OrderType.Limit, 499_900, 50));
      me.send(VENUE, MsgKind.SubmitOrder, order(inst, -1, OrderType.Limit, 500_100, 50));
    }
  });
  w.kernel.runUntil(RUN_NS);
  return w;
}

