/**
 * What the world builder needs from any venue actor, CEX or DEX: the structural interface both
 * CexVenue (src/venue/cexVenue.ts) and {@link DexVenue} satisfy (checked by a type test), so a
 * world can hold `VenueWorldApi[]` and wire ctx.market, watches, instruments and accounts the
 * same way for both. Venue-specific parts (the CEX options desk, the DEX chain and oracle) stay
 * on the concrete classes.
 */
import type { Actor } from '../../engine/kernel.js';
import type { L2Snapshot } from '../../book/index.js';
import type { AgentContext } from '../../model/context.js';
import type { InstrumentInfo, MarketSnapshot, OptionSeriesInfo } from '../../model/market.js';
import type { Message } from '../../model/messages.js';

export interface VenueWorldApi extends Actor<AgentContext, Message> {
  readonly venueId: number;
  instrumentInfo(inst: number): InstrumentInfo;
  instruments(): readonly InstrumentInfo[];
  optionSeries(): readonly OptionSeriesInfo[];
  systemAgentIds(): { readonly venue: number; readonly liquidationEngine: number; readonly insuranceFund: number };
  snapshotAt(inst: number, tNs: number, out: MarketSnapshot): MarketSnapshot;
  watchMid(inst: number, lowTicks: number, highTicks: number, agentId: number, tag: number): number;
  unwatch(handle: number): void;
  openAccount(agentId: number, opts?: { mode?: 'cross' | 'isolated'; leverage?: number; collateralUnits?: number }): void;
  /** A position held from t = 0, booked against `counterparty` (world build only). */
  bookInitialPosition(agentId: number, counterparty: number, inst: number, signedLots: number, priceTicks: number): void;
  l2Snapshot(inst: number, out: L2Snapshot): L2Snapshot;
  /** Integer money units per unit of the venue's settlement currency (10^4 quote; 10^8 coin at an inverse venue). */
  readonly moneyUnits: number;
  moneyCheck(): { clearingTotalUnits: number; depositedUnits: number; spotTotalUnits: number; insuranceFundUnits: number };
  readonly liquidationsStarted: number;
}
