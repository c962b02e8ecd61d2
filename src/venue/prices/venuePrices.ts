/**
 * The reference prices of one venue across its books (DESIGN 2b "Price formation"), built on the
 * instruments layer: one {@link PriceIndex} (TWAP or EMA of the spot book's mid, or of the first
 * perp's when no spot book is listed, blended with the exogenous reference at `externalWeight`)
 * and one {@link MarkPrice} per perp (index * (1 + clamped EMA of the mid premium)). Spot marks
 * equal the index. Prices are kept in quote currency and served in fractional ticks of each book,
 * so books with different tick sizes share one index. Before the source book has ever had a
 * two-sided mid the index is the source instrument's configured initial price.
 */
import { MarkPrice, PriceIndex, midPremium, type PriceIndexConfig } from '../../instruments/index.js';

/** How a perp's mark is built (instruments/perpMark.ts). */
export interface MarkConfig {
  /** Half-life of the premium EMA in ns. */
  readonly halfLifeNs: number;
  /** Largest |mark / index - 1|. */
  readonly maxBasis: number;
}

/** The bits of each listed instrument this needs. */
export interface PricedInstrument {
  readonly kind: 'spot' | 'perp' | 'future';
  readonly tickSize: number;
  readonly initialPrice: number;
}

export class VenuePrices {
  /** Venue instrument id whose mid feeds the index. */
  readonly sourceInst: number;
  private readonly index: PriceIndex;
  private readonly marks: (MarkPrice | null)[];
  private hasMid = false;
  private hasExternal = false;
  private indexValue: number;
  /** Marks in fractional ticks per instrument (kept current by {@link update}). */
  readonly markTicks: Float64Array;
  /** Index in fractional ticks of each instrument. */
  readonly indexTicks: Float64Array;

  constructor(private readonly insts: readonly PricedInstrument[], indexCfg: PriceIndexConfig, markCfg: MarkConfig) {
    if (insts.length === 0) throw new RangeError('a venue needs at least one instrument');
    const spot = insts.findIndex((i) => i.kind === 'spot');
    this.sourceInst = spot >= 0 ? spot : 0;
    this.index = new PriceIndex(indexCfg);
    this.indexValue = (insts[this.sourceInst] as PricedInstrument).initialPrice;
    // A dated future's mark is built like a perp's: index plus the clamped EMA of the book's
    // premium, so its basis to the index is whatever the market sets (Binance dated futures:
    // mark = index + MA(mid - index), crypto-mechanics.md §1.2).
    this.marks = insts.map((i) => (i.kind !== 'spot' ? new MarkPrice(markCfg.halfLifeNs, markCfg.maxBasis) : null));
    this.markTicks = new Float64Array(insts.length);
    this.indexTicks = new Float64Array(insts.length);
    this.refreshTicks(0);
  }

  /** True when the index blends in an external reference (else {@link update} ignores `external`). */
  get usesExternal(): boolean {
    return this.index.externalWeight > 0;
  }

  /** Index in quote currency. */
  get indexPrice(): number {
    return this.indexValue;
  }

  /** Mark of `inst` in quote currency. */
  markPrice(inst: number): number {
    return (this.markTicks[inst] as number) * (this.insts[inst] as PricedInstrument).tickSize;
  }

  /**
   * Recomputes the index and every mark at `tNs` from the books' mids (`midTicks(inst)`, NaN
   * when a book has no two-sided mid: the last one keeps holding) and the exogenous reference
   * (NaN: none).
   */
  update(tNs: number, midTicks: (inst: number) => number, external: number): void {
    const src = this.insts[this.sourceInst] as PricedInstrument;
    const mid = midTicks(this.sourceInst) * src.tickSize;
    if (mid > 0 && Number.isFinite(mid)) {
      this.index.update(tNs, mid);
      this.hasMid = true;
    }
    if (external > 0 && Number.isFinite(external)) {
      this.index.updateExternal(external);
      this.hasExternal = true;
    }
    if (this.hasMid) {
      this.indexValue = this.index.externalWeight > 0 && !this.hasExternal ? this.index.internalValue(tNs) : this.index.value(tNs);
    }
    for (let i = 0; i < this.insts.length; i++) {
      const m = this.marks[i];
      if (m === null || m === undefined) continue;
      const perpMid = midTicks(i) * (this.insts[i] as PricedInstrument).tickSize;
      if (perpMid > 0 && Number.isFinite(perpMid)) m.update(tNs, midPremium(perpMid, this.indexValue));
    }
    this.refreshTicks(tNs);
  }

  private refreshTicks(tNs: number): void {
    const index = this.indexValue;
    for (let i = 0; i < this.insts.length; i++) {
      const tick = (this.insts[i] as PricedInstrument).tickSize;
      const m = this.marks[i];
      this.indexTicks[i] = index / tick;
      this.markTicks[i] = (m === null || m === undefined ? index : m.mark(index, tNs)) / tick;
    }
  }
}
