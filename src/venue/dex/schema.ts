/**
 * The DEX-specific part of a `kind: dex` venue in a scenario's `venues:` map, as strict zod
 * objects the scenario layer composes with its shared venue fields (instruments, liquidation,
 * latency): `chain`, `congestion` and `oracle`. Layering keeps venue/ from importing scenario/, so
 * the scenario owner spreads {@link dexVenueFields} into its `kind: dex` object; {@link dexPartsOf}
 * turns the parsed fields into the config parts of {@link DexVenueConfig} (the oracle source's
 * venue name is resolved to ids by the world builder).
 *
 * YAML units: durations as strings, fees as integer fee units (gwei-like), probabilities as
 * fractions; congestion windows start at a duration from the scenario start.
 */
import { z } from 'zod';
import { duration, nonNegative, probability } from '../../model/schema.js';
import { CHAINLINK_L1, HYPERLIQUID_ORACLE, PYTH_PULL, type OracleConfig } from '../../instruments/oracle.js';
import { ETHEREUM_EIP1559, type CongestionWindow } from './congestion.js';
import { ARBITRUM_L2, DEFAULT_DEX_CHAIN, DYDX_V4, ETHEREUM_L1, type DexChainConfig, type DexVenueConfig, type OracleSource } from './dexConfig.js';

const CHAIN_PRESETS = { ethereum: ETHEREUM_L1, arbitrum: ARBITRUM_L2, dydx: DYDX_V4 } as const;
const ORACLE_PRESETS = { chainlink: CHAINLINK_L1, pyth: PYTH_PULL, hyperliquid: HYPERLIQUID_ORACLE } as const;

const feeUnits = (d: string) => z.number().int().nonnegative().describe(d);

export const dexChainSchema = z
  .object({
    preset: z.enum(['ethereum', 'arbitrum', 'dydx']).prefault('arbitrum').describe('Chain defaults: ethereum (12 s blocks), arbitrum (0.25 s), dydx (1 s). Default arbitrum.'),
    block_time: duration('Time between blocks; overrides the preset.').optional(),
    block_capacity: z.number().int().positive().optional().describe('Transactions per block; overrides the preset.'),
    min_priority_fee: feeUnits('Priority fee needed for inclusion in normal conditions (fee units). Default 0.').prefault(0),
    eip1559: z.boolean().optional().describe('EIP-1559 base fee (+-12.5 % per block around a half-full target, starting and bottoming at 1 fee unit). Default: on for ethereum, off otherwise.'),
    default_priority_fee: feeUnits('Priority fee of orders that set none (fee units). Default 1.').prefault(DEFAULT_DEX_CHAIN.defaultPriorityFee),
    default_deadline: duration('Deadline of orders that set none, from their arrival in the mempool. Default "300s" (GMX v2).').prefault('300s'),
  })
  .strict()
  .refine((c) => c.block_time === undefined || c.block_time > 0, { message: 'block_time must be > 0', path: ['block_time'] })
  .describe('The chain the DEX settles on.');

export const congestionWindowSchema = z
  .object({
    start: duration('When the window opens, from the scenario start.'),
    duration: duration('How long it lasts.'),
    block_time: duration('Block time inside the window (longer blocks).').optional(),
    block_capacity: z.number().int().nonnegative().optional().describe('Transactions per block inside the window (0 = no inclusion: an outage).'),
    min_priority_fee: feeUnits('Fee floor inside the window: transactions paying less wait (and expire at their deadline).').optional(),
    drop_probability: probability('Probability a transaction arriving inside the window is dropped at once.').optional(),
  })
  .strict()
  .refine((w) => w.duration > 0, { message: 'duration must be > 0', path: ['duration'] })
  .describe('A scheduled congestion window.');

const oracleSourceSchema = z
  .union([
    z.literal('fundamental').describe("The scenario's exogenous fundamental price."),
    z
      .object({
        venue: z.string().min(1).describe('Venue name whose price the oracle reports (e.g. the CEX).'),
        instrument: z.string().min(1).describe('Instrument symbol at that venue.'),
        field: z.enum(['index', 'mid']).prefault('index').describe('Which price: the venue index or the book mid. Default index.'),
      })
      .strict(),
  ])
  .describe('Off-chain price source of the oracle.');

