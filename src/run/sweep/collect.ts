/**
 * Collecting a sweep directory (after a local sweep, or after every shard of a cluster job):
 * read `sweep.json`, look for a done or failure marker for every (cell, seed), and write
 * `cells.arrow`, `summary.arrow` (finished runs only) and `manifest.json`. A run counts as done
 * only when its done marker's partition files are all present and whole Arrow files (16 bytes
 * read per file), so it is fast and needs neither the scenario file nor the table contents. The output depends only
 * on the markers' contents (no timings), so it is byte-identical for any worker count or
 * sharding that ran the same runs.
 */
import * as path from 'node:path';
import { canonicalJson, runtimeVersions } from '../../output/index.js';
import { GAMMALOOP_VERSION, SCHEMA_VERSION } from '../version.js';
import { DONE_DIR, FAILED_DIR, failedMarkerPath, keyText, markerKeys, readJson, readSpec, verifiedDone, writeAtomic, type DoneMarker, type FailedMarker } from './layout.js';
import { cellColumns, cellCount, runCount, sweepSha256, type RunKey, type SweepSpec } from './spec.js';
import { writeCellsTable, writeSummaryTable } from './tables.js';

/** complete: every run finished; failed: every run attempted, some failed; incomplete: some never ran. */
export type SweepStatus = 'complete' | 'failed' | 'incomplete';

export interface CollectResult {
  readonly status: SweepStatus;
  readonly dir: string;
  readonly spec: SweepSpec;
  readonly total: number;
  readonly complete: number;
  readonly failures: readonly FailedMarker[];
  readonly missing: readonly RunKey[];
  readonly files: { readonly manifest: string; readonly cells: string; readonly summary: string };
}

/** At most this many missing runs are listed in the manifest (the count is always exact). */
const MISSING_LISTED = 100;

/** Thrown when `dir` is not a sweep directory. */
export class NotASweepError extends Error {
  override readonly name = 'NotASweepError';
}

export async function collectSweep(dir: string): Promise<CollectResult> {
  const spec = readSpec(dir);
  if (spec === undefined) throw new NotASweepError(`${dir} is not a sweep directory (no sweep.json)`);
  const done = markerKeys(dir, DONE_DIR);
  const failed = markerKeys(dir, FAILED_DIR);
  const markers: DoneMarker[] = [];
  const failures: FailedMarker[] = [];
  const missing: RunKey[] = [];
  const cells = cellCount(spec.cells);
  // Output order: by cell, then by the sweep's seed order.
  for (let cell = 0; cell < cells; cell++) {
    for (const seed of spec.seeds) {
      const key = { cell, seed };
      const k = keyText(key);
      const verified = done.has(k) ? verifiedDone(dir, key) : undefined;
      if (verified !== undefined) markers.push(verified);
      else if (failed.has(k)) failures.push(readJson<FailedMarker>(failedMarkerPath(dir, key)));
      else missing.push(key);
    }
  }
  const status: SweepStatus = missing.length > 0 ? 'incomplete' : failures.length > 0 ? 'failed' : 'complete';
  const sha = sweepSha256(spec);
  const metadata = {
    'gammaloop.version': GAMMALOOP_VERSION,
    'gammaloop.schema_version': String(SCHEMA_VERSION),
    'gammaloop.scenario_sha256': spec.scenario_sha256,
    'gammaloop.sweep_sha256': sha,
    'gammaloop.scenario': spec.scenario_name,
  };
  const files = { manifest: path.join(dir, 'manifest.json'), cells: path.join(dir, 'cells.arrow'), summary: path.join(dir, 'summary.arrow') };
  await writeCellsTable(files.cells, spec.cells, metadata);
  await writeSummaryTable(files.summary, markers, metadata);
  const rows: Record<string, number> = {};
  let events = 0;
  for (const m of markers) {
    events += m.events;
    for (const [t, n] of Object.entries(m.rows)) rows[t] = (rows[t] ?? 0) + n;
  }
  const manifest = {
    manifest_version: 1,
    kind: 'sweep',
    status,
    scenario: spec.scenario_name,
    scenario_sha256: spec.scenario_sha256,
    sweep_sha256: sha,
    versions: runtimeVersions(GAMMALOOP_VERSION),
    cells: cells,
    swept: cellColumns(spec.cells),
    seeds: spec.seeds,
    set: spec.set,
    runs: { total: runCount(spec), complete: markers.length, failed: failures.length, missing: missing.length },
    failures: failures.map((f) => ({ cell: f.cell, seed: f.seed, message: f.message })),
    missing: missing.slice(0, MISSING_LISTED),
    events,
    rows,
  };
  writeAtomic(files.manifest, `${canonicalJson(manifest, 2)}\n`);
  return { status, dir, spec, total: runCount(spec), complete: markers.length, failures, missing, files };
}
