/**
 * The market side of every actor's context (model/context.ts MarketAccess): as-of market data
 * through each venue's history minus the caller's market-data latency, live L2 depth, mid watches, the
 * exogenous fundamental, instrument facts, and table recorders. One object per actor, built
 * when the actor is registered; lookups read tables the world fills before the run starts.
 */
import type { ActorContext } from '../engine/kernel.js';
import type { MarketAccess } from '../model/context.js';
import type { SimClock } from '../model/clock.js';
import { emptySnapshot, type MarketSnapshot } from '../model/market.js';
import type { Message } from '../model/messages.js';
import type { RecorderSource } from '../model/tables.js';
import type { FundamentalPath } from '../instruments/index.js';
import type { VenueWorldApi } from '../venue/dex/index.js';

/** Watch handles carry the venue's position in their low bits (at most this many venues). */
export const MAX_VENUES = 64;

/** What the contexts read; venues and latencies are filled in by the builder before start. */
export interface WorldServices {
  readonly clock: SimClock;
  readonly recorder: RecorderSource;
  readonly fundamental: FundamentalPath;
  /** Every underlying's path (primary first). */
  readonly fundamentals: readonly FundamentalPath[];
  /** Actor id -> index into `fundamentals` that its ctx.fundamental() reads. */
  readonly fundamentalOf: Int32Array;
  /** Venue actor id -> position in `venues`, -1 for non-venues. */
  readonly venueIndexById: Int32Array;
  readonly venues: VenueWorldApi[];
  /** Market-data latency in ns of agent `id` to venue position `v`: `marketDataNs[v][id]`. */
  readonly marketDataNs: Float64Array[];
}

/** Builds the MarketAccess part of actor `base`'s context. */
export function marketAccessFor(base: ActorContext<Message>, w: WorldServices): MarketAccess {
  const scratch: MarketSnapshot = emptySnapshot();
  const venueAt = (venueId: number): { venue: VenueWorldApi; v: number } => {
    const v = venueId >= 0 && venueId < w.venueIndexById.length ? (w.venueIndexById[venueId] as number) : -1;
    const venue = w.venues[v];
    if (venue === undefined) throw new RangeError(`actor ${base.name} asked for market data of ${venueId}, which is not a venue`);
    return { venue, v };
  };
  return {
    clock: w.clock,
    market(venueId, instrumentId) {
      const { venue, v } = venueAt(venueId);
      const latency = (w.marketDataNs[v] as Float64Array)[base.id] as number;
      return venue.snapshotAt(instrumentId, base.now - latency, scratch);
    },
    depth(venueId, instrumentId, out) {
      // Live L2 (no market-data latency; see MarketAccess.depth). DepthSnapshot has the book's L2Snapshot shape.
      venueAt(venueId).venue.l2Snapshot(instrumentId, out);
      out.tNs = base.now;
      return out;
    },
    watchMid(venueId, instrumentId, lowTicks, highTicks, tag) {
      const { venue, v } = venueAt(venueId);
      return venue.watchMid(instrumentId, lowTicks, highTicks, base.id, tag) * MAX_VENUES + v;
    },
    unwatch(handle) {
      const v = handle % MAX_VENUES;
      w.venues[v]?.unwatch((handle - v) / MAX_VENUES);
    },
    fundamental() {
      return ((w.fundamentals[w.fundamentalOf[base.id] ?? 0] ?? w.fundamental) as FundamentalPath).valueAt(base.now);
    },
    instrument(venueId, instrumentId) {
      return venueAt(venueId).venue.instrumentInfo(instrumentId);
    },
    optionSeries(venueId) {
      return venueAt(venueId).venue.optionSeries();
    },
    recorder(spec) {
      return w.recorder.recorder(spec);
    },
  };
}
