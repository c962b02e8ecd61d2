/**
 * Zod schema of one venue in a scenario's `venues:` map, discriminated by `kind`: a `cex` (its
 * instruments, spot and linear perp books, index, liquidation, latency and options desk) or a
 * `dex` (the same instruments, liquidation and latency blocks plus chain, congestion and oracle,
 * from venue/dex/schema.ts). Input units are the user's: prices in quote currency, sizes in base
 * units, fees in bps (DEX priority fees in integer fee units), rates as fractions per stated
 * interval, durations as strings (parsed to ns here), expiries as UTC instants (parsed to epoch
 * ms here). Grid checks and tick/lot conversion happen later, in resolve.ts.
 */
import { z } from 'zod';
import { bps, duration, latencyNsSchema, nonNegative, positive, price, probability, size, utcInstant } from '../model/schema.js';
import { dexVenueFields } from '../venue/dex/schema.js';
import { MAX_CONTRACT_SIZE } from '../model/capacity.js';

/** Names used in agent names, stream names and output paths: lower snake case. */
export const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
/** Instrument symbols: `BTC-USD`, `BTC-PERP`. */
export const SYMBOL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const marginTierSchema = z
  .object({
    max_notional: positive('Upper bound of this tier: position notional in quote currency.'),
    maintenance_margin_rate: probability('Maintenance margin as a fraction of notional.'),
    max_leverage: z.number().min(1).describe('Largest leverage allowed inside this tier (>= 1).'),
  })
  .strict()
  .describe('One margin bracket.');

const fundingSchema = z
  .object({
    interval: duration('Time between funding settlements; settlements align to 00:00 UTC.').prefault('8h'),
    interest: z.number().min(-1).max(1).prefault(0.0001).describe('Interest rate component per funding interval (fraction).'),
    clamp: nonNegative('Clamp applied to (interest - premium), fraction per interval.').prefault(0.0005),
    cap: nonNegative('Largest absolute funding rate per interval (fraction).').prefault(0.003),
  })
  .strict()
  .describe('Perpetual funding: rate = premium + clamp(interest - premium, -clamp, clamp), capped at +/-cap.');

const markSchema = z
  .object({
    premium_window: duration('EMA window of the perp premium over the index.').prefault('1m'),
    premium_clamp: nonNegative('Largest absolute premium (fraction of index) the mark may carry.').prefault(0.005),
  })
  .strict()
  .describe('Mark price = index + clamped EMA of the perp premium.');

const underlyingRef = z.string().regex(/^[A-Z0-9]+$/).optional().describe('The underlying this instrument follows (a key of `underlyings`); default the primary. A cex venue may list several underlyings (one index and mark per underlying; cross accounts are margined on all of them); a dex venue follows one (its oracle). Options follow the venue\'s first instrument\'s underlying.');

const instrumentBase = {
  symbol: z.string().regex(SYMBOL_PATTERN).describe('Instrument symbol, unique within the venue, e.g. BTC-PERP.'),
  underlying: underlyingRef,
  tick_size: positive('Price grid step in quote currency, e.g. 0.1.'),
  lot_size: positive('Size grid step in base units, e.g. 0.001.'),
  maker_fee_bps: bps('Maker fee in basis points of notional (negative for a rebate).').prefault(1),
  taker_fee_bps: bps('Taker fee in basis points of notional.').prefault(5),
};

const spotSchema = z
  .object({ ...instrumentBase, type: z.literal('spot').describe('A spot book.') })
  .strict()
  .describe('A spot instrument.');

const perpSchema = z
  .object({
    ...instrumentBase,
    type: z.literal('perp').describe('A linear perpetual swap, quote-settled.'),
    max_leverage: z.number().min(1).max(1000).prefault(50).describe('Largest leverage at the smallest position size (>= 1).'),
    margin_tiers: z
      .array(marginTierSchema)
      .min(1)
      .optional()
      .describe('Margin brackets by notional, increasing; default one bracket: mmr = 0.5 / max_leverage.'),
    funding: fundingSchema.prefault({}),
    mark: markSchema.prefault({}),
  })
  .strict()
  .describe('A perpetual swap instrument.');

/** Margin fields shared by perps and dated futures. */
const marginFields = {
  max_leverage: z.number().min(1).max(1000).prefault(50).describe('Largest leverage at the smallest position size (>= 1).'),
  margin_tiers: z
    .array(marginTierSchema)
    .min(1)
    .optional()
    .describe('Margin brackets by notional in the settlement currency (quote for linear, the coin for inverse), increasing; default one bracket: mmr = 0.5 / max_leverage.'),
};

