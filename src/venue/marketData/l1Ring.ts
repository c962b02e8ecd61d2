/**
 * The as-of market data store of one book: a ring buffer of timestamped L1 records (best bid/ask
 * in ticks and lots, last trade ticks, index and mark in fractional ticks), so a reader can ask
 * "what did the top of book look like at time t" and get the last record with time <= t.
 *
 * Units: times ns since start, prices ticks of this book's instrument (index and mark fractional),
 * sizes lots. Storage is struct-of-arrays (Float64Array), allocation-free per record.
 *
 * Retention: the ring grows (doubling) instead of overwriting a record younger than
 * `retentionNs`, so as-of queries up to `retentionNs` in the past are always exact; the world
 * builder sets `retentionNs` >= the largest market-data latency of any link. A query older than
 * every retained record returns the oldest retained record and counts a `staleReads` miss (the
 * reader sees slightly newer data than it should; the counter makes that visible in tests).
 *
 * Feed halts: records keep flowing during a halt (the venue's own state is live), but a query whose
 * as-of time falls inside a halt interval returns the last record before the halt, flagged
 * `halted: true`.
 */
import type { MarketSnapshot } from '../../model/market.js';

const MIN_CAPACITY = 16;

/** One book's L1 history with as-of lookup. */
export class L1Ring {
  private cap: number;
  private mask: number;
  private t: Float64Array;
  private bidT: Float64Array;
  private bidL: Float64Array;
  private askT: Float64Array;
  private askL: Float64Array;
  private lastT: Float64Array;
  private indexT: Float64Array;
  private markT: Float64Array;
  /** Index of the oldest retained record (monotone, not masked) and count of records. */
  private head = 0;
  private count = 0;
  /** True once a record was overwritten (history before the oldest is lost, not empty). */
  private dropped = false;
  /** Halt intervals [start, end) in ns, end = Infinity while halted; ascending. */
  private readonly haltStart: number[] = [];
  private readonly haltEnd: number[] = [];
  /** Queries older than every retained record (see file header). */
  staleReads = 0;

  /**
   * @param retentionNs records younger than this (relative to the newest) are never overwritten.
   * @param initialCapacity starting size (rounded up to a power of two).
   */
  constructor(readonly retentionNs: number, initialCapacity = 1024) {
    if (!Number.isSafeInteger(retentionNs) || retentionNs < 0) throw new RangeError(`retentionNs must be a non-negative integer, got ${retentionNs}`);
    let c = MIN_CAPACITY;
    while (c < initialCapacity) c *= 2;
    this.cap = c;
    this.mask = c - 1;
    this.t = new Float64Array(c);
    this.bidT = new Float64Array(c);
    this.bidL = new Float64Array(c);
    this.askT = new Float64Array(c);
    this.askL = new Float64Array(c);
    this.lastT = new Float64Array(c);
    this.indexT = new Float64Array(c);
    this.markT = new Float64Array(c);
  }

  get size(): number {
    return this.count;
  }
  get capacity(): number {
    return this.cap;
  }

  /**
   * Appends the L1 state at `tNs` (>= the newest record's time). A record identical to the newest
   * is skipped; a record at the same time as the newest replaces it (readers see the state after
   * everything that happened at one instant).
   */
  push(tNs: number, bidTicks: number, bidLots: number, askTicks: number, askLots: number, lastTicks: number, indexTicks: number, markTicks: number): void {
    if (this.count > 0) {
      const n = (this.head + this.count - 1) & this.mask;
      const tn = this.t[n] as number;
      if (tNs < tn) throw new Error(`L1Ring: record at ${tNs} ns after one at ${tn} ns`);
      if (
        this.bidT[n] === bidTicks && this.bidL[n] === bidLots && this.askT[n] === askTicks && this.askL[n] === askLots &&
        this.lastT[n] === lastTicks && this.indexT[n] === indexTicks && this.markT[n] === markTicks
      ) return;
      if (tn === tNs) {
        this.write(n, tNs, bidTicks, bidLots, askTicks, askLots, lastTicks, indexTicks, markTicks);
        return;
      }
    }
    if (this.count === this.cap) {
      // Full: drop the oldest only when it is outside the retention window, else grow.
      const secondT = this.t[(this.head + 1) & this.mask] as number;
      // The oldest may go when the next record already covers `tNs - retention` (queries at or
      // after that instant never need the oldest).
      if (secondT <= tNs - this.retentionNs) {
        this.head++;
        this.count--;
        this.dropped = true;
      } else {
        this.grow();
      }
    }
    const slot = (this.head + this.count) & this.mask;
    this.write(slot, tNs, bidTicks, bidLots, askTicks, askLots, lastTicks, indexTicks, markTicks);
    this.count++;
  }

