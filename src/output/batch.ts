/**
 * Row buffers -> one Arrow RecordBatch. The recorder keeps every column as a Float64Array of
 * batch size (integers as exact doubles); this converts the first `rows` rows to the column's
 * storage type with fresh typed arrays (never one array under two columns, never a buffer the
 * recorder will overwrite) and wraps them with `makeData` (no builders, no inference).
 *
 * A value that does not fit its column (a fraction or NaN in an integer column, an index outside
 * the dictionary) is a broken invariant in the producer: it throws naming table, column and row.
 */
import { Bool, Float64, Int8, Int32, Int64, RecordBatch, Struct, makeData, type Data } from 'apache-arrow';
import type { TableSchema } from './arrowSchema.js';

const TWO_32 = 4294967296;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function fail(ts: TableSchema, column: number, row: number, value: number, expected: string): never {
  const name = ts.spec.columns[column]?.name ?? `#${column}`;
  throw new Error(`table ${ts.spec.name}, column ${name}, row ${row} of batch: ${value} is not ${expected}`);
}

/** Safe integers -> int64 without BigInt allocation: writes the two 32-bit halves. */
function toInt64(ts: TableSchema, column: number, src: Float64Array, rows: number): BigInt64Array {
  const out = new BigInt64Array(rows);
  const halves = new Int32Array(out.buffer);
  for (let i = 0; i < rows; i++) {
    const v = src[i]!;
    if (!Number.isSafeInteger(v)) fail(ts, column, i, v, 'a safe integer');
    const hi = Math.floor(v / TWO_32);
    const lo = v - hi * TWO_32;
    if (LITTLE_ENDIAN) {
      halves[2 * i] = lo | 0;
      halves[2 * i + 1] = hi | 0;
    } else {
      out[i] = BigInt(v);
    }
  }
  return out;
}

function toInt32(ts: TableSchema, column: number, src: Float64Array, rows: number, size: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = src[i]!;
    if ((v | 0) !== v || Object.is(v, -0)) fail(ts, column, i, v, 'an int32');
    if (size >= 0 && (v < 0 || v >= size)) fail(ts, column, i, v, `an index below ${size}`);
    out[i] = v;
  }
  return out;
}

function toInt8(ts: TableSchema, column: number, src: Float64Array, rows: number, size: number): Int8Array {
  const out = new Int8Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = src[i]!;
    if ((v << 24 >> 24) !== v || Object.is(v, -0)) fail(ts, column, i, v, 'an int8');
    if (size >= 0 && (v < 0 || v >= size)) fail(ts, column, i, v, `an index below ${size}`);
    out[i] = v;
  }
  return out;
}

/** 0 -> false, 1 -> true, LSB-first packed bits. */
function toBits(ts: TableSchema, column: number, src: Float64Array, rows: number): Uint8Array {
  const out = new Uint8Array((rows + 7) >> 3);
  for (let i = 0; i < rows; i++) {
    const v = src[i]!;
    if (v === 1) out[i >> 3]! |= 1 << (i & 7);
    else if (v !== 0) fail(ts, column, i, v, '0 or 1');
  }
  return out;
}

function columnData(ts: TableSchema, column: number, src: Float64Array, rows: number): Data {
  const spec = ts.spec.columns[column]!;
  const field = ts.schema.fields[column]!;
  const length = rows;
  switch (spec.type.kind) {
    case 'i64':
      return makeData({ type: field.type as Int64, length, nullCount: 0, data: toInt64(ts, column, src, rows) });
    case 'i32':
      return makeData({ type: field.type as Int32, length, nullCount: 0, data: toInt32(ts, column, src, rows, -1) });
    case 'i8':
      return makeData({ type: field.type as Int8, length, nullCount: 0, data: toInt8(ts, column, src, rows, -1) });
    case 'f64':
      return makeData({ type: field.type as Float64, length, nullCount: 0, data: src.slice(0, rows) });
    case 'bool':
      return makeData({ type: field.type as Bool, length, nullCount: 0, data: toBits(ts, column, src, rows) });
    case 'dict':
    case 'enum': {
      const size = ts.dictionarySizes[column]!;
      const type = field.type;
      const dictionary = ts.dictionaries[column]!;
      const int8 = type.indices instanceof Int8;
      const data = int8 ? toInt8(ts, column, src, rows, size) : toInt32(ts, column, src, rows, size);
      return makeData({ type, length, nullCount: 0, data, dictionary });
    }
  }
}

/** Converts the first `rows` rows of `columns` (one Float64Array per spec column) to a batch. */
export function buildBatch(ts: TableSchema, columns: readonly Float64Array[], rows: number): RecordBatch {
  const children = ts.spec.columns.map((_, i) => columnData(ts, i, columns[i]!, rows));
  const data = makeData({ type: new Struct(ts.schema.fields), length: rows, nullCount: 0, children });
  return new RecordBatch(ts.schema, data);
}
