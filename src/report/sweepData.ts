/**
 * Reads a sweep directory for `report`: manifest.json (kind "sweep", written by collect),
 * cells.arrow (cell -> swept values) and summary.arrow (one row of metrics per finished cell and
 * seed). Metric values are in the units of analysis/metrics.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { METRICS } from '../analysis/metrics.js';
import { readArrowFile, type ArrowFile } from '../output/reader.js';
import { RunDirError } from './runData.js';

/** The sweep manifest fields the report reads (checked loosely). */
export interface SweepManifest {
  readonly status: string;
  readonly scenario: string;
  readonly scenario_sha256: string;
  readonly sweep_sha256: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly seeds: readonly number[];
  readonly set: readonly string[];
  readonly swept: readonly string[];
  readonly runs: { readonly total: number; readonly complete: number; readonly failed: number; readonly missing: number };
  readonly failures: readonly { readonly cell: number; readonly seed: number; readonly message: string }[];
  readonly events: number;
}

/** One cell: its index and swept values as text, in `swept` order. */
export interface SweepCell {
  readonly cell: number;
  readonly values: readonly string[];
}

export interface SweepData {
  readonly dir: string;
  readonly manifest: SweepManifest;
  readonly cells: readonly SweepCell[];
  /** metric name -> cell -> finished runs' values in summary order (NaN kept). */
  readonly metrics: ReadonlyMap<string, readonly (readonly number[])[]>;
  /** cell -> the seeds of those values, in the same order. */
  readonly seeds: readonly (readonly number[])[];
  /** The scenario file as given to `gammaloop sweep` (sweep.json), null when unknown. */
  readonly scenarioFile: string | null;
  /** Each cell's `path=value` assignments (for the command that reruns one cell and seed). */
  readonly assignments: readonly (readonly string[])[];
}

/** The sweep's spec file (run/sweep/layout.ts SPEC_FILE; the report layer cannot import run/). */
const SWEEP_SPEC_FILE = 'sweep.json';

/** True when `dir` holds a collected sweep (manifest.json with kind "sweep"). */
export function isSweepDir(dir: string): boolean {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) return false;
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { kind?: unknown }).kind === 'sweep';
  } catch {
    return false;
  }
}

function open(dir: string, name: string): ArrowFile {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) throw new RunDirError(`${dir} is a sweep directory without ${name} (run gammaloop sweep --collect ${dir})`);
  try {
    return readArrowFile(file);
  } catch (err) {
    throw new RunDirError(`${file} could not be read as Arrow: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Loads a collected sweep directory; a missing table is a RunDirError. */
export function loadSweep(dir: string): SweepData {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as SweepManifest;
  const cellsFile = open(dir, 'cells.arrow');
  const summary = open(dir, 'summary.arrow');
  const swept = Array.isArray(manifest.swept) ? manifest.swept : [];
  const cellIds = cellsFile.numbers('cell');
  const names = new Set(cellsFile.fields.map((f) => f.name));
  const columns = swept.map((p) => (names.has(p) ? cellsFile.column(p) : []));
  const cells: SweepCell[] = Array.from(cellIds, (cell, i) => ({ cell, values: columns.map((c) => String(c[i] ?? '')) }));
  const index = new Map(cells.map((c, k) => [c.cell, k]));
  const rowCell = summary.numbers('cell');
  const summaryNames = new Set(summary.fields.map((f) => f.name));
  const seedCol = summaryNames.has('seed') ? summary.numbers('seed') : new Float64Array(rowCell.length);
  const seeds: number[][] = cells.map(() => []);
  for (let i = 0; i < rowCell.length; i++) seeds[index.get(rowCell[i] as number) ?? -1]?.push(seedCol[i] as number);
  const metrics = new Map<string, number[][]>();
  for (const m of METRICS) {
    const perCell: number[][] = cells.map(() => []);
    if (summaryNames.has(m.name)) {
      const v = summary.numbers(m.name);
      for (let i = 0; i < v.length; i++) perCell[index.get(rowCell[i] as number) ?? -1]?.push(v[i] as number);
    }
    metrics.set(m.name, perCell);
  }
  let scenarioFile: string | null = null;
  try {
    const spec = JSON.parse(fs.readFileSync(path.join(dir, SWEEP_SPEC_FILE), 'utf8')) as { scenario?: unknown };
    if (typeof spec.scenario === 'string') scenarioFile = spec.scenario;
  } catch {
    scenarioFile = null;
  }
  const assignments = cells.map((c) => swept.map((p, k) => `${p}=${c.values[k] ?? ''}`));
  return { dir, manifest, cells, metrics, seeds, scenarioFile, assignments };
}
