/**
 * Parameter schema of `market_maker` (src/agents/marketMaker.ts). Spreads and skews in bps of
 * the reference price, sizes in base units, volatility in bps per sqrt(second).
 */
import { z } from 'zod';
import { duration, nonNegative, positive } from '../model/schema.js';
import { accountFields, groupFields } from './common/schema.js';

/**
 * Transient impact (optional): a share of each fill's fair-value move decays as a power law of
 * the time since the fill, the propagator of Bouchaud, Gefen, Potters, Wyart 2004 (Quant. Fin. 4),
 * G(l) ~ l^-exponent between the timescales, as log-spaced exponentials (Markovian, K numbers of
 * state). A metaorder of N children at a steady rate then moves the price ~ N^(1 - exponent) while
 * the transient part dominates (the square-root law for exponent 0.5), instead of ~ N.
 */
export const transientImpactSchema = z
  .object({
    fraction: z.number().min(0).max(1).describe('Share of each fill\'s fair-value move that is transient; the rest is permanent.'),
    exponent: z.number().min(0.05).max(2).prefault(0.5).describe('Decay exponent beta of the transient part: G(l) ~ l^-beta from min_timescale to about max_timescale / 10. Default 0.5.'),
    min_timescale: duration('Shortest exponential component of the decay. Default "1s".').prefault('1s'),
    max_timescale: duration('Longest exponential component (beyond it the transient part is gone). Default "1h".').prefault('1h'),
    components: z.number().int().min(2).max(12).prefault(8).describe('Number of log-spaced exponentials approximating the power law. Default 8.'),
  })
  .strict()
  .refine((k) => k.max_timescale > k.min_timescale, 'max_timescale must exceed min_timescale')
  .describe('Power-law transient impact of the fair value (optional; absent = every move is permanent).');

export const marketMakerSchema = z
  .object({
    ...groupFields('market_maker'),
    ...accountFields(1e9),
    levels: z.number().int().min(1).max(50).prefault(10).describe('Levels quoted per side. Default 10.'),
    level_spacing_bps: nonNegative('Distance between consecutive levels at the reference volatility, bps (scales with the spread). Default 1.').prefault(1),
    size: positive('Size of the best level at or below the reference volatility, base units. Default 2.').prefault(2),
    size_growth: positive('Each deeper level is this multiple of the one above. Default 1.2.').prefault(1.2),
    base_half_spread_bps: nonNegative('Half spread at zero volatility and balanced flow, bps. Default 0.5.').prefault(0.5),
    vol_spread: nonNegative('Half-spread term per unit of sigma * sqrt(vol_horizon) (bps per bp): the Avellaneda-Stoikov / GLFT volatility term. Default 0.5.').prefault(0.5),
    vol_horizon: duration('Holding horizon T of the volatility term (sigma * sqrt(T)). Default "10s".').prefault('10s'),
    reference_vol: positive('Volatility below which the book is quoted at full size, bps per sqrt(s). Default 1.').prefault(1),
    size_vol_elasticity: nonNegative('Quoted size scales as (reference_vol / sigma)^this above the reference (liquidity withdrawal). Default 1.').prefault(1),
    vol_sample_interval: duration('Interval between own mid samples for the volatility estimate. Default "1s".').prefault('1s'),
    vol_timescale: duration('EWMA timescale of the squared sample returns. Default "5m".').prefault('5m'),
    max_inventory: positive('Inventory at which the side that would grow it is no longer quoted, base units. Default 50.').prefault(50),
    inventory_skew_bps: nonNegative('Shift of the quotes against the inventory at max_inventory and the reference volatility, bps (AS reservation price; scales with sigma/reference_vol). Default 2.').prefault(2),
    flow_timescale: duration('EWMA timescale of the taker flow that hit this maker (order-flow imbalance). Default "30s".').prefault('30s'),
    flow_timescale_long: duration('Second, longer EWMA of the same flow ("0" = off); the imbalance is then the mean of both, so a flow that has lasted longer is better predicted and moves the price less per unit (concave metaorder impact, Farmer, Gerig, Lillo, Waelbroeck 2013). Default "0".').prefault('0'),
    flow_floor: nonNegative('Flow (base units per timescale) added to the denominator of the imbalance so a few lots do not saturate it. Default 5.').prefault(5),
    flow_impact_bps: nonNegative('Move of the maker\'s fair value per base unit of taker flow that hit it, bps at the reference volatility (Glosten-Milgrom / Kyle learning: a buyer may know something). Default 0.05.').prefault(0.05),
    flow_prediction: z
      .union([z.number().min(0).max(1), z.literal('adaptive')])
      .prefault('adaptive')
      .describe('How much of the expected taker sign is discounted before a fill moves the fair value: expected sign = beta * imbalance of the flow so far. A number fixes beta (0 = every trade moves it fully, 1 = only the surprise against the imbalance); "adaptive" (default) estimates beta online as the least-squares slope of each fill\'s taker sign on the imbalance just before it (EWMA over prediction_fills fills), so the maker learns how predictable the flow is (Lillo and Farmer 2004).'),
    prediction_fills: z.number().int().min(10).max(1_000_000).prefault(500).describe('Memory of the adaptive predictor, in fills. Default 500.'),
    impact_vol_elasticity: nonNegative('The flow impact scales as (sigma / reference_vol)^this (makers read more information into trades in volatile spells). Default 0.5.').prefault(0.5),
    transient_impact: transientImpactSchema.optional(),
    anchor_timescale: duration('The fair value relaxes toward the observed reference (microprice) with this timescale. Default "10s".').prefault('10s'),
    requote_bps: positive('Requote at once when the fair value moved this many bps since the last quote. Default 0.5.').prefault(0.5),
    adverse_spread_bps: nonNegative('Extra half spread at full imbalance, bps (adverse selection). Default 1.').prefault(1),
    microprice_weight: z.number().min(0).max(1).prefault(1).describe('Reference = mid + weight * (microprice - mid). Default 1 (the microprice).'),
    requote_interval: duration('Mean requote interval (uniform in [0.5, 1.5] x this). Default "1s".').prefault('1s'),
    requote_inventory_change: positive('Requote at once when inventory moved this much since the last quote, base units. Default 5.').prefault(5),
    pull_on_halt: z.boolean().prefault(true).describe('Cancel all quotes while the venue feed is halted. Default true.'),
  })
  .strict()
  .refine((p) => p.vol_sample_interval > 0, 'vol_sample_interval must be > 0');
export type MarketMakerParams = z.output<typeof marketMakerSchema>;
