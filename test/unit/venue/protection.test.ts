/**
 * Market-order price protection (CexVenueConfig.marketProtectionBps): the band price itself, and a
 * venue that stops market orders at mark * (1 +- band), cancels the rest (IocRemainder), rejects
 * when nothing lies inside the band, keeps a tighter own protection price, and exempts the
 * liquidation engine.
 */
import { describe, expect, it } from 'vitest';
import { MsgKind, OrderType, Reason } from '../../../src/model/messages.js';
import { TRADES, nullAppender, ORDERS } from '../../../src/model/tables.js';
import { DEFAULT_MARKET_PROTECTION_BPS } from '../../../src/venue/cexDefaults.js';
import { buildInstrumentInfo } from '../../../src/venue/instrumentInfo.js';
import { OrderRouter, protectedMarketPriceTicks, type PerpClearingPort } from '../../../src/venue/trading/orderRouter.js';
import { SpotLedger } from '../../../src/venue/trading/spotLedger.js';
import { VenueBook } from '../../../src/venue/trading/venueBook.js';
import { btcInstruments, LIQ, makeWorld, order, VENUE } from './harness.js';

const SPOT = 0;
const MS = 1_000_000;
const PX = 500_000; // 50,000.0 at tick 0.1: the initial price, so the mark before any two-sided mid

describe('protectedMarketPriceTicks', () => {
  const cases: { name: string; side: number; own: number; mark: number; frac: number; want: number }[] = [
    { name: 'buy: mark + 5 %', side: 1, own: 0, mark: 1000, frac: 0.05, want: 1050 },
    { name: 'sell: mark - 5 %', side: -1, own: 0, mark: 1000, frac: 0.05, want: 950 },
    { name: 'buy: fractional band rounds inward (floor)', side: 1, own: 0, mark: 1000.7, frac: 0.01, want: 1010 },
    { name: 'sell: fractional band rounds inward (ceil)', side: -1, own: 0, mark: 1000.7, frac: 0.01, want: 991 },
    { name: 'buy: tighter own price kept', side: 1, own: 1020, mark: 1000, frac: 0.05, want: 1020 },
    { name: 'buy: looser own price capped', side: 1, own: 1100, mark: 1000, frac: 0.05, want: 1050 },
    { name: 'sell: tighter own price kept', side: -1, own: 980, mark: 1000, frac: 0.05, want: 980 },
    { name: 'sell: looser own price floored', side: -1, own: 900, mark: 1000, frac: 0.05, want: 950 },
    { name: 'sell: band never below 1 tick', side: -1, own: 0, mark: 1, frac: 0.99, want: 1 },
    { name: 'unusable mark (NaN): own price unchanged', side: 1, own: 0, mark: Number.NaN, frac: 0.05, want: 0 },
    { name: 'unusable mark (0): own price unchanged', side: -1, own: 990, mark: 0, frac: 0.05, want: 990 },
  ];
  it.each(cases)('$name', (c) => {
    expect(protectedMarketPriceTicks(c.side, c.own, c.mark, c.frac)).toBe(c.want);
  });
});

/** Asks (or bids) at PX + offsets in ticks, 10 lots each, then one market order of `lots`. */
function sweep(opts: { bps?: number; side: number; offsets: number[]; lots: number; ownPrice?: number }) {
  const w = makeWorld({ traders: 2, ...(opts.bps === undefined ? {} : { overrides: { marketProtectionBps: opts.bps } }) });
  const [maker, taker] = w.traders as [typeof w.traders[0], typeof w.traders[0]];
  maker.at(1 * MS, (_c, me) => {
    for (const off of opts.offsets) me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, -opts.side, OrderType.Limit, PX + opts.side * off, 10));
  });
  taker.at(2 * MS, (_c, me) => me.send(VENUE, MsgKind.SubmitOrder, order(SPOT, opts.side, OrderType.Market, opts.ownPrice ?? 0, opts.lots, 9)));
  w.kernel.runUntil(5 * MS);
  return { w, taker, prices: w.table(TRADES).col('price').map((p) => Math.round(p * 10)) };
}

