/**
 * The context an agent (or venue) actor receives: the kernel's {@link ActorContext} plus market
 * data views and table recorders. Agents never import venue/ or book/: they act by messages
 * through `send` and see markets only through `market(...)`.
 */
import type { ActorContext } from '../engine/kernel.js';
import type { Message } from './messages.js';
import type { DepthSnapshot, MarketSnapshot, InstrumentInfo, OptionSeriesInfo } from './market.js';
import type { Appender, TableSpec } from './tables.js';
import type { SimClock } from './clock.js';

/** World-level facts and views shared by all actors of a run. */
export interface MarketAccess {
  /**
   * L1 and reference prices of (venue, instrument) as of now minus this caller's market-data
   * latency to that venue. Returns a reused object: read it before the next call.
   */
  market(venueId: number, instrumentId: number): Readonly<MarketSnapshot>;
  /**
   * L2 of (venue, instrument): up to `out.capacity` levels per side, best first, written into the
   * caller-owned `out` (model/market.ts newDepthSnapshot) and returned; `out.tNs` = now.
   *
   * Latency: this is the LIVE book at `now`, with no market-data latency, unlike {@link market}
   * (L1 as of now minus the caller's latency). It models a privileged, instantaneous depth feed;
   * a strategy whose edge comes from seeing depth before others should account for that.
   * Optional (additive): the world builder (scenario/worldContext.ts) always provides it;
   * hand-built test contexts may not.
   */
  depth?(venueId: number, instrumentId: number, out: DepthSnapshot): DepthSnapshot;
  /**
   * Wakes the caller with `tag` once the mid of (venue, instrument) leaves [lowTicks, highTicks]
   * (one shot; subscribe again after it fires). Returns a handle for {@link unwatch}.
   */
  watchMid(venueId: number, instrumentId: number, lowTicks: number, highTicks: number, tag: number): number;
  unwatch(handle: number): void;
  /** The exogenous fundamental value (quote currency) at the current time; NaN when the scenario has none. */
  fundamental(): number;
  instrument(venueId: number, instrumentId: number): InstrumentInfo;
  /** Option series listed at a venue's options desk. */
  optionSeries(venueId: number): readonly OptionSeriesInfo[];
  /** An appender for `table` (a disabled one when the table is off). */
  recorder(table: TableSpec): Appender;
  readonly clock: SimClock;
}

/** What every agent and venue actor receives. */
export type AgentContext = ActorContext<Message> & MarketAccess;
