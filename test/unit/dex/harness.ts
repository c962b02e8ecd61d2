/**
 * A tiny kernel world for DEX tests: a DexVenue (actor 0) with its liquidation engine (1) and
 * insurance fund (2), optionally a CexVenue (3, with 4 and 5), then scripted traders or other
 * actors. ctx.market routes to the venue by id (minus a market-data latency), recorders are
 * in-memory (test/unit/venue/harness.ts MemAppender), the fundamental is a test function.
 */
import { Kernel, type Actor, type ActorContext } from '../../../src/engine/kernel.js';
import { ConstantLatency } from '../../../src/engine/latency.js';
import { SimClock } from '../../../src/model/clock.js';
import type { AgentContext, MarketAccess } from '../../../src/model/context.js';
import { emptySnapshot } from '../../../src/model/market.js';
import { MessagePool, type Message } from '../../../src/model/messages.js';
import type { TableSpec } from '../../../src/model/tables.js';
import { CexVenue } from '../../../src/venue/cexVenue.js';
import { cexConfig } from '../../../src/venue/cexDefaults.js';
import { wakeViaContexts } from '../../../src/venue/marketData/marketDataTypes.js';
import { DexVenue, dexConfig, type DexVenueConfig } from '../../../src/venue/dex/index.js';
import { MemAppender, ScriptedTrader, START_UTC_MS, btcInstruments } from '../venue/harness.js';

export { MemAppender, ScriptedTrader, order } from '../venue/harness.js';

export const DEX = 0;
export const DEX_LIQ = 1;
export const CEX = 3;

export interface DexWorldOptions {
  /** Scripted traders (ids follow the venues). */
  traders?: number;
  /** Other actors added after the traders, by name. */
  actors?: [string, Actor<AgentContext, Message>][];
  instruments?: ('spot' | 'perp')[];
  dex?: Parameters<typeof dexConfig>[1];
  /** Also list a CEX (actor 3) with the same instruments. */
  withCex?: boolean;
  /** Agent -> venue latency (ns), both venues. */
  orderLatencyNs?: number;
  marketDataLatencyNs?: number;
  fundamental?: (tNs: number) => number;
  disabled?: readonly string[];
}

export interface DexWorld {
  kernel: Kernel<Message, MarketAccess>;
  dex: DexVenue;
  cex: CexVenue | null;
  cfg: DexVenueConfig;
  traders: ScriptedTrader[];
  /** Actor id of trader i. */
  id(i: number): number;
  /** Actor id of extra actor i. */
  actorId(i: number): number;
  table(spec: TableSpec): MemAppender;
  clock: SimClock;
}

export function makeDexWorld(opts: DexWorldOptions): DexWorld {
  const clock = new SimClock(START_UTC_MS);
  const instruments = btcInstruments(opts.instruments ?? ['perp']);
  const cfg = dexConfig({ name: 'dex', instruments, liquidationEngineId: DEX_LIQ, insuranceFundId: 2 }, opts.dex ?? {});
  const tables = new Map<string, MemAppender>();
  const table = (spec: TableSpec): MemAppender => {
    let a = tables.get(spec.name);
    if (a === undefined) {
      a = new MemAppender(spec, !(opts.disabled ?? []).includes(spec.name));
      tables.set(spec.name, a);
    }
    return a;
  };
  const md = opts.marketDataLatencyNs ?? 0;
  let dex: DexVenue | null = null;
  let cex: CexVenue | null = null;
  const venue = (v: number): DexVenue | CexVenue => (v === DEX ? (dex as DexVenue) : (cex as CexVenue));
  const kernel = new Kernel<Message, MarketAccess>({
    rootSeed: 7,
    payloads: new MessagePool(),
    extendContext: (base: ActorContext<Message>): MarketAccess => {
      const snap = emptySnapshot();
      return {
        market: (v, inst) => venue(v).snapshotAt(inst, base.now - md, snap),
        watchMid: (v, inst, lo, hi, tag) => venue(v).watchMid(inst, lo, hi, base.id, tag),
        unwatch: (h) => (dex as DexVenue).unwatch(h),
        fundamental: () => (opts.fundamental ? opts.fundamental(base.now) : Number.NaN),
        instrument: (v, inst) => venue(v).instrumentInfo(inst),
        optionSeries: (v) => venue(v).optionSeries(),
        recorder: table,
        clock,
      };
    },
  });
  const wakeAgent = wakeViaContexts((id) => kernel.contextOf(id), () => md);
  dex = new DexVenue(cfg, { venueId: DEX, clock, wakeAgent });
  kernel.addActor('dex', dex);
  kernel.addActor('dex/liquidation', {});
  kernel.addActor('dex/insurance', {});
  if (opts.withCex === true) {
    const cc = cexConfig({ name: 'cex', instruments, liquidationEngineId: CEX + 1, insuranceFundId: CEX + 2 });
    cex = new CexVenue(cc, { venueId: CEX, clock, wakeAgent });
    kernel.addActor('cex', cex);
    kernel.addActor('cex/liquidation', {});
    kernel.addActor('cex/insurance', {});
  }
  const first = kernel.actorCount;
  const traders: ScriptedTrader[] = [];
  const link = (id: number): void => {
    if (opts.orderLatencyNs === undefined) return;
    kernel.setLinkLatency(id, DEX, new ConstantLatency(opts.orderLatencyNs), `latency/dex/${id}`);
    if (cex !== null) kernel.setLinkLatency(id, CEX, new ConstantLatency(opts.orderLatencyNs), `latency/cex/${id}`);
  };
  for (let i = 0; i < (opts.traders ?? 0); i++) {
    const t = new ScriptedTrader();
    link(kernel.addActor(`trader/${i}`, t));
    traders.push(t);
  }
  const firstActor = kernel.actorCount;
  for (const [name, a] of opts.actors ?? []) link(kernel.addActor(name, a));
  return { kernel, dex, cex, cfg, traders, id: (i) => first + i, actorId: (i) => firstActor + i, table, clock };
}
