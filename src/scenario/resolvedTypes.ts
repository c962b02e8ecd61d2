/**
 * The resolved scenario: plain JSON-serializable data with every default filled, durations in
 * integer ns, UTC instants in epoch ms, prices in integer ticks and sizes in integer lots of
 * the instrument they belong to, money in integer quote units (10^-4 of the quote currency).
 * Lists keep the scenario's order (venues and agent groups in the order they appear, base file
 * first): ids are dense in that order. This is what the world builder and the manifest read.
 */
import type { LatencyNs } from '../model/schema.js';
import type { AgentGroupParams } from './agentKinds.js';
import type { DexParts } from '../venue/dex/schema.js';

/** Format version of {@link ResolvedScenario}; bump on any change of its shape or meaning. */
export const RESOLVED_FORMAT_VERSION = 1;

export interface ResolvedScenario {
  readonly formatVersion: typeof RESOLVED_FORMAT_VERSION;
  readonly name: string;
  readonly description: string;
  /** Root seed (u32), after `--seed`. */
  readonly seed: number;
  readonly clock: { readonly startUtcMs: number; readonly durationNs: number; readonly endUtcMs: number };
  /** The primary underlying (the only one in the single-asset form). */
  readonly underlying: ResolvedUnderlying;
  /**
   * All underlyings, primary first, in declared order; present only with the `underlyings:` map
   * form (absent keeps single-asset resolved scenarios, and their hashes, unchanged).
   */
  readonly underlyings?: readonly ResolvedUnderlying[];
  /** Correlation matrix of the underlyings' shocks in `underlyings` order (present with `underlyings`). */
  readonly correlation?: readonly (readonly number[])[];
  readonly venues: readonly ResolvedVenue[];
  readonly openInterest: readonly ResolvedOpenInterest[];
  readonly agents: readonly ResolvedAgentGroup[];
  /** Sorted by `atNs`, ties in list order (`index`). */
  readonly schedule: readonly ResolvedScheduleEntry[];
  readonly output: ResolvedOutput;
}

export interface ResolvedUnderlying {
  readonly symbol: string;
  readonly quote: string;
  /** Start price in quote currency (on every instrument's tick grid; see `initialPriceTicks`). */
  readonly initialPrice: number;
  readonly fundamental: {
    /** Annualized drift and vol of the log fundamental. */
    readonly drift: number;
    readonly vol: number;
    readonly jumpRatePerYear: number;
    /** Jump size in log return: mean and standard deviation. */
    readonly jumpMean: number;
    readonly jumpStdev: number;
    readonly gridNs: number;
  };
}

/** The fields every venue has, CEX or DEX. */
interface ResolvedVenueBase {
  readonly name: string;
  /** The underlying the venue's instruments (and its index) follow; absent = the primary. */
  readonly underlying?: string;
  readonly instruments: readonly ResolvedInstrument[];
  readonly liquidation: { readonly feeBps: number; readonly partialFraction: number; readonly insuranceFundInitialUnits: number; readonly maintenanceValuation?: 'entry'; readonly stepDown?: true };
  readonly latency: { readonly orderEntry: LatencyNs; readonly response: LatencyNs; readonly marketData: LatencyNs };
}

/** A continuous-matching exchange. */
export interface ResolvedCexVenue extends ResolvedVenueBase {
  readonly kind: 'cex';
  readonly index: {
    readonly method: 'twap' | 'ema';
    readonly windowNs: number;
    readonly externalWeight: number;
    /** The instrument whose mid feeds the index: the spot book, else the first perp. */
    readonly sourceSymbol: string;
  };
  /** Market orders fill only within this many bps of the mark (0 = off). */
  readonly marketProtectionBps: number;
  readonly options: ResolvedOptions | null;
}

/**
 * A block-based decentralized venue: chain (presets applied; ns, fee units), its own congestion
 * windows (schedule `congestion` entries join them at world build), the oracle (presets applied;
 * its source still names a venue) and whether senders get TxIncluded. No options desk in v1.
 */
export interface ResolvedDexVenue extends ResolvedVenueBase {
  readonly kind: 'dex';
  readonly dex: DexParts;
  readonly options: null;
}

/** One venue, discriminated by `kind`. */
export type ResolvedVenue = ResolvedCexVenue | ResolvedDexVenue;

