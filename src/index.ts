/**
 * The public API of the `gammaloop` package: an explicit export list (DESIGN 1), nothing
 * re-exported wholesale. Grouped as: running (run, sweep, compare, readTable and the layers they
 * wrap), scenarios and plug-ins, output tables, analysis, instruments, and what a plug-in agent
 * author needs (zod, the group schema fields, the order port, message constants, units).
 * docs/api.md documents it with a runnable example.
 */

// ---- running
export { run, sweep, readTable, compare, type RunOptions, type SweepOptions, type SweepResult } from './api.js';
export { runScenario, type RunRequest, type RunResult } from './run/runScenario.js';
export { GAMMALOOP_VERSION, SCHEMA_VERSION } from './run/version.js';
export { loadPlugin, loadPlugins, type GammaloopPlugin, type PluginRecord } from './run/plugins.js';
export {
  planSweep, collectSweep, compareSweep, parseSeeds, gridCells, SweepSpecError, CompareError,
  type SweepPlan, type SweepSpec, type RunOutcome, type CollectResult, type CompareReport, type CompareOptions,
  type CellComparison, type MetricStats, type PairedStats,
} from './run/sweep/index.js';

// ---- scenarios and plug-in agent kinds
export { loadScenario, scenarioSha256, type LoadOptions, type LoadedScenario } from './scenario/load.js';
export { ScenarioError, formatErrors, type ScenarioIssue } from './scenario/errors.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './scenario/jsonSchema.js';
export { registerAgentKind, agentKinds, PluginError, type AgentKindDefinition, type PluginSource } from './scenario/registry.js';
export type { ResolvedScenario, ResolvedAgentGroup } from './scenario/resolvedTypes.js';

// ---- output tables
export { readArrowFile, type ArrowFile, type JsValue } from './output/reader.js';
export { readManifest, type RunManifest } from './output/manifest.js';
export {
  ALL_TABLES, tableByName, TRADES, BOOK, DEPTH, ORDERS, HEDGES, GREEKS, GEX, GEX_PROFILE, OPEN_INTEREST,
  LIQUIDATIONS, FUNDING, ACCOUNTS, OPTION_TRADES, SCHEDULE, EVENTS,
  type TableSpec, type ColumnSpec, type ColumnType, type Appender,
} from './model/tables.js';

// ---- analysis
export { METRICS, computeMetrics, type MetricDef, type Metrics } from './analysis/metrics.js';
export { findCascades, largestCascade, type Cascade } from './analysis/cascades.js';
export { realizedVol, sampleOnGrid, maxDrawdown, maxRunUp } from './analysis/series.js';
export { pairedTTest, signTest, bootstrapMeanCI, differences, logRatios, mean, median } from './analysis/paired.js';

// ---- instruments
export { bsGreeks, newGreeks, type Greeks } from './instruments/black.js';
export { impliedVolBs } from './instruments/impliedVol.js';
export { dealerGex, dealerGexProfile, gexPerOnePercent, type GexPosition } from './instruments/gex.js';

// ---- for plug-in agent authors
export { z } from 'zod';
export { groupFields, accountFields, distribution } from './agents/common/schema.js';
export { duration, probability, positive, nonNegative } from './model/schema.js';
export { OrderPort, wakeTag, tagPurpose, tagGeneration, poissonDelayNs } from './agents/common/port.js';
export { MsgKind, MsgFlag, OrderType, newMessage, resetMessage, type Message } from './model/messages.js';
export { sizeToLots, lotsToSize, priceToTicks, priceToTicksDir, ticksToPrice, toQuoteUnits } from './model/units.js';
export type { Actor } from './engine/kernel.js';
export type { AgentContext } from './model/context.js';
export type { AgentEnv, AccountSetup, HasAccount } from './agents/kind.js';
export type { RandomStream } from './engine/rng.js';
