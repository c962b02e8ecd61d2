/**
 * Configuration of a block-based decentralized venue ({@link DexVenue}): the CEX venue's
 * instrument, margin, liquidation and output settings (same types, src/venue/cexConfig.ts) plus
 * the chain (block time, capacity, fee floor, default fee and deadline), scheduled congestion
 * windows and the oracle that margin and liquidations use. Defaults with their sources are in
 * {@link dexConfig}.
 *
 * Units: durations ns, fees integer fee units (gwei-like) for priority fees and bps for trading
 * fees, money quote units (10^-4 of the quote currency) where the name ends in `Units`.
 */
import { NS_PER_HOUR, NS_PER_MS, NS_PER_SEC } from '../../engine/time.js';
import { CHAINLINK_L1, PYTH_PULL, type OracleConfig } from '../../instruments/oracle.js';
import type { CexInstrumentConfig, FundingConfig } from '../cexConfig.js';
import type { VenueCoreConfig } from '../venueCoreTypes.js';
import { DEFAULT_FUNDING as CEX_FUNDING, sharedVenueDefaults } from '../cexDefaults.js';
import { ETHEREUM_EIP1559, type ChainParams, type CongestionWindow } from './congestion.js';

/** The chain the venue settles on. */
export interface DexChainConfig extends ChainParams {
  /** Priority fee of an order command sent with aux0 = 0 (fee units). */
  readonly defaultPriorityFee: number;
  /** Deadline of an order command sent with aux1 = 0: arrival in the mempool + this (ns). */
  readonly defaultDeadlineNs: number;
}

/** Where the oracle reads the off-chain price. */
export type OracleSource =
  /** The scenario's exogenous fundamental (ctx.fundamental()). */
  | { readonly kind: 'fundamental' }
  /** Another venue's index (or mid) as this venue sees it through ctx.market (e.g. the CEX). */
  | { readonly kind: 'venue'; readonly venueId: number; readonly instrumentId: number; readonly field: 'index' | 'mid' };

export interface DexOracleConfig extends OracleConfig {
  readonly source: OracleSource;
  /** How often the oracle network observes the off-chain price (ns). */
  readonly observeIntervalNs: number;
}

/**
 * The shared venue fields (name, instruments, system ids, funding against the oracle price or
 * null for none, margin, liquidation, insurance fund, output, market-data history: see
 * ../venueCoreTypes.ts) plus the chain, its congestion windows and the oracle. No market-order
 * protection band: orders execute in blocks.
 */
export interface DexVenueConfig extends Omit<VenueCoreConfig, 'marketProtectionBps'> {
  readonly chain: DexChainConfig;
  readonly congestion: readonly CongestionWindow[];
  readonly oracle: DexOracleConfig;
  /** Send TxIncluded to the sender of each included transaction (default true). */
  readonly notifyInclusion: boolean;
}

/**
 * Ethereum L1: 12 s slots (ethereum.org "proof-of-stake", crypto-mechanics.md §5.1 [doc]) with
 * the EIP-1559 base fee (spec: +-12.5 % per block around a half-full target). Capacity: a 30 M
 * gas block over ~150 k gas per DEX order ≈ 200 orders [?].
 */
export const ETHEREUM_L1: ChainParams = { blockTimeNs: 12 * NS_PER_SEC, blockCapacity: 200, minPriorityFee: 0, eip1559: ETHEREUM_EIP1559 };

/** Arbitrum One: ~250 ms sequencer blocks (Arbitrum docs, §5.1 [doc]); capacity 100 orders per block [?]. */
export const ARBITRUM_L2: ChainParams = { blockTimeNs: 250 * NS_PER_MS, blockCapacity: 100, minPriorityFee: 0 };

/** dYdX v4 (CometBFT): ~1 s blocks; short-term orders valid at most 40 blocks (v4-chain `ShortBlockWindow`, §5.1 [code]). */
export const DYDX_V4: ChainParams = { blockTimeNs: NS_PER_SEC, blockCapacity: 1000, minPriorityFee: 0 };

/**
 * Default chain: an L2 rollup at 0.25 s; default priority fee 1 unit; deadline 300 s (GMX v2
 * request expiry in gmx-synthetics, crypto-mechanics.md §5.1 [code]).
 */
export const DEFAULT_DEX_CHAIN: DexChainConfig = { ...ARBITRUM_L2, defaultPriorityFee: 1, defaultDeadlineNs: 300 * NS_PER_SEC };

/** Default oracle: Chainlink push rule (0.5 % / 3600 s, 12 s delay) observing the fundamental every second. */
export const DEFAULT_DEX_ORACLE: DexOracleConfig = { ...CHAINLINK_L1, source: { kind: 'fundamental' }, observeIntervalNs: NS_PER_SEC };

/** A fast pull oracle (Pyth-like, 400 ms) on the same source. */
export const FAST_DEX_ORACLE: DexOracleConfig = { ...PYTH_PULL, source: { kind: 'fundamental' }, observeIntervalNs: 100 * NS_PER_MS };

/**
 * Hourly funding (Hyperliquid, dYdX v4: 1 h, §0 [doc][code]) capped at 4 % per hour (Hyperliquid
 * [doc]); everything else (interest and clamp per 8 h, 5 s premium samples, impact notional) as
 * the CEX default. The premium is measured against the oracle price.
 */
export const DEFAULT_DEX_FUNDING: FundingConfig = { ...CEX_FUNDING, intervalNs: NS_PER_HOUR, capPerInterval: 0.04 };

/** The required parts of a DEX config; everything else has a default. */
export interface DexRequired {
  readonly name: string;
  readonly instruments: readonly CexInstrumentConfig[];
  readonly liquidationEngineId: number;
  readonly insuranceFundId: number;
}

/** A full config: defaults, then `overrides` (shallow per section). */
export function dexConfig(req: DexRequired, overrides: Partial<Omit<DexVenueConfig, keyof DexRequired>> = {}): DexVenueConfig {
  return {
    ...req,
    chain: overrides.chain ?? DEFAULT_DEX_CHAIN,
    congestion: overrides.congestion ?? [],
    oracle: overrides.oracle ?? DEFAULT_DEX_ORACLE,
    funding: overrides.funding === undefined ? DEFAULT_DEX_FUNDING : overrides.funding,
    // Margin, liquidation, insurance fund (1,000,000 USD), output and market-data history as the CEX.
    ...sharedVenueDefaults(overrides),
    notifyInclusion: overrides.notifyInclusion ?? true,
  };
}