export interface ResolvedInstrument {
  readonly symbol: string;
  /** The underlying it follows when that is not its venue's (several underlyings at one cex venue); absent = the venue's. */
  readonly underlying?: string;
  readonly type: 'spot' | 'perp' | 'inverse_perp' | 'future';
  /**
   * 'inverse' for coin-settled contracts; absent = linear (quote-settled) and spot. Absent rather
   * than 'linear' so resolved scenarios without inverse or dated contracts, and their hashes,
   * are unchanged.
   */
  readonly contract?: 'inverse';
  /** Quote currency per tick, and base units per lot (linear) or USD face per contract (inverse). */
  readonly tickSize: number;
  readonly lotSize: number;
  /** Integer quote units one tick times one lot is worth (tickSize * lotSize * 10^4, exact). */
  readonly quotePerTickLot: number;
  readonly makerFeeBps: number;
  readonly takerFeeBps: number;
  /** underlying.initial_price in this instrument's ticks. */
  readonly initialPriceTicks: number;
  /** Margin, funding and mark of a perp (linear or inverse) or a dated future (whose funding is unused); null for spot. */
  readonly perp: ResolvedPerp | null;
  /** Dated futures only (absent otherwise): expiry and settlement TWAP. */
  readonly future?: { readonly expiryUtcMs: number; readonly settlementWindowNs: number; readonly settlementSampleNs: number };
}

export interface ResolvedPerp {
  readonly maxLeverage: number;
  /** Increasing by notional; the last tier's cap is the largest position allowed. */
  readonly marginTiers: readonly { readonly maxNotionalUnits: number; readonly maintenanceMarginRate: number; readonly maxLeverage: number }[];
  /** Rates are fractions per funding interval; settlements at multiples of intervalNs after 00:00 UTC. */
  readonly funding: { readonly intervalNs: number; readonly interest: number; readonly clamp: number; readonly cap: number };
  readonly mark: { readonly premiumWindowNs: number; readonly premiumClamp: number };
}

export interface ResolvedOptions {
  /** Base units per contract. */
  readonly contractSize: number;
  readonly settlementWindowNs: number;
  /** Strikes are on the tick grid of the index source instrument; this is its tick size. */
  readonly strikeTickSize: number;
  /** Sorted by (expiry, strike, call before put); series ids are dense in this order. */
  readonly series: readonly ResolvedOptionSeries[];
  readonly volSurface: { readonly atmVol: number; readonly skew: number; readonly curvature: number; readonly dynamics: 'sticky_strike' | 'sticky_moneyness' };
  /** 'coin' for coin-settled options (absent: quote-settled; absent keeps older resolved scenarios and hashes unchanged). */
  readonly settlement?: 'coin';
}

export interface ResolvedOptionSeries {
  /** e.g. `BTC-20260327T0800-60000-C`. */
  readonly symbol: string;
  readonly expiryUtcMs: number;
  /** Strike in quote currency and in ticks of `strikeTickSize`. */
  readonly strike: number;
  readonly strikeTicks: number;
  readonly type: 'call' | 'put';
  /** Listed instrument whose mark the series settles on; absent = the venue index. */
  readonly underlying?: string;
}

export interface ResolvedOpenInterest {
  readonly venue: string;
  readonly series: string;
  readonly contracts: number;
  readonly dealerSide: 'long' | 'short';
  readonly dealerGroup: string;
}

export interface ResolvedAgentGroup {
  readonly group: string;
  readonly kind: string;
  readonly count: number;
  /** The kind's schema output for this group (its own units; durations already in ns). */
  readonly params: AgentGroupParams;
}

/** One scheduled action at `atNs`; `index` is its position in the scenario's list. */
export type ResolvedScheduleEntry = { readonly index: number; readonly atNs: number } & (
  | { readonly action: 'market_order'; readonly venue: string; readonly instrument: string; readonly side: 'buy' | 'sell'; readonly sizeLots: number; readonly slices: number; readonly intervalNs: number }
  | { readonly action: 'fundamental_jump'; readonly logReturn: number; readonly underlying?: string }
  | { readonly action: 'liquidity_withdrawal'; readonly group: string; readonly fraction: number; readonly durationNs: number }
  | { readonly action: 'feed_halt'; readonly venue: string; readonly durationNs: number }
  | ({ readonly action: 'open_interest' } & ResolvedOpenInterest)
  | {
      readonly action: 'congestion';
      readonly venue: string;
      readonly durationNs: number;
      /** Added to the chain's block time inside the window (0 = unchanged). */
      readonly extraLatencyNs: number;
      readonly dropProbability: number;
      /** Block time, capacity and fee floor inside the window; null = the chain's (or extra_latency's). */
      readonly blockTimeNs: number | null;
      readonly blockCapacity: number | null;
      readonly minPriorityFee: number | null;
    }
  | { readonly action: 'vol_shift'; readonly venue: string; readonly atmVolChange: number }
);

export interface ResolvedOutput {
  /** Optional tables turned on (depth, orders, balances, events), sorted. */
  readonly tables: readonly string[];
  readonly bookIntervalNs: number;
  readonly greeksIntervalNs: number;
  /** GEX profile grid: spot * (1 +/- gexProfileRange) in gexProfilePoints points. */
  readonly gexProfileRange: number;
  readonly gexProfilePoints: number;
  readonly accountsIntervalNs: number;
  readonly depthLevels: number;
}
