/**
 * `--where "col op value"` filters for `inspect`: = != < <= > >= on numeric columns, = != on
 * text (utf8, dictionary) and bool columns. Unknown columns and ill-typed values are usage
 * errors (exit 2) with a did-you-mean. Several filters are ANDed.
 */
import type { ArrowFile } from '../../output/reader.js';
import { didYouMeanSuffix } from '../args.js';
import { usageError } from '../errors.js';

export type WhereOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type ColumnKind = 'number' | 'text' | 'bool';

export interface WhereClause {
  readonly text: string;
  readonly column: string;
  readonly op: WhereOp;
  readonly kind: ColumnKind;
  /** Parsed operand: a number (numbers, bools as 0/1) or a string. */
  readonly value: number | string;
}

const PATTERN = /^\s*([A-Za-z_][\w.]*)\s*(==|!=|<=|>=|=|<|>)\s*(.*?)\s*$/;

/** Kind of an Arrow type string as `readArrowFile` reports it. */
export function columnKind(type: string): ColumnKind | undefined {
  if (/^(Int|Uint|Float)\d*$/i.test(type)) return 'number';
  if (/^Bool$/i.test(type)) return 'bool';
  if (/^(Dictionary<|Utf8|LargeUtf8)/i.test(type)) return 'text';
  return undefined;
}

function unquote(s: string): string {
  const m = /^(['"])(.*)\1$/.exec(s);
  return m === null ? s : (m[2] as string);
}

/** Parses one `--where` against the file's columns. */
export function parseWhere(text: string, file: ArrowFile): WhereClause {
  const m = PATTERN.exec(text);
  if (m === null) throw usageError(`--where ${JSON.stringify(text)}: expected "column op value" with op one of = != < <= > >=`);
  const column = m[1] as string;
  const op = (m[2] === '==' ? '=' : m[2]) as WhereOp;
  const raw = unquote(m[3] as string);
  const field = file.fields.find((f) => f.name === column);
  if (field === undefined) {
    const names = file.fields.map((f) => f.name);
    throw usageError(`--where: no column ${JSON.stringify(column)} in ${file.path}${didYouMeanSuffix(column, names)}; columns: ${names.join(', ')}`);
  }
  const kind = columnKind(field.type);
  if (kind === undefined) throw usageError(`--where: column ${column} has type ${field.type}, which cannot be filtered`);
  if (raw === '') throw usageError(`--where ${JSON.stringify(text)}: missing value after ${op}`);
  if (kind === 'number') {
    const value = raw.toLowerCase() === 'nan' ? Number.NaN : Number(raw);
    if (Number.isNaN(value) && raw.toLowerCase() !== 'nan') throw usageError(`--where: column ${column} is numeric (${field.type}); ${JSON.stringify(raw)} is not a number`);
    return { text, column, op, kind, value };
  }
  if (op !== '=' && op !== '!=') throw usageError(`--where: column ${column} is ${kind === 'bool' ? 'boolean' : 'text'} (${field.type}); only = and != apply to it`);
  if (kind === 'bool') {
    const v = raw.toLowerCase();
    if (!['true', 'false', '1', '0'].includes(v)) throw usageError(`--where: column ${column} is boolean; use true or false, not ${JSON.stringify(raw)}`);
    return { text, column, op, kind, value: v === 'true' || v === '1' ? 1 : 0 };
  }
  return { text, column, op, kind, value: raw };
}

function compareNumber(x: number, op: WhereOp, v: number): boolean {
  if (Number.isNaN(v)) return op === '=' ? Number.isNaN(x) : op === '!=' ? !Number.isNaN(x) : false;
  switch (op) {
    case '=': return x === v;
    case '!=': return x !== v;
    case '<': return x < v;
    case '<=': return x <= v;
    case '>': return x > v;
    case '>=': return x >= v;
  }
}

/** Row indices (ascending) matching every clause; all rows when there is none. */
export function matchingRows(file: ArrowFile, clauses: readonly WhereClause[]): Uint32Array {
  const keep = new Uint8Array(file.numRows).fill(1);
  for (const c of clauses) {
    if (c.kind === 'text') {
      const values = file.column(c.column);
      for (let i = 0; i < values.length; i++) {
        const eq = String(values[i]) === c.value;
        if (eq !== (c.op === '=')) keep[i] = 0;
      }
    } else {
      const xs = file.numbers(c.column);
      for (let i = 0; i < xs.length; i++) if (!compareNumber(xs[i] as number, c.op, c.value as number)) keep[i] = 0;
    }
  }
  let n = 0;
  for (let i = 0; i < keep.length; i++) n += keep[i] as number;
  const out = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i] === 1) out[k++] = i;
  return out;
}
