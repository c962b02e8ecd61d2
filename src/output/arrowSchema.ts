/**
 * Table spec -> explicit Arrow schema (never inferred), plus the fixed dictionary vectors that
 * every record batch of a file shares (the Arrow file format forbids replacement dictionaries).
 *
 * Type mapping (documented in docs/output.md):
 *   i64 -> Int64, i32 -> Int32, i8 -> Int8, f64 -> Float64, bool -> Bool,
 *   dict -> Dictionary<Utf8, Int32> over the run's fixed `agents` / `instruments` / `series`,
 *   enum -> Dictionary<Utf8, Int8> (Int32 when more than 127 values) over the spec's values.
 * No column is nullable: missing floats are NaN, as the table specs say.
 * Dictionary ids are the column's index in the table, so they are stable across runs.
 */
import {
  Bool, Dictionary, Field, Float64, Int8, Int32, Int64, Schema, Utf8, makeData, makeVector,
  type Data, type DataType, type Vector,
} from 'apache-arrow';
import type { ColumnSpec, ColumnType, TableSpec } from '../model/tables.js';

/** The run's fixed name lists that `dict` columns index into. */
export interface Dictionaries {
  readonly agents: readonly string[];
  readonly instruments: readonly string[];
  readonly series: readonly string[];
}

/** An empty set of dictionaries (tables without `dict` columns). */
export const NO_DICTIONARIES: Dictionaries = { agents: [], instruments: [], series: [] };

/** Schema-level metadata keys, namespace `gammaloop.`. */
export interface SchemaMetadata {
  readonly 'gammaloop.version': string;
  readonly 'gammaloop.schema_version': string;
  readonly 'gammaloop.scenario_sha256': string;
  readonly 'gammaloop.seed': string;
  readonly [key: string]: string;
}

/** Largest enum that is stored with Int8 indices. */
export const INT8_ENUM_MAX_VALUES = 127;

/** A table's Arrow schema and, per column, the fixed dictionary (undefined for plain columns). */
export interface TableSchema {
  readonly spec: TableSpec;
  readonly schema: Schema;
  /** Per column: the dictionary vector shared by every batch of the file, or undefined. */
  readonly dictionaries: readonly (Vector<Utf8> | undefined)[];
  /** Per column: the number of dictionary entries (valid indices are 0..size-1), or -1. */
  readonly dictionarySizes: readonly number[];
}

const encoder = new TextEncoder();

/** Builds a Utf8 vector's Data from strings with fresh buffers (never shared between columns). */
export function utf8Data(values: readonly string[]): Data<Utf8> {
  const encoded = values.map((v) => encoder.encode(v));
  const valueOffsets = new Int32Array(values.length + 1);
  let total = 0;
  encoded.forEach((bytes, i) => {
    total += bytes.byteLength;
    valueOffsets[i + 1] = total;
  });
  const data = new Uint8Array(total);
  encoded.forEach((bytes, i) => data.set(bytes, valueOffsets[i] ?? 0));
  return makeData({ type: new Utf8(), length: values.length, nullCount: 0, valueOffsets, data });
}

/** The dictionary strings a column indexes into, or undefined for plain columns. */
export function dictionaryValues(type: ColumnType, dicts: Dictionaries): readonly string[] | undefined {
  if (type.kind === 'dict') return dicts[type.dict];
  if (type.kind === 'enum') return type.values;
  return undefined;
}

/** The Arrow type of a column; `id` is the dictionary id for dictionary columns. */
export function arrowType(type: ColumnType, id: number): DataType {
  switch (type.kind) {
    case 'i64': return new Int64();
    case 'i32': return new Int32();
    case 'i8': return new Int8();
    case 'f64': return new Float64();
    case 'bool': return new Bool();
    case 'dict': return new Dictionary(new Utf8(), new Int32(), id, false);
    case 'enum':
      return new Dictionary(new Utf8(), type.values.length <= INT8_ENUM_MAX_VALUES ? new Int8() : new Int32(), id, false);
  }
}

function fieldFor(column: ColumnSpec, index: number): Field {
  const metadata = new Map<string, string>([
    ['unit', column.unit],
    ['description', column.description],
  ]);
  return new Field(column.name, arrowType(column.type, index), false, metadata);
}

/**
 * Builds the explicit schema of a table. `metadata` is written as schema metadata in key order
 * as given, followed by `gammaloop.table` (the spec's name) unless already present.
 */
export function tableSchema(spec: TableSpec, dicts: Dictionaries, metadata: Readonly<Record<string, string>>): TableSchema {
  if (spec.columns.length === 0) throw new Error(`table ${spec.name}: no columns`);
  const meta = new Map<string, string>(Object.entries(metadata));
  if (!meta.has('gammaloop.table')) meta.set('gammaloop.table', spec.name);
  const fields = spec.columns.map((c, i) => fieldFor(c, i));
  const dictionaries: (Vector<Utf8> | undefined)[] = [];
  const dictionarySizes: number[] = [];
  for (const column of spec.columns) {
    const values = dictionaryValues(column.type, dicts);
    dictionaries.push(values === undefined ? undefined : makeVector(utf8Data(values)));
    dictionarySizes.push(values === undefined ? -1 : values.length);
  }
  return { spec, schema: new Schema(fields, meta), dictionaries, dictionarySizes };
}
