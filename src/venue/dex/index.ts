/**
 * The block-based decentralized venue: mempool and block production (pure), congestion windows,
 * the DexVenue actor (same books, router and clearing as the CEX, orders executed at blocks,
 * margin and liquidations on an oracle price), its config with real-chain defaults, and the
 * zod fields of a `kind: dex` venue for the scenario layer.
 */
export { Mempool, TxOutcome, type TxSink, type TxView } from './mempool.js';
export { CongestionSchedule, ETHEREUM_EIP1559, checkChainParams, newBlockParams, nextBaseFee, type BlockParams, type ChainParams, type CongestionWindow, type Eip1559Params } from './congestion.js';
export { BlockProducer, type UniformSource } from './blockProducer.js';
export { BlockExecutor, type CommandHandler } from './blockExecutor.js';
export { OraclePrices } from './oraclePrices.js';
export { DexVenue, type DexVenueDeps } from './dexVenue.js';
export type { VenueWorldApi } from './venueApi.js';
export {
  ARBITRUM_L2,
  DEFAULT_DEX_CHAIN,
  DEFAULT_DEX_FUNDING,
  DEFAULT_DEX_ORACLE,
  DYDX_V4,
  ETHEREUM_L1,
  FAST_DEX_ORACLE,
  dexConfig,
  type DexChainConfig,
  type DexOracleConfig,
  type DexRequired,
  type DexVenueConfig,
  type OracleSource,
} from './dexConfig.js';
export { congestionWindowSchema, dexChainSchema, dexOracleSchema, dexOverridesOf, dexPartsOf, dexVenueFields, dexVenuePartSchema, type DexParts, type DexVenuePart } from './schema.js';