/** Face value of an inverse contract; it is also the size grid step (quantities are whole contracts). */
const contractSize = positive('Face value of one inverse contract in quote currency (USD), e.g. 100 (Binance COIN-M BTCUSD), 10 (Deribit), 1 (BitMEX XBTUSD).');

const inversePerpSchema = z
  .object({
    symbol: instrumentBase.symbol,
    underlying: underlyingRef,
    tick_size: instrumentBase.tick_size,
    contract_size: contractSize,
    maker_fee_bps: instrumentBase.maker_fee_bps,
    taker_fee_bps: instrumentBase.taker_fee_bps,
    type: z.literal('inverse_perp').describe('An inverse (coin-margined) perpetual swap: size in USD contracts; margin, PnL, fees and funding in the coin.'),
    ...marginFields,
    funding: fundingSchema.prefault({}),
    mark: markSchema.prefault({}),
  })
  .strict()
  .describe('An inverse perpetual swap instrument (BitMEX XBTUSD, Binance COIN-M, Deribit BTC-PERPETUAL style).');

const futureSchema = z
  .object({
    symbol: instrumentBase.symbol,
    underlying: underlyingRef,
    tick_size: instrumentBase.tick_size,
    contract: z.enum(['linear', 'inverse']).prefault('linear').describe('linear: quote-settled, lots of base units (lot_size); inverse: coin-settled USD contracts (contract_size).'),
    lot_size: positive('Size grid step in base units (linear futures).').optional(),
    contract_size: contractSize.optional(),
    maker_fee_bps: instrumentBase.maker_fee_bps,
    taker_fee_bps: instrumentBase.taker_fee_bps,
    type: z.literal('future').describe('A dated future: margined like a perp, no funding, settled at expiry on the TWAP of the venue index.'),
    expiry: utcInstant('Expiry, a UTC instant; positions settle then.'),
    settlement_window: duration('TWAP window of the index before expiry that sets the settlement price (0 = the index at expiry).').prefault('30m'),
    settlement_sample: duration('Index sampling step inside the settlement window.').prefault('5s'),
    ...marginFields,
    mark: markSchema.prefault({}),
  })
  .strict()
  .describe('A dated future (linear or inverse); its basis to the index is set by its own book (mark = index + clamped EMA of the premium).');

/** One instrument: `type: spot`, `perp`, `inverse_perp` or `future`. */
export const instrumentSchema = z.discriminatedUnion('type', [spotSchema, perpSchema, inversePerpSchema, futureSchema]).describe('An instrument listed at the venue.');
export type InstrumentInput = z.output<typeof instrumentSchema>;

const indexSchema = z
  .object({
    method: z.enum(['twap', 'ema']).prefault('twap').describe('Averaging of the spot mid (perp mid when no spot book).'),
    window: duration('TWAP window or EMA time constant.').prefault('1m'),
    external_weight: probability('Weight of the exogenous fundamental in the index (0 = venue prices only).').prefault(0),
  })
  .strict()
  .describe('The venue index: options are valued on it, margin is checked against the mark built on it.');

const liquidationSchema = z
  .object({
    fee_bps: bps('Liquidation fee in bps of the liquidated notional, paid to the insurance fund.').prefault(50),
    partial_fraction: z.number().gt(0).max(1).describe('Fraction of a position closed per liquidation step, in (0, 1] (1 = all at once; 0 would never close anything).').prefault(1),
    insurance_fund_initial: nonNegative('Initial insurance fund, quote currency.').prefault(1_000_000),
    maintenance_valuation: z
      .enum(['mark', 'entry'])
      .optional()
      .describe('Maintenance margin on the notional at the mark (Binance; the default) or on the entry value (Bybit).'),
    step_down: z
      .boolean()
      .optional()
      .describe('Partial liquidation down the margin tiers (BitMEX, Bitunix): cut one position at a time to just below its tier floor (highest tier first, then the largest maintenance margin released, then the largest notional), re-check, and take over what is left only when every position is in its first tier. Default false (all-or-nothing).'),
  })
  .strict()
  .describe('Liquidation engine settings.');

const venueLatencySchema = z
  .object({
    order_entry: latencyNsSchema.prefault('1ms').describe('Agent -> venue latency for orders and cancels.'),
    response: latencyNsSchema.prefault('1ms').describe('Venue -> agent latency for acks and fills.'),
    market_data: latencyNsSchema.prefault('1ms').describe('Age of the market data agents see.'),
  })
  .strict()
  .describe('Latency of the links between agents and this venue.');

