/**
 * The `schedule` actor: fires the scenario's `schedule:` entries at their times and records each
 * in the `schedule` table. It is also the party of scripted market orders (it holds an account
 * with ample collateral at each venue, so a shock is never rejected for margin). Fundamental
 * jumps act on the exogenous path directly (no message: the path is the world's, not an
 * agent's); congestion windows are built into the DEX at world build, so they are only recorded
 * here (start and end); everything else reaches its target by a kernel message, so latency and ordering
 * stay the kernel's.
 */
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { MsgKind, OrderType, newMessage, resetMessage, type Message } from '../model/messages.js';
import { SCHEDULE } from '../model/tables.js';
import type { FundamentalPath } from '../instruments/index.js';
import type { ResolvedScheduleEntry } from './resolvedTypes.js';

/** Index of each action in the SCHEDULE table's `action` enum. */
const ACTION_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  ((SCHEDULE.columns[SCHEDULE.col.action]?.type as { values: readonly string[] }).values ?? []).map((v, i) => [v, i]),
);

/** How the schedule actor finds its targets (filled by the world builder). */
export interface ScheduleTargets {
  venueId(name: string): number;
  instrumentId(venue: string, symbol: string): number;
  /** Series id of an option series at a venue's options desk. */
  seriesId(venue: string, symbol: string): number;
  /** Base units per lot of an instrument (the table records sizes in base units). */
  lotSize(venue: string, symbol: string): number;
  groupMembers(group: string): readonly number[];
  /** Dealer ids quoting at a venue (vol shifts). */
  dealersAt(venue: string): readonly number[];
  readonly fundamental: FundamentalPath;
  /** The path of an underlying by symbol (undefined: the primary). */
  fundamentalOf(symbol: string | undefined): FundamentalPath;
}

/** Wake tags: entry index * 2 (+1 for the end of a windowed action). */
export class ScheduleActor implements Actor<AgentContext, Message> {
  private readonly out: Message = newMessage();
  private nextClientOrderId = 1;
  /** Child orders sent so far, per entry (sliced market orders). */
  private readonly sent: Int32Array;

  constructor(
    private readonly entries: readonly ResolvedScheduleEntry[],
    private readonly targets: ScheduleTargets,
  ) {
    this.sent = new Int32Array(entries.length);
  }

  onStart(ctx: AgentContext): void {
    this.entries.forEach((e, i) => ctx.wakeAt(Math.max(e.atNs, ctx.now), i * 2));
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    const e = this.entries[tag >> 1];
    if (e === undefined) return;
    const ending = (tag & 1) === 1;
    const t = this.targets;
    const m = this.out;
    switch (e.action) {
      case 'market_order': {
        // Child k of n gets floor(lots / n) lots, the first (lots mod n) one more.
        const venue = t.venueId(e.venue);
        const k = (this.sent[tag >> 1] as number);
        this.sent[tag >> 1] = k + 1;
        const lots = Math.floor(e.sizeLots / e.slices) + (k < e.sizeLots % e.slices ? 1 : 0);
        resetMessage(m, MsgKind.SubmitOrder);
        m.instrument = t.instrumentId(e.venue, e.instrument);
        m.clientOrderId = this.nextClientOrderId++;
        m.side = e.side === 'buy' ? 1 : -1;
        m.orderType = OrderType.Market;
        m.sizeLots = lots;
        ctx.send(venue, m);
        this.record(ctx, 'market_order', venue, m.side * lots * t.lotSize(e.venue, e.instrument), e.index);
        if (k + 1 < e.slices) ctx.wakeAt(ctx.now + e.intervalNs, tag);
        return;
      }
      case 'fundamental_jump':
        t.fundamentalOf(e.underlying).addJump(ctx.now, e.logReturn);
        this.record(ctx, 'fundamental_jump', ctx.id, e.logReturn, e.index);
        return;
      case 'liquidity_withdrawal': {
        const members = t.groupMembers(e.group);
        const n = Math.ceil(e.fraction * members.length);
        for (let i = 0; i < n; i++) {
          resetMessage(m, MsgKind.Scheduled);
          m.aux0 = e.index;
          m.aux1 = e.durationNs;
          ctx.send(members[i] as number, m);
        }
        this.record(ctx, 'liquidity_withdrawal', members[0] ?? ctx.id, e.fraction, e.index);
        return;
      }
      case 'feed_halt': {
        const venue = t.venueId(e.venue);
        resetMessage(m, ending ? MsgKind.FeedResume : MsgKind.FeedHalt);
        m.instrument = -1;
        ctx.send(venue, m);
        this.record(ctx, ending ? 'feed_resume' : 'feed_halt', venue, e.durationNs / 1e9, e.index);
        if (!ending) ctx.wakeAt(ctx.now + e.durationNs, (tag & ~1) | 1);
        return;
      }
      case 'vol_shift': {
        for (const dealer of t.dealersAt(e.venue)) {
          resetMessage(m, MsgKind.Scheduled);
          m.aux0 = e.index;
          m.aux1 = e.atmVolChange;
          ctx.send(dealer, m);
        }
        this.record(ctx, 'vol_shift', t.venueId(e.venue), e.atmVolChange, e.index);
        return;
      }
      case 'congestion':
        // The DEX already holds this window (world build, venueConfig.ts): only record it.
        this.record(ctx, ending ? 'congestion_end' : 'congestion_start', t.venueId(e.venue), e.durationNs / 1e9, e.index);
        if (!ending) ctx.wakeAt(ctx.now + e.durationNs, (tag & ~1) | 1);
        return;
      case 'open_interest': {
        // New open interest arrives as a customer request at the options desk: the dealers quote
        // from their own surfaces and the best quote takes it, premium and all, exactly like
        // option_customer flow. This actor is the customer (it holds a funded account).
        const venue = t.venueId(e.venue);
        resetMessage(m, MsgKind.RequestOption);
        m.instrument = t.seriesId(e.venue, e.series);
        m.clientOrderId = this.nextClientOrderId++;
        m.side = e.dealerSide === 'short' ? 1 : -1; // dealers short: the customer buys
        m.sizeLots = e.contracts;
        ctx.send(venue, m);
        this.record(ctx, 'open_interest', venue, m.side * e.contracts, e.index);
        return;
      }
    }
  }

  private record(ctx: AgentContext, action: string, target: number, value: number, entry: number): void {
    const r = ctx.recorder(SCHEDULE);
    if (!r.enabled) return;
    r.begin(ctx.now);
    r.set(SCHEDULE.col.action, ACTION_INDEX[action] as number);
    r.set(SCHEDULE.col.target, target);
    r.set(SCHEDULE.col.value, value);
    r.set(SCHEDULE.col.entry, entry);
    r.end();
  }
}
