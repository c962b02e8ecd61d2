/**
 * The venue's reference prices (DESIGN 2b "Price formation"):
 * - index = TWAP or EMA of the venue's spot mid (of the perp mid when there is no spot book),
 *   blended with an exogenous reference: index = (1 - w) * smoothed + w * external (w = 0 by
 *   default; a NaN external leaves the smoothed value alone);
 * - mark (per perp) = index + clamp(EMA(perp mid - index), +-clampFraction * index).
 *
 * Units: prices in quote currency (floats; snapshots convert them to fractional ticks of each
 * book), times in ns. Before the source book has ever had a mid the index is the configured
 * initial price.
 */
import { TimeEma, WindowTwap } from './smoothing.js';

/** How the index is built. */
export interface IndexConfig {
  readonly method: 'twap' | 'ema';
  /** TWAP window, or EMA time constant, in ns. */
  readonly windowNs: number;
  /** Weight of the exogenous reference in [0, 1]. */
  readonly externalWeight: number;
}

/** How a perp's mark is built. */
export interface MarkConfig {
  /** Time constant of the premium EMA in ns. */
  readonly premiumEmaNs: number;
  /** Largest |mark - index| as a fraction of index. */
  readonly clampFraction: number;
}

export class IndexPrice {
  private readonly smoother: TimeEma | WindowTwap;
  private value: number;

  constructor(private readonly cfg: IndexConfig, initialPrice: number) {
    if (!(cfg.externalWeight >= 0 && cfg.externalWeight <= 1)) throw new RangeError(`index.externalWeight must be in [0, 1], got ${cfg.externalWeight}`);
    if (!(initialPrice > 0)) throw new RangeError(`initial price must be > 0, got ${initialPrice}`);
    this.smoother = cfg.method === 'ema' ? new TimeEma(cfg.windowNs) : new WindowTwap(cfg.windowNs);
    this.value = initialPrice;
  }

  /** Current index in quote currency. */
  get price(): number {
    return this.value;
  }

  /**
   * Feeds the source mid holding from `tNs` on (NaN: no mid, keep integrating the last one) and
   * the exogenous reference (NaN: none). Returns the index at `tNs`.
   */
  update(tNs: number, sourceMid: number, external: number): number {
    const s = this.smoother.update(tNs, sourceMid);
    let v = Number.isNaN(s) ? this.value : s;
    const w = this.cfg.externalWeight;
    if (w > 0 && Number.isFinite(external)) v = (1 - w) * v + w * external;
    if (Number.isFinite(v) && v > 0) this.value = v;
    return this.value;
  }
}

export class PerpMark {
  private readonly premium: TimeEma;
  private value: number;

  constructor(private readonly cfg: MarkConfig, initialPrice: number) {
    if (!(cfg.clampFraction >= 0)) throw new RangeError(`mark.clampFraction must be >= 0, got ${cfg.clampFraction}`);
    this.premium = new TimeEma(cfg.premiumEmaNs);
    this.value = initialPrice;
  }

  /** Current mark in quote currency. */
  get price(): number {
    return this.value;
  }

  /** Feeds the perp mid (NaN: none) and the index at `tNs`; returns the mark. */
  update(tNs: number, perpMid: number, index: number): number {
    const ema = this.premium.update(tNs, Number.isNaN(perpMid) ? Number.NaN : perpMid - index);
    const cap = this.cfg.clampFraction * index;
    const p = Number.isNaN(ema) ? 0 : ema > cap ? cap : ema < -cap ? -cap : ema;
    this.value = index + p;
    return this.value;
  }
}
