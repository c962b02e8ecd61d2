/**
 * Default clearing parameters from real venues, each with its source (details and ranges in
 * shared/notes/crypto-mechanics.md §2.4 and §3.5).
 */
import type { LiquidationParams } from './types.js';

/**
 * Liquidation (clearance) fee: 1.0 % of notional, capped by the leftover margin. Binance charges a
 * clearance fee to the insurance fund on the liquidated amount (Binance Futures "Liquidation
 * Protocols", roughly 0.5-1.5 % by symbol); dYdX v4 min(1.5 % x notional, leftover collateral)
 * (liquidations config in dydxprotocol/v4-chain); Hyperliquid 0.
 */
export const DEFAULT_LIQUIDATION_FEE_RATE = 0.01;

/**
 * One IOC for the whole taken-over position (Binance/Hyperliquid below $100k). Hyperliquid closes
 * 20 % chunks above $100k notional ("Liquidations" docs); set `chunkFraction: 0.2` for that.
 */
export const DEFAULT_LIQUIDATION_CHUNK_FRACTION = 1;

/** Binance-like liquidation engine: 1 % fee, full close, ADL when the fund cannot cover. */
export const DEFAULT_LIQUIDATION_PARAMS: LiquidationParams = {
  feeRate: DEFAULT_LIQUIDATION_FEE_RATE,
  chunkFraction: DEFAULT_LIQUIDATION_CHUNK_FRACTION,
  adlOnUnfilled: true,
};

/**
 * Funding clamp around the interest component and the interest component itself, per 8 h
 * (Binance "Introduction to Funding Rates": I = 0.01 %, clamp +-0.05 %); the cap 0.3 % per
 * interval = 0.75 x (IMR - MMR) at max leverage for BTCUSDT. The clearing core only settles a
 * given rate; these are exported for the venue's funding computation.
 */
export const BINANCE_FUNDING_INTEREST_PER_8H = 0.0001;
export const BINANCE_FUNDING_CLAMP = 0.0005;
export const BINANCE_FUNDING_CAP_PER_INTERVAL = 0.003;

/** Default leverage an account trades at when the scenario does not set one (retail median, crypto-mechanics.md §2.4 [?]). */
export const DEFAULT_ACCOUNT_LEVERAGE = 10;
