/**
 * The library's convenience calls over the layers (src/index.ts exports them): run a scenario
 * file, run a sweep (in this process or in worker processes), read a table, compare sweep cells.
 * They do what the CLI commands do without a terminal: no progress, no exit codes; errors are
 * thrown (ScenarioError with located issues for bad scenarios, SweepSpecError for bad sweep
 * flags). The wall clock comes from cli/clock.ts and is used for slice sizing and timings only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wallClockMs } from './cli/clock.js';
import { readArrowFile, type ArrowFile } from './output/reader.js';
import { loadPlugins, type PluginRecord } from './run/plugins.js';
import { runScenario, type RunResult } from './run/runScenario.js';
import {
  collectSweep, compareSweep, forkPool, gridCells, inProcessExecutor, parseSeeds, planSweep,
  type CollectResult, type CompareOptions, type CompareReport, type RunOutcome, type SweepPlan,
} from './run/sweep/index.js';
import { loadScenario, type LoadedScenario } from './scenario/load.js';

/** Options of {@link run}. */
export interface RunOptions {
  /** `--set dotted.path=value` overrides, in order. */
  readonly set?: readonly string[];
  readonly seed?: number;
  /** Output directory (default `results/<scenario name>/seed=<seed>`). */
  readonly outDir?: string;
  /** Polled between slices; true interrupts the run. */
  readonly shouldStop?: () => boolean;
}

/** Loads `scenario` (a file, or an already loaded scenario) and runs it; resolves with its tables, metrics and manifest path. */
export async function run(scenario: string | LoadedScenario, options: RunOptions = {}): Promise<RunResult> {
  const loaded = typeof scenario === 'string'
    ? loadScenario(scenario, { ...(options.set ? { set: options.set } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) })
    : scenario;
  const outDir = options.outDir ?? path.join('results', loaded.scenario.name, `seed=${loaded.scenario.seed}`);
  return runScenario({ loaded, outDir, wallClockMs, ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) });
}

/** Options of {@link sweep}. */
export interface SweepOptions {
  readonly scenario: string;
  /** Grid axes as on the CLI: `dotted.path=v1,v2,...` (the cells are their product). */
  readonly grid: readonly string[];
  /** Seeds: a list, or the CLI's text (`1..20`, `1,5,9`). */
  readonly seeds: readonly number[] | string;
  readonly set?: readonly string[];
  /** Output directory (default `results/<scenario>/sweep-<sha prefix>`); rerunning resumes. */
  readonly out?: string;
  /** Worker processes (default 0 = run in this process). */
  readonly workers?: number;
  /** Plug-in files the scenario needs (loaded here, and by every worker). */
  readonly plugins?: readonly string[];
  /** Called as each run finishes. */
  readonly onOutcome?: (o: RunOutcome) => void;
}

export interface SweepResult {
  readonly plan: SweepPlan;
  readonly outcomes: readonly RunOutcome[];
  readonly collected: CollectResult;
}

/** The sweep worker entry: the built CLI's (this module is in dist/src/, the worker in dist/src/cli/sweep/). */
function workerScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const js = path.join(here, 'cli', 'sweep', 'worker.js');
  if (!fs.existsSync(js)) throw new Error(`sweep workers need the built package (${js} not found); use workers: 0 from sources`);
  return js;
}

/** Plans, runs and collects a sweep (cells.arrow, summary.arrow, Hive-partitioned tables). */
export async function sweep(options: SweepOptions): Promise<SweepResult> {
  const plugins: PluginRecord[] = await loadPlugins(options.plugins ?? []);
  const seeds = typeof options.seeds === 'string' ? parseSeeds(options.seeds) : [...options.seeds];
  const plan = planSweep({
    scenario: options.scenario, set: options.set ?? [], cells: gridCells(options.grid), seeds, plugins,
    ...(options.out !== undefined ? { out: options.out } : {}),
  });
  const workers = options.workers ?? 0;
  const executor = workers === 0
    ? inProcessExecutor({ spec: plan.spec, dir: plan.dir, wallClockMs })
    : forkPool({ script: workerScript(), size: workers, spec: plan.spec, dir: plan.dir });
  const outcomes: RunOutcome[] = [];
  await executor.run(plan.pending, (o) => {
    outcomes.push(o);
    options.onOutcome?.(o);
  });
  return { plan, outcomes, collected: await collectSweep(plan.dir) };
}

/** Reads one table: `readTable(runDir, 'trades')` or `readTable('path/to/file.arrow')`. */
export function readTable(dirOrFile: string, table?: string): ArrowFile {
  return readArrowFile(table === undefined ? dirOrFile : path.join(dirOrFile, `${table}.arrow`));
}

/** Per-metric cell statistics and paired differences against a baseline cell (what `gammaloop compare` prints). */
export function compare(sweepDir: string, options: CompareOptions = {}): CompareReport {
  return compareSweep(sweepDir, options);
}
