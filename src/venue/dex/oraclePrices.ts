/**
 * A thin adapter that lets the CEX venue's pieces (BookSampler, the order router's mark, the
 * liquidation driver) run on oracle prices: {@link VenuePrices} whose index and every mark are
 * the on-chain oracle price. On a DEX margin and liquidations use the oracle price
 * (crypto-mechanics.md §5.2-5.3), so index = mark = oracle here; the book table's `index` and
 * `mark` columns then show the oracle, stale between rounds. Prices in quote currency, served in
 * fractional ticks of each book.
 */
import { VenuePrices, type PricedInstrument } from '../prices/venuePrices.js';

export class OraclePrices extends VenuePrices {
  private oraclePx: number;

  constructor(private readonly listed: readonly PricedInstrument[]) {
    // The base's index/mark machinery is never updated: every value comes from setOracle.
    super(listed, {}, { halfLifeNs: 1, maxBasis: 0 });
    this.oraclePx = (listed[this.sourceInst] as PricedInstrument).initialPrice;
    this.setOracle(this.oraclePx);
  }

  /** Sets index and every mark to the oracle price `price` (quote currency, > 0). */
  setOracle(price: number): void {
    if (!(price > 0 && Number.isFinite(price))) return;
    this.oraclePx = price;
    for (let i = 0; i < this.listed.length; i++) {
      const tick = (this.listed[i] as PricedInstrument).tickSize;
      this.indexTicks[i] = price / tick;
      this.markTicks[i] = price / tick;
    }
  }

  override get indexPrice(): number {
    return this.oraclePx;
  }

  /** One oracle: a DEX lists one underlying (the scenario resolver checks it). */
  override indexPriceOf(_inst: number): number {
    return this.oraclePx;
  }

  override markPrice(_inst: number): number {
    return this.oraclePx;
  }

  /** Mids do not move an oracle-priced venue: `external` (the oracle price) does. */
  override update(_tNs: number, _midTicks: (inst: number) => number, external: number): void {
    this.setOracle(external);
  }
}
