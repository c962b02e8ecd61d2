/**
 * A tiny kernel world for venue tests: one CexVenue (actor 0), its liquidation engine (1) and
 * insurance fund (2) as passive actors, and scripted traders (3..). The context extension wires
 * ctx.market to the venue's as-of snapshots (minus a per-trader market-data latency), watchMid to
 * the venue, and recorders to in-memory appenders so tests can read table rows.
 */
import { Kernel, type Actor, type ActorContext } from '../../../src/engine/kernel.js';
import { ConstantLatency } from '../../../src/engine/latency.js';
import { SimClock } from '../../../src/model/clock.js';
import type { AgentContext, MarketAccess } from '../../../src/model/context.js';
import { emptySnapshot } from '../../../src/model/market.js';
import { MessagePool, newMessage, resetMessage, type Message } from '../../../src/model/messages.js';
import type { Appender, TableSpec } from '../../../src/model/tables.js';
import { CexVenue } from '../../../src/venue/cexVenue.js';
import { cexConfig } from '../../../src/venue/cexDefaults.js';
import type { CexInstrumentConfig, CexVenueConfig } from '../../../src/venue/cexConfig.js';
import { wakeViaContexts } from '../../../src/venue/marketData/marketDataTypes.js';

/** An appender that keeps rows in memory. */
export class MemAppender implements Appender {
  readonly rows: number[][] = [];
  private cur: number[] = [];
  constructor(readonly spec: TableSpec, readonly enabled = true) {}
  begin(tNs: number): void {
    this.cur = new Array<number>(this.spec.columns.length).fill(0);
    this.cur[0] = tNs;
  }
  set(column: number, value: number): void {
    this.cur[column] = value;
  }
  end(): void {
    this.rows.push(this.cur);
  }
  /** Values of column `name` over all rows. */
  col(name: string): number[] {
    const i = this.spec.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new Error(`no column ${name} in ${this.spec.name}`);
    return this.rows.map((r) => r[i] as number);
  }
  /** Rows as objects (for readable assertions). */
  objects(): Record<string, number>[] {
    return this.rows.map((r) => Object.fromEntries(this.spec.columns.map((c, i) => [c.name, r[i] as number])));
  }
}

/** A received message with its delivery time. */
export interface Got extends Message {
  t: number;
  from: number;
}

/** A trader that runs script steps at given times and keeps every message it receives. */
export class ScriptedTrader implements Actor<AgentContext, Message> {
  readonly inbox: Got[] = [];
  readonly wakes: { t: number; tag: number }[] = [];
  readonly out = newMessage();
  ctx: AgentContext | null = null;
  private readonly steps: { t: number; run: (ctx: AgentContext, me: ScriptedTrader) => void }[] = [];
  /** Called on each message (e.g. dealers replying to QuoteRequested). */
  onMsg: ((ctx: AgentContext, msg: Readonly<Message>, me: ScriptedTrader) => void) | null = null;

  at(t: number, run: (ctx: AgentContext, me: ScriptedTrader) => void): this {
    this.steps.push({ t, run });
    return this;
  }
  onStart(ctx: AgentContext): void {
    this.ctx = ctx;
    this.steps.forEach((s, i) => ctx.wakeAt(s.t, 1_000_000 + i));
  }
  onWakeup(ctx: AgentContext, tag: number): void {
    if (tag >= 1_000_000) (this.steps[tag - 1_000_000] as { run: (c: AgentContext, m: ScriptedTrader) => void }).run(ctx, this);
    else this.wakes.push({ t: ctx.now, tag });
  }
  onMessage(ctx: AgentContext, msg: Readonly<Message>, from: number): void {
    this.inbox.push({ ...msg, t: ctx.now, from });
    this.onMsg?.(ctx, msg, this);
  }
  /** Messages of one kind. */
  got(kind: number): Got[] {
    return this.inbox.filter((m) => m.kind === kind);
  }
  /** Sends a message built by `fill` to `to`. */
  send(to: number, kind: number, fill: (m: Message) => void): void {
    const m = resetMessage(this.out, kind);
    fill(m);
    (this.ctx as AgentContext).send(to, m);
  }
}

export const VENUE = 0;
export const LIQ = 1;
export const FUND = 2;
export const FIRST_TRADER = 3;
/** 2026-01-01T00:00:00Z */
export const START_UTC_MS = Date.UTC(2026, 0, 1); // determinism-ok: a fixed instant in a test