describe('CexVenue market-order protection', () => {
  it('defaults to the Binance marketTakeBound of 5 %', () => {
    expect(DEFAULT_MARKET_PROTECTION_BPS).toBe(500);
    expect(makeWorld({ traders: 0 }).cfg.marketProtectionBps).toBe(500);
  });

  // Levels at +0, +1 %, +4 %, +6 % of the mark (5,000 ticks = 1 %).
  const levels = [0, 5_000, 20_000, 30_000];
  const cases: { name: string; bps?: number; side: number; ownPrice?: number; wantOffsets: number[]; wantCanceled: number }[] = [
    { name: 'buy, default 500 bps: stops before +6 %', side: 1, wantOffsets: [0, 5_000, 20_000], wantCanceled: 10 },
    { name: 'sell, default 500 bps: stops before -6 %', side: -1, wantOffsets: [0, 5_000, 20_000], wantCanceled: 10 },
    { name: 'buy, 100 bps: +1 % is the edge (inclusive)', bps: 100, side: 1, wantOffsets: [0, 5_000], wantCanceled: 20 },
    { name: 'buy, 0 = off: walks the whole book', bps: 0, side: 1, wantOffsets: [0, 5_000, 20_000, 30_000], wantCanceled: 0 },
    { name: 'buy, own protection price tighter than the band', side: 1, ownPrice: PX + 10_000, wantOffsets: [0, 5_000], wantCanceled: 20 },
  ];
  it.each(cases)('$name', (c) => {
    const { taker, prices } = sweep({ side: c.side, offsets: levels, lots: 40, ...(c.bps === undefined ? {} : { bps: c.bps }), ...(c.ownPrice === undefined ? {} : { ownPrice: c.ownPrice }) });
    expect(prices).toEqual(c.wantOffsets.map((off) => PX + c.side * off));
    const canceled = taker.got(MsgKind.OrderCanceled);
    if (c.wantCanceled === 0) expect(canceled).toHaveLength(0);
    else expect(canceled).toMatchObject([{ clientOrderId: 9, sizeLots: c.wantCanceled, reason: Reason.IocRemainder }]);
  });

  it('rejects a market order with no liquidity inside the band (NoLiquidity)', () => {
    const { taker, prices } = sweep({ side: 1, offsets: [30_000], lots: 5 });
    expect(prices).toEqual([]);
    expect(taker.got(MsgKind.OrderRejected)).toMatchObject([{ clientOrderId: 9, reason: Reason.NoLiquidity }]);
  });

  it('reports the protection price as the accepted price', () => {
    const { taker } = sweep({ side: -1, offsets: [0], lots: 5 });
    expect(taker.got(MsgKind.OrderAccepted)).toMatchObject([{ clientOrderId: 9, priceTicks: PX - 25_000 }]);
  });
});

describe('OrderRouter protection scope', () => {
  /** A router over one spot book with the mark at PX and a 100 bps band. */
  function router() {
    const cfg = btcInstruments(['spot']);
    const info = buildInstrumentInfo(VENUE, cfg);
    const books: VenueBook[] = [];
    const noClearing: PerpClearingPort = { position: () => 0, canPlace: () => true, applyFill() {}, reserve() {}, resize() {} };
    const env = { venueId: VENUE, liquidationEngineId: LIQ, send() {}, nowNs: () => 0, markTicks: () => PX, marketProtectionBps: 100 };
    const r = new OrderRouter(env, cfg, info, books, noClearing, new SpotLedger(1), nullAppender(TRADES), nullAppender(ORDERS));
    books.push(new VenueBook(0, r, 1));
    for (const off of [0, 5_000, 20_000]) r.submit(10, SPOT, 0, -1, OrderType.Limit, PX + off, 10, 0);
    return r;
  }
  const cases: { name: string; owner: number; wantFilled: number }[] = [
    { name: 'an agent market order is cut at the band', owner: 11, wantFilled: 20 },
    { name: "the liquidation engine's market order is exempt", owner: LIQ, wantFilled: 30 },
  ];
  it.each(cases)('$name', (c) => {
    expect(router().submit(c.owner, SPOT, 0, 1, OrderType.Market, 0, 30, 0)).toBe(c.wantFilled);
  });

  it('rejects a negative or non-finite band at construction', () => {
    const cfg = btcInstruments(['spot']);
    const noClearing: PerpClearingPort = { position: () => 0, canPlace: () => true, applyFill() {}, reserve() {}, resize() {} };
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const env = { venueId: VENUE, liquidationEngineId: LIQ, send() {}, nowNs: () => 0, markTicks: () => PX, marketProtectionBps: bad };
      expect(() => new OrderRouter(env, cfg, buildInstrumentInfo(VENUE, cfg), [], noClearing, new SpotLedger(1), nullAppender(TRADES), nullAppender(ORDERS))).toThrow(RangeError);
    }
  });
});
