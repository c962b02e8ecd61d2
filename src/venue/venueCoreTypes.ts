/**
 * Types of the shared venue core (venueCore.ts): the config fields every venue has, what the
 * world builder hands a venue, and the wake-up tags a venue lends the shared samplers. Units:
 * durations ns, money quote units (10^-4 of the quote currency), protection bps.
 */
import type { SimClock } from '../model/clock.js';
import type { LiquidationParams } from './clearing/types.js';
import type { CexInstrumentConfig, CexOutputConfig, FundingConfig, MarginDefaults } from './cexConfig.js';
import type { WakeAgent } from './marketData/marketDataTypes.js';

/** The config fields every venue has (CexVenueConfig and DexVenueConfig both fit). */
export interface VenueCoreConfig {
  /** Venue name (the actor name the world builder registered). */
  readonly name: string;
  readonly instruments: readonly CexInstrumentConfig[];
  readonly liquidationEngineId: number;
  readonly insuranceFundId: number;
  /** Perp funding; null = none (a DEX may turn it off). */
  readonly funding: FundingConfig | null;
  readonly margin: MarginDefaults;
  readonly liquidation: LiquidationParams;
  /** Initial insurance fund (quote units). */
  readonly insuranceFundUnits: number;
  readonly output: CexOutputConfig;
  /** Market data history kept per book (ns). */
  readonly marketDataRetentionNs: number;
  /** Market-order price protection around the mark (bps; absent = off). */
  readonly marketProtectionBps?: number;
  /** Maintenance margin at the mark (absent, Binance) or at entry value (Bybit). */
  readonly maintenanceValuation?: 'mark' | 'entry';
}

/** What the world builder hands a venue besides its config. */
export interface VenueDeps {
  /** The actor id this venue will get from kernel.addActor (checked at start). */
  readonly venueId: number;
  readonly clock: SimClock;
  /** Schedules an agent's wake-up for a crossed mid watch (see marketData/marketDataTypes.ts). */
  readonly wakeAgent: WakeAgent;
  /**
   * The exogenous reference of each underlying group of the venue (cexConfig `underlyingGroup`)
   * at a time, quote currency; read only for groups > 0 when the index blends it in (group 0
   * reads the venue's own ctx.fundamental()). Absent: a venue with one underlying.
   */
  readonly groupFundamentals?: readonly { valueAt(tNs: number): number }[];
}

/** The wake-up tags a venue gives the shared samplers and funding times. */
export interface CoreWakeTags {
  readonly bookSample: number;
  readonly accountsSample: number;
  readonly premiumSample: number;
  funding(inst: number): number;
}