export const dexOracleSchema = z
  .object({
    preset: z.enum(['chainlink', 'pyth', 'hyperliquid']).prefault('chainlink').describe('Publication rule defaults: chainlink (0.5 % / 3600 s, 12 s delay), pyth (400 ms pull), hyperliquid (3 s). Default chainlink.'),
    deviation: nonNegative('Relative move that starts a round (0.005 = 0.5 %); overrides the preset.').optional(),
    heartbeat: duration('Longest time between rounds; overrides the preset.').optional(),
    delay: duration('From a round starting to its price being on chain; overrides the preset.').optional(),
    min_interval: duration('Shortest time between rounds; overrides the preset.').optional(),
    observe_interval: duration('How often the oracle network reads the off-chain price. Default "1s".').prefault('1s'),
    source: oracleSourceSchema.prefault('fundamental'),
  })
  .strict()
  .refine((o) => o.observe_interval > 0, { message: 'observe_interval must be > 0', path: ['observe_interval'] })
  .refine((o) => o.heartbeat === undefined || o.heartbeat > 0, { message: 'heartbeat must be > 0', path: ['heartbeat'] })
  .describe('The on-chain oracle; margin and liquidations on the DEX use its price.');

/** The DEX-only fields of a `kind: dex` venue (spread into the scenario's venue object). */
export const dexVenueFields = {
  chain: dexChainSchema.prefault({}),
  congestion: z.array(congestionWindowSchema).prefault([]).describe('Scheduled congestion windows.'),
  oracle: dexOracleSchema.prefault({}),
  notify_inclusion: z.boolean().prefault(true).describe('Send each sender a TxIncluded message when its transaction is included. Default true.'),
};

/** The DEX-only fields as one strict object (tests, and a scenario that nests them). */
export const dexVenuePartSchema = z.object(dexVenueFields).strict();
export type DexVenuePart = z.output<typeof dexVenuePartSchema>;

/** The config parts built from parsed fields; `source` still names a venue (the world builder resolves it). */
export interface DexParts {
  readonly chain: DexChainConfig;
  readonly congestion: CongestionWindow[];
  readonly oracle: OracleConfig & { readonly observeIntervalNs: number };
  readonly source: 'fundamental' | { readonly venue: string; readonly instrument: string; readonly field: 'index' | 'mid' };
  readonly notifyInclusion: boolean;
}

export function dexPartsOf(p: DexVenuePart): DexParts {
  const base = CHAIN_PRESETS[p.chain.preset];
  const eip1559 = p.chain.eip1559 ?? (base.eip1559 !== undefined);
  const chain: DexChainConfig = {
    blockTimeNs: p.chain.block_time ?? base.blockTimeNs,
    blockCapacity: p.chain.block_capacity ?? base.blockCapacity,
    minPriorityFee: p.chain.min_priority_fee,
    defaultPriorityFee: p.chain.default_priority_fee,
    defaultDeadlineNs: p.chain.default_deadline,
    ...(eip1559 ? { eip1559: ETHEREUM_EIP1559 } : {}),
  };
  const congestion = p.congestion.map((w): CongestionWindow => ({
    startNs: w.start,
    endNs: w.start + w.duration,
    ...(w.block_time !== undefined ? { blockTimeNs: w.block_time } : {}),
    ...(w.block_capacity !== undefined ? { blockCapacity: w.block_capacity } : {}),
    ...(w.min_priority_fee !== undefined ? { minPriorityFee: w.min_priority_fee } : {}),
    ...(w.drop_probability !== undefined ? { dropProbability: w.drop_probability } : {}),
  }));
  const o = ORACLE_PRESETS[p.oracle.preset];
  const oracle = {
    deviation: p.oracle.deviation ?? o.deviation,
    heartbeatNs: p.oracle.heartbeat ?? o.heartbeatNs,
    delayNs: p.oracle.delay ?? o.delayNs,
    minIntervalNs: p.oracle.min_interval ?? o.minIntervalNs ?? 0,
    observeIntervalNs: p.oracle.observe_interval,
  };
  return { chain, congestion, oracle, source: p.oracle.source, notifyInclusion: p.notify_inclusion };
}

/**
 * The overrides of {@link dexConfig} for parsed DEX fields; `resolveSource` maps the oracle's
 * source venue and instrument names to actor and instrument ids (the world builder knows them).
 */
export function dexOverridesOf(
  p: DexVenuePart,
  resolveSource: (venue: string, instrument: string) => { readonly venueId: number; readonly instrumentId: number },
): Pick<DexVenueConfig, 'chain' | 'congestion' | 'oracle' | 'notifyInclusion'> {
  const parts = dexPartsOf(p);
  const src = parts.source;
  const source: OracleSource = src === 'fundamental' ? { kind: 'fundamental' } : { kind: 'venue', ...resolveSource(src.venue, src.instrument), field: src.field };
  return { chain: parts.chain, congestion: parts.congestion, oracle: { ...parts.oracle, source }, notifyInclusion: parts.notifyInclusion };
}