const volSurfaceSchema = z
  .object({
    atm_vol: positive('At-the-money implied vol, annualized.').prefault(0.5),
    skew: z.number().prefault(-0.1).describe('Slope of implied vol in log-moneyness.'),
    curvature: nonNegative('Convexity of implied vol in log-moneyness (smile).').prefault(0.2),
    dynamics: z
      .enum(['sticky_strike', 'sticky_moneyness'])
      .prefault('sticky_moneyness')
      .describe('How the surface moves with the index.'),
  })
  .strict()
  .describe('The vol surface the options desk and dealers price with.');

const optionSeriesSchema = z
  .object({
    expiry: utcInstant('Expiry, a UTC instant.'),
    strike: price('Strike in quote currency.'),
    type: z.enum(['call', 'put']).describe('Option type.'),
    underlying: z.string().regex(SYMBOL_PATTERN).optional().describe('Symbol of a listed perp or dated future whose mark this series settles on (TWAP); default: options.underlying.'),
  })
  .strict()
  .describe('One option series.');

const optionsSchema = z
  .object({
    contract_size: size('Base units per contract, at most 10 (Deribit\'s BTC option is 1 BTC, CME\'s 5 BTC; premiums and settlements scale with it and must stay in the money range, src/model/capacity.ts).').max(MAX_CONTRACT_SIZE).prefault(1),
    settlement_window: duration('TWAP window of the index before expiry used to settle.').prefault('30m'),
    expiries: z.array(utcInstant('Expiry, a UTC instant.')).prefault([]).describe('Expiries of the generated grid.'),
    strikes: z.array(price('Strike in quote currency.')).prefault([]).describe('Strikes of the generated grid (a call and a put each).'),
    series: z.array(optionSeriesSchema).prefault([]).describe('Extra series listed one by one.'),
    vol_surface: volSurfaceSchema.prefault({}),
    settlement: z
      .enum(['quote', 'coin'])
      .optional()
      .describe('quote: premium and payoff max(S - K, 0) in quote currency; coin (Deribit): premium in the coin and payoff max(S - K, 0) / S coin. Default: coin at a venue whose perps and futures are inverse, else quote.'),
    underlying: z.string().regex(SYMBOL_PATTERN).optional().describe('Symbol of a listed perp or dated future whose mark the series settle on (TWAP over settlement_window); default: the venue index.'),
  })
  .strict()
  .describe('Options desk: cash-settled European options on the index (or a listed perp or future); series = expiries x strikes x {call, put} plus `series`.');

const venueShared = {
  instruments: z.array(instrumentSchema).min(1).describe('Instruments listed at the venue, each with its own book.'),
  liquidation: liquidationSchema.prefault({}),
  latency: venueLatencySchema.prefault({}),
};

/** A continuous-matching exchange: books, index, mark, funding, liquidations, an options desk. */
export const cexVenueSchema = z
  .object({
    kind: z.literal('cex').describe('Venue type: cex (continuous matching).'),
    ...venueShared,
    index: indexSchema.prefault({}),
    market_protection_bps: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .prefault(500)
      .describe('Market orders fill only within this many bps of the mark; the rest is canceled (0 = off). Default 500, Binance USD-M BTCUSDT marketTakeBound 0.05.'),
    options: optionsSchema.optional(),
  })
  .strict()
  .describe('A centralized exchange venue (continuous matching).');

/**
 * A block-based decentralized venue (src/venue/dex): orders enter a mempool and execute at
 * blocks; margin, liquidations and funding use an on-chain oracle price. No index block (the
 * oracle is its index) and no options desk in v1. Defaults and sources: docs/dex.md.
 */
export const dexVenueSchema = z
  .object({
    kind: z.literal('dex').describe('Venue type: dex (mempool, blocks, oracle-priced margin).'),
    ...venueShared,
    ...dexVenueFields,
  })
  .strict()
  .describe('A decentralized venue: orders wait in a mempool for a block; margin and liquidations use an oracle price.');

/** One venue, discriminated by `kind`: cex or dex. */
export const venueSchema = z.discriminatedUnion('kind', [cexVenueSchema, dexVenueSchema]).describe('A venue: kind cex (continuous matching) or dex (blocks and an oracle).');
export type VenueInput = z.output<typeof venueSchema>;
export type CexVenueInput = z.output<typeof cexVenueSchema>;
export type DexVenueInput = z.output<typeof dexVenueSchema>;
