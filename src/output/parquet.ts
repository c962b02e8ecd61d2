/**
 * Arrow IPC -> Parquet (ZSTD) for `gammaloop export`: DuckDB, Spark and most warehouses read
 * Parquet but not Arrow IPC without an extension. The conversion keeps every column, type,
 * dictionary and the schema metadata (`gammaloop.*` also as Parquet key-value metadata), with one
 * change: a NaN in a float64 column, which the simulator writes only for "no value" (an empty book
 * side, a market order's limit price, a settlement's implied vol), becomes a Parquet null, so SQL
 * aggregates skip it (`avg(ask - bid)` over an empty side was NaN). Those fields become nullable.
 *
 * Whole files are converted in memory (parquet-wasm writes from one in-memory table): about 3x
 * the Arrow file's size at peak. Output bytes are deterministic for the same input.
 */
import { DataType, Field, Float64, Precision, RecordBatch, Schema, Struct, Table, makeData, tableFromIPC, tableToIPC, type Data } from 'apache-arrow';

/** Read-back types are `Float` with double precision, not `Float64` instances. */
const isFloat64 = (t: DataType): boolean => DataType.isFloat(t) && t.precision === Precision.DOUBLE;
import * as pw from 'parquet-wasm/node';

/** Rows per Parquet row group (DuckDB parallelizes over row groups). */
export const PARQUET_ROW_GROUP_ROWS = 1 << 20;

/** One float64 chunk with NaN marked null (values kept, validity bitmap added); the same chunk when it has no NaN. */
function nanToNull(d: Data<Float64>): Data<Float64> {
  const values = d.values as Float64Array;
  let nulls = 0;
  for (let i = 0; i < d.length; i++) if (Number.isNaN(values[d.offset + i] as number)) nulls++;
  if (nulls === 0) return d;
  const bitmap = new Uint8Array((d.length + 7) >> 3);
  for (let i = 0; i < d.length; i++) {
    if (!Number.isNaN(values[d.offset + i] as number)) bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
  }
  return makeData({ type: new Float64(), length: d.length, nullCount: nulls, nullBitmap: bitmap, data: values.subarray(d.offset, d.offset + d.length) });
}

/** The table with NaN as null in every float64 column (fields made nullable). */
export function withNullsForNaN(table: Table): Table {
  const fields = table.schema.fields.map((f) => (isFloat64(f.type) ? new Field(f.name, f.type, true, f.metadata) : f));
  const schema = new Schema(fields, table.schema.metadata);
  const batches = table.batches.map((b: RecordBatch) => {
    const children = b.data.children.map((c, i) => (fields[i] !== undefined && isFloat64(fields[i].type) ? nanToNull(c as Data<Float64>) : c));
    return new RecordBatch(schema, makeData({ type: new Struct(fields), length: b.numRows, nullCount: 0, children }));
  });
  return new Table(schema, batches);
}

/** Parquet bytes (ZSTD, row groups of {@link PARQUET_ROW_GROUP_ROWS}) of an Arrow IPC file or stream. */
export function arrowToParquet(arrowBytes: Uint8Array): Uint8Array {
  const table = withNullsForNaN(tableFromIPC(arrowBytes));
  const kv = new Map<string, string>();
  for (const [k, v] of table.schema.metadata) if (k.startsWith('gammaloop.')) kv.set(k, v);
  const wasmTable = pw.Table.fromIPCStream(tableToIPC(table, 'stream'));
  const props = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.ZSTD)
    .setMaxRowGroupSize(PARQUET_ROW_GROUP_ROWS)
    .setKeyValueMetadata(kv)
    .build();
  return pw.writeParquet(wasmTable, props);
}
