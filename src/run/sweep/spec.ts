/**
 * What a sweep is: a scenario file, base `--set` overrides, a list of cells (the product of
 * `--grid` axes, or the rows of a cells CSV) and a list of seeds. Cells and runs are enumerated
 * lazily in a fixed order: cell K of a grid is a mixed-radix number (last axis fastest); runs are
 * seed-major (every cell of the first seed, then the next seed), so a partial sweep already holds
 * complete pairs. Shards deal the runs round robin in cell-major order (see shardRuns).
 *
 * Parsing of the flag syntaxes lives here too (`--seeds 1..100,200`, `--grid path=v1,v2`, CSV);
 * errors are `SweepSpecError`s with a user-facing message.
 */
import { canonicalJson, sha256Hex } from '../../output/index.js';

/** A problem with a sweep definition (the CLI turns it into a usage error). */
export class SweepSpecError extends Error {
  override readonly name = 'SweepSpecError';
}

/** One swept setting: a dotted scenario path and its values as typed (YAML text). */
export interface GridAxis {
  readonly path: string;
  readonly values: readonly string[];
}

/** The cells of a sweep: a grid (product of axes) or explicit rows. */
export type CellSource =
  | { readonly kind: 'grid'; readonly axes: readonly GridAxis[] }
  | { readonly kind: 'rows'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** The stored definition of a sweep (`sweep.json`). */
export interface SweepSpec {
  readonly sweep_version: 1;
  /** The scenario file as given on the command line (not part of the hash). */
  readonly scenario: string;
  readonly scenario_name: string;
  /** sha256 of the resolved scenario with the base `--set` flags and no cell overrides. */
  readonly scenario_sha256: string;
  readonly set: readonly string[];
  readonly cells: CellSource;
  readonly seeds: readonly number[];
  /** Plug-ins the runs need (`--plugin`), loaded by every worker and checked against their sha256; absent when none. */
  readonly plugins?: readonly SweepPlugin[];
}

/** A plug-in file a sweep's workers load. */
export interface SweepPlugin {
  readonly name: string;
  readonly version: string;
  /** Absolute path. */
  readonly file: string;
  readonly sha256: string;
}

/** One cell: its index and the `path=value` overrides it applies. */
export interface Cell {
  readonly cell: number;
  readonly assignments: readonly (readonly [string, string])[];
}

/** One (cell, seed) run. */
export interface RunKey {
  readonly cell: number;
  readonly seed: number;
}

/** sha256 of the spec without the scenario path (the path may be typed differently on resume). */
export function sweepSha256(spec: SweepSpec): string {
  const { scenario: _path, ...rest } = spec;
  return sha256Hex(canonicalJson(rest));
}

/** Swept column names, in cell order. */
export function cellColumns(cells: CellSource): readonly string[] {
  return cells.kind === 'grid' ? cells.axes.map((a) => a.path) : cells.columns;
}

/** Number of cells (1 for a sweep with no axes: only seeds vary). */
export function cellCount(cells: CellSource): number {
  if (cells.kind === 'rows') return cells.rows.length;
  return cells.axes.reduce((n, a) => n * a.values.length, 1);
}

/** Cell `k` (0-based). Grid: mixed radix with the last axis fastest. */
export function cellAt(cells: CellSource, k: number): Cell {
  const total = cellCount(cells);
  if (!Number.isSafeInteger(k) || k < 0 || k >= total) throw new RangeError(`cell ${k} out of range 0..${total - 1}`);
  if (cells.kind === 'rows') {
    const row = cells.rows[k] as readonly string[];
    return { cell: k, assignments: cells.columns.map((c, i) => [c, row[i] as string] as const) };
  }
  const out: (readonly [string, string])[] = new Array(cells.axes.length);
  let rest = k;
  for (let i = cells.axes.length - 1; i >= 0; i--) {
    const axis = cells.axes[i] as GridAxis;
    out[i] = [axis.path, axis.values[rest % axis.values.length] as string];
    rest = Math.floor(rest / axis.values.length);
  }
  return { cell: k, assignments: out };
}

/** The `--set` flags of a cell (after the sweep's base flags). */
export function cellSets(cell: Cell): string[] {
  return cell.assignments.map(([p, v]) => `${p}=${v}`);
}

/** Total number of runs. */
export function runCount(spec: Pick<SweepSpec, 'cells' | 'seeds'>): number {
  return cellCount(spec.cells) * spec.seeds.length;
}

/** Run `r` in the fixed order: seed-major, then cell. */
export function runAt(spec: Pick<SweepSpec, 'cells' | 'seeds'>, r: number): RunKey {
  const cells = cellCount(spec.cells);
  return { cell: r % cells, seed: spec.seeds[Math.floor(r / cells)] as number };
}

/** A shard: index in 0..count-1 of count. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The runs of a shard (all runs without one), lazily, in run order. Run (cell, seed index j)
 * belongs to shard `(cell * seeds + j) % count`: a round robin in cell-major order, so with a
 * seed count divisible by the shard count every shard holds the same seeds of every cell
 * (balanced when cells differ in cost, and complete pairs inside each shard).
 */
export function* shardRuns(spec: Pick<SweepSpec, 'cells' | 'seeds'>, shard?: Shard): Generator<RunKey> {
  const total = runCount(spec);
  const cells = cellCount(spec.cells);
  const seeds = spec.seeds.length;
  for (let r = 0; r < total; r++) {
    const cell = r % cells;
    const j = Math.floor(r / cells);
    if (shard === undefined || (cell * seeds + j) % shard.count === shard.index) yield { cell, seed: spec.seeds[j] as number };
  }
}

/** `1..100`, `1,5,9`, `1..10,20..25` -> the seeds, in the order given; rejects duplicates. */
export function parseSeeds(text: string): number[] {
  const seeds: number[] = [];
  const seen = new Set<number>();
  const u32 = (s: string): number => {
    if (!/^\d+$/.test(s)) throw new SweepSpecError(`--seeds: ${JSON.stringify(s)} is not a non-negative integer`);
    const n = Number(s);
    if (n > 0xffff_ffff) throw new SweepSpecError(`--seeds: ${s} is above 4294967295`);
    return n;
  };
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^(.*?)\.\.(.*)$/.exec(part);
    const [lo, hi] = m ? [u32((m[1] as string).trim()), u32((m[2] as string).trim())] : [u32(part), u32(part)];
    if (hi < lo) throw new SweepSpecError(`--seeds: empty range ${part}`);
    if (hi - lo >= 10_000_000) throw new SweepSpecError(`--seeds: range ${part} is too long`);
    for (let s = lo; s <= hi; s++) {
      if (seen.has(s)) throw new SweepSpecError(`--seeds: seed ${s} given twice`);
      seen.add(s);
      seeds.push(s);
    }
  }
  if (seeds.length === 0) throw new SweepSpecError('--seeds: give at least one seed, e.g. 1..100');
  return seeds;
}