  /** Starts a feed halt at `tNs` (queries at or after it see the pre-halt record). */
  haltAt(tNs: number): void {
    const k = this.haltStart.length;
    if (k > 0 && this.haltEnd[k - 1] === Number.POSITIVE_INFINITY) return;
    this.haltStart.push(tNs);
    this.haltEnd.push(Number.POSITIVE_INFINITY);
  }

  /** Ends the current halt at `tNs`. */
  resumeAt(tNs: number): void {
    const k = this.haltStart.length;
    if (k > 0 && this.haltEnd[k - 1] === Number.POSITIVE_INFINITY) this.haltEnd[k - 1] = tNs;
  }

  /** True when a halt covers `tNs`. */
  haltedAt(tNs: number): boolean {
    return this.haltIndexAt(tNs) >= 0;
  }

  /**
   * Writes into `out` the L1 as of `tNs`: the last record with time <= `tNs` (or, inside a halt,
   * the last record before the halt began, with `halted` set). Before the first record every
   * field is 0. Returns `out`.
   */
  snapshotAt(tNs: number, out: MarketSnapshot): MarketSnapshot {
    const h = this.haltIndexAt(tNs);
    let asOf = tNs;
    out.halted = false;
    if (h >= 0) {
      // Strictly before the halt start: the last state the feed published.
      asOf = (this.haltStart[h] as number) - 1;
      out.halted = true;
    }
    const i = this.findAtOrBefore(asOf);
    if (i < 0) {
      out.tNs = 0;
      out.bidTicks = 0;
      out.bidLots = 0;
      out.askTicks = 0;
      out.askLots = 0;
      out.lastTicks = 0;
      out.indexTicks = 0;
      out.markTicks = 0;
      return out;
    }
    out.tNs = this.t[i] as number;
    out.bidTicks = this.bidT[i] as number;
    out.bidLots = this.bidL[i] as number;
    out.askTicks = this.askT[i] as number;
    out.askLots = this.askL[i] as number;
    out.lastTicks = this.lastT[i] as number;
    out.indexTicks = this.indexT[i] as number;
    out.markTicks = this.markT[i] as number;
    return out;
  }

  /** Slot of the last record with time <= tNs; the oldest (counted stale) when all are newer; -1 when empty or before the first. */
  private findAtOrBefore(tNs: number): number {
    if (this.count === 0) return -1;
    const oldest = this.head & this.mask;
    if ((this.t[oldest] as number) > tNs) {
      // Never had anything this old (before the first record ever) vs. overwritten history.
      if (!this.dropped) return -1;
      this.staleReads++;
      return oldest;
    }
    // Readers ask for now minus a short latency: the answer is nearly always one of the newest
    // few records, so look there before the binary search (same result, O(1) typically).
    const newest = this.head + this.count - 1;
    const stop = Math.max(this.head, newest - 4);
    for (let k = newest; k >= stop; k--) {
      const s = k & this.mask;
      if ((this.t[s] as number) <= tNs) return s;
    }
    let lo = 0;
    let hi = newest - 4 - this.head;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.t[(this.head + mid) & this.mask] as number) <= tNs) lo = mid;
      else hi = mid - 1;
    }
    return (this.head + lo) & this.mask;
  }

  private haltIndexAt(tNs: number): number {
    for (let k = this.haltStart.length - 1; k >= 0; k--) {
      if ((this.haltStart[k] as number) <= tNs) return tNs < (this.haltEnd[k] as number) ? k : -1;
    }
    return -1;
  }

  private write(s: number, tNs: number, bidTicks: number, bidLots: number, askTicks: number, askLots: number, lastTicks: number, indexTicks: number, markTicks: number): void {
    this.t[s] = tNs;
    this.bidT[s] = bidTicks;
    this.bidL[s] = bidLots;
    this.askT[s] = askTicks;
    this.askL[s] = askLots;
    this.lastT[s] = lastTicks;
    this.indexT[s] = indexTicks;
    this.markT[s] = markTicks;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const copy = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      for (let k = 0; k < this.count; k++) b[k] = a[(this.head + k) & this.mask] as number;
      return b;
    };
    this.t = copy(this.t);
    this.bidT = copy(this.bidT);
    this.bidL = copy(this.bidL);
    this.askT = copy(this.askT);
    this.askL = copy(this.askL);
    this.lastT = copy(this.lastT);
    this.indexT = copy(this.indexT);
    this.markT = copy(this.markT);
    this.head = 0;
    this.cap = cap;
    this.mask = cap - 1;
  }
}
