import { describe, expect, it } from 'vitest';
import { NS_PER_HOUR, NS_PER_SEC } from '../../../src/engine/time.js';
import { SimClock } from '../../../src/model/clock.js';
import { MsgKind, OrderType } from '../../../src/model/messages.js';
import { FUNDING } from '../../../src/model/tables.js';
import { DEFAULT_FUNDING } from '../../../src/venue/cexDefaults.js';
import { nextFundingNs } from '../../../src/venue/funding/fundingSchedule.js';
import { PremiumSampler } from '../../../src/venue/funding/premiumSampler.js';
import { VenueBook, type BookEvents } from '../../../src/venue/trading/venueBook.js';
import { makeWorld, order, START_UTC_MS, VENUE } from './harness.js';

const SPOT = 0;
const PERP = 1;
const MS = 1_000_000;

describe('funding schedule', () => {
  const cases: { name: string; startIso: string; intervalH: number; afterNs: number; wantIso: string }[] = [
    { name: 'aligned start: next is one interval later', startIso: '2026-01-01T00:00:00Z', intervalH: 8, afterNs: 0, wantIso: '2026-01-01T08:00:00Z' },
    { name: 'mid-interval start', startIso: '2026-01-01T05:30:00Z', intervalH: 8, afterNs: 0, wantIso: '2026-01-01T08:00:00Z' },
    { name: 'evening start rolls to 16:00', startIso: '2026-01-01T09:00:00Z', intervalH: 8, afterNs: 0, wantIso: '2026-01-01T16:00:00Z' },
    { name: 'hourly', startIso: '2026-01-01T09:59:59Z', intervalH: 1, afterNs: 0, wantIso: '2026-01-01T10:00:00Z' },
    { name: 'strictly after a funding time', startIso: '2026-01-01T00:00:00Z', intervalH: 8, afterNs: 8 * NS_PER_HOUR, wantIso: '2026-01-01T16:00:00Z' },
  ];
  it.each(cases)('$name', (c) => {
    const clock = new SimClock(Date.parse(c.startIso));
    const t = nextFundingNs(clock, { ...DEFAULT_FUNDING, intervalNs: c.intervalH * NS_PER_HOUR }, c.afterNs);
    expect(t).not.toBeNull();
    expect(clock.isoAt(t as number)).toBe(c.wantIso.replace('Z', '.000Z'));
  });
});

describe('premium samples', () => {
  const quiet: BookEvents = { onAccepted() {}, onRejected() {}, onFilled() {}, onCanceled() {}, onReduced() {}, onAmended() {} };
  /** A perp book (tick 0.1, lot 0.001) with bids and asks given as [ticks, lots]. */
  function bookWith(bids: [number, number][], asks: [number, number][]): VenueBook {
    const vb = new VenueBook(0, quiet, 0);
    let id = 1;
    for (const [p, l] of bids) vb.book.submit(id++, 1, 0, 1, OrderType.Limit, p, l);
    for (const [p, l] of asks) vb.book.submit(id++, 1, 0, -1, OrderType.Limit, p, l);
    return vb;
  }
  const cases: { name: string; notional: number; bids: [number, number][]; asks: [number, number][]; want: number }[] = [
    // Impact bid 50,050 (one level covers 10,000 USD) is above the index: P = 50 / 50,000.
    { name: 'impact bid above the index', notional: 10_000, bids: [[500_500, 1000]], asks: [[501_000, 100], [502_000, 1000]], want: 0.001 },
    // Impact bid 49,900 below the index, impact ask about 50,150 above it: P = 0.
    { name: 'index inside the impact spread', notional: 10_000, bids: [[499_000, 1000]], asks: [[501_000, 100], [502_000, 1000]], want: 0 },
    { name: 'impact ask below the index', notional: 1_000, bids: [[498_000, 1000]], asks: [[499_000, 1000]], want: -100 / 50_000 },
    // Too thin for 1M USD: the mid premium (49,850 + 49,900) / 2 vs 50,000.
    { name: 'thin book falls back to the mid', notional: 1_000_000, bids: [[498_000, 10]], asks: [[499_000, 10]], want: (49_850 - 50_000) / 50_000 },
    { name: 'notional 0 uses the mid', notional: 0, bids: [[500_500, 1000]], asks: [[501_500, 1000]], want: 0.002 },
  ];
  it.each(cases)('$name', (c) => {
    const p = new PremiumSampler(c.notional).sample(bookWith(c.bids, c.asks), 0.1, 0.001, 50_000);
    expect(p).toBeCloseTo(c.want, 12);
  });
  it('is NaN without any mid', () => {
    expect(new PremiumSampler(0).sample(bookWith([], [[499_000, 1]]), 0.1, 0.001, 50_000)).toBeNaN();
  });
});

