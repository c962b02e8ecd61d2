/** The run layer: one scenario run end to end (sweeps build on it). */
export { runScenario, jsonMetrics, SUMMARY_TABLE, type RunRequest, type RunResult } from './runScenario.js';
export { runInSlices, type SliceOptions, type SliceResult, type SliceableKernel } from './slices.js';
export { metricsFromTables, referenceInstrument } from './metricsFromTables.js';
export { matchAgents } from './trace.js';
export { GAMMALOOP_VERSION, SCHEMA_VERSION } from './version.js';
export { momentInputsFromRun, momentsFromRun } from './momentsFromRun.js';
