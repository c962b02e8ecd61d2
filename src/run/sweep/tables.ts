/**
 * The two sweep-level Arrow tables. `cells.arrow`: one row per cell, `cell` (int64) then one
 * typed column per swept path (int64 when every value is an integer, float64 when every value
 * is a number, bool, else a dictionary of the values as typed). `summary.arrow`: one row per
 * finished (cell, seed), ordered by cell then by the sweep's seed order, `cell`, `seed` (int64,
 * as Hive partition keys read back) then every metric of analysis/metrics.ts (float64, NaN when
 * not computable).
 */
import { parse } from 'yaml';
import { METRICS } from '../../analysis/metrics.js';
import type { ColumnSpec, ColumnType } from '../../model/tables.js';
import { tableSpec, writeTable, type ColumnValues } from '../../output/index.js';
import type { DoneMarker } from './layout.js';
import { cellAt, cellColumns, cellCount, type CellSource } from './spec.js';

const I64 = { kind: 'i64' } as const;

/** The column type and values of one swept path over all cells. */
export function sweptColumn(texts: readonly string[]): { type: ColumnType; values: ColumnValues } {
  const parsed = texts.map((t) => {
    try {
      return parse(t) as unknown;
    } catch {
      return t;
    }
  });
  if (parsed.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const nums = parsed as number[];
    return { type: nums.every(Number.isSafeInteger) ? I64 : { kind: 'f64' }, values: nums };
  }
  if (parsed.every((v) => typeof v === 'boolean')) return { type: { kind: 'bool' }, values: parsed as boolean[] };
  const distinct = [...new Set(texts)];
  return { type: { kind: 'enum', values: distinct }, values: texts };
}

/** Writes `cells.arrow`; returns its row count. */
export async function writeCellsTable(file: string, cells: CellSource, metadata: Readonly<Record<string, string>>): Promise<number> {
  const n = cellCount(cells);
  const names = cellColumns(cells);
  const texts: string[][] = names.map(() => new Array<string>(n));
  for (let k = 0; k < n; k++) {
    cellAt(cells, k).assignments.forEach(([, v], i) => {
      (texts[i] as string[])[k] = v;
    });
  }
  const swept = texts.map(sweptColumn);
  const columns: ColumnSpec[] = [
    { name: 'cell', type: I64, unit: '', description: 'Cell index (the cell= partition key).' },
    ...names.map((name, i) => ({ name, type: (swept[i] as ReturnType<typeof sweptColumn>).type, unit: '', description: `Swept value of ${name}.` })),
  ];
  const values: Record<string, ColumnValues> = { cell: Float64Array.from({ length: n }, (_, k) => k) };
  names.forEach((name, i) => {
    values[name] = (swept[i] as ReturnType<typeof sweptColumn>).values;
  });
  return writeTable(file, tableSpec('cells', 'One row per sweep cell: its swept values.', columns), values, { metadata: { ...metadata, 'gammaloop.table': 'cells' }, tmpSuffix: `.${process.pid}.tmp` });
}

/** The sweep summary table spec: cell, seed, every metric. */
export const SWEEP_SUMMARY_TABLE = tableSpec('summary', 'One row of run metrics per finished (cell, seed) of a sweep.', [
  { name: 'cell', type: I64, unit: '', description: 'Cell index (see cells.arrow).' },
  { name: 'seed', type: I64, unit: '', description: 'Root seed of the run.' },
  ...METRICS.map((m) => ({ name: m.name, type: { kind: 'f64' as const }, unit: m.unit, description: m.definition })),
]);

/** Writes `summary.arrow` from done markers already in output order; returns its row count. */
export async function writeSummaryTable(file: string, markers: readonly DoneMarker[], metadata: Readonly<Record<string, string>>): Promise<number> {
  const values: Record<string, ColumnValues> = {
    cell: Float64Array.from(markers, (m) => m.cell),
    seed: Float64Array.from(markers, (m) => m.seed),
  };
  for (const d of METRICS) values[d.name] = Float64Array.from(markers, (m) => m.metrics[d.name] ?? NaN);
  return writeTable(file, SWEEP_SUMMARY_TABLE, values, { metadata: { ...metadata, 'gammaloop.table': 'summary' }, tmpSuffix: `.${process.pid}.tmp` });
}
