/**
 * Public surface of the agents layer: every agent kind (for scenario/agentKinds.ts, which lists
 * them statically) and the helpers the world builder reads (retail account setup, dealer
 * schema). No registry: this is a plain list.
 */
import type { AgentKind } from './kind.js';
import { noiseKind } from './noise.js';
import { liquidityProviderKind } from './liquidityProvider.js';
import { fundamentalKind } from './fundamental.js';
import { momentumKind } from './momentum.js';
import { optionDealerKind } from './dealer/index.js';
import { optionCustomerKind } from './optionCustomer.js';
import { retailKind } from './retail.js';
import { shockKind } from './shock.js';
import { arbitrageurKind } from './arbitrageur.js';
import { hawkesFlowKind } from './hawkesFlow.js';
import { metaorderKind } from './metaorder.js';
import { valueTraderKind } from './valueTrader.js';
import { chartistKind } from './chartist.js';
import { marketMakerKind } from './marketMaker.js';

export { accountSetupOf, accountSetupsOf, type AccountSetup, type AgentEnv, type AgentKind, type HasAccount } from './kind.js';
export { noiseKind, noiseSchema, type NoiseParams } from './noise.js';
export { liquidityProviderKind, liquidityProviderSchema, LiquidityProvider, type LiquidityProviderParams } from './liquidityProvider.js';
export { fundamentalKind, fundamentalSchema, type FundamentalParams } from './fundamental.js';
export { momentumKind, momentumSchema, type MomentumParams } from './momentum.js';
export { optionDealerKind, dealerSchema, OptionDealer, type DealerParams } from './dealer/index.js';
export { optionCustomerKind, optionCustomerSchema, OptionCustomer, type OptionCustomerParams } from './optionCustomer.js';
export { retailKind, retailSchema, RetailTrader, type RetailParams } from './retail.js';
export { shockKind, shockSchema, type ShockParams } from './shock.js';
export { arbitrageurKind, arbitrageurSchema, Arbitrageur, type ArbitrageurParams } from './arbitrageur.js';
export { hawkesFlowKind, hawkesFlowSchema, HawkesFlow, type HawkesFlowParams } from './hawkesFlow.js';
export { metaorderKind, metaorderSchema, MetaorderTrader, type MetaorderParams } from './metaorder.js';
export { valueTraderKind, valueTraderSchema, ValueTrader, type ValueTraderParams } from './valueTrader.js';
export { chartistKind, chartistSchema, Chartist, type ChartistParams } from './chartist.js';
export { marketMakerKind, marketMakerSchema, MarketMaker, type MarketMakerParams } from './marketMaker.js';

/** Every agent kind, in a fixed order (scenario JSON Schema order). */
export const ALL_AGENT_KINDS: readonly AgentKind<{ kind: string; count: number }>[] = [
  noiseKind,
  liquidityProviderKind,
  fundamentalKind,
  momentumKind,
  optionDealerKind,
  optionCustomerKind,
  retailKind,
  shockKind,
  arbitrageurKind,
  hawkesFlowKind,
  metaorderKind,
  valueTraderKind,
  chartistKind,
  marketMakerKind,
] as unknown as readonly AgentKind<{ kind: string; count: number }>[];
