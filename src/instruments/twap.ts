/**
 * Time-weighted average of a piecewise-constant signal over a fixed window [startNs, endNs]:
 * each sample holds until the next one ("previous-tick" interpolation), the way an index that
 * is sampled every few seconds is averaged. Used for option settlement (Deribit: the index TWAP
 * over the 30 min before 08:00 UTC) and for funding premium averages. Times are integer SimTime
 * ns; the value is in the signal's own unit. Updates allocate nothing.
 */
import { assertTimeNs } from '../engine/time.js';

/** Time-weighted average of samples fed in time order, restricted to a window. */
export class WindowTwap {
  private lastTNs = -1;
  /** Time of the latest sample seen (for the order check), even one after the window. */
  private lastSeenNs = -1;
  private lastValue = NaN;
  /** Sum of value * duration (ns) inside the window up to lastTNs. */
  private weighted = 0;
  /** Covered duration inside the window (ns), from the first known value. */
  private covered = 0;

  /** @param startNs window start (inclusive); @param endNs window end (> startNs). */
  constructor(readonly startNs: number, readonly endNs: number) {
    assertTimeNs(startNs, 'window start');
    assertTimeNs(endNs, 'window end');
    if (endNs <= startNs) throw new RangeError(`TWAP window end ${endNs} must be after start ${startNs}`);
  }

  /**
   * Records that the signal became `value` at `tNs`. Samples must come in non-decreasing time;
   * a sample before the window sets the level the window opens with; samples after the end
   * are ignored.
   */
  add(tNs: number, value: number): void {
    assertTimeNs(tNs, 'sample time');
    if (!Number.isFinite(value)) throw new RangeError(`TWAP sample must be finite, got ${value}`);
    if (tNs < this.lastSeenNs) throw new RangeError(`TWAP samples must be in time order: ${tNs} after ${this.lastSeenNs}`);
    this.lastSeenNs = tNs;
    this.accrue(tNs);
    if (tNs <= this.endNs) {
      this.lastTNs = tNs;
      this.lastValue = value;
    } else if (this.lastTNs >= 0) {
      this.lastTNs = this.endNs; // the window is closed: everything up to the end is accrued
    }
  }

  /** Adds the previous value's contribution over [lastTNs, min(tNs, end)] clipped to the window. */
  private accrue(tNs: number): void {
    if (this.lastTNs < 0) return;
    const from = this.lastTNs > this.startNs ? this.lastTNs : this.startNs;
    const to = tNs < this.endNs ? tNs : this.endNs;
    if (to > from) {
      this.weighted += this.lastValue * (to - from);
      this.covered += to - from;
    }
  }

  /**
   * The average up to `nowNs` (default: window end), holding the last sample until then; null
   * when no sample has been seen at or before that time. Does not change the state.
   */
  value(nowNs: number = this.endNs): number | null {
    if (this.lastTNs < 0) return null;
    const from = this.lastTNs > this.startNs ? this.lastTNs : this.startNs;
    const to = nowNs < this.endNs ? nowNs : this.endNs;
    const extra = to > from ? to - from : 0;
    const covered = this.covered + extra;
    if (covered === 0) return nowNs >= this.lastTNs ? this.lastValue : null;
    return (this.weighted + this.lastValue * extra) / covered;
  }

  /** Nanoseconds of the window covered by samples up to `nowNs` (default: window end). */
  coveredNs(nowNs: number = this.endNs): number {
    if (this.lastTNs < 0) return 0;
    const from = this.lastTNs > this.startNs ? this.lastTNs : this.startNs;
    const to = nowNs < this.endNs ? nowNs : this.endNs;
    return this.covered + (to > from ? to - from : 0);
  }
}
