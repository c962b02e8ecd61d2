/**
 * `compare`: statistics over a collected sweep. Per cell and metric: n, mean, sample sd and the
 * Student-t 95% CI of the mean. Against a baseline cell, on the seeds both finished with finite
 * values (common random numbers make these pairs share the exogenous world): the mean paired
 * difference (cell - baseline), its t CI, a paired t-test p-value and a percentile bootstrap 95%
 * CI. The bootstrap generator is seeded from the metric, the cell and the baseline (see
 * bootstrapSeed), so a comparison is reproducible. Reads `summary.arrow` and `cells.arrow` only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { METRICS } from '../../analysis/metrics.js';
import { finite, pairedSummary, summarize } from '../../analysis/compareStats.js';
import { readArrowFile, sha256Hex, type JsValue } from '../../output/index.js';

export interface CompareOptions {
  /** Baseline cell (default 0). */
  readonly baseline?: number;
  /** Metrics to compare (default: all, in METRICS order). */
  readonly metrics?: readonly string[];
  /** Bootstrap resamples (default 2000). */
  readonly resamples?: number;
}

export interface MetricStats {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly ci95: readonly [number, number];
}

export interface PairedStats extends MetricStats {
  /** Paired t statistic and two-sided p-value. */
  readonly t: number;
  readonly p: number;
  /** Percentile bootstrap 95% CI of the mean difference. */
  readonly bootstrap_ci95: readonly [number, number];
}

export interface CellComparison {
  readonly cell: number;
  /** Swept values of the cell (from cells.arrow). */
  readonly values: Readonly<Record<string, JsValue>>;
  /** Finished runs of the cell. */
  readonly runs: number;
  readonly metrics: Readonly<Record<string, MetricStats>>;
  /** Differences against the baseline (absent for the baseline itself). */
  readonly paired?: Readonly<Record<string, PairedStats>>;
}

export interface CompareReport {
  readonly dir: string;
  readonly baseline: number;
  readonly metrics: readonly string[];
  readonly units: Readonly<Record<string, string>>;
  readonly swept: readonly string[];
  readonly cells: readonly CellComparison[];
}

/** A problem with the compare request or the directory (user-facing message). */
export class CompareError extends Error {
  override readonly name = 'CompareError';
}

const DEFAULT_RESAMPLES = 2000;

/** A u32 seed for one bootstrap: the first 8 hex digits of sha256("compare/bootstrap/<metric>/cell=<K>/baseline=<B>"). */
export function bootstrapSeed(metric: string, cell: number, baseline: number): number {
  return Number.parseInt(sha256Hex(`compare/bootstrap/${metric}/cell=${cell}/baseline=${baseline}`).slice(0, 8), 16);
}

function readTable(file: string): ReturnType<typeof readArrowFile> {
  try {
    return readArrowFile(file);
  } catch (err) {
    throw new CompareError(err instanceof Error && err.name === 'ArrowReadError' ? err.message : `${file} could not be read: ${(err as Error).message}`);
  }
}

export function compareSweep(dir: string, opts: CompareOptions = {}): CompareReport {
  const summaryFile = path.join(dir, 'summary.arrow');
  const cellsFile = path.join(dir, 'cells.arrow');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CompareError(`no such sweep directory: ${dir}`);
  if (!fs.existsSync(path.join(dir, 'sweep.json')) && !fs.existsSync(cellsFile)) {
    const isRun = fs.existsSync(path.join(dir, 'manifest.json')) || fs.existsSync(summaryFile);
    throw new CompareError(isRun
      ? `${dir} is a run directory, not a sweep (no sweep.json or cells.arrow): compare compares the cells of a sweep (gammaloop sweep <scenario> --seeds ... --grid ...)`
      : `${dir} is not a sweep directory (no sweep.json)`);
  }
  const missing = [summaryFile, cellsFile].filter((f) => !fs.existsSync(f)).map((f) => path.basename(f));
  if (missing.length > 0) {
    throw new CompareError(`${dir} has no ${missing.join(' and ')} yet: the sweep has not been collected (finish it, or gammaloop sweep --collect ${dir} after a sharded sweep)`);
  }
  const summary = readTable(summaryFile);
  const cellsTable = readTable(cellsFile);
  const known = METRICS.map((m) => m.name);
  const metrics = opts.metrics ?? known;
  for (const m of metrics) if (!known.includes(m)) throw new CompareError(`unknown metric ${JSON.stringify(m)}`);
  const needColumns = (t: ReturnType<typeof readArrowFile>, file: string, names: readonly string[]): void => {
    const have = new Set(t.fields.map((f) => f.name));
    const lacking = names.filter((n) => !have.has(n));
    if (lacking.length > 0) throw new CompareError(`${file} has no column ${lacking.slice(0, 3).join(', ')}: it is not a sweep's ${path.basename(file)} (written by another tool or another gammaloop version?)`);
  };
  needColumns(cellsTable, cellsFile, ['cell']);
  needColumns(summary, summaryFile, ['cell', 'seed', ...metrics]);
  const swept = cellsTable.fields.map((f) => f.name).filter((n) => n !== 'cell');
  const cellIds = Array.from(cellsTable.numbers('cell'));
  const baseline = opts.baseline ?? 0;
  if (!cellIds.includes(baseline)) throw new CompareError(`baseline cell ${baseline} is not a cell of this sweep (cells 0..${cellIds.length - 1})`);
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;

  const cellCol = summary.numbers('cell');
  const seedCol = summary.numbers('seed');
  const columns = new Map(metrics.map((m) => [m, summary.numbers(m)] as const));
  /** Row indices of each cell, in file order. */
  const rowsOf = new Map<number, number[]>(cellIds.map((c) => [c, []]));
  for (let i = 0; i < cellCol.length; i++) rowsOf.get(cellCol[i] as number)?.push(i);
  const valuesBySeed = (cell: number, m: string): Map<number, number> => {
    const col = columns.get(m) as Float64Array;
    return new Map((rowsOf.get(cell) ?? []).map((i) => [seedCol[i] as number, col[i] as number]));
  };

  const cells = cellIds.map((cell, row): CellComparison => {
    const values = Object.fromEntries(swept.map((s) => [s, cellsTable.column(s)[row] ?? null]));
    const rows = rowsOf.get(cell) ?? [];
    const stats: Record<string, MetricStats> = {};
    const paired: Record<string, PairedStats> = {};
    for (const m of metrics) {
      const col = columns.get(m) as Float64Array;
      const s = summarize(finite(rows.map((i) => col[i] as number)));
      stats[m] = { n: s.n, mean: s.mean, sd: s.sd, ci95: [s.ciLow, s.ciHigh] };
      if (cell === baseline) continue;
      const base = valuesBySeed(baseline, m);
      const diffs: number[] = [];
      for (const [seed, v] of valuesBySeed(cell, m)) {
        const b = base.get(seed);
        if (b !== undefined && Number.isFinite(b) && Number.isFinite(v)) diffs.push(v - b);
      }
      const d = pairedSummary(diffs, resamples, bootstrapSeed(m, cell, baseline));
      paired[m] = { n: d.n, mean: d.mean, sd: d.sd, ci95: [d.ciLow, d.ciHigh], t: d.t, p: d.p, bootstrap_ci95: [d.bootLow, d.bootHigh] };
    }
    return { cell, values, runs: rows.length, metrics: stats, ...(cell === baseline ? {} : { paired }) };
  });
  const units = Object.fromEntries(METRICS.filter((m) => metrics.includes(m.name)).map((m) => [m.name, m.unit]));
  return { dir, baseline, metrics: [...metrics], units, swept, cells };
}
