/**
 * Configuration of a centralized-exchange venue ({@link CexVenue}): a plain TypeScript type the
 * scenario layer fills from YAML (durations already in ns, decimals already checked against the
 * tick and lot grids). Defaults, each with its source, are in {@link CEX_DEFAULTS}; use
 * {@link withCexDefaults} to fill the optional parts.
 *
 * Units: durations ns, prices quote currency (floats, converted to ticks here once), fees bps,
 * money quote units (10^-4 of the quote currency) where the name ends in `Units`.
 */
import type { MarginBracket } from './clearing/brackets.js';
import type { LiquidationParams } from './clearing/types.js';
import type { FundingParams, PriceIndexConfig } from '../instruments/index.js';
import type { MarkConfig } from './prices/venuePrices.js';
import type { OptionsDeskConfig } from './options/optionsConfig.js';

/** Expiry and settlement of a dated future (crypto-mechanics.md §4.1 convention: TWAP of the index). */
export interface FutureExpiryConfig {
  /** Expiry as SimTime ns (the clock maps it from UTC). */
  readonly expiryNs: number;
  /** The same instant as UTC epoch ms (for InstrumentInfo). */
  readonly expiryUtcMs: number;
  /** Settlement price = time-weighted average of the index over [expiry - window, expiry] (0: the index at expiry). */
  readonly settlementWindowNs: number;
  /** Index sampling step inside the window. */
  readonly settlementSampleNs: number;
}

/** One listed instrument; its venue-local id is its position in `instruments`. */
export interface CexInstrumentConfig {
  readonly symbol: string;
  /** spot book, perpetual swap, or dated future (margined like a perp, no funding, settles at expiry). */
  readonly kind: 'spot' | 'perp' | 'future';
  /**
   * Linear (default: quote-settled, lots of base units) or inverse (coin-settled: a lot is one
   * contract of `lotSize` USD of face; margin, PnL, fees and funding in the coin). A venue's
   * margined instruments are all linear or all inverse (one settlement currency per venue).
   */
  readonly contract?: 'linear' | 'inverse';
  /** Quote currency per tick. */
  readonly tickSize: number;
  /** Base units per lot (linear), or quote currency (USD) of face per contract (inverse). */
  readonly lotSize: number;
  readonly makerFeeBps: number;
  readonly takerFeeBps: number;
  /** Price the reference prices start from before the book has a mid (quote currency; its underlying's start price). */
  readonly initialPrice: number;
  /**
   * Which of the venue's underlyings this instrument follows: 0..n-1 in order of first listing
   * (absent = 0, the first instrument's). Each group has its own index (prices/venuePrices.ts);
   * one clearing house margins all groups together (cross accounts: sum of per-position requirements).
   */
  readonly underlyingGroup?: number;
  /** Index of this instrument in the run's global `instruments` dictionary (table columns). */
  readonly dictIndex: number;
  /** Margin brackets (perps and futures; in settlement units); default Binance BTCUSDT. */
  readonly brackets?: readonly MarginBracket[];
  /** Dated futures only. */
  readonly future?: FutureExpiryConfig;
}

/**
 * Funding of the perps (CEX style, crypto-mechanics.md §1.4): the rate formula's parameters
 * (instruments/funding.ts: interval, interest and clamp per 8 h, cap per interval) plus when
 * funding happens and how often the premium is sampled.
 */
export interface FundingConfig extends FundingParams {
  /** Funding times are UTC instants with (utc - alignOffsetNs) a multiple of intervalNs since the epoch (0 = 00:00/08:00/16:00 for 8 h). */
  readonly alignOffsetNs: number;
  /** Premium sampling step (Binance: 5 s). */
  readonly premiumSampleNs: number;
  /** Impact notional of the premium index in quote currency (0: use the mid premium). */
  readonly impactNotional: number;
}

/** Margin defaults for accounts the scenario does not configure. */
export interface MarginDefaults {
  readonly mode: 'cross' | 'isolated';
  readonly leverage: number;
}

/** Output sampling of the venue's tables. */
export interface CexOutputConfig {
  /** `book` (and `depth`) sampling interval; 0 = off. */
  readonly bookIntervalNs: number;
  /** Levels per side in `depth` (when that table is on). */
  readonly depthLevels: number;
  /** `accounts` sampling interval; 0 = off. */
  readonly accountsIntervalNs: number;
  /** `open_interest` sampling interval of the options desk (output.greeks_interval); absent or 0 = off. */
  readonly openInterestIntervalNs?: number;
}

export interface CexVenueConfig {
  /** Venue name (the actor name the world builder registered). */
  readonly name: string;
  readonly instruments: readonly CexInstrumentConfig[];
  /** Agent id of the liquidation engine (holds taken-over positions, sends close orders). */
  readonly liquidationEngineId: number;
  /** Agent id of the insurance fund (the party of insurance draws in tables). */
  readonly insuranceFundId: number;
  /** Index construction (instruments/priceIndex.ts). */
  readonly index: PriceIndexConfig;
  readonly mark: MarkConfig;
  readonly funding: FundingConfig;
  /** Reference prices (index, mark, liquidation checks, watches) are refreshed at least this often. */
  readonly priceUpdateIntervalNs: number;
  readonly margin: MarginDefaults;
  readonly liquidation: LiquidationParams;
  /** Initial insurance fund in quote units. */
  readonly insuranceFundUnits: number;
  readonly options: OptionsDeskConfig;
  readonly output: CexOutputConfig;
  /**
   * Market data history kept per book: queries up to this far in the past are exact. The world
   * builder sets it >= the largest market-data latency of any agent to this venue.
   */
  readonly marketDataRetentionNs: number;
  /**
   * Market-order price protection in bps around the mark (0 = off): a market buy matches only up
   * to mark * (1 + bps / 10^4), a sell only down to mark * (1 - bps / 10^4); the rest is canceled
   * (IocRemainder), or the order is rejected (NoLiquidity) when nothing lies inside the band.
   * Liquidation close orders are exempt (they carry their own limit). Default
   * {@link DEFAULT_MARKET_PROTECTION_BPS} (cexDefaults.ts).
   */
  readonly marketProtectionBps: number;
  /** Maintenance margin at the mark (absent, Binance) or at entry value (Bybit). */
  readonly maintenanceValuation?: 'mark' | 'entry';
}
