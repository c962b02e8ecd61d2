/**
 * nodejs-polars (the Rust polars engine) as an independent reader: every table written through
 * the Recorder across several batches reads back with the same values and dtypes, and a
 * Hive-partitioned directory scans as one dataset with `cell` and `seed` detected from paths.
 * readIPC gets a Buffer: a string is a path only if it ends in `.ipc`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import pl from 'nodejs-polars';
import { describe, expect, it } from 'vitest';
import { ALL_TABLES, TRADES, type TableSpec } from '../../../src/model/tables.js';
import { hivePartPath } from '../../../src/output/recorder.js';
import { expectedValue } from './fixtures.js';
import { recordTable, tempDir } from './helpers.js';

const ROWS = 7 * 3 + 2;

function polarsDtype(spec: TableSpec, c: number): string {
  const t = spec.columns[c]!.type;
  const name = { i64: 'Int64', i32: 'Int32', i8: 'Int8', f64: 'Float64', bool: 'Bool', dict: 'Categorical', enum: 'Categorical' }[t.kind];
  return `DataType(${name})`;
}

describe('independent reader: nodejs-polars', () => {
  it.each(ALL_TABLES.map((t) => [t.name, t] as const))('readIPC(Buffer) %s', async (_name, spec) => {
    const { file } = await recordTable(spec, ROWS);
    const df = pl.readIPC(fs.readFileSync(file));
    expect(df.height).toBe(ROWS);
    expect(df.columns).toEqual(spec.columns.map((c) => c.name));
    spec.columns.forEach((c, i) => {
      const series = df.getColumn(c.name);
      expect(String(series.dtype), c.name).toBe(polarsDtype(spec, i));
      const expected = Array.from({ length: ROWS }, (_, r) => expectedValue(spec, i, r));
      expect(Array.from(series.toArray() as ArrayLike<unknown>), c.name).toEqual(expected);
    });
  });

  it('scanIPC(dir) reads a Hive-partitioned trades dataset with cell and seed keys', async () => {
    const root = tempDir();
    const parts = [[0, 1, 9], [1, 2, 16]] as const; // cell, seed, rows
    for (const [cell, seed, rows] of parts) {
      await recordTable(TRADES, rows, { dir: root, pathFor: (t) => hivePartPath(t, [['cell', cell], ['seed', seed]]) });
    }
    expect(fs.existsSync(path.join(root, 'trades', 'cell=1', 'seed=2', 'part-0.arrow'))).toBe(true);
    const df = pl.scanIPC(path.join(root, 'trades')).collectSync();
    expect(df.height).toBe(9 + 16);
    expect(df.columns).toEqual([...TRADES.columns.map((c) => c.name), 'cell', 'seed']);
    const byCell = df.groupBy('cell').agg(pl.col('seed').first(), pl.len().alias('n')).sort('cell');
    expect(byCell.toRecords()).toEqual([
      { cell: 0, seed: 1, n: 9 },
      { cell: 1, seed: 2, n: 16 },
    ]);
  });
});
