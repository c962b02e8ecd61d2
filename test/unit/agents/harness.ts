/**
 * Test harness for agents without the real venue: a kernel with a fake venue actor that
 * records what it receives and answers like a minimal exchange (market orders fill at the
 * touch, limits are accepted and rest, cancels are confirmed), a settable L1 snapshot, a
 * settable fundamental, mid watches, and capturing table recorders.
 */
import { Kernel, type Actor } from '../../../src/engine/kernel.js';
import { SimClock } from '../../../src/model/clock.js';
import type { AgentContext, MarketAccess } from '../../../src/model/context.js';
import { emptySnapshot, midTicks, type InstrumentInfo, type MarketSnapshot, type OptionSeriesInfo } from '../../../src/model/market.js';
import { MessagePool, MsgKind, OrderType, newMessage, resetMessage, type Message } from '../../../src/model/messages.js';
import type { Appender, TableSpec } from '../../../src/model/tables.js';
import type { AgentEnv } from '../../../src/agents/kind.js';

export const PERP: InstrumentInfo = { venueId: 0, instrumentId: 1, symbol: 'BTC-PERP', kind: 'perp', tickSize: 0.1, lotSize: 0.001, quotePerTickLot: 1 };
export const START_UTC_MS = Date.UTC(2026, 2, 20, 8, 0, 0);

export interface Received {
  t: number;
  from: number;
  msg: Message;
}

export interface Row {
  table: string;
  t: number;
  values: number[];
}

/** Options of the fake venue. */
export interface FakeVenueOptions {
  /** Fill market orders at the touch (full size) when true; else cancel them (no liquidity). */
  fillMarket?: boolean;
  /** Fee per fill in quote units. */
  feeUnits?: number;
  /** Fill market orders in this many parts (aux0 = lots remaining after each); default 1. */
  splitFills?: number;
}

export class Harness {
  readonly kernel: Kernel<Message, MarketAccess>;
  readonly snap: MarketSnapshot = emptySnapshot();
  readonly received: Received[] = [];
  readonly rows: Row[] = [];
  readonly series: OptionSeriesInfo[] = [];
  fundamentalValue = NaN;
  readonly venueId: number;
  private watches: { id: number; low: number; high: number; tag: number; actor: number }[] = [];
  private nextWatch = 1;
  private nextOrderId = 1;
  readonly clock = new SimClock(START_UTC_MS);

  constructor(seed = 1, readonly opts: FakeVenueOptions = {}, readonly info: InstrumentInfo = PERP) {
    const self = this;
    this.kernel = new Kernel<Message, MarketAccess>({
      rootSeed: seed,
      payloads: new MessagePool(),
      extendContext: (base) => ({
        market: () => self.snap,
        watchMid: (_v: number, _i: number, low: number, high: number, tag: number) => {
          const id = self.nextWatch++;
          self.watches.push({ id, low, high, tag, actor: base.id });
          return id;
        },
        unwatch: (h: number) => {
          self.watches = self.watches.filter((w) => w.id !== h);
        },
        fundamental: () => self.fundamentalValue,
        instrument: () => self.info,
        optionSeries: () => self.series,
        recorder: (spec: TableSpec) => self.appender(spec),
        clock: self.clock,
      }),
    });
    this.venueId = this.kernel.addActor('venue', this.venueActor(), 'venue');
  }

  /** An AgentEnv for group `group` member `index`. */
  env(group = 'g', index = 0, initialPrice = 100_000): AgentEnv {
    const self = this;
    return {
      group,
      index,
      name: `${group}/${index}`,
      groupSize: 1,
      output: { greeksIntervalNs: 60e9, gexProfileRange: 0.1, gexProfilePoints: 21 },
      venueId: () => self.venueId,
      instrument: () => self.info,
      optionSeries: () => self.series,
      groupMembers: () => [],
      initialPrice,
      stream: (purpose: string) => self.kernel.streams.stream(`agent/${group}/${index}/${purpose}`),
    };
  }

  add(name: string, actor: Actor<AgentContext, Message>): number {
    return this.kernel.addActor(name, actor as Actor<AgentContext, Message>);
  }