/** Spot BTCUSDT and perp BTCUSDT-PERP: tick 0.1, lot 0.001 (one tick*lot = 1 quote unit), start 50,000. */
export function btcInstruments(kinds: readonly ('spot' | 'perp')[] = ['spot', 'perp']): CexInstrumentConfig[] {
  return kinds.map((kind, i) => ({
    symbol: kind === 'spot' ? 'BTCUSDT' : 'BTCUSDT-PERP',
    kind,
    tickSize: 0.1,
    lotSize: 0.001,
    makerFeeBps: 2,
    takerFeeBps: 5,
    initialPrice: 50_000,
    dictIndex: i,
  }));
}

export interface WorldOptions {
  traders: number;
  instruments?: CexInstrumentConfig[];
  overrides?: Parameters<typeof cexConfig>[1];
  /** Order entry latency trader -> venue and response latency venue -> trader (ns). */
  orderLatencyNs?: number;
  responseLatencyNs?: number;
  /** Market-data latency of every trader (ns). */
  marketDataLatencyNs?: number;
  /** Exogenous fundamental as a function of time (default: none, NaN). */
  fundamental?: (tNs: number) => number;
  /** Tables to turn off (by name). */
  disabled?: readonly string[];
}

export interface World {
  kernel: Kernel<Message, MarketAccess>;
  venue: CexVenue;
  cfg: CexVenueConfig;
  traders: ScriptedTrader[];
  /** Trader i's agent id. */
  id(i: number): number;
  tables: Map<string, MemAppender>;
  table(spec: TableSpec): MemAppender;
  clock: SimClock;
}

export function makeWorld(opts: WorldOptions): World {
  const clock = new SimClock(START_UTC_MS);
  const cfg = cexConfig(
    { name: 'cex', instruments: opts.instruments ?? btcInstruments(), liquidationEngineId: LIQ, insuranceFundId: FUND },
    opts.overrides ?? {},
  );
  const tables = new Map<string, MemAppender>();
  const table = (spec: TableSpec): MemAppender => {
    let a = tables.get(spec.name);
    if (a === undefined) {
      a = new MemAppender(spec, !(opts.disabled ?? []).includes(spec.name));
      tables.set(spec.name, a);
    }
    return a;
  };
  const mdLatency = opts.marketDataLatencyNs ?? 0;
  let venue: CexVenue | null = null;
  const kernel: Kernel<Message, MarketAccess> = new Kernel<Message, MarketAccess>({
    rootSeed: 1,
    payloads: new MessagePool(),
    extendContext: (base: ActorContext<Message>): MarketAccess => {
      const snap = emptySnapshot();
      return {
        market: (_v, inst) => (venue as CexVenue).snapshotAt(inst, base.now - mdLatency, snap),
        watchMid: (_v, inst, lo, hi, tag) => (venue as CexVenue).watchMid(inst, lo, hi, base.id, tag),
        unwatch: (h) => (venue as CexVenue).unwatch(h),
        fundamental: () => (opts.fundamental ? opts.fundamental(base.now) : Number.NaN),
        instrument: (_v, inst) => (venue as CexVenue).instrumentInfo(inst),
        optionSeries: () => (venue as CexVenue).optionSeries(),
        recorder: table,
        clock,
      };
    },
  });
  venue = new CexVenue(cfg, {
    venueId: VENUE,
    clock,
    wakeAgent: wakeViaContexts((id) => kernel.contextOf(id), () => mdLatency),
  });
  kernel.addActor('cex', venue);
  kernel.addActor('cex/liquidation', {});
  kernel.addActor('cex/insurance', {});
  const traders: ScriptedTrader[] = [];
  for (let i = 0; i < opts.traders; i++) {
    const t = new ScriptedTrader();
    const id = kernel.addActor(`trader/${i}`, t);
    traders.push(t);
    if (opts.orderLatencyNs !== undefined) kernel.setLinkLatency(id, VENUE, new ConstantLatency(opts.orderLatencyNs), `latency/cex/${id}`);
    if (opts.responseLatencyNs !== undefined) kernel.setLinkLatency(VENUE, id, new ConstantLatency(opts.responseLatencyNs), `latency/cex/${id}/back`);
  }
  return { kernel, venue, cfg, traders, id: (i) => FIRST_TRADER + i, tables, table, clock };
}

/** Fills `m` as a SubmitOrder. */
export function order(inst: number, side: number, orderType: number, priceTicks: number, sizeLots: number, clientOrderId = 0, flags = 0): (m: Message) => void {
  return (m) => {
    m.instrument = inst;
    m.side = side;
    m.orderType = orderType;
    m.priceTicks = priceTicks;
    m.sizeLots = sizeLots;
    m.clientOrderId = clientOrderId;
    m.flags = flags;
  };
}
