/**
 * Reads an Arrow IPC file back for `gammaloop inspect`, analysis and tests: schema (fields with
 * types and metadata), schema metadata, row count, and columns or row ranges as plain JS values
 * (dictionary columns decoded to strings, int64 to number when it is a safe integer, else bigint).
 * Reads the whole file into memory (Arrow reads it zero-copy from that buffer).
 */
import * as fs from 'node:fs';
import { DataType, tableFromIPC, type Table, type Vector } from 'apache-arrow';

/** A cell as plain JS. */
export type JsValue = number | string | boolean | bigint | null;

export interface ArrowFieldInfo {
  readonly name: string;
  /** Arrow's type string, e.g. `Int64`, `Float64`, `Dictionary<Int32, Utf8>`, `Bool`. */
  readonly type: string;
  readonly nullable: boolean;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface ArrowFile {
  readonly path: string;
  readonly fields: readonly ArrowFieldInfo[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly numRows: number;
  readonly numBatches: number;
  /** The underlying apache-arrow table, for callers that want vectors. */
  readonly table: Table;
  /** A column's values as plain JS. Throws on an unknown column. */
  column(name: string): JsValue[];
  /** A numeric column as doubles (int64 as nearest double; dictionary columns as indices; bool as 0/1). */
  numbers(name: string): Float64Array;
  /** Rows `start` (inclusive) to `end` (exclusive) as objects keyed by column name. */
  rows(start: number, end: number): Record<string, JsValue>[];
  head(n: number): Record<string, JsValue>[];
  tail(n: number): Record<string, JsValue>[];
}

function plain(value: unknown): JsValue {
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

function toRecord(map: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of map) out[k] = v;
  return out;
}

/** A column as doubles, reading each chunk's buffers directly (no per-value boxing). */
function numbersOf(v: Vector): Float64Array {
  const out = new Float64Array(v.length);
  let at = 0;
  for (const data of v.data) {
    const n = data.length;
    const type = data.type;
    if (DataType.isBool(type)) {
      const bits = data.values as Uint8Array;
      for (let j = 0; j < n; j++) {
        const k = data.offset + j;
        out[at + j] = (bits[k >> 3]! >> (k & 7)) & 1;
      }
    } else if (data.values instanceof BigInt64Array) {
      // int64 as two 32-bit halves (little-endian), exact up to 2^53.
      const halves = new Int32Array(data.values.buffer, data.values.byteOffset + data.offset * 8, n * 2);
      for (let j = 0; j < n; j++) out[at + j] = halves[2 * j + 1]! * 4294967296 + (halves[2 * j]! >>> 0);
    } else if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDictionary(type)) {
      // Dictionary data stores its indices in `values`.
      const values = data.values as ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> };
      out.set(values.subarray(data.offset, data.offset + n), at);
    } else {
      for (let j = 0; j < n; j++) out[at + j] = Number(v.get(at + j));
    }
    at += n;
  }
  return out;
}

/** A file that is not a whole Arrow IPC file: empty, cut short, or something else. */
export class ArrowReadError extends Error {
  override readonly name = 'ArrowReadError';
}

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
const hasMagicAt = (b: Uint8Array, at: number): boolean => at >= 0 && MAGIC.every((c, i) => b[at + i] === c);

/**
 * Checks the framing before apache-arrow parses: it returns an empty table for some random
 * bytes and fails with `Cannot read properties of null` on a file cut short, neither of which
 * tells a user what is wrong.
 */
function checkFraming(bytes: Uint8Array, label: string): void {
  if (bytes.length === 0) throw new ArrowReadError(`${label} is empty (0 bytes): the run that wrote it did not finish it`);
  if (hasMagicAt(bytes, 0)) {
    if (bytes.length < 18 || !hasMagicAt(bytes, bytes.length - 6)) {
      throw new ArrowReadError(`${label} is cut short (${bytes.length} bytes, no Arrow footer): the writer was stopped before it finished the file`);
    }
    return;
  }
  // The stream format starts with the continuation marker 0xFFFFFFFF.
  if (!(bytes.length >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff)) {
    throw new ArrowReadError(`${label} is not an Arrow IPC file (no ARROW1 magic or stream marker)`);
  }
}

/** Reads an Arrow IPC file (file or stream format) from bytes; a bad file is an {@link ArrowReadError}. */
export function readArrowBytes(bytes: Uint8Array, label = '<bytes>'): ArrowFile {
  checkFraming(bytes, label);
  let table: ReturnType<typeof tableFromIPC>;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw new ArrowReadError(`${label} could not be read as Arrow (damaged file): ${err instanceof Error ? err.message : String(err)}`);
  }
  const fields = table.schema.fields.map((f) => ({
    name: f.name,
    type: String(f.type),
    nullable: f.nullable,
    metadata: toRecord(f.metadata),
  }));
  const vector = (name: string): Vector => {
    const v = table.getChild(name);
    if (v === null) throw new Error(`${label}: no column ${JSON.stringify(name)}`);
    return v;
  };
  const rows = (start: number, end: number): Record<string, JsValue>[] => {
    const lo = Math.max(0, Math.min(start, table.numRows));
    const hi = Math.max(lo, Math.min(end, table.numRows));
    const vectors = fields.map((f) => vector(f.name));
    const out: Record<string, JsValue>[] = [];
    for (let i = lo; i < hi; i++) {
      const row: Record<string, JsValue> = {};
      fields.forEach((f, c) => (row[f.name] = plain(vectors[c]!.get(i))));
      out.push(row);
    }
    return out;
  };
  return {
    path: label,
    fields,
    metadata: toRecord(table.schema.metadata),
    numRows: table.numRows,
    numBatches: table.batches.length,
    table,
    column: (name) => {
      const v = vector(name);
      const out: JsValue[] = new Array<JsValue>(v.length);
      for (let i = 0; i < v.length; i++) out[i] = plain(v.get(i));
      return out;
    },
    numbers: (name) => numbersOf(vector(name)),
    rows,
    head: (n) => rows(0, n),
    tail: (n) => rows(table.numRows - n, table.numRows),
  };
}

/** Reads an Arrow IPC file from disk. */
export function readArrowFile(path: string): ArrowFile {
  return readArrowBytes(fs.readFileSync(path), path);
}