describe('CexVenue funding settlement', () => {
  it('charges longs and pays shorts at the instruments rate, sums to zero with the rounding residue, and conserves money', () => {
    const w = makeWorld({
      traders: 3,
      overrides: { funding: { ...DEFAULT_FUNDING, intervalNs: NS_PER_HOUR }, priceUpdateIntervalNs: NS_PER_SEC },
    });
    const [mm, long, short] = w.traders as [typeof w.traders[0], typeof w.traders[0], typeof w.traders[0]];
    for (let i = 0; i < 3; i++) w.venue.openAccount(w.id(i), { collateralUnits: 100_000 * 10_000 });
    // Spot mid 50,000; perp mid 50,100: a 0.2 % premium, held for the whole hour.
    mm.at(0, (_c, me) => {
      me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, 1, OrderType.Limit, 499_990, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, -1, OrderType.Limit, 500_010, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.Limit, 500_900, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, 501_100, 10));
    });
    short.at(1 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, -1, OrderType.Limit, 501_000, 100)));
    long.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(PERP, 1, OrderType.IOC, 501_000, 100)));
    const start = w.venue.moneyCheck();
    w.kernel.runUntil(NS_PER_HOUR + 1);

    const rows = w.table(FUNDING).objects();
    expect(rows).toHaveLength(1);
    const row = rows[0] as Record<string, number>;
    expect(row['t_ns']).toBe(NS_PER_HOUR);
    // F8 = P + clamp(I - P, +-0.05 %) = 0.2 % - 0.05 % = 0.15 %; per 1 h: 0.15 % / 8.
    expect(row['premium']).toBeCloseTo(0.002, 9);
    expect(row['rate']).toBeCloseTo(0.0015 / 8, 12);
    expect(row['open_interest']).toBeCloseTo(0.1, 12);

    const payL = long.got(MsgKind.FundingSettled);
    const payS = short.got(MsgKind.FundingSettled);
    expect(payL).toHaveLength(1);
    expect(payS).toHaveLength(1);
    const paid = -(payL[0]?.aux0 ?? 0);
    const received = payS[0]?.aux0 ?? 0;
    // About 100 lots * mark (50,100 in ticks: 501,000) * rate.
    expect(paid).toBeCloseTo(100 * 501_000 * (0.0015 / 8), -1);
    expect(paid - received).toBe(Math.round((row['rounding'] as number) * 10_000));
    expect(row['paid_by_longs']).toBeCloseTo(paid / 10_000, 9);
    expect(payL[0]?.aux1).toBe(Math.round((0.0015 / 8) * 1e8));
    expect(mm.got(MsgKind.FundingSettled)).toHaveLength(0);

    const end = w.venue.moneyCheck();
    expect(end.clearingTotalUnits).toBe(end.depositedUnits);
    expect(end.depositedUnits).toBe(start.depositedUnits);
    expect(end.spotTotalUnits).toBe(0);
    expect(w.clock.utcMsAt(NS_PER_HOUR)).toBe(START_UTC_MS + 3_600_000);
  });
});
