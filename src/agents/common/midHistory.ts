/**
 * A ring of an agent's own mid samples (ticks) taken every `sampleNs`, so the return over a
 * lookback can be read without allocation. The agent calls {@link MidHistory.push} from its
 * sampling wake-up.
 */
export class MidHistory {
  private readonly mids: Float64Array;
  private cursor = 0;
  private count = 0;

  /** Keeps enough samples to look back `lookbackNs` at one sample per `sampleNs`. */
  constructor(readonly lookbackNs: number, readonly sampleNs: number) {
    if (!(sampleNs > 0)) throw new RangeError('sample interval must be > 0');
    this.mids = new Float64Array(Math.max(1, Math.ceil(lookbackNs / sampleNs)) + 1);
  }

  push(midTicks: number): void {
    this.mids[this.cursor] = midTicks;
    this.cursor = (this.cursor + 1) % this.mids.length;
    if (this.count < this.mids.length) this.count++;
  }

  /** True once a full lookback is available. */
  get ready(): boolean {
    return this.count === this.mids.length;
  }

  /** Simple return from the oldest kept sample to `nowTicks` (0 before any sample). */
  returnTo(nowTicks: number): number {
    if (this.count === 0) return 0;
    const oldest = this.count < this.mids.length ? 0 : this.cursor;
    const then = this.mids[oldest] as number;
    return then > 0 ? nowTicks / then - 1 : 0;
  }
}
