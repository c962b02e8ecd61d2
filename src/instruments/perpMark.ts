/**
 * Linear perpetual swap: premium index and mark price. Prices in quote currency per unit of
 * underlying (floats; the venue rounds a mark to ticks with model/units.ts), premiums as
 * fractions of the index, times in SimTime ns.
 *
 * Premium index (Binance / Hyperliquid docs; dYdX `memclob.GetPricePremium`; crypto-mechanics 1.3):
 *   P = [max(0, impactBid - index) - max(0, index - impactAsk)] / index
 * Mark (Binance P2 and Hyperliquid's first term; crypto-mechanics 1.2):
 *   mark = index * (1 + clamp(EMA(premium), -maxBasis, +maxBasis))
 */
import { NS_PER_SEC } from '../engine/time.js';
import { TimeEma } from './timeEma.js';

/**
 * Default EMA half-life of the premium: 21 s, i.e. an e-folding time of about 30 s
 * (30 s * ln 2). Binance's P2 uses a 30 s moving average of (mid - index) since 2025-09-18 and
 * Deribit's perp mark a ~30 s EMA (crypto-mechanics 1.2, [2nd]).
 */
export const DEFAULT_MARK_HALF_LIFE_NS = 21 * NS_PER_SEC;

/**
 * Default clamp of the mark's basis to the index: +-10 %. Drift keeps its mark within 10 % of
 * the oracle (`mark_oracle_percent_divergence`, protocol-v2 code) and Deribit clamps dated
 * futures' mark to +-10 % of index fair value (old doc page) (crypto-mechanics 1.2).
 */
export const DEFAULT_MARK_MAX_BASIS = 0.1;

/** Premium index from impact bid/ask prices (0 while the index sits inside the impact spread). */
export function premiumIndex(impactBid: number, impactAsk: number, index: number): number {
  if (!(index > 0 && Number.isFinite(index) && Number.isFinite(impactBid) && Number.isFinite(impactAsk))) {
    throw new RangeError(`premium inputs must be finite with a positive index: bid=${impactBid} ask=${impactAsk} index=${index}`);
  }
  const up = impactBid > index ? impactBid - index : 0;
  const down = index > impactAsk ? index - impactAsk : 0;
  return (up - down) / index;
}

/** Simple premium of a mid over the index, (mid - index) / index. */
export function midPremium(mid: number, index: number): number {
  if (!(index > 0 && Number.isFinite(index) && Number.isFinite(mid))) {
    throw new RangeError(`premium inputs must be finite with a positive index: mid=${mid} index=${index}`);
  }
  return (mid - index) / index;
}

/**
 * Impact price: the average fill price of a market order for `notional` quote currency walking
 * `levels` price levels in book order (best first) with sizes in units of underlying. Null when
 * the book is too thin to fill the notional (the venue then falls back, e.g. to the mid).
 */
export function impactPrice(prices: ArrayLike<number>, sizes: ArrayLike<number>, levels: number, notional: number): number | null {
  if (!(notional > 0)) throw new RangeError(`impact notional must be positive, got ${notional}`);
  let remaining = notional;
  let filledSize = 0;
  const n = Math.min(levels, prices.length, sizes.length);
  for (let i = 0; i < n; i++) {
    const p = prices[i] as number;
    const levelNotional = p * (sizes[i] as number);
    if (levelNotional >= remaining) {
      filledSize += remaining / p;
      return notional / filledSize;
    }
    remaining -= levelNotional;
    filledSize += sizes[i] as number;
  }
  return null;
}

/** Mark price state: an EMA of the premium, clamped around the index. */
export class MarkPrice {
  private readonly ema: TimeEma;

  constructor(halfLifeNs: number = DEFAULT_MARK_HALF_LIFE_NS, readonly maxBasis: number = DEFAULT_MARK_MAX_BASIS) {
    if (!(maxBasis >= 0 && Number.isFinite(maxBasis))) throw new RangeError(`mark max basis must be >= 0, got ${maxBasis}`);
    this.ema = new TimeEma(halfLifeNs);
  }

  /** A new premium sample (fraction of index) observed at `tNs`. */
  update(tNs: number, premium: number): void {
    this.ema.update(tNs, premium);
  }

  /** The clamped premium EMA at `nowNs` (default: last update); 0 before the first sample. */
  basis(nowNs?: number): number {
    if (!this.ema.started) return 0;
    const b = this.ema.value(nowNs);
    return b > this.maxBasis ? this.maxBasis : b < -this.maxBasis ? -this.maxBasis : b;
  }

  /** Mark price for the given index: index * (1 + clamped premium EMA). */
  mark(index: number, nowNs?: number): number {
    if (!(index > 0 && Number.isFinite(index))) throw new RangeError(`index must be positive and finite, got ${index}`);
    return index * (1 + this.basis(nowNs));
  }
}
