/**
 * What agents see of a market. Market data is pulled, not pushed: each venue keeps a ring buffer
 * of timestamped L1 changes per book, and `ctx.market(venue, instrument)` returns the L1 as of
 * `now - marketDataLatency`. Agents that react to moves subscribe to thresholds (`watchMid`)
 * rather than to every change.
 */

/** Top of book plus the venue's reference prices, in (possibly fractional) ticks. */
export interface MarketSnapshot {
  /** Time of the last L1 change visible to the caller. */
  tNs: number;
  /** Best bid in ticks; meaningful only when bidLots > 0. */
  bidTicks: number;
  bidLots: number;
  /** Best ask in ticks; meaningful only when askLots > 0. */
  askTicks: number;
  askLots: number;
  /** Last trade price in ticks (0 before the first trade). */
  lastTicks: number;
  /** The venue's index price in fractional ticks (TWAP/EMA of spot mid, see DESIGN 2b). */
  indexTicks: number;
  /** Mark price in fractional ticks (perps; equals index for spot). */
  markTicks: number;
  /** True when the venue's feed is halted: the snapshot is the last one before the halt. */
  halted: boolean;
}

export function emptySnapshot(): MarketSnapshot {
  return { tNs: 0, bidTicks: 0, bidLots: 0, askTicks: 0, askLots: 0, lastTicks: 0, indexTicks: 0, markTicks: 0, halted: false };
}

/** Mid in ticks when both sides exist, else the side that exists, else last, else index. */
export function midTicks(s: Readonly<MarketSnapshot>): number {
  if (s.bidLots > 0 && s.askLots > 0) return (s.bidTicks + s.askTicks) / 2;
  if (s.bidLots > 0) return s.bidTicks;
  if (s.askLots > 0) return s.askTicks;
  return s.lastTicks > 0 ? s.lastTicks : s.indexTicks;
}

/** Static facts about a listed instrument (known at world build). */
export interface InstrumentInfo {
  readonly venueId: number;
  readonly instrumentId: number;
  readonly symbol: string;
  /** spot, perpetual swap, or dated future. */
  readonly kind: 'spot' | 'perp' | 'future';
  /** Quote currency per tick (e.g. 0.1 USD). */
  readonly tickSize: number;
  /** Base units per lot (e.g. 0.001 BTC); for an inverse contract, USD of face per contract. */
  readonly lotSize: number;
  /** Integer quote units (10^-4) that one tick times one lot is worth (linear; 1 and unused for inverse). */
  readonly quotePerTickLot: number;
  /**
   * Inverse (coin-settled) contracts only: one lot at P ticks is worth inverseScale / P integer
   * coin units (instruments/contract.ts). Absent for linear instruments.
   */
  readonly inverseScale?: number;
  /** Dated futures only: expiry, UTC epoch ms. */
  readonly expiryUtcMs?: number;
  /**
   * Index of this instrument in the run's global `instruments` dictionary (the `instrument`
   * column of tables written by agents, e.g. `hedges`). Optional (additive); when absent,
   * writers fall back to `instrumentId`, which is right only for a single-venue world.
   */
  readonly dictIndex?: number;
}

/**
 * Whole lots for a size in base units at `price` (quote currency): base / lotSize for a linear
 * instrument; for an inverse contract (a lot = lotSize USD of face) base * price / lotSize, the
 * contracts whose coin value is that many base units. Rounded down, sign kept.
 */
export function baseSizeToLots(info: Readonly<InstrumentInfo>, baseUnits: number, price: number): number {
  const usd = info.inverseScale === undefined ? baseUnits : baseUnits * price;
  return Math.floor(Math.abs(usd) / info.lotSize + 1e-9) * Math.sign(usd);
}

/** Static facts about an option series cleared by a venue's options desk. */
export interface OptionSeriesInfo {
  readonly venueId: number;
  readonly seriesId: number;
  readonly symbol: string;
  readonly isCall: boolean;
  /** Strike in quote currency. */
  readonly strike: number;
  /** Expiry as an absolute UTC instant in epoch milliseconds (never stored as SimTime; see clock.ts). */
  readonly expiryUtcMs: number;
  /** Base units per contract. */
  readonly contractSize: number;
  /** Index in the run's `series` output dictionary (set by the venue's desk). */
  readonly dictIndex?: number;
  /** Length of the index TWAP window the series settles on, ns before expiry (0: the index at expiry). */
  readonly settlementWindowNs: number;
  /**
   * 'coin' for coin-settled (inverse) options: premium (OptionFilled.priceTicks, QuoteOption) and
   * payoff (OptionSettled.aux0) are coin money units, `moneyUnits` per coin. Absent = quote-settled.
   */
  readonly settlement?: 'coin';
  /** Money units per unit of the settlement currency (10^8 for coin-settled series). */
  readonly moneyUnits?: number;
  /** Venue instrument whose mark the series settles on (TWAP); absent = the venue index. */
  readonly referenceInstrument?: number;
  /** Tick size of `referenceInstrument` (its marks are in its ticks). */
  readonly referenceTickSize?: number;
}

/**
 * Caller-owned L2 buffer for `ctx.depth(...)`: up to `capacity` price levels per side, best
 * first; `bidLevels` / `askLevels` say how many entries were written. Prices in ticks, sizes in
 * lots, orders = resting orders at that level. Structurally the same as the book's L2Snapshot
 * (src/book/types.ts), so a venue fills it without copying. Allocate once with
 * {@link newDepthSnapshot} and reuse it.
 */
export interface DepthSnapshot {
  readonly capacity: number;
  readonly bidTicks: Float64Array;
  readonly bidLots: Float64Array;
  readonly bidOrders: Int32Array;
  readonly askTicks: Float64Array;
  readonly askLots: Float64Array;
  readonly askOrders: Int32Array;
  bidLevels: number;
  askLevels: number;
  /** Simulated time the levels describe (ns). */
  tNs: number;
}

/** A {@link DepthSnapshot} with room for `capacity` levels per side. */
export function newDepthSnapshot(capacity: number): DepthSnapshot {
  if (!Number.isSafeInteger(capacity) || capacity < 0) throw new RangeError(`depth capacity must be an integer >= 0, got ${capacity}`);
  return {
    capacity,
    bidTicks: new Float64Array(capacity),
    bidLots: new Float64Array(capacity),
    bidOrders: new Int32Array(capacity),
    askTicks: new Float64Array(capacity),
    askLots: new Float64Array(capacity),
    askOrders: new Int32Array(capacity),
    bidLevels: 0,
    askLevels: 0,
    tNs: 0,
  };
}
