/**
 * One (cell, seed) run of a sweep, the same in a pool worker, in-process and in a Slurm or
 * Kubernetes task: claim the run (another live process running it makes this one `busy`, and
 * nothing is touched), clear the run's partitions (a redo after a crash), load the scenario with
 * the sweep's and the cell's overrides and the seed, run it into its staging folder, move the
 * finished tables into their Hive partitions, then write the done marker last and release the
 * claim. A failed run (bad cell value, broken invariant) leaves no partitions and a failure
 * marker; an interrupted run leaves neither. Never throws for a run's own failure.
 */
import * as fs from 'node:fs';
import { ScenarioError, formatErrors, loadScenario } from '../../scenario/index.js';
import { jsonMetrics, runScenario } from '../runScenario.js';
import { ClaimHeldError, canonicalJson, claim, type Claim } from '../../output/index.js';
import { claimPath, doneMarkerPath, failedMarkerPath, promoteStaged, removeRunPartitions, stagingDir, writeAtomic, type DoneMarker, type FailedMarker } from './layout.js';
import { cellAt, cellSets, type RunKey, type SweepSpec } from './spec.js';

/** What a run reports back to the dispatcher. */
export interface RunOutcome {
  readonly cell: number;
  readonly seed: number;
  /** `busy`: another live process holds this run's claim; nothing was written. */
  readonly status: 'complete' | 'failed' | 'interrupted' | 'busy';
  /** The failure message (empty unless failed or busy). */
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
  let held: Claim;
  try {
    held = claim(claimPath(ctx.dir, key));
  } catch (err) {
    if (err instanceof ClaimHeldError) return { ...key, status: 'busy', message: err.message, wallMs: 0, events: 0 };
    return failed(ctx, key, start, err);
  }
  try {
    return await claimedRun(ctx, key, start);
  } finally {
    held.release();
  }
}

async function claimedRun(ctx: RunContext, key: RunKey, start: number): Promise<RunOutcome> {
  const { dir, spec } = ctx;
  try {
    removeRunPartitions(dir, key);
    fs.rmSync(doneMarkerPath(dir, key), { force: true });
    const sets = [...spec.set, ...cellSets(cellAt(spec.cells, key.cell))];
    const loaded = loadScenario(spec.scenario, { set: sets, seed: key.seed });
    const result = await runScenario({
      loaded,
      outDir: stagingDir(dir, key),
      wallClockMs: ctx.wallClockMs,
      ...(ctx.shouldStop ? { shouldStop: ctx.shouldStop } : {}),
      writeManifest: false,
    });
    const wallMs = ctx.wallClockMs() - start;
    if (result.status !== 'complete') {
      removeRunPartitions(dir, key);
      return { ...key, status: 'interrupted', message: '', wallMs, events: result.events };
    }
    promoteStaged(dir, key, Object.keys(result.rows));
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
    return { ...key, status: 'complete', message: '', wallMs, events: result.events };
  } catch (err) {
    return failed(ctx, key, start, err);
  }
}

/** Clears the run's files and writes its failure marker. */
function failed(ctx: RunContext, key: RunKey, start: number, err: unknown): RunOutcome {
  const message = err instanceof ScenarioError ? `invalid cell: ${formatErrors(err.issues).replace(/\n/g, '; ')}` : err instanceof Error ? err.message : String(err);
  try {
    removeRunPartitions(ctx.dir, key);
  } catch {
    // The failure may be the partition path itself (e.g. a file where a folder should be).
  }
  writeFailedMarker(ctx.dir, key, message);
  return { ...key, status: 'failed', message, wallMs: ctx.wallClockMs() - start, events: 0 };
}

/** Records a failed run (also used by the pool when a worker dies mid-run). */
export function writeFailedMarker(dir: string, key: RunKey, message: string): void {
  const marker: FailedMarker = { cell: key.cell, seed: key.seed, status: 'failed', message };
  try {
    writeAtomic(failedMarkerPath(dir, key), `${canonicalJson(marker, 2)}\n`);
  } catch {
    // The directory itself is unwritable: the outcome still carries the message.
  }
}
