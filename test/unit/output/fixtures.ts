/**
 * Named fixtures for the output tests: fixed dictionaries, metadata, and a deterministic
 * synthetic row generator covering every column type (large and negative int64, NaN and
 * infinities in f64, every dictionary and enum index).
 */
import type { Appender, ColumnType, TableSpec } from '../../../src/model/tables.js';
import type { Dictionaries, SchemaMetadata } from '../../../src/output/arrowSchema.js';

export const DICTS: Dictionaries = {
  agents: ['cex', 'liquidation_engine', 'dealer/0', 'dealer/1', 'retail/0', 'retail/1', 'lp/0'],
  instruments: ['BTC-SPOT', 'BTC-PERP'],
  series: ['BTC-20261225-100000-C', 'BTC-20261225-90000-P', 'BTC-20261231-95000-C'],
};

export const META: SchemaMetadata = {
  'gammaloop.version': '0.1.0',
  'gammaloop.schema_version': '1',
  'gammaloop.scenario_sha256': 'a'.repeat(64),
  'gammaloop.seed': '42',
};

const SPECIAL_F64 = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e-300, -123.456];
const SPECIAL_I64 = [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 31, -(2 ** 31) - 1, 2 ** 32 + 5, -1, 0];

function dictSize(type: ColumnType): number {
  if (type.kind === 'dict') return DICTS[type.dict].length;
  if (type.kind === 'enum') return type.values.length;
  return 0;
}

/** The raw number recorded in column `c` of row `r` (what a producer passes to `set`). */
export function rawValue(spec: TableSpec, c: number, r: number): number {
  const type = spec.columns[c]!.type;
  if (c === 0) return 2 ** 40 + r * 1_000_003; // t_ns beyond 2^31 (and 2^32)
  switch (type.kind) {
    case 'i64': return r % 3 === 0 ? SPECIAL_I64[(r / 3 + c) % SPECIAL_I64.length]! : (r - 9) * 2 ** 33 + c;
    case 'i32': return ((r * 7919 + c * 104729) % 2 ** 31) - 2 ** 30;
    case 'i8': return ((r * 13 + c) % 256) - 128;
    case 'f64': return r % 4 === 0 ? SPECIAL_F64[(r / 4 + c) % SPECIAL_F64.length]! : (r - 10) * 1.25 + c / 7;
    case 'bool': return (r + c) % 3 === 0 ? 1 : 0;
    case 'dict':
    case 'enum': return (r * 3 + c) % dictSize(type);
  }
}

/** The value a reader must give back for that cell, as plain JS. */
export function expectedValue(spec: TableSpec, c: number, r: number): number | string | boolean {
  const type = spec.columns[c]!.type;
  const raw = rawValue(spec, c, r);
  if (type.kind === 'dict') return DICTS[type.dict][raw]!;
  if (type.kind === 'enum') return type.values[raw]!;
  if (type.kind === 'bool') return raw === 1;
  if (type.kind === 'i64' || type.kind === 'i32' || type.kind === 'i8') return raw === 0 ? 0 : raw; // -0 is not an integer value
  return raw;
}

/** Appends `rows` synthetic rows starting at row `from` (column 0 through begin()). */
export function appendRows(app: Appender, rows: number, from = 0): void {
  const n = app.spec.columns.length;
  for (let r = from; r < from + rows; r++) {
    app.begin(rawValue(app.spec, 0, r));
    for (let c = 1; c < n; c++) app.set(c, rawValue(app.spec, c, r));
    app.end();
  }
}
