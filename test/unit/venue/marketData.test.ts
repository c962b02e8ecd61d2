import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptySnapshot, midTicks } from '../../../src/model/market.js';
import { MsgKind, OrderType } from '../../../src/model/messages.js';
import { L1Ring } from '../../../src/venue/marketData/l1Ring.js';
import { MidWatchSet } from '../../../src/venue/marketData/midWatch.js';
import { makeWorld, order, VENUE } from './harness.js';

const MS = 1_000_000;
const SEC = 1_000_000_000;
const PX = 500_000;

/** Pushes a record whose bid equals `v` (other fields fixed). */
function pushBid(r: L1Ring, t: number, v: number): void {
  r.push(t, v, 1, v + 10, 1, 0, 0, 0);
}

describe('L1Ring', () => {
  it('answers as-of queries with the last record at or before the time', () => {
    const r = new L1Ring(1000, 16);
    const s = emptySnapshot();
    expect(r.snapshotAt(5, s).bidLots).toBe(0); // before anything
    pushBid(r, 10, 100);
    pushBid(r, 20, 101);
    pushBid(r, 20, 102); // same instant: replaces
    pushBid(r, 35, 103);
    const cases: [number, number, number][] = [[9, 0, 0], [10, 100, 10], [19, 100, 10], [20, 102, 20], [34, 102, 20], [35, 103, 35], [1e9, 103, 35]];
    for (const [t, bid, tRec] of cases) {
      r.snapshotAt(t, s);
      expect([t, s.bidTicks, s.tNs]).toEqual([t, bid, tRec]);
    }
    expect(r.size).toBe(3);
  });

  it('skips a record identical to the newest', () => {
    const r = new L1Ring(0, 16);
    pushBid(r, 1, 100);
    pushBid(r, 2, 100);
    expect(r.size).toBe(1);
  });

  it('grows instead of dropping history younger than the retention, and counts stale reads beyond it', () => {
    const r = new L1Ring(100, 16);
    for (let t = 0; t < 64; t++) pushBid(r, t, 1000 + t); // 64 records inside 100 ns: must all stay
    expect(r.capacity).toBeGreaterThanOrEqual(64);
    const s = emptySnapshot();
    expect(r.snapshotAt(0, s).bidTicks).toBe(1000);
    // Much later records: old ones may now be overwritten; a query within retention stays exact.
    for (let t = 10_000; t < 10_500; t++) pushBid(r, t, t);
    expect(r.snapshotAt(10_499 - 100, s).bidTicks).toBe(10_399);
    expect(r.staleReads).toBe(0);
    r.snapshotAt(5, s); // long overwritten
    expect(r.staleReads).toBe(1);
  });

  it('property: any query within the retention equals a naive scan', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 0, max: 400 }), (gaps, retention) => {
        const r = new L1Ring(retention, 16);
        const times: number[] = [];
        const vals: number[] = [];
        let t = 0;
        gaps.forEach((g, i) => {
          t += g;
          pushBid(r, t, i + 1);
          if (times.length > 0 && times[times.length - 1] === t) vals[vals.length - 1] = i + 1;
          else {
            times.push(t);
            vals.push(i + 1);
          }
        });
        const s = emptySnapshot();
        for (let q = Math.max(0, t - retention); q <= t; q++) {
          let want = 0;
          for (let k = 0; k < times.length; k++) if ((times[k] as number) <= q) want = vals[k] as number;
          if (r.snapshotAt(q, s).bidTicks !== want) return false;
        }
        return r.staleReads === 0;
      }),
    );
  });

  it('freezes snapshots inside a halt at the last pre-halt record', () => {
    const r = new L1Ring(1000, 16);
    const s = emptySnapshot();
    pushBid(r, 10, 100);
    r.haltAt(20);
    pushBid(r, 20, 200);
    pushBid(r, 30, 300);
    r.resumeAt(40);
    pushBid(r, 45, 400);
    const cases: [number, number, boolean][] = [[15, 100, false], [20, 100, true], [39, 100, true], [40, 300, false], [50, 400, false]];
    for (const [t, bid, halted] of cases) {
      r.snapshotAt(t, s);
      expect([t, s.bidTicks, s.halted]).toEqual([t, bid, halted]);
    }
  });
});

describe('MidWatchSet', () => {
  it('fires each subscription once, in subscription order, only when the mid leaves its band', () => {
    const w = new MidWatchSet(1);
    const fired: number[] = [];
    const fire = (agent: number, tag: number): void => void fired.push(agent * 100 + tag);
    w.add(0, 90, 110, 1, 1);
    w.add(0, 95, 105, 2, 2);
    const h3 = w.add(0, 50, 150, 3, 3);
    w.check(0, 100, fire);
    expect(fired).toEqual([]);
    w.check(0, 106, fire);
    expect(fired).toEqual([202]);
    w.check(0, 80, fire);
    expect(fired).toEqual([202, 101]);
    w.remove(h3);
    w.check(0, 10, fire);
    expect(fired).toEqual([202, 101]);
    expect(w.size).toBe(0);
  });
});

