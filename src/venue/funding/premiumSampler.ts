/**
 * Premium index samples for funding (crypto-mechanics.md §1.3): with an impact notional N > 0,
 * P = [max(0, impactBid - index) - max(0, index - impactAsk)] / index, where the impact prices are
 * the average fill prices of a market order of N quote currency on each side of the perp book
 * (instruments/perpMark.ts). When the book is too thin for N on either side, or N = 0, the mid
 * premium (mid - index) / index stands in; NaN when the book has no mid either.
 *
 * Units: index and N in quote currency; the result is a fraction of the index. Scratch buffers
 * are allocated once.
 */
import { L2Snapshot } from '../../book/index.js';
import { impactPrice, midPremium, premiumIndex } from '../../instruments/index.js';
import type { VenueBook } from '../trading/venueBook.js';

/** Levels read per side for impact prices. */
const IMPACT_LEVELS = 64;

export class PremiumSampler {
  private readonly l2 = new L2Snapshot(IMPACT_LEVELS);
  private readonly prices = new Float64Array(IMPACT_LEVELS);
  private readonly sizes = new Float64Array(IMPACT_LEVELS);

  constructor(private readonly impactNotional: number) {
    if (!(impactNotional >= 0) || !Number.isFinite(impactNotional)) throw new RangeError(`funding.impactNotional must be >= 0, got ${impactNotional}`);
  }

  /** The premium of `vb` (tick and lot size given) over `index` now. */
  sample(vb: VenueBook, tickSize: number, lotSize: number, index: number): number {
    if (this.impactNotional > 0) {
      vb.book.snapshotL2(this.l2);
      const l2 = this.l2;
      const bid = this.side(l2.bidTicks, l2.bidLots, l2.bidLevels, tickSize, lotSize);
      const ask = bid === null ? null : this.side(l2.askTicks, l2.askLots, l2.askLevels, tickSize, lotSize);
      if (bid !== null && ask !== null) return premiumIndex(bid, ask, index);
    }
    const mid = vb.midTicks() * tickSize;
    return Number.isFinite(mid) ? midPremium(mid, index) : Number.NaN;
  }

  private side(ticks: Float64Array, lots: Float64Array, n: number, tickSize: number, lotSize: number): number | null {
    for (let k = 0; k < n; k++) {
      this.prices[k] = (ticks[k] as number) * tickSize;
      this.sizes[k] = (lots[k] as number) * lotSize;
    }
    return impactPrice(this.prices, this.sizes, n, this.impactNotional);
  }
}
