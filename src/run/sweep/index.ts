/** Sweeps: many (cell, seed) runs of one scenario, local or sharded, then collect and compare. */
export {
  SweepSpecError, parseSeeds, parseGridFlag, gridCells, parseCellsCsv, cellAt, cellSets, cellCount, cellColumns,
  runCount, runAt, shardRuns, sweepSha256,
  type SweepSpec, type SweepPlugin, type CellSource, type GridAxis, type Cell, type RunKey, type Shard,
} from './spec.js';
export { planSweep, defaultSweepDir, CellError, type SweepPlan, type SweepPlanRequest } from './plan.js';
export { executeRun, type RunOutcome, type RunContext } from './execute.js';
export { forkPool, inProcessExecutor, serveWorker, type Executor, type ForkPoolOptions } from './pool.js';
export { collectSweep, NotASweepError, type CollectResult, type SweepStatus } from './collect.js';
export { compareSweep, CompareError, type CompareReport, type CompareOptions, type CellComparison, type MetricStats, type PairedStats } from './compare.js';
export { partitionPath, doneMarkerPath, failedMarkerPath, DONE_DIR, FAILED_DIR, SPEC_FILE, type DoneMarker, type FailedMarker } from './layout.js';
export { SWEEP_SUMMARY_TABLE, sweptColumn } from './tables.js';
