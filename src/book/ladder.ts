/**
 * Price levels in arrays indexed by tick: level `i` holds price `baseTicks + i`. Each level has
 * the FIFO head and tail order slot, the total resting lots and the order count. One ladder
 * serves both sides: after matching the book is never crossed, so a level holds orders of one
 * side only (bids below the ask, asks above the bid).
 *
 * When a price falls outside `[baseTicks, baseTicks + capacity)` the ladder re-centres the
 * occupied range (growing by doubling when the span needs it), so a price may walk anywhere in
 * the safe-integer tick range. Re-centring copies O(capacity) and leaves half the capacity as
 * headroom, so a steady walk costs amortized O(1) per tick travelled.
 */
import { NIL } from './orderPool.js';

export class PriceLadder {
  /** Price in ticks of level index 0. */
  baseTicks = 1;
  head: Int32Array;
  tail: Int32Array;
  lots: Float64Array;
  count: Int32Array;

  constructor(
    initialLevels: number,
    /** Largest capacity allowed (span of resting prices in ticks). */
    readonly maxLevels: number,
  ) {
    const n = Math.max(16, initialLevels | 0);
    this.head = new Int32Array(n).fill(NIL);
    this.tail = new Int32Array(n).fill(NIL);
    this.lots = new Float64Array(n);
    this.count = new Int32Array(n);
  }

  get capacity(): number {
    return this.head.length;
  }

  /** True when `priceTicks` has a level index now. */
  contains(priceTicks: number): boolean {
    const i = priceTicks - this.baseTicks;
    return i >= 0 && i < this.head.length;
  }

  /**
   * Makes `priceTicks` addressable, re-centring or growing as needed. Returns false (and changes
   * nothing) when the resting orders plus this price would span more than `maxLevels` ticks.
   */
  makeRoom(priceTicks: number): boolean {
    if (this.contains(priceTicks)) return true;
    const cap = this.head.length;
    const count = this.count;
    let lo = 0;
    while (lo < cap && count[lo] === 0) lo++;
    let hi = cap - 1;
    while (hi >= lo && count[hi] === 0) hi--;
    const occupied = lo <= hi;
    const loTicks = occupied ? Math.min(priceTicks, this.baseTicks + lo) : priceTicks;
    const hiTicks = occupied ? Math.max(priceTicks, this.baseTicks + hi) : priceTicks;
    const span = hiTicks - loTicks + 1;
    if (span > this.maxLevels) return false;
    let newCap = cap;
    while (newCap < span * 2 && newCap < this.maxLevels) newCap *= 2;
    if (newCap > this.maxLevels) newCap = this.maxLevels;
    // Centre the occupied span so a walk in either direction has room before the next move.
    let newBase = loTicks - Math.floor((newCap - span) / 2);
    if (newBase < 1) newBase = 1;
    if (newBase + newCap - 1 > Number.MAX_SAFE_INTEGER) newBase = Number.MAX_SAFE_INTEGER - newCap + 1;
    this.rebase(newBase, newCap, occupied ? this.baseTicks + lo : 0, occupied ? this.baseTicks + hi : -1);
    return true;
  }

  /** Moves the occupied levels, prices [fromTicks, toTicks] (empty when to < from), into fresh arrays of `newCap` levels at `newBase`. */
  private rebase(newBase: number, newCap: number, fromTicks: number, toTicks: number): void {
    const head = new Int32Array(newCap).fill(NIL);
    const tail = new Int32Array(newCap).fill(NIL);
    const lots = new Float64Array(newCap);
    const count = new Int32Array(newCap);
    if (toTicks >= fromTicks) {
      const src0 = fromTicks - this.baseTicks;
      const src1 = toTicks - this.baseTicks + 1;
      const dst0 = fromTicks - newBase;
      head.set(this.head.subarray(src0, src1), dst0);
      tail.set(this.tail.subarray(src0, src1), dst0);
      lots.set(this.lots.subarray(src0, src1), dst0);
      count.set(this.count.subarray(src0, src1), dst0);
    }
    this.baseTicks = newBase;
    this.head = head;
    this.tail = tail;
    this.lots = lots;
    this.count = count;
  }
}
