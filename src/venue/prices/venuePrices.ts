/**
 * The reference prices of one venue across its books: one index (from the spot book's mid, or
 * the first perp's when no spot book is listed) and one mark per book (perps: index + clamped
 * premium EMA; spot: the index). Prices are kept in quote currency and served in fractional ticks
 * of each book, so books with different tick sizes share one index.
 */
import { IndexPrice, PerpMark, type IndexConfig, type MarkConfig } from './referencePrices.js';

/** The bits of each listed instrument this needs. */
export interface PricedInstrument {
  readonly kind: 'spot' | 'perp';
  readonly tickSize: number;
  readonly initialPrice: number;
}

export class VenuePrices {
  /** Venue instrument id whose mid feeds the index. */
  readonly sourceInst: number;
  private readonly index: IndexPrice;
  private readonly marks: (PerpMark | null)[];
  /** Marks in fractional ticks per instrument (kept current by {@link update}). */
  readonly markTicks: Float64Array;
  /** Index in fractional ticks of each instrument. */
  readonly indexTicks: Float64Array;

  constructor(private readonly insts: readonly PricedInstrument[], indexCfg: IndexConfig, markCfg: MarkConfig) {
    if (insts.length === 0) throw new RangeError('a venue needs at least one instrument');
    const spot = insts.findIndex((i) => i.kind === 'spot');
    this.sourceInst = spot >= 0 ? spot : 0;
    const source = insts[this.sourceInst] as PricedInstrument;
    this.index = new IndexPrice(indexCfg, source.initialPrice);
    this.marks = insts.map((i) => (i.kind === 'perp' ? new PerpMark(markCfg, i.initialPrice) : null));
    this.markTicks = new Float64Array(insts.length);
    this.indexTicks = new Float64Array(insts.length);
    this.refreshTicks();
  }

  /** Index in quote currency. */
  get indexPrice(): number {
    return this.index.price;
  }

  /** Mark of `inst` in quote currency. */
  markPrice(inst: number): number {
    return (this.markTicks[inst] as number) * (this.insts[inst] as PricedInstrument).tickSize;
  }

  /**
   * Recomputes the index and every mark at `tNs` from the books' mids (`midTicks(inst)`, NaN
   * when a book has no two-sided mid) and the exogenous reference (NaN: none).
   */
  update(tNs: number, midTicks: (inst: number) => number, external: number): void {
    const src = this.insts[this.sourceInst] as PricedInstrument;
    const index = this.index.update(tNs, midTicks(this.sourceInst) * src.tickSize, external);
    for (let i = 0; i < this.insts.length; i++) {
      const m = this.marks[i];
      if (m !== null && m !== undefined) m.update(tNs, midTicks(i) * (this.insts[i] as PricedInstrument).tickSize, index);
    }
    this.refreshTicks();
  }

  private refreshTicks(): void {
    const index = this.index.price;
    for (let i = 0; i < this.insts.length; i++) {
      const tick = (this.insts[i] as PricedInstrument).tickSize;
      const m = this.marks[i];
      this.indexTicks[i] = index / tick;
      this.markTicks[i] = (m === null || m === undefined ? index : m.price) / tick;
    }
  }
}
