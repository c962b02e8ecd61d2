/**
 * Recorder and file-writer behaviour: byte-identical files for identical rows whatever the drain
 * timing or write path, abort leaves nothing behind, zero-row tables keep their schema, extreme
 * int64 and float values survive, and producer bugs (bad values, misuse of begin/end) throw.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOK, DEPTH, EVENTS, GREEKS, TRADES } from '../../../src/model/tables.js';
import { readArrowFile } from '../../../src/output/reader.js';
import { Recorder } from '../../../src/output/recorder.js';
import { appendRows, DICTS, META } from './fixtures.js';
import { recordTable, tempDir } from './helpers.js';

const ROWS = 50;

async function tradesBytes(mode: 'no-drain' | 'drain-every-row' | 'sync-high-water'): Promise<Buffer> {
  const dir = tempDir();
  const rec = new Recorder({
    dir, dictionaries: DICTS, metadata: META, batchRows: 7,
    ...(mode === 'sync-high-water' ? { highWaterBytes: 1 } : {}),
  });
  const app = rec.recorder(TRADES);
  for (let r = 0; r < ROWS; r++) {
    appendRows(app, 1, r);
    if (mode === 'drain-every-row') await rec.drain();
  }
  await rec.close();
  return fs.readFileSync(path.join(dir, 'trades.arrow'));
}

describe('Recorder files', () => {
  it('identical rows give byte-identical files, whatever the drain timing and write path', async () => {
    const reference = await tradesBytes('no-drain');
    expect(reference.byteLength).toBeGreaterThan(1000);
    expect((await tradesBytes('no-drain')).equals(reference)).toBe(true);
    expect((await tradesBytes('drain-every-row')).equals(reference)).toBe(true);
    expect((await tradesBytes('sync-high-water')).equals(reference)).toBe(true);
  });

  it('turning optional tables on leaves the trades file byte-identical', async () => {
    const plain = await recordTable(TRADES, ROWS);
    const dir = tempDir();
    const rec = new Recorder({ dir, dictionaries: DICTS, metadata: META, batchRows: 7, enabled: ['depth', 'orders', 'events'] });
    for (let r = 0; r < ROWS; r++) {
      appendRows(rec.recorder(EVENTS), 1, r);
      appendRows(rec.recorder(TRADES), 1, r);
    }
    await rec.close();
    expect(fs.readFileSync(path.join(dir, 'trades.arrow')).equals(fs.readFileSync(plain.file))).toBe(true);
  });

  it('different rows give different bytes (the check above can fail)', async () => {
    const a = await recordTable(TRADES, ROWS);
    const b = await recordTable(TRADES, ROWS - 1);
    expect(fs.readFileSync(a.file).equals(fs.readFileSync(b.file))).toBe(false);
  });

  it('drain() moves queued bytes to disk so memory stays bounded', async () => {
    const dir = tempDir();
    const rec = new Recorder({ dir, dictionaries: DICTS, metadata: META, batchRows: 7 });
    appendRows(rec.recorder(TRADES), 70);
    expect(rec.pendingBytes).toBeGreaterThan(0);
    await rec.drain();
    expect(rec.pendingBytes).toBe(0);
    expect(fs.statSync(path.join(dir, 'trades.arrow.tmp')).size).toBeGreaterThan(70 * 8);
    await rec.close();
  });

  it('without drains, queued bytes never exceed the high-water mark after a batch', async () => {
    const dir = tempDir();
    const rec = new Recorder({ dir, dictionaries: DICTS, metadata: META, batchRows: 7, highWaterBytes: 2000 });
    const app = rec.recorder(TRADES);
    let peak = 0;
    for (let r = 0; r < 700; r++) {
      appendRows(app, 1, r);
      peak = Math.max(peak, rec.pendingBytes);
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2000);
    expect((await rec.close())['trades']).toBe(700);
  });

  it('close() renames every .tmp and returns row counts of the enabled tables only', async () => {
    const dir = tempDir();
    const rec = new Recorder({ dir, dictionaries: DICTS, metadata: META, enabled: ['events'] });
    appendRows(rec.recorder(TRADES), 3);
    appendRows(rec.recorder(EVENTS), 2);
    expect(rec.recorder(DEPTH).enabled).toBe(false);
    const rows = await rec.close();
    expect(rows['trades']).toBe(3);
    expect(rows['events']).toBe(2);
    expect(rows['book']).toBe(0);
    expect('depth' in rows).toBe(false);
    const files = fs.readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files).toContain('events.arrow');
    expect(files).not.toContain('depth.arrow');
  });

  it('abort() leaves no .tmp and no table file', async () => {
    const dir = tempDir();
    const rec = new Recorder({ dir, dictionaries: DICTS, metadata: META, batchRows: 7 });
    appendRows(rec.recorder(TRADES), 30);
    await rec.drain();
    appendRows(rec.recorder(TRADES), 3);
    expect(fs.readdirSync(dir).some((f) => f.endsWith('.arrow.tmp'))).toBe(true);
    await rec.abort();
    expect(fs.readdirSync(dir)).toEqual([]);
    await rec.abort(); // idempotent
  });

  it('a zero-row table is a valid file with its schema', async () => {
    const { file, rowCounts } = await recordTable(BOOK, 0);
    expect(rowCounts['book']).toBe(0);
    const f = readArrowFile(file);
    expect(f.numRows).toBe(0);
    expect(f.fields.map((x) => x.name)).toEqual(BOOK.columns.map((c) => c.name));
    expect(f.fields[1]!.type).toBe('Dictionary<Int32, Utf8>');
    expect(f.metadata['gammaloop.table']).toBe('book');
  });

  const INT64_CASES: readonly (readonly [string, number])[] = [
    ['2^31', 2 ** 31],
    ['2^32 + 1', 2 ** 32 + 1],
    ['-1', -1],
    ['-(2^31) - 1', -(2 ** 31) - 1],
    ['-(2^40) + 3', -(2 ** 40) + 3],
    ['MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER],
    ['MIN_SAFE_INTEGER', Number.MIN_SAFE_INTEGER],
  ];
  it.each(INT64_CASES)('int64 %s survives', async (_name, value) => {
    const dir = tempDir();
    const rec = new Recorder({ dir, dictionaries: DICTS, metadata: META });
    const app = rec.recorder(TRADES);
    app.begin(Math.abs(value));
    app.set(TRADES.col.maker_order_id, value);
    app.end();
    await rec.close();
    const row = readArrowFile(path.join(dir, 'trades.arrow')).head(1)[0]!;
    expect(row['maker_order_id']).toBe(value);
    expect(row['t_ns']).toBe(Math.abs(value));
    expect(row['taker_order_id']).toBe(0); // unset columns are 0
  });

  it('NaN, infinities and -0 survive in f64; unset floats read 0', async () => {
    const dir = tempDir();
    const rec = new Recorder({ dir, dictionaries: DICTS, metadata: META });
    const app = rec.recorder(GREEKS);
    const values = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 5e-324];
    for (const v of values) {
      app.begin(1);
      app.set(GREEKS.col.spot, v);
      app.end();
    }
    await rec.close();
    const f = readArrowFile(path.join(dir, 'greeks.arrow'));
    expect(f.column('spot')).toEqual(values);
    expect(f.column('gamma')).toEqual([0, 0, 0, 0, 0]);
  });

  const BAD_VALUES: readonly (readonly [string, number, number])[] = [
    ['NaN in an int64 column', TRADES.col.maker_order_id, Number.NaN],
    ['a fraction in an int64 column', TRADES.col.maker_order_id, 1.5],
    ['an unsafe integer in an int64 column', TRADES.col.maker_order_id, 2 ** 53],
    ['an agent index past the dictionary', TRADES.col.maker, DICTS.agents.length],
    ['a negative enum index', TRADES.col.aggressor_side, -1],
    ['2 in a bool column', TRADES.col.hedge, 2],
  ];
  it.each(BAD_VALUES)('%s throws naming table and column', async (_name, column, value) => {
    const dir = tempDir();
    const rec = new Recorder({ dir, dictionaries: DICTS, metadata: META });
    const app = rec.recorder(TRADES);
    app.begin(0);
    app.set(column, value);
    app.end();
    const name = TRADES.columns[column]!.name;
    await expect(rec.close()).rejects.toThrow(new RegExp(`table trades, column ${name}`));
    await rec.abort();
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('trades'))).toEqual([]);
  });

  it('misuse of begin/set/end throws', () => {
    const rec = new Recorder({ dir: tempDir(), dictionaries: DICTS, metadata: META });
    const app = rec.recorder(TRADES);
    expect(() => app.set(1, 0)).toThrow(/outside begin/);
    expect(() => app.end()).toThrow(/end\(\) without begin/);
    app.begin(0);
    expect(() => app.begin(1)).toThrow(/before end/);
    expect(() => app.set(0, 5)).toThrow(/not a data column/);
    expect(() => app.set(TRADES.columns.length, 5)).toThrow(/not a data column/);
    void rec.abort();
  });

  it('rejects unknown optional tables and bad batch sizes', () => {
    expect(() => new Recorder({ dir: tempDir(), dictionaries: DICTS, metadata: META, enabled: ['nope'] })).toThrow(/unknown table/);
    expect(() => new Recorder({ dir: tempDir(), dictionaries: DICTS, metadata: META, batchRows: 0 })).toThrow(/batchRows/);
  });
});
