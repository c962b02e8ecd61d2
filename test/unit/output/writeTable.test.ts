/**
 * writeTable: small in-memory tables with ad-hoc specs (summary, cells) through the same writer
 * path; strings for enum/dict columns, booleans for bool columns, i8 columns; errors on bad input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import pl from 'nodejs-polars';
import { describe, expect, it } from 'vitest';
import { readArrowFile } from '../../../src/output/reader.js';
import { tableSpec, writeTable } from '../../../src/output/writeTable.js';
import { DICTS } from './fixtures.js';
import { tempDir } from './helpers.js';

const CELLS = tableSpec('cells', 'Sweep grid points.', [
  { name: 'cell', type: { kind: 'i32' }, unit: '', description: 'Cell number.' },
  { name: 'policy', type: { kind: 'enum', values: ['none', 'band', 'time'] }, unit: '', description: 'Hedge policy.' },
  { name: 'band', type: { kind: 'f64' }, unit: 'base', description: 'Band width.' },
  { name: 'dealer', type: { kind: 'dict', dict: 'agents' }, unit: '', description: 'Dealer.' },
  { name: 'short_gamma', type: { kind: 'bool' }, unit: '', description: 'Dealers short gamma.' },
  { name: 'tier', type: { kind: 'i8' }, unit: '', description: 'Small int.' },
  { name: 'events', type: { kind: 'i64' }, unit: '', description: 'Events.' },
]);

const COLUMNS = {
  cell: [0, 1, 2, 3, 4],
  policy: ['none', 'band', 'band', 'time', 'none'],
  band: new Float64Array([Number.NaN, 0.5, 1, 0, 2.25]),
  dealer: ['dealer/0', 'dealer/1', 'dealer/0', 'dealer/1', 'dealer/0'],
  short_gamma: [true, false, true, true, false],
  tier: [-128, 127, 0, -1, 5],
  events: [2 ** 40, -3, 0, 7, Number.MAX_SAFE_INTEGER],
};

describe('writeTable', () => {
  it('writes an ad-hoc table across batches that apache-arrow and polars read back', async () => {
    const file = path.join(tempDir(), 'cells.arrow');
    const rows = await writeTable(file, CELLS, COLUMNS, { dictionaries: DICTS, batchRows: 2, metadata: { 'gammaloop.sweep': 'x' } });
    expect(rows).toBe(5);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
    const f = readArrowFile(file);
    expect(f.numBatches).toBe(3);
    expect(f.metadata).toEqual({ 'gammaloop.sweep': 'x', 'gammaloop.table': 'cells' });
    expect(f.fields.map((x) => x.type)).toEqual(['Int32', 'Dictionary<Int8, Utf8>', 'Float64', 'Dictionary<Int32, Utf8>', 'Bool', 'Int8', 'Int64']);
    for (const [name, values] of Object.entries(COLUMNS)) expect(f.column(name), name).toEqual(Array.from(values as ArrayLike<unknown>));
    expect(Array.from(f.numbers('policy'))).toEqual([0, 1, 1, 2, 0]);
    const df = pl.readIPC(fs.readFileSync(file));
    expect(df.getColumn('policy').toArray()).toEqual(COLUMNS.policy);
    expect(df.getColumn('tier').toArray()).toEqual(COLUMNS.tier);
  });

  it('writes a zero-row table with its schema', async () => {
    const file = path.join(tempDir(), 'summary.arrow');
    const empty = { cell: [], policy: [], band: [], dealer: [], short_gamma: [], tier: [], events: [] };
    expect(await writeTable(file, CELLS, empty, { dictionaries: DICTS })).toBe(0);
    expect(readArrowFile(file).fields.length).toBe(7);
    expect(pl.readIPC(fs.readFileSync(file)).columns).toEqual(CELLS.columns.map((c) => c.name));
  });

  const BAD: readonly (readonly [string, Record<string, unknown>, RegExp])[] = [
    ['a missing column', { ...COLUMNS, band: undefined }, /column band missing/],
    ['an unknown column', { ...COLUMNS, extra: [1, 2, 3, 4, 5] }, /no column "extra"/],
    ['a string not in the enum', { ...COLUMNS, policy: ['none', 'band', 'x', 'time', 'none'] }, /"x" is not in its dictionary/],
    ['columns of different lengths', { ...COLUMNS, cell: [0, 1] }, /has \d rows, expected/],
    ['a fraction in an int column', { ...COLUMNS, cell: [0, 1, 2.5, 3, 4] }, /column cell/],
  ];
  it.each(BAD)('rejects %s and leaves no file', async (_name, columns, message) => {
    const dir = tempDir();
    const clean = Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
    await expect(writeTable(path.join(dir, 'cells.arrow'), CELLS, clean as typeof COLUMNS, { dictionaries: DICTS })).rejects.toThrow(message);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