  /** Sets the L1 (prices in quote currency, sizes in lots) and fires any mid watch it crosses. */
  setBook(bid: number, ask: number, bidLots = 1000, askLots = 1000): void {
    const s = this.snap;
    s.tNs = this.kernel.now;
    s.bidTicks = Math.round(bid / this.info.tickSize);
    s.askTicks = Math.round(ask / this.info.tickSize);
    s.bidLots = bidLots;
    s.askLots = askLots;
    s.indexTicks = (s.bidTicks + s.askTicks) / 2;
    s.markTicks = s.indexTicks;
    const mid = midTicks(s);
    const fired = this.watches.filter((w) => mid < w.low || mid > w.high);
    this.watches = this.watches.filter((w) => !(mid < w.low || mid > w.high));
    for (const w of fired) this.kernel.contextOf(w.actor).wakeAfter(0, w.tag);
  }

  /** Sets the mid (one-tick spread). */
  setMid(mid: number): void {
    this.setBook(mid - this.info.tickSize / 2, mid + this.info.tickSize / 2);
  }

  get watchCount(): number {
    return this.watches.length;
  }

  /** Messages of `kind` the venue received. */
  sent(kind: number, from?: number): Received[] {
    return this.received.filter((r) => r.msg.kind === kind && (from === undefined || r.from === from));
  }

  tableRows(spec: TableSpec): Row[] {
    return this.rows.filter((r) => r.table === spec.name);
  }

  run(untilNs: number): void {
    this.kernel.runUntil(untilNs);
  }

  /** Sends `msg` from the venue to `to` now. */
  deliver(to: number, fill: (m: Message) => void): void {
    const m = newMessage();
    fill(m);
    this.kernel.contextOf(this.venueId).send(to, m);
  }

  private appender(spec: TableSpec): Appender {
    const self = this;
    let row: Row | null = null;
    return {
      spec,
      enabled: true,
      begin(t: number) {
        row = { table: spec.name, t, values: new Array<number>(spec.columns.length).fill(0) };
      },
      set(c: number, v: number) {
        if (row) row.values[c] = v;
      },
      end() {
        if (row) self.rows.push(row);
        row = null;
      },
    };
  }

  private venueActor(): Actor<AgentContext, Message> {
    const self = this;
    const out = newMessage();
    return {
      onMessage(ctx, msg, from) {
        const copy = { ...msg };
        self.received.push({ t: ctx.now, from, msg: copy });
        if (msg.kind === MsgKind.SubmitOrder) {
          const orderId = self.nextOrderId++;
          if (msg.orderType === OrderType.Market) {
            if (self.opts.fillMarket === false) {
              resetMessage(out, MsgKind.OrderCanceled);
              out.instrument = msg.instrument;
              out.clientOrderId = msg.clientOrderId;
              out.orderId = orderId;
              out.sizeLots = msg.sizeLots;
              ctx.send(from, out);
              return;
            }
            const parts = Math.max(1, Math.min(msg.sizeLots, self.opts.splitFills ?? 1));
            let left = msg.sizeLots;
            for (let k = parts; k >= 1; k--) {
              const lots = k === 1 ? left : Math.floor(msg.sizeLots / parts);
              left -= lots;
              resetMessage(out, MsgKind.OrderFilled);
              out.instrument = msg.instrument;
              out.clientOrderId = msg.clientOrderId;
              out.orderId = orderId;
              out.side = msg.side;
              out.priceTicks = msg.side > 0 ? self.snap.askTicks : self.snap.bidTicks;
              out.sizeLots = lots;
              out.aux0 = left;
              out.aux1 = self.opts.feeUnits ?? 0;
              ctx.send(from, out);
            }
          } else {
            resetMessage(out, MsgKind.OrderAccepted);
            out.instrument = msg.instrument;
            out.clientOrderId = msg.clientOrderId;
            out.orderId = orderId;
            out.side = msg.side;
            out.priceTicks = msg.priceTicks;
            out.sizeLots = msg.sizeLots;
            ctx.send(from, out);
          }
        } else if (msg.kind === MsgKind.CancelOrder) {
          resetMessage(out, MsgKind.OrderCanceled);
          out.instrument = msg.instrument;
          out.clientOrderId = msg.clientOrderId;
          out.orderId = msg.orderId;
          ctx.send(from, out);
        }
      },
    };
  }
}