/** `dotted.path=v1,v2,...` -> an axis. Values are YAML text, as with --set (no commas inside). */
export function parseGridFlag(raw: string): GridAxis {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new SweepSpecError(`--grid: expected dotted.path=v1,v2,... got ${JSON.stringify(raw)}`);
  const path = raw.slice(0, eq).trim();
  if (!/^[^.\s=]+(\.[^.\s=]+)*$/.test(path)) throw new SweepSpecError(`--grid: ${JSON.stringify(path)} is not a dotted path such as agents.dealers.hedge.band`);
  const values = raw.slice(eq + 1).split(',').map((v) => v.trim());
  if (values.some((v) => v === '')) throw new SweepSpecError(`--grid ${path}: empty value in ${JSON.stringify(raw.slice(eq + 1))}`);
  if (new Set(values).size !== values.length) throw new SweepSpecError(`--grid ${path}: a value is given twice`);
  return { path, values };
}

/** Axes from repeated `--grid` flags; a path may be swept once. */
export function gridCells(flags: readonly string[]): CellSource {
  const axes = flags.map(parseGridFlag);
  const paths = axes.map((a) => a.path);
  const dup = paths.find((p, i) => paths.indexOf(p) !== i);
  if (dup !== undefined) throw new SweepSpecError(`--grid ${dup} is given twice`);
  return { kind: 'grid', axes };
}

/**
 * A cells CSV: a header of dotted paths, then one row per cell (values as YAML text). Fields may
 * be double-quoted ("" for a quote), so a value can hold a comma. Blank lines are skipped.
 */
export function parseCellsCsv(text: string, label = 'cells CSV'): CellSource {
  const records = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ''));
  const header = records[0];
  if (header === undefined) throw new SweepSpecError(`${label}: empty file (expected a header of dotted paths)`);
  const columns = header.map((h) => h.trim());
  columns.forEach((c, i) => {
    if (!/^[^.\s=]+(\.[^.\s=]+)*$/.test(c)) throw new SweepSpecError(`${label}: header column ${i + 1} ${JSON.stringify(c)} is not a dotted path`);
    if (columns.indexOf(c) !== i) throw new SweepSpecError(`${label}: column ${c} appears twice`);
  });
  const rows = records.slice(1).map((r, i) => {
    if (r.length !== columns.length) throw new SweepSpecError(`${label}: line ${i + 2} has ${r.length} fields, the header has ${columns.length}`);
    return r.map((v) => v.trim());
  });
  if (rows.length === 0) throw new SweepSpecError(`${label}: no rows (one row per cell)`);
  return { kind: 'rows', columns, rows };
}

/** RFC 4180-style records (LF or CRLF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    record.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') endRecord();
    else if (ch === '\r') {
      if (text[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}
