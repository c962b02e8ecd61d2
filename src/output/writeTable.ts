/**
 * Small tables built in memory (a run's `summary`, a sweep's `cells.arrow` and `summary.arrow`)
 * written through the same path as the recorder: explicit schema from a TableSpec, `makeData`
 * batches, `.tmp` + rename. Specs may be ad hoc (`tableSpec`), e.g. the summary columns defined
 * by analysis/metrics.ts; they need no `t_ns` column.
 */
import type { ColumnSpec, TableSpec } from '../model/tables.js';
import { NO_DICTIONARIES, tableSchema, dictionaryValues, type Dictionaries } from './arrowSchema.js';
import { buildBatch } from './batch.js';
import { ArrowFileWriter } from './fileWriter.js';

/**
 * One column's values. Numbers as a producer would `set` them; booleans for bool columns;
 * strings for dict and enum columns (looked up in the dictionary, unknown strings throw).
 */
export type ColumnValues = ArrayLike<number> | readonly boolean[] | readonly string[];

export interface WriteTableOptions {
  /** Dictionaries for `dict` columns; default none. */
  readonly dictionaries?: Dictionaries;
  /** Schema metadata (`gammaloop.table` is added from the spec name unless given). */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Rows per record batch; default 65,536. */
  readonly batchRows?: number;
  /** Suffix of the temporary name while writing; default `.tmp` (see ArrowFileWriter). */
  readonly tmpSuffix?: string;
}

/** Builds a TableSpec (with its `col` index) from a column list, for tables not in model/tables.ts. */
export function tableSpec(name: string, description: string, columns: readonly ColumnSpec[]): TableSpec {
  const col: Record<string, number> = {};
  columns.forEach((c, i) => {
    if (c.name in col) throw new Error(`table ${name}: duplicate column ${c.name}`);
    col[c.name] = i;
  });
  return { name, description, optional: false, columns, col };
}

function toFloat64(spec: TableSpec, column: ColumnSpec, values: ColumnValues, dicts: Dictionaries): Float64Array {
  const out = new Float64Array(values.length);
  const names = dictionaryValues(column.type, dicts);
  const index = names === undefined ? undefined : new Map(names.map((n, i) => [n, i] as const));
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else if (typeof v === 'string' && index !== undefined) {
      const k = index.get(v);
      if (k === undefined) throw new Error(`table ${spec.name}, column ${column.name}, row ${i}: ${JSON.stringify(v)} is not in its dictionary`);
      out[i] = k;
    } else {
      throw new Error(`table ${spec.name}, column ${column.name}, row ${i}: unsupported value ${String(v)}`);
    }
  }
  return out;
}

/**
 * Writes `columns` (keyed by column name, all the same length) as one Arrow IPC file at
 * `filePath` (via `<filePath>.tmp`). Returns the row count.
 */
export async function writeTable(
  filePath: string,
  spec: TableSpec,
  columns: Readonly<Record<string, ColumnValues>>,
  options: WriteTableOptions = {},
): Promise<number> {
  const dicts = options.dictionaries ?? NO_DICTIONARIES;
  const batchRows = options.batchRows ?? 65_536;
  if (!Number.isSafeInteger(batchRows) || batchRows < 1) throw new Error(`batchRows must be a positive integer, got ${batchRows}`);
  for (const name of Object.keys(columns)) {
    if (!(name in spec.col)) throw new Error(`table ${spec.name}: no column ${JSON.stringify(name)} in its spec`);
  }
  const data = spec.columns.map((c) => {
    const values = columns[c.name];
    if (values === undefined) throw new Error(`table ${spec.name}: column ${c.name} missing`);
    return toFloat64(spec, c, values, dicts);
  });
  const rows = data[0]?.length ?? 0;
  spec.columns.forEach((c, i) => {
    if (data[i]!.length !== rows) throw new Error(`table ${spec.name}: column ${c.name} has ${data[i]!.length} rows, expected ${rows}`);
  });
  const ts = tableSchema(spec, dicts, options.metadata ?? {});
  const writer = new ArrowFileWriter(filePath, ts, undefined, options.tmpSuffix);
  try {
    for (let start = 0; start < rows; start += batchRows) {
      const end = Math.min(rows, start + batchRows);
      writer.write(buildBatch(ts, data.map((d) => d.subarray(start, end)), end - start));
      await writer.drain();
    }
    return await writer.close();
  } catch (err) {
    await writer.abort();
    throw err;
  }
}
