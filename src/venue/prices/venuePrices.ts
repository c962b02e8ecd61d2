/**
 * The reference prices of one venue across its books (DESIGN 2b "Price formation"), built on the
 * instruments layer: one {@link PriceIndex} per underlying listed at the venue (TWAP or EMA of
 * that underlying's spot book's mid, or of its first perp's when no spot book is listed, blended
 * with that underlying's exogenous reference at `externalWeight`) and one {@link MarkPrice} per
 * perp or future (its underlying's index * (1 + clamped EMA of the mid premium)). Spot marks
 * equal their index. Prices are kept in quote currency and served in fractional ticks of each
 * book, so books with different tick sizes share one index. Before a source book has ever had a
 * two-sided mid its index is the source instrument's configured initial price.
 *
 * Several underlyings (issue 18 part 3): each instrument names its underlying by a venue-local
 * group number (`underlyingGroup`, absent = 0, the underlying of the first instrument); group g's
 * index reads only group g's books and external reference, so a venue with one underlying
 * computes exactly what it did before groups existed.
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
  /** Venue-local underlying group (0..groups-1, absent = 0): instruments of one group share an index. */
  readonly underlyingGroup?: number;
}

/** The number of underlying groups of `insts` (1 + the largest group number). */
export function underlyingGroupCount(insts: readonly PricedInstrument[]): number {
  let n = 1;
  for (const i of insts) n = Math.max(n, (i.underlyingGroup ?? 0) + 1);
  return n;
}

export class VenuePrices {
  /** Venue instrument id whose mid feeds the index of group 0 (the venue's first underlying). */
  readonly sourceInst: number;
  /** Source instrument of each group's index. */
  readonly sourceOfGroup: Int32Array;
  /** Underlying group of each instrument. */
  readonly groupOf: Int32Array;
  private readonly indexes: PriceIndex[];
  private readonly marks: (MarkPrice | null)[];
  private readonly hasMid: Uint8Array;
  private readonly hasExternal: Uint8Array;
  /** Index per group, quote currency. */
  private readonly indexValues: Float64Array;
  /**
   * Exogenous reference per group for the next {@link update} (NaN: none). Group 0's is the
   * `external` argument of update; the venue writes the others before calling it.
   */
  readonly externals: Float64Array;
  /** Marks in fractional ticks per instrument (kept current by {@link update}). */
  readonly markTicks: Float64Array;
  /** Index of each instrument's underlying in fractional ticks of that instrument. */
  readonly indexTicks: Float64Array;

  constructor(private readonly insts: readonly PricedInstrument[], indexCfg: PriceIndexConfig, markCfg: MarkConfig) {
    if (insts.length === 0) throw new RangeError('a venue needs at least one instrument');
    const groups = underlyingGroupCount(insts);
    this.groupOf = Int32Array.from(insts, (i) => i.underlyingGroup ?? 0);
    this.sourceOfGroup = new Int32Array(groups).fill(-1);
    for (let g = 0; g < groups; g++) {
      // The group's spot book when it has one, else its first instrument.
      let first = -1;
      let spot = -1;
      insts.forEach((ins, i) => {
        if ((ins.underlyingGroup ?? 0) !== g) return;
        if (first < 0) first = i;
        if (spot < 0 && ins.kind === 'spot') spot = i;
      });
      if (first < 0) throw new RangeError(`underlying group ${g} has no instrument (groups must be dense 0..n-1)`);
      this.sourceOfGroup[g] = spot >= 0 ? spot : first;
    }
    this.sourceInst = this.sourceOfGroup[0] as number;
    this.indexes = Array.from({ length: groups }, () => new PriceIndex(indexCfg));
    this.indexValues = Float64Array.from(this.sourceOfGroup, (s) => (insts[s] as PricedInstrument).initialPrice);
    this.hasMid = new Uint8Array(groups);
    this.hasExternal = new Uint8Array(groups);
    this.externals = new Float64Array(groups).fill(Number.NaN);
    // A dated future's mark is built like a perp's: index plus the clamped EMA of the book's
    // premium, so its basis to the index is whatever the market sets (Binance dated futures:
    // mark = index + MA(mid - index), crypto-mechanics.md §1.2).
    this.marks = insts.map((i) => (i.kind !== 'spot' ? new MarkPrice(markCfg.halfLifeNs, markCfg.maxBasis) : null));
    this.markTicks = new Float64Array(insts.length);
    this.indexTicks = new Float64Array(insts.length);
    this.refreshTicks(0);
  }

  /** Number of underlyings (index groups) at this venue. */
  get groups(): number {
    return this.indexes.length;
  }

  /** True when the index blends in an external reference (else {@link update} ignores `external`). */
  get usesExternal(): boolean {
    return (this.indexes[0] as PriceIndex).externalWeight > 0;
  }

  /** Index of the venue's first underlying (group 0) in quote currency. */
  get indexPrice(): number {
    return this.indexValues[0] as number;
  }

  /** Index of the underlying of instrument `inst`, quote currency. */
  indexPriceOf(inst: number): number {
    return this.indexValues[this.groupOf[inst] as number] as number;
  }

  /** Mark of `inst` in quote currency. */
  markPrice(inst: number): number {
    return (this.markTicks[inst] as number) * (this.insts[inst] as PricedInstrument).tickSize;
  }

  /**
   * Recomputes every index and mark at `tNs` from the books' mids (`midTicks(inst)`, NaN
   * when a book has no two-sided mid: the last one keeps holding) and the exogenous references
   * (`external` for group 0, {@link externals} for the others; NaN: none).
   */
  update(tNs: number, midTicks: (inst: number) => number, external: number): void {
    this.externals[0] = external;
    for (let g = 0; g < this.indexes.length; g++) {
      const index = this.indexes[g] as PriceIndex;
      const srcInst = this.sourceOfGroup[g] as number;
      const mid = midTicks(srcInst) * (this.insts[srcInst] as PricedInstrument).tickSize;
      if (mid > 0 && Number.isFinite(mid)) {
        index.update(tNs, mid);
        this.hasMid[g] = 1;
      }
      const ext = this.externals[g] as number;
      if (ext > 0 && Number.isFinite(ext)) {
        index.updateExternal(ext);
        this.hasExternal[g] = 1;
      }
      if (this.hasMid[g] === 1) {
        this.indexValues[g] = index.externalWeight > 0 && this.hasExternal[g] === 0 ? index.internalValue(tNs) : index.value(tNs);
      }
    }
    for (let i = 0; i < this.insts.length; i++) {
      const m = this.marks[i];
      if (m === null || m === undefined) continue;
      const perpMid = midTicks(i) * (this.insts[i] as PricedInstrument).tickSize;
      if (perpMid > 0 && Number.isFinite(perpMid)) m.update(tNs, midPremium(perpMid, this.indexValues[this.groupOf[i] as number] as number));
    }
    this.refreshTicks(tNs);
  }

  private refreshTicks(tNs: number): void {
    for (let i = 0; i < this.insts.length; i++) {
      const index = this.indexValues[this.groupOf[i] as number] as number;
      const tick = (this.insts[i] as PricedInstrument).tickSize;
      const m = this.marks[i];
      this.indexTicks[i] = index / tick;
      this.markTicks[i] = (m === null || m === undefined ? index : m.mark(index, tNs)) / tick;
    }
  }
}
