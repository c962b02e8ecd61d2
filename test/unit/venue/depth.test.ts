/**
 * L2 through the context: CexVenue.l2Snapshot into a model DepthSnapshot and
 * MarketAccess.depth as the world builder wires it (scenario/worldContext.ts). Depth is the live
 * book (no market-data latency) while ctx.market stays delayed: the test pins both.
 */
import { describe, expect, it } from 'vitest';
import { newDepthSnapshot, type DepthSnapshot } from '../../../src/model/market.js';
import { MsgKind, OrderType } from '../../../src/model/messages.js';
import type { FundamentalPath } from '../../../src/instruments/index.js';
import { marketAccessFor, type WorldServices } from '../../../src/scenario/worldContext.js';
import { makeWorld, order, VENUE, type World } from './harness.js';

const SPOT = 0;
const PERP = 1;
const MS = 1_000_000;
const PX = 500_000;

/** Levels of one side as [ticks, lots, orders] rows. */
function side(d: DepthSnapshot, bid: boolean): number[][] {
  const n = bid ? d.bidLevels : d.askLevels;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(bid ? [d.bidTicks[i] as number, d.bidLots[i] as number, d.bidOrders[i] as number] : [d.askTicks[i] as number, d.askLots[i] as number, d.askOrders[i] as number]);
  return rows;
}

/** The world's MarketAccess for trader `i`, built exactly as the scenario world builder does. */
function accessFor(w: World, i: number, marketDataLatencyNs: number) {
  const id = w.id(i);
  const md = new Float64Array(id + 1).fill(marketDataLatencyNs);
  const services: WorldServices = {
    clock: w.clock,
    recorder: { recorder: (spec) => w.table(spec) },
    fundamental: { valueAt: () => Number.NaN } as unknown as FundamentalPath,
    fundamentals: [],
    fundamentalOf: new Int32Array(id + 1),
    venueIndexById: Int32Array.from({ length: id + 1 }, (_, k) => (k === VENUE ? 0 : -1)),
    venues: [w.venue],
    marketDataNs: [md],
  };
  return marketAccessFor(w.kernel.contextOf(id), services);
}

/** A book: bids 3 lots @ PX-1 (two orders: 1 + 2), 5 @ PX-3, 7 @ PX-4; asks 4 @ PX+2, 6 @ PX+5. */
function seeded(marketDataLatencyNs = 0): World {
  const w = makeWorld({ traders: 2, marketDataLatencyNs });
  (w.traders[0] as World['traders'][0]).at(1 * MS, (_c, me) => {
    const rows: [number, number, number][] = [[1, PX - 1, 1], [1, PX - 1, 2], [1, PX - 3, 5], [1, PX - 4, 7], [-1, PX + 2, 4], [-1, PX + 5, 6]];
    for (const [s, p, l] of rows) me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, s, OrderType.Limit, p, l));
  });
  return w;
}

describe('depth (L2) through the context', () => {
  const cases: { name: string; capacity: number; bids: number[][]; asks: number[][] }[] = [
    { name: 'all levels, best first, with order counts', capacity: 10, bids: [[PX - 1, 3, 2], [PX - 3, 5, 1], [PX - 4, 7, 1]], asks: [[PX + 2, 4, 1], [PX + 5, 6, 1]] },
    { name: 'capped at the buffer capacity', capacity: 2, bids: [[PX - 1, 3, 2], [PX - 3, 5, 1]], asks: [[PX + 2, 4, 1], [PX + 5, 6, 1]] },
    { name: 'zero capacity writes nothing', capacity: 0, bids: [], asks: [] },
  ];
  it.each(cases)('venue l2Snapshot: $name', (c) => {
    const w = seeded();
    w.kernel.runUntil(2 * MS);
    const d = newDepthSnapshot(c.capacity);
    w.venue.l2Snapshot(SPOT, d);
    expect(side(d, true)).toEqual(c.bids);
    expect(side(d, false)).toEqual(c.asks);
  });

  it('ctx.depth returns the live book stamped now, while ctx.market is still delayed', () => {
    const latency = 5 * MS;
    const w = seeded(latency);
    let seen: { depthBids: number[][]; depthT: number; l1BidLots: number } | null = null;
    (w.traders[1] as World['traders'][0]).at(3 * MS, () => {
      const access = accessFor(w, 1, latency);
      const d = access.depth?.(VENUE, SPOT, newDepthSnapshot(4)) as DepthSnapshot;
      seen = { depthBids: side(d, true), depthT: d.tNs, l1BidLots: access.market(VENUE, SPOT).bidLots };
    });
    w.kernel.runUntil(4 * MS);
    // Orders rested at 1 ms; at 3 ms depth shows them (live), L1 as of 3 - 5 ms shows nothing yet.
    expect(seen).toEqual({ depthBids: [[PX - 1, 3, 2], [PX - 3, 5, 1], [PX - 4, 7, 1]], depthT: 3 * MS, l1BidLots: 0 });
  });

  it('an empty book and another instrument give no levels; an unknown instrument throws', () => {
    const w = seeded();
    w.kernel.runUntil(2 * MS);
    const access = accessFor(w, 1, 0);
    const d = access.depth?.(VENUE, PERP, newDepthSnapshot(3)) as DepthSnapshot;
    expect([d.bidLevels, d.askLevels]).toEqual([0, 0]);
    expect(() => access.depth?.(VENUE, 7, d)).toThrow(RangeError);
    expect(() => access.depth?.(VENUE + 5, SPOT, d)).toThrow(RangeError);
  });

  it('newDepthSnapshot rejects a bad capacity', () => {
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => newDepthSnapshot(bad)).toThrow(RangeError);
  });
});
