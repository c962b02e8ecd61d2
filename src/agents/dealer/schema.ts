/**
 * Parameters of the `option_dealer` kind: where it hedges (`venue`/`instrument`, the perp by
 * default), its options desk, its initial options book, its own vol surface, the quoting
 * spread, the hedge policy (a discriminated union on `policy`) and how hedges are executed.
 * Sizes are base units, prices quote currency, vols annualized fractions, durations strings.
 */
import { z } from 'zod';
import { duration, nonNegative, positive, probability } from '../../model/schema.js';
import { accountFields, groupFields } from '../common/schema.js';

const checkInterval = () => duration('How often the hedge rule is evaluated. Default "1s".').prefault('1s');
const to = (dflt: 'target' | 'edge') =>
  z.enum(['target', 'edge']).prefault(dflt).describe(`On a breach, trade to zero net delta ("target") or to the nearest band edge ("edge"). Default "${dflt}".`);

export const hedgePolicySchema = z
  .discriminatedUnion('policy', [
    z.object({ policy: z.literal('none').describe('Never hedge (greeks are still recorded).') }).strict(),
    z
      .object({
        policy: z.literal('time').describe('Rebalance to zero net delta every interval.'),
        interval: duration('Rebalance interval. Default "1m".').prefault('1m'),
      })
      .strict(),
    z
      .object({
        policy: z.literal('band').describe('Rebalance when |net delta| exceeds B = max(band, |gamma| * S * band_move) (crypto-mechanics 4.5).'),
        check_interval: checkInterval(),
        band: nonNegative('Minimum band half-width, base units. Default 1.').prefault(1),
        band_move: nonNegative('Band as the delta change for this relative move: |gamma| * S * band_move. Default 0.005 (0.5 %).').prefault(0.005),
        to: to('target'),
      })
      .strict(),
    z
      .object({
        policy: z.literal('whalley_wilmott').describe('Utility-optimal no-trade band H = (3 * cost * S * gamma^2 / (2 * risk_aversion))^(1/3) (Whalley and Wilmott 1997; crypto-mechanics 4.5, r = 0).'),
        check_interval: checkInterval(),
        cost_bps: nonNegative('Proportional cost per unit traded (taker fee), bps. Default 5.').prefault(5),
        include_half_spread: z.boolean().prefault(true).describe('Add the observed half spread / mid to the cost. Default true.'),
        risk_aversion: positive('Absolute risk aversion, per quote currency. Default 0.001.').prefault(0.001),
        min_band: nonNegative('Smallest band half-width, base units. Default 0.').prefault(0),
        to: to('edge'),
      })
      .strict(),
    z
      .object({
        policy: z.literal('partial').describe('Close a fraction of the gap to zero net delta at every check outside a small band.'),
        check_interval: checkInterval(),
        fraction: z.number().gt(0).max(1).prefault(0.5).describe('Fraction of the gap traded per check, in (0, 1]. Default 0.5.'),
        band: nonNegative('No trade while |net delta| is within this, base units. Default 0.').prefault(0),
      })
      .strict(),
    z
      .object({
        policy: z.literal('constant_gamma').describe('Synthetic book with constant gamma G: option delta = G * (S - ref_price), hedged to zero every interval (theory.md 1e).'),
        gamma: z.number().refine(Number.isFinite, 'must be finite').prefault(-0.01).describe('Book gamma G_D in base units per quote currency (negative = short gamma). Default -0.01.'),
        ref_price: positive('S_ref in quote currency. Default: the scenario start price.').optional(),
        interval: duration('Rebalance interval. Default "1s".').prefault('1s'),
      })
      .strict(),
  ])
  .describe('Hedge policy: {policy: none|time|band|whalley_wilmott|partial|constant_gamma, ...}.');
export type HedgePolicyParams = z.output<typeof hedgePolicySchema>;

export const executionSchema = z
  .object({
    style: z.enum(['market', 'marketable_limit', 'passive']).prefault('market').describe('Market orders; IOC limits at the far touch +/- limit_ticks; or passive limits at the near touch, replaced by a market order after passive_timeout. Default "market".'),
    limit_ticks: z.number().int().min(0).prefault(2).describe('Ticks through the far touch for marketable limits. Default 2.'),
    passive_timeout: duration('Passive orders still open after this are canceled and the rest sent at market. Default "5s".').prefault('5s'),
    max_order_size: positive('Largest hedge order, base units. Default 100.').prefault(100),
    participation: probability('Cap each order at this fraction of the visible far-touch size (0 = no cap). Default 0.').prefault(0),
    min_hedge_size: nonNegative('Smaller hedges are not sent, base units. Default 0.001.').prefault(0.001),
    inflight_timeout: duration('A hedge with no final answer after this is given up (DEX drops). Default "60s".').prefault('60s'),
    priority_fee: z.number().int().nonnegative().prefault(0).describe('DEX only: priority fee of hedge transactions, fee units (0 = the venue default). Default 0.'),
    deadline: duration('DEX only: a hedge transaction not included this long after it is sent expires ("0s" = the venue default). Default "0s".').prefault('0s'),
  })
  .strict();
export type ExecutionParams = z.output<typeof executionSchema>;

export const surfaceSchema = z
  .object({
    atm_vol: positive('ATM implied vol, annualized. Default 0.5.').prefault(0.5),
    rr25: z.number().min(-1).max(1).prefault(-0.02).describe('25-delta risk reversal in vol. Default -0.02.'),
    bf25: z.number().min(-1).max(1).prefault(0.015).describe('25-delta butterfly in vol. Default 0.015.'),
    dynamics: z.enum(['sticky_moneyness', 'sticky_strike']).prefault('sticky_moneyness').describe('Smile dynamics. Default "sticky_moneyness".'),
  })
  .strict();

export const optionPositionSchema = z
  .object({
    series: z.string().min(1).describe('Option series symbol at the options desk.'),
    contracts: z.number().refine(Number.isFinite, 'must be finite').describe('Signed contracts (+ long, - short).'),
  })
  .strict();

export const dealerSchema = z
  .object({
    ...groupFields('option_dealer'),
    ...accountFields(100_000_000),
    options_venue: z.string().min(1).optional().describe('Venue whose options desk the dealer quotes to. Default: `venue`.'),
    positions: z.array(optionPositionSchema).prefault([]).describe("Initial options book per member [{series, contracts}] (the world builder adds the dealer's share of open interest here). Default []."),
    surface: surfaceSchema.prefault({}).describe('The dealer\'s vol surface (one tenor, flat term). Default {atm_vol: 0.5, rr25: -0.02, bf25: 0.015}.'),
    tau_floor: duration('Greeks use max(time to expiry, tau_floor): the near-expiry safeguard of theory.md 2b. Default "15m".').prefault('15m'),
    spot_source: z.enum(['index', 'mid']).prefault('index').describe('Underlying price for greeks: the venue index or the hedge book mid (delayed view). Default "index".'),
    quote_spread_vol: nonNegative('Quotes at vol +/- this (sell above, buy below). Default 0.02.').prefault(0.02),
    max_contracts: positive('Declines requests that would take |position| in a series above this. Default 1e9.').prefault(1e9),
    hedge: hedgePolicySchema.prefault({ policy: 'band' }),
    execution: executionSchema.prefault({}).describe('Hedge execution.'),
    greeks_interval: duration('Interval of greeks, gex and gex_profile rows for this group. Default: output.greeks_interval.').exactOptional(),
  })
  .strict();
export type DealerParams = z.output<typeof dealerSchema>;
