/**
 * Time-weighted smoothers of a piecewise-constant signal sampled at irregular times (a book mid
 * that holds its value between changes): an exponential moving average with time constant
 * `tauNs`, and a TWAP over a sliding window kept in fixed buckets. Both integrate the value that
 * held over each interval, so how often they are updated does not bias them.
 *
 * Units: values in whatever the caller feeds (quote currency here), times in ns. Floats: these
 * are models, not ledgers.
 */

/** Continuous-time EMA: on each update the previous value is weighted by exp(-dt / tau). */
export class TimeEma {
  private value = Number.NaN;
  private held = Number.NaN;
  private lastNs = 0;

  constructor(readonly tauNs: number) {
    if (!(tauNs > 0) || !Number.isFinite(tauNs)) throw new RangeError(`EMA time constant must be > 0 ns, got ${tauNs}`);
  }

  /** The signal takes value `x` from `tNs` on (NaN x keeps the previous one). Returns the EMA at `tNs`. */
  update(tNs: number, x: number): number {
    this.advance(tNs);
    if (!Number.isNaN(x)) {
      this.held = x;
      if (Number.isNaN(this.value)) this.value = x;
    }
    return this.value;
  }

  /** The EMA at `tNs` without a new value. */
  at(tNs: number): number {
    this.advance(tNs);
    return this.value;
  }

  /** Forgets everything (e.g. a new funding interval). */
  reset(): void {
    this.value = Number.NaN;
    this.held = Number.NaN;
  }

  private advance(tNs: number): void {
    const dt = tNs - this.lastNs;
    if (dt > 0 && !Number.isNaN(this.held)) {
      const w = Math.exp(-dt / this.tauNs);
      this.value = this.value * w + this.held * (1 - w);
    }
    if (tNs > this.lastNs) this.lastNs = tNs;
  }
}

/**
 * Time-weighted average over the last `windowNs`, kept as `buckets` integrals of width
 * windowNs / buckets. The window slides in whole buckets: the average covers the complete
 * buckets inside the window plus the current partial one, so its span is between
 * windowNs - bucket and windowNs. Before any value the average is NaN.
 */
export class WindowTwap {
  private readonly bucketNs: number;
  private readonly integral: Float64Array;
  private readonly covered: Float64Array;
  /** Absolute bucket number of ring slot 0.. (bucket k lives in slot k % n). */
  private readonly bucketOf: Float64Array;
  private held = Number.NaN;
  private lastNs = 0;

  constructor(readonly windowNs: number, readonly buckets = 60) {
    if (!(windowNs > 0) || !Number.isSafeInteger(windowNs)) throw new RangeError(`TWAP window must be a positive integer of ns, got ${windowNs}`);
    this.bucketNs = Math.max(1, Math.floor(windowNs / buckets));
    this.integral = new Float64Array(buckets);
    this.covered = new Float64Array(buckets);
    this.bucketOf = new Float64Array(buckets).fill(-1);
  }

  /** The signal takes value `x` from `tNs` on (NaN keeps the previous). Returns the TWAP at `tNs`. */
  update(tNs: number, x: number): number {
    this.advance(tNs);
    if (!Number.isNaN(x)) this.held = x;
    return this.average(tNs);
  }

  /** The TWAP at `tNs`; when no time has been covered yet, the current value. */
  at(tNs: number): number {
    this.advance(tNs);
    return this.average(tNs);
  }

  private average(tNs: number): number {
    const n = this.buckets;
    const current = Math.floor(tNs / this.bucketNs);
    let num = 0;
    let den = 0;
    for (let s = 0; s < n; s++) {
      const b = this.bucketOf[s] as number;
      if (b >= 0 && b > current - n) {
        num += this.integral[s] as number;
        den += this.covered[s] as number;
      }
    }
    return den > 0 ? num / den : this.held;
  }

  /** Integrates the held value from the last update to `tNs`, bucket by bucket. */
  private advance(tNs: number): void {
    if (tNs <= this.lastNs) return;
    if (Number.isNaN(this.held)) {
      this.lastNs = tNs;
      return;
    }
    const n = this.buckets;
    let t = this.lastNs;
    // Skip buckets wholly older than the window (a long quiet gap).
    const firstUseful = (Math.floor(tNs / this.bucketNs) - n + 1) * this.bucketNs;
    if (t < firstUseful) t = firstUseful;
    while (t < tNs) {
      const b = Math.floor(t / this.bucketNs);
      const end = Math.min(tNs, (b + 1) * this.bucketNs);
      const slot = b % n;
      if (this.bucketOf[slot] !== b) {
        this.bucketOf[slot] = b;
        this.integral[slot] = 0;
        this.covered[slot] = 0;
      }
      this.integral[slot] = (this.integral[slot] as number) + this.held * (end - t);
      this.covered[slot] = (this.covered[slot] as number) + (end - t);
      t = end;
    }
    this.lastNs = tNs;
  }
}
