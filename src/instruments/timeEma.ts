/**
 * Continuous-time exponential moving average of a piecewise-constant signal, with a half-life
 * in ns. Between updates the signal holds its last value, so the average after a gap dt is
 *   ema <- held + 2^(-dt / halfLife) * (ema - held)
 * and then the new sample becomes the held value. Irregular sampling therefore gives the same
 * answer as dense sampling of the same step signal, and a second update at the same instant
 * replaces the first instead of being double counted. Deterministic, allocation-free.
 */
import { assertTimeNs } from '../engine/time.js';

export class TimeEma {
  private readonly lnDecayPerNs: number;
  private lastTNs = -1;
  private ema = NaN;
  private held = NaN;

  /** @param halfLifeNs half-life of the weights in ns (> 0). */
  constructor(readonly halfLifeNs: number) {
    if (!(halfLifeNs > 0 && Number.isFinite(halfLifeNs))) throw new RangeError(`EMA half-life must be positive, got ${halfLifeNs}`);
    this.lnDecayPerNs = -Math.LN2 / halfLifeNs;
  }

  /** True once a sample has been seen. */
  get started(): boolean {
    return this.lastTNs >= 0;
  }

  /** Time of the latest sample (ns), -1 before the first. */
  get lastUpdateNs(): number {
    return this.lastTNs;
  }

  /** The signal became `x` at `tNs` (non-decreasing times; the first sample seeds the average). */
  update(tNs: number, x: number): void {
    assertTimeNs(tNs, 'EMA sample time');
    if (!Number.isFinite(x)) throw new RangeError(`EMA sample must be finite, got ${x}`);
    if (tNs < this.lastTNs) throw new RangeError(`EMA samples must be in time order: ${tNs} after ${this.lastTNs}`);
    if (this.lastTNs < 0) {
      this.ema = x;
    } else if (tNs > this.lastTNs) {
      this.ema = this.held + Math.exp(this.lnDecayPerNs * (tNs - this.lastTNs)) * (this.ema - this.held);
    }
    this.held = x;
    this.lastTNs = tNs;
  }

  /**
   * The average at `nowNs` (default: the last update), holding the last sample since then;
   * NaN before the first sample (check {@link started}).
   */
  value(nowNs: number = this.lastTNs): number {
    if (this.lastTNs < 0) return NaN;
    const dt = nowNs - this.lastTNs;
    if (dt <= 0) return this.ema;
    return this.held + Math.exp(this.lnDecayPerNs * dt) * (this.ema - this.held);
  }
}
