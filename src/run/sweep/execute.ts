/**
 * One (cell, seed) run of a sweep, the same in a pool worker, in-process and in a Slurm or
 * Kubernetes task: clear the run's partitions (a redo after a crash), load the scenario with the
 * sweep's and the cell's overrides and the seed, run it with Hive partition paths, then write the
 * done marker last. A failed run (bad cell value, broken invariant) leaves no partitions and a
 * failure marker; an interrupted run leaves neither. Never throws for a run's own failure.
 */
import * as fs from 'node:fs';
import { ScenarioError, formatErrors, loadScenario } from '../../scenario/index.js';
import { jsonMetrics, runScenario } from '../runScenario.js';
import { canonicalJson } from '../../output/index.js';
import { doneMarkerPath, failedMarkerPath, partitionPath, removeRunPartitions, writeAtomic, type DoneMarker, type FailedMarker } from './layout.js';
import { cellAt, cellSets, type RunKey, type SweepSpec } from './spec.js';

/** What a run reports back to the dispatcher. */
export interface RunOutcome {
  readonly cell: number;
  readonly seed: number;
  readonly status: 'complete' | 'failed' | 'interrupted';
  /** The failure message (empty unless failed). */
  readonly message: string;
  readonly wallMs: number;
  readonly events: number;
}

/** Where and how runs execute. */
export interface RunContext {
  readonly spec: SweepSpec;
  readonly dir: string;
  /** Wall clock in ms (slice sizing and timings only). */
  readonly wallClockMs: () => number;
  /** Polled between slices; true interrupts the current run. */
  readonly shouldStop?: () => boolean;
}

/** Runs one (cell, seed) and records its marker. */
export async function executeRun(ctx: RunContext, key: RunKey): Promise<RunOutcome> {
  const start = ctx.wallClockMs();
  const { dir, spec } = ctx;
  let outcome: RunOutcome;
  try {
    removeRunPartitions(dir, key);
    fs.rmSync(doneMarkerPath(dir, key), { force: true });
    const sets = [...spec.set, ...cellSets(cellAt(spec.cells, key.cell))];
    const loaded = loadScenario(spec.scenario, { set: sets, seed: key.seed });
    const result = await runScenario({
      loaded,
      outDir: dir,
      wallClockMs: ctx.wallClockMs,
      ...(ctx.shouldStop ? { shouldStop: ctx.shouldStop } : {}),
      pathFor: (t) => partitionPath(t, key),
      writeManifest: false,
    });
    const wallMs = ctx.wallClockMs() - start;
    if (result.status !== 'complete') {
      removeRunPartitions(dir, key);
      return { ...key, status: 'interrupted', message: '', wallMs, events: result.events };
    }
    const marker: DoneMarker = {
      cell: key.cell,
      seed: key.seed,
      status: 'complete',
      scenario_sha256: result.scenarioSha256,
      metrics: jsonMetrics(result.metrics),
      rows: result.rows,
      events: result.events,
      sim_time_ns: result.simTimeNs,
      wall_time_ms: Math.round(wallMs),
    };
    writeAtomic(doneMarkerPath(dir, key), `${canonicalJson(marker, 2)}\n`);
    fs.rmSync(failedMarkerPath(dir, key), { force: true });
    outcome = { ...key, status: 'complete', message: '', wallMs, events: result.events };
  } catch (err) {
    const message = err instanceof ScenarioError ? `invalid cell: ${formatErrors(err.issues).replace(/\n/g, '; ')}` : err instanceof Error ? err.message : String(err);
    try {
      removeRunPartitions(dir, key);
    } catch {
      // The failure may be the partition path itself (e.g. a file where a folder should be).
    }
    const marker: FailedMarker = { cell: key.cell, seed: key.seed, status: 'failed', message };
    writeAtomic(failedMarkerPath(dir, key), `${canonicalJson(marker, 2)}\n`);
    outcome = { ...key, status: 'failed', message, wallMs: ctx.wallClockMs() - start, events: 0 };
  }
  return outcome;
}
