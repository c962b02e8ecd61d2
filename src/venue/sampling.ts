/**
 * Periodic table rows of a venue: `book` (top of book with index and mark) and `depth` (N levels
 * per side) every book interval. Rows are written in real units (ticks * tickSize,
 * lots * lotSize). Sampling reads state only: it never changes what the venue does.
 */
import { L2Snapshot } from '../book/index.js';
import { BOOK, DEPTH, type Appender } from '../model/tables.js';
import type { CexInstrumentConfig } from './cexConfig.js';
import type { VenueBook } from './trading/venueBook.js';
import type { VenuePrices } from './prices/venuePrices.js';

/** Half-width of the depth band recorded in the `book` table: 10 bp of the mid (the data README's depth figure). */
const DEPTH_BAND = 0.001;

export class BookSampler {
  private readonly l2: L2Snapshot;

  constructor(
    private readonly venueId: number,
    private readonly cfg: readonly CexInstrumentConfig[],
    private readonly books: readonly VenueBook[],
    private readonly prices: VenuePrices,
    depthLevels: number,
  ) {
    this.l2 = new L2Snapshot(Math.max(0, depthLevels));
  }

  /** Writes one `book` row per instrument and, when on, the `depth` rows. */
  sample(tNs: number, book: Appender, depth: Appender): void {
    for (let i = 0; i < this.books.length; i++) {
      const vb = this.books[i] as VenueBook;
      const c = this.cfg[i] as CexInstrumentConfig;
      const b = vb.book;
      const tick = c.tickSize;
      const lot = c.lotSize;
      if (book.enabled) {
        const col = BOOK.col;
        const bid = b.hasBid() ? b.bestBidTicks() * tick : Number.NaN;
        const ask = b.hasAsk() ? b.bestAskTicks() * tick : Number.NaN;
        book.begin(tNs);
        book.set(col.venue, this.venueId);
        book.set(col.instrument, c.dictIndex);
        book.set(col.bid, bid);
        book.set(col.ask, ask);
        book.set(col.bid_size, b.bestBidLots() * lot);
        book.set(col.ask_size, b.bestAskLots() * lot);
        book.set(col.mid, (bid + ask) / 2);
        book.set(col.last, vb.lastTicks > 0 ? vb.lastTicks * tick : Number.NaN);
        book.set(col.index, this.prices.indexPriceOf(i));
        book.set(col.mark, this.prices.markPrice(i));
        if (b.hasBid() && b.hasAsk()) {
          // within 10 bp of the mid, inclusive (data README / stats.py: p >= mid (1 - w), p <= mid (1 + w));
          // the 1e-9 tick slack keeps a level exactly on the boundary inside despite rounding
          const midTicks = (b.bestBidTicks() + b.bestAskTicks()) / 2;
          const lo = Math.ceil(midTicks * (1 - DEPTH_BAND) - 1e-9);
          const hi = Math.floor(midTicks * (1 + DEPTH_BAND) + 1e-9);
          book.set(col.depth_10bp_bid, b.lotsBetween(lo, b.bestBidTicks()) * lot);
          book.set(col.depth_10bp_ask, b.lotsBetween(b.bestAskTicks(), hi) * lot);
        }
        book.end();
      }
      if (depth.enabled && this.l2.capacity > 0) {
        b.snapshotL2(this.l2);
        this.depthSide(tNs, depth, c, 1, this.l2.bidLevels, this.l2.bidTicks, this.l2.bidLots, this.l2.bidOrders);
        this.depthSide(tNs, depth, c, -1, this.l2.askLevels, this.l2.askTicks, this.l2.askLots, this.l2.askOrders);
      }
    }
  }

  private depthSide(tNs: number, depth: Appender, c: CexInstrumentConfig, side: number, n: number, ticks: Float64Array, lots: Float64Array, orders: Int32Array): void {
    const col = DEPTH.col;
    for (let k = 0; k < n; k++) {
      depth.begin(tNs);
      depth.set(col.venue, this.venueId);
      depth.set(col.instrument, c.dictIndex);
      depth.set(col.side, side > 0 ? 1 : 0);
      depth.set(col.level, k);
      depth.set(col.price, (ticks[k] as number) * c.tickSize);
      depth.set(col.size, (lots[k] as number) * c.lotSize);
      depth.set(col.orders, orders[k] as number);
      depth.end();
    }
  }
}
