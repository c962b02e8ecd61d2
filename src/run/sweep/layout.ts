/**
 * The files of a sweep directory (DESIGN 2b "Names, once"):
 *
 *   <out>/sweep.json                              the sweep definition (cells, seeds, scenario hash)
 *   <out>/<table>/cell=<K>/seed=<S>/part-0.arrow  one Hive partition per run and table
 *   <out>/_done/<K>-<S>.json                      a finished run (metrics, rows); written last
 *   <out>/_failed/<K>-<S>.json                    a failed run (message); removed when it succeeds
 *   <out>/_claims/<K>-<S>.json                    the process running that run (output/lock.ts)
 *   <out>/_staging/<K>-<S>/<table>.arrow          a run's tables while it runs; moved into the
 *                                                 partitions when it completes
 *   <out>/_lock                                   held by a sweep without --shard while it runs
 *   <out>/cells.arrow, summary.arrow, manifest.json   written by collect
 *
 * Markers, claims and staging live outside the table folders (a stray file there breaks directory
 * scans: a run writes its `.tmp` files in its staging folder, never beside the partitions). Every
 * file is written to a process-unique temporary name and renamed, so shards sharing a directory
 * never see a half-written file and never race on one temporary name. A (cell, seed) run is
 * claimed before it starts, so two processes never run the same one at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_TABLES } from '../../model/tables.js';
import { hivePartPath, isCompleteArrowFile } from '../../output/index.js';
import type { RunKey, SweepSpec } from './spec.js';

export const SPEC_FILE = 'sweep.json';
export const DONE_DIR = '_done';
export const FAILED_DIR = '_failed';
export const CLAIMS_DIR = '_claims';
export const STAGING_DIR = '_staging';
export const SWEEP_LOCK = '_lock';

/** A finished run as recorded in its done marker. */
export interface DoneMarker {
  readonly cell: number;
  readonly seed: number;
  readonly status: 'complete';
  readonly scenario_sha256: string;
  /** Every metric of analysis/metrics.ts; NaN stored as null. */
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly rows: Readonly<Record<string, number>>;
  readonly events: number;
  readonly sim_time_ns: number;
  /** Wall time of the run (timing only; not part of any determinism check). */
  readonly wall_time_ms: number;
}

/** A failed run as recorded in its failure marker. */
export interface FailedMarker {
  readonly cell: number;
  readonly seed: number;
  readonly status: 'failed';
  readonly message: string;
}

/** `<table>/cell=K/seed=S/part-0.arrow` (relative to the sweep directory). */
export function partitionPath(table: string, key: RunKey): string {
  return hivePartPath(table, [['cell', key.cell], ['seed', key.seed]]);
}

const markerName = (key: RunKey): string => `${key.cell}-${key.seed}.json`;
/** `<dir>/_done/<K>-<S>.json`. */
export const doneMarkerPath = (dir: string, key: RunKey): string => path.join(dir, DONE_DIR, markerName(key));
/** `<dir>/_failed/<K>-<S>.json`. */
export const failedMarkerPath = (dir: string, key: RunKey): string => path.join(dir, FAILED_DIR, markerName(key));

/** `<dir>/_claims/<K>-<S>.json`. */
export const claimPath = (dir: string, key: RunKey): string => path.join(dir, CLAIMS_DIR, markerName(key));
/** `<dir>/_staging/<K>-<S>`: the run's own output folder while it runs. */
export const stagingDir = (dir: string, key: RunKey): string => path.join(dir, STAGING_DIR, `${key.cell}-${key.seed}`);

/**
 * The partition files a done marker promises that are missing or not whole Arrow files: a
 * marker alone never makes a run count as done (another process may have removed the files).
 */
export function missingRunFiles(dir: string, key: RunKey, rows: Readonly<Record<string, number>>): string[] {
  return Object.keys(rows).map((t) => path.join(dir, partitionPath(t, key))).filter((f) => !isCompleteArrowFile(f));
}

/** Moves a completed run's `<staging>/<table>.arrow` files into their partitions. */
export function promoteStaged(dir: string, key: RunKey, tables: readonly string[]): void {
  const staging = stagingDir(dir, key);
  for (const t of tables) {
    const to = path.join(dir, partitionPath(t, key));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(path.join(staging, `${t}.arrow`), to);
  }
  fs.rmSync(staging, { recursive: true, force: true });
}

/** Writes `text` to `file` via a temporary name unique to this process, then renames. */
export function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Removes every partition file (and leftover `.tmp`) and the staging folder of one run, for a redo or after a failure. */
export function removeRunPartitions(dir: string, key: RunKey): void {
  fs.rmSync(stagingDir(dir, key), { recursive: true, force: true });
  for (const t of [...ALL_TABLES.map((s) => s.name), 'summary']) {
    const file = path.join(dir, partitionPath(t, key));
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.tmp`, { force: true });
  }
}

/** `(cell, seed)` keys of the markers in `<dir>/<sub>` as `K-S` strings. */
export function markerKeys(dir: string, sub: string): Set<string> {
  const d = path.join(dir, sub);
  if (!fs.existsSync(d)) return new Set();
  return new Set(fs.readdirSync(d).filter((f) => /^\d+-\d+\.json$/.test(f)).map((f) => f.slice(0, -'.json'.length)));
}

/** `K-S`, the key form of {@link markerKeys}. */
export const keyText = (key: RunKey): string => `${key.cell}-${key.seed}`;

/** Parses a JSON file (markers, sweep.json); no validation beyond JSON. */
export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Reads `<dir>/sweep.json`, or undefined when absent. */
export function readSpec(dir: string): SweepSpec | undefined {
  const file = path.join(dir, SPEC_FILE);
  return fs.existsSync(file) ? readJson<SweepSpec>(file) : undefined;
}

/**
 * The done marker of `key` if its partition files are all there and whole, else undefined (no
 * marker, an unreadable marker, or files missing): only such a run counts as done.
 */
export function verifiedDone(dir: string, key: RunKey): DoneMarker | undefined {
  let marker: DoneMarker;
  try {
    marker = readJson<DoneMarker>(doneMarkerPath(dir, key));
  } catch {
    return undefined;
  }
  if (marker === null || typeof marker !== 'object' || typeof marker.rows !== 'object' || marker.rows === null) return undefined;
  return missingRunFiles(dir, key, marker.rows).length === 0 ? marker : undefined;
}
