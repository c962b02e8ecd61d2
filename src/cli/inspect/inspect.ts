/**
 * `gammaloop inspect`: schema (names, types, units from field metadata), `gammaloop.*` schema
 * metadata, row count and rows (head, tail, filtered by --where) of one Arrow file, as aligned
 * text or as one JSON document (--json). Output goes to stdout; errors are usage errors.
 */
import type { ArrowFile, JsValue } from '../../output/reader.js';
import type { InspectArgs } from '../commands/inspect.js';
import { didYouMeanSuffix } from '../args.js';
import { usageError } from '../errors.js';
import { cellText, jsonSafe } from '../format/numbers.js';
import { textTable } from '../format/table.js';
import { out, paint } from '../term.js';
import { openArrow } from './openArrow.js';
import { columnKind, matchingRows, parseWhere } from './where.js';

const DEFAULT_HEAD = 10;

function plain(value: unknown): JsValue {
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** The selected rows as objects over `columns`. */
function pick(file: ArrowFile, columns: readonly string[], indices: readonly number[]): Record<string, JsValue>[] {
  const vectors = columns.map((c) => file.table.getChild(c));
  return indices.map((i) => {
    const row: Record<string, JsValue> = {};
    columns.forEach((c, j) => (row[c] = plain(vectors[j]?.get(i))));
    return row;
  });
}

function selectColumns(file: ArrowFile, wanted: readonly string[] | undefined): string[] {
  const names = file.fields.map((f) => f.name);
  if (wanted === undefined || wanted.length === 0) return names;
  for (const w of wanted) {
    if (!names.includes(w)) throw usageError(`--columns: no column ${JSON.stringify(w)} in ${file.path}${didYouMeanSuffix(w, names)}; columns: ${names.join(', ')}`);
  }
  return [...wanted];
}

function rowsTable(file: ArrowFile, columns: readonly string[], indices: readonly number[]): string[] {
  const rows = pick(file, columns, indices);
  const right = new Set<number>([0]);
  columns.forEach((c, j) => {
    const f = file.fields.find((x) => x.name === c);
    if (f !== undefined && columnKind(f.type) === 'number') right.add(j + 1);
  });
  return textTable(['#', ...columns], rows.map((r, k) => [String(indices[k]), ...columns.map((c) => cellText(r[c] ?? null))]), { rightAlign: right });
}

/** Runs `inspect`; returns the exit code. */
export async function inspect(args: InspectArgs): Promise<number> {
  const file = openArrow(args.file);
  const columns = selectColumns(file, args.columns);
  const clauses = args.where.map((w) => parseWhere(w, file));
  const matches = clauses.length === 0 ? null : matchingRows(file, clauses);
  const total = matches === null ? file.numRows : matches.length;
  const at = (k: number): number => (matches === null ? k : (matches[k] as number));
  const headN = args.head ?? (args.tail === undefined ? DEFAULT_HEAD : 0);
  const tailN = args.tail ?? 0;
  const headIdx = Array.from({ length: Math.min(headN, total) }, (_, k) => at(k));
  const tailStart = Math.max(Math.min(headN, total), total - tailN);
  const tailIdx = Array.from({ length: total - tailStart }, (_, k) => at(tailStart + k));

  if (args.json) {
    const doc = {
      file: file.path,
      rows: file.numRows,
      batches: file.numBatches,
      metadata: file.metadata,
      fields: file.fields.map((f) => ({ name: f.name, type: f.type, nullable: f.nullable, unit: f.metadata['unit'] ?? null, description: f.metadata['description'] ?? null })),
      where: args.where,
      matched: total,
      columns,
      head: { index: headIdx, rows: pick(file, columns, headIdx) },
      tail: { index: tailIdx, rows: pick(file, columns, tailIdx) },
    };
    out(JSON.stringify(jsonSafe(doc), null, 2));
    return 0;
  }

  const lines: string[] = [];
  const title = (s: string): string => paint('bold', s);
  lines.push(`${title('file')}     ${file.path}`);
  lines.push(`${title('rows')}     ${file.numRows.toLocaleString('en-US')} in ${file.numBatches} batch${file.numBatches === 1 ? '' : 'es'}`);
  if (clauses.length > 0) lines.push(`${title('where')}    ${args.where.join(' AND ')}: ${total.toLocaleString('en-US')} matching`);
  lines.push('', title('schema'));
  const schemaRows = file.fields.map((f) => [f.name, f.type, f.metadata['unit'] ?? '', f.metadata['description'] ?? '']);
  for (const l of textTable(['column', 'type', 'unit', 'description'], schemaRows, { maxCell: 70 })) lines.push(`  ${l}`);
  const meta = Object.entries(file.metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  lines.push('', title('metadata'));
  if (meta.length === 0) lines.push('  (none)');
  const keyWidth = Math.max(0, ...meta.map(([k]) => k.length));
  for (const [k, v] of meta) lines.push(`  ${k.padEnd(keyWidth)}  ${v}`);
  if (headIdx.length > 0 || tailIdx.length > 0) {
    const what = clauses.length > 0 ? 'matching rows' : 'rows';
    if (headIdx.length > 0) {
      lines.push('', title(`first ${headIdx.length} ${what}`));
      for (const l of rowsTable(file, columns, headIdx)) lines.push(`  ${l}`);
    }
    if (tailIdx.length > 0) {
      lines.push('', title(`last ${tailIdx.length} ${what}`));
      for (const l of rowsTable(file, columns, tailIdx)) lines.push(`  ${l}`);
    }
  } else if (total === 0) {
    lines.push('', clauses.length > 0 ? '(no rows match)' : '(no rows)');
  }
  out(lines.join('\n'));
  return 0;
}
