/** The scenario layer's public surface: load, errors, schema, resolved types. */
export { loadScenario, scenarioSha256, currentSchema, type LoadOptions, type LoadedScenario } from './load.js';
export { registerAgentKind, agentKinds, pluginSourcesOf, PluginError, type AgentKindDefinition, type PluginSource } from './registry.js';
export { ScenarioError, formatErrors, formatLocation, sortIssues, didYouMean, type ScenarioIssue } from './errors.js';
export type { OverrideRecord } from './merge.js';
export type { ReadText } from './extendsChain.js';
export { AGENT_KINDS, agentKindByName, agentGroupSchema, agentsMapSchema, type AnyAgentKind, type AgentGroupParams } from './agentKinds.js';
export { buildScenarioSchema, scenarioSchema, type ScenarioInput } from './scenarioSchema.js';
export { canonicalJson, sha256Canonical } from './canonical.js';
export { scenarioJsonSchema, scenarioJsonSchemaText, SCENARIO_JSON_SCHEMA_PATH } from './jsonSchema.js';
export { parseSetFlag } from './overrides.js';
export { seriesSymbol } from './resolveVenue.js';
export * from './resolvedTypes.js';