describe('CexVenue market data', () => {
  it('serves L1 as of now minus the market-data latency', () => {
    const w = makeWorld({ traders: 2, marketDataLatencyNs: 1 * MS });
    const [mm, reader] = w.traders as [typeof w.traders[0], typeof w.traders[0]];
    const seen: [number, number, number][] = [];
    mm.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(0, 1, OrderType.Limit, PX, 7)));
    for (const t of [1.5 * MS, 2 * MS, 2.5 * MS]) {
      reader.at(t, (ctx) => {
        const s = ctx.market(VENUE, 0);
        seen.push([ctx.now, s.bidTicks, s.bidLots]);
      });
    }
    w.kernel.runUntil(3 * MS);
    expect(seen).toEqual([[1.5 * MS, 0, 0], [2 * MS, PX, 7], [2.5 * MS, PX, 7]]);
  });

  it('watchMid wakes the agent once, after its market-data latency, when the mid leaves the band', () => {
    const w = makeWorld({ traders: 2, marketDataLatencyNs: 2 * MS });
    const [mm, watcher] = w.traders as [typeof w.traders[0], typeof w.traders[0]];
    mm.at(1 * MS, (_c, me) => {
      me.send(VENUE, MsgKind.SubmitOrder, order(0, 1, OrderType.Limit, PX - 10, 5));
      me.send(VENUE, MsgKind.SubmitOrder, order(0, -1, OrderType.Limit, PX + 10, 5));
    });
    watcher.at(5 * MS, (ctx) => void ctx.watchMid(VENUE, 0, PX - 50, PX + 50, 77));
    // Lift the ask: the mid becomes (PX-10 + nothing) -> bid only = PX - 10: still inside.
    mm.at(10 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(0, -1, OrderType.Limit, PX + 200, 5)));
    mm.at(11 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(0, 1, OrderType.IOC, PX + 10, 5)));
    // Now bid PX-10, ask PX+200: mid PX+95 > PX+50 -> fires at 11 ms, agent wakes at 13 ms.
    mm.at(12 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(0, -1, OrderType.IOC, PX - 10, 5)));
    w.kernel.runUntil(20 * MS);
    expect(watcher.wakes).toEqual([{ t: 13 * MS, tag: 77 }]);
    const s = (watcher.ctx as NonNullable<typeof watcher.ctx>).market(VENUE, 0);
    expect(midTicks(s)).toBe(PX + 200);
  });

  it('freezes snapshots during a scheduled feed halt while trading goes on', () => {
    const w = makeWorld({ traders: 2 });
    const [mm, ctl] = w.traders as [typeof w.traders[0], typeof w.traders[0]];
    const seen: [number, number, boolean][] = [];
    mm.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(0, 1, OrderType.Limit, PX, 1)));
    ctl.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.FeedHalt, (m) => { m.instrument = -1; }));
    mm.at(3 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(0, 1, OrderType.Limit, PX + 5, 1)));
    ctl.at(5 * MS, (_c, me) => me.send(VENUE, MsgKind.FeedResume, (m) => { m.instrument = -1; }));
    for (const t of [1.5 * MS, 4 * MS, 6 * MS]) {
      ctl.at(t, (ctx) => {
        const s = ctx.market(VENUE, 0);
        seen.push([ctx.now, s.bidTicks, s.halted]);
      });
    }
    w.kernel.runUntil(7 * MS);
    expect(seen).toEqual([[1.5 * MS, PX, false], [4 * MS, PX, true], [6 * MS, PX + 5, false]]);
    expect(w.venue.instruments()[0]?.quotePerTickLot).toBe(1);
  });

  it('moves the index toward the spot mid (EMA) and sets the perp mark to index + clamped premium', () => {
    const w = makeWorld({
      traders: 1,
      overrides: { index: { method: 'ema', halfLifeNs: 5 * SEC }, mark: { halfLifeNs: 10 * SEC, maxBasis: 0.01 } },
    });
    const [mm] = w.traders as [typeof w.traders[0]];
    w.venue.openAccount(w.id(0), { collateralUnits: 1_000_000 * 10_000 });
    // Spot mid 51,000; perp mid 60,000 (a premium far beyond the 1 % clamp).
    mm.at(0, (_c, me) => {
      me.send(VENUE, MsgKind.SubmitOrder, order(0, 1, OrderType.Limit, 509_990, 1));
      me.send(VENUE, MsgKind.SubmitOrder, order(0, -1, OrderType.Limit, 510_010, 1));
      me.send(VENUE, MsgKind.SubmitOrder, order(1, 1, OrderType.Limit, 599_990, 1));
      me.send(VENUE, MsgKind.SubmitOrder, order(1, -1, OrderType.Limit, 600_010, 1));
    });
    const idx: number[] = [];
    const mark: number[] = [];
    for (const t of [1, 5, 60]) {
      mm.at(t * SEC, (ctx) => {
        idx.push(ctx.market(VENUE, 0).indexTicks);
        mark.push(ctx.market(VENUE, 1).markTicks);
      });
    }
    // At 100 s the spot mid steps to 52,000; 5 s later (one half-life) the index is half way.
    mm.at(100 * SEC, (_c, me) => {
      me.send(VENUE, MsgKind.CancelAll, (m) => { m.instrument = 0; });
      me.send(VENUE, MsgKind.SubmitOrder, order(0, 1, OrderType.Limit, 519_990, 1));
      me.send(VENUE, MsgKind.SubmitOrder, order(0, -1, OrderType.Limit, 520_010, 1));
    });
    // Read between two price ticks: the snapshot holds the value published at 105 s.
    mm.at(105.5 * SEC, (ctx) => void idx.push(ctx.market(VENUE, 0).indexTicks));
    w.kernel.runUntil(106 * SEC);
    // EMA with half-life 5 s from the first mid (51,000 at t=0): the index starts at the mid itself.
    expect(idx[0]).toBeCloseTo(510_000, 6);
    expect(idx[2]).toBeCloseTo(510_000, 6);
    // Mark = index * 1.01 once the premium EMA exceeds the clamp.
    expect((mark[2] as number) / (idx[2] as number)).toBeCloseTo(1.01, 9);
    expect(idx[3]).toBeCloseTo(515_000, 3);
  });
});
