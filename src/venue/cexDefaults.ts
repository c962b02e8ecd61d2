/**
 * Default parameters of a CEX venue, each with its source (crypto-mechanics.md §1.6, §3.5, §4.1),
 * and {@link cexConfig} to build a full {@link CexVenueConfig} from the required parts plus
 * overrides. Durations ns, fees bps, money quote units.
 */
import { NS_PER_MIN, NS_PER_MS, NS_PER_SEC } from '../engine/time.js';
import { DEFAULT_LIQUIDATION_PARAMS, DEFAULT_ACCOUNT_LEVERAGE } from './clearing/index.js';
import { DEFAULT_FUNDING as INSTRUMENT_FUNDING, DEFAULT_MARK_HALF_LIFE_NS, DEFAULT_MARK_MAX_BASIS, type PriceIndexConfig } from '../instruments/index.js';
import type { CexInstrumentConfig, CexOutputConfig, CexVenueConfig, FundingConfig, MarginDefaults } from './cexConfig.js';
import type { MarkConfig } from './prices/venuePrices.js';
import type { OptionsDeskConfig } from './options/optionsConfig.js';

/** Index: the instruments layer's defaults (EMA of the spot mid, 3 s half-life; no exogenous blend). */
export const DEFAULT_INDEX: PriceIndexConfig = {};

/** Mark: the instruments layer's defaults (premium EMA half-life and clamp, instruments/perpMark.ts). */
export const DEFAULT_MARK: MarkConfig = { halfLifeNs: DEFAULT_MARK_HALF_LIFE_NS, maxBasis: DEFAULT_MARK_MAX_BASIS };

/**
 * Funding: Binance parameters (instruments/funding.ts) every 8 h at 00/08/16 UTC; premium sampled
 * every 5 s (Binance, Hyperliquid) at an impact notional of 25,000 USD (Binance BTCUSDT: 200 USDT
 * / IMR at max leverage; crypto-mechanics.md §1.3, §1.6).
 */
export const DEFAULT_FUNDING: FundingConfig = { ...INSTRUMENT_FUNDING, alignOffsetNs: 0, premiumSampleNs: 5 * NS_PER_SEC, impactNotional: 25_000 };

/** Cross margin at the clearing default leverage. */
export const DEFAULT_MARGIN: MarginDefaults = { mode: 'cross', leverage: DEFAULT_ACCOUNT_LEVERAGE };

/** Options desk: 50 ms quote window; settlement on the 30 min index TWAP sampled every 5 s (Deribit). */
export const DEFAULT_OPTIONS_DESK: OptionsDeskConfig = {
  series: [],
  quoteDeadlineNs: 50 * NS_PER_MS,
  settlementWindowNs: 30 * NS_PER_MIN,
  settlementSampleNs: 5 * NS_PER_SEC,
};

/** Book every second, 10 depth levels, accounts every minute. */
export const DEFAULT_CEX_OUTPUT: CexOutputConfig = { bookIntervalNs: NS_PER_SEC, depthLevels: 10, accountsIntervalNs: NS_PER_MIN };

/**
 * Market-order price protection, 500 bps: Binance USD-M futures cap market buys at
 * mark * (1 + marketTakeBound) and floor sells at mark * (1 - marketTakeBound), with
 * `marketTakeBound` = "0.05" for BTCUSDT in GET /fapi/v1/exchangeInfo ("max price deviation for
 * market orders", field added 2021-07-06); Binance's announcement "Updates on Order Price Cap/Floor
 * Ratio for Multiple USDⓈ-M Perpetual Futures Contracts" (2025-04-01) lists the per-pair "Market
 * Order Price Cap / Floor Ratio" (15-50 % for illiquid alts). Orders beyond it expire or fill
 * partially. 0 turns the protection off.
 */
export const DEFAULT_MARKET_PROTECTION_BPS = 500;

/** The required parts of a venue config; everything else has a default. */
export interface CexRequired {
  readonly name: string;
  readonly instruments: readonly CexInstrumentConfig[];
  readonly liquidationEngineId: number;
  readonly insuranceFundId: number;
}

/** The config sections every venue kind (CEX, DEX in dex/dexConfig.ts) defaults the same way. */
export type SharedVenueDefaults = Pick<CexVenueConfig, 'margin' | 'liquidation' | 'insuranceFundUnits' | 'output' | 'marketDataRetentionNs'>;

/** The shared sections: `overrides` where given, else the defaults above. */
export function sharedVenueDefaults(overrides: Partial<SharedVenueDefaults>): SharedVenueDefaults {
  return {
    margin: overrides.margin ?? DEFAULT_MARGIN,
    liquidation: overrides.liquidation ?? DEFAULT_LIQUIDATION_PARAMS,
    // 1,000,000 USD of insurance fund by default; scenarios size it to open interest (§3.5).
    insuranceFundUnits: overrides.insuranceFundUnits ?? 1_000_000 * 10_000,
    output: overrides.output ?? DEFAULT_CEX_OUTPUT,
    // 10 s of history covers any realistic market-data latency.
    marketDataRetentionNs: overrides.marketDataRetentionNs ?? 10 * NS_PER_SEC,
  };
}

/** A full config: defaults, then `overrides` (shallow per section). */
export function cexConfig(req: CexRequired, overrides: Partial<Omit<CexVenueConfig, keyof CexRequired>> = {}): CexVenueConfig {
  return {
    ...req,
    index: overrides.index ?? DEFAULT_INDEX,
    mark: overrides.mark ?? DEFAULT_MARK,
    funding: overrides.funding ?? DEFAULT_FUNDING,
    priceUpdateIntervalNs: overrides.priceUpdateIntervalNs ?? NS_PER_SEC,
    ...sharedVenueDefaults(overrides),
    options: overrides.options ?? DEFAULT_OPTIONS_DESK,
    marketProtectionBps: overrides.marketProtectionBps ?? DEFAULT_MARKET_PROTECTION_BPS,
  };
}
