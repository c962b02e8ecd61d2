/**
 * The files of a sweep directory (DESIGN 2b "Names, once"):
 *
 *   <out>/sweep.json                              the sweep definition (cells, seeds, scenario hash)
 *   <out>/<table>/cell=<K>/seed=<S>/part-0.arrow  one Hive partition per run and table
 *   <out>/_done/<K>-<S>.json                      a finished run (metrics, rows); written last
 *   <out>/_failed/<K>-<S>.json                    a failed run (message); removed when it succeeds
 *   <out>/cells.arrow, summary.arrow, manifest.json   written by collect
 *
 * Markers live outside the table folders (a stray file there breaks directory scans). Every
 * file is written to a process-unique temporary name and renamed, so shards sharing a directory
 * never see a half-written file and never race on one temporary name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_TABLES } from '../../model/tables.js';
import { hivePartPath } from '../../output/index.js';
import type { RunKey, SweepSpec } from './spec.js';

export const SPEC_FILE = 'sweep.json';
export const DONE_DIR = '_done';
export const FAILED_DIR = '_failed';

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

/** Writes `text` to `file` via a temporary name unique to this process, then renames. */
export function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Removes every partition file (and leftover `.tmp`) of one run, for a redo or after a failure. */
export function removeRunPartitions(dir: string, key: RunKey): void {
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
