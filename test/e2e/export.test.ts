/**
 * `gammaloop export --format parquet` on a run and on a sweep, read back by DuckDB
 * (@duckdb/node-api, `read_parquet` with hive partitioning): every table's row count equals the
 * Arrow file's; float sums equal the Arrow sums over non-NaN values (1e-9 relative: the same
 * doubles summed in another order); NaN "no value" floats are nulls, so `avg(ask - bid)` is a
 * number (it was NaN over the Arrow values); a sweep's partitions keep cell and seed; the schema
 * metadata survives; exporting twice gives identical bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArrowFile } from '../../src/output/reader.js';
import { runIn, tempDir } from '../golden/runs.js';
import { ensureBuilt, runCli } from './helpers/cli.js';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('Parquet export read by DuckDB', () => {
  let tmp = '';
  let run = '';
  let sweepDir = '';
  let db: DuckDBConnection;
  const q = async (sql: string): Promise<Record<string, unknown>[]> => (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];

  beforeAll(async () => {
    ensureBuilt();
    tmp = tempDir('export');
    run = path.join(tmp, 'run');
    await runIn('scenarios/short-gamma-squeeze.yaml', run, { set: ['clock.duration=4m', 'schedule=[]'] });
    sweepDir = path.join(tmp, 'sweep');
    const s = runCli(['sweep', 'test/fixtures/scenarios/baseline-gaussian.yaml', '--set', 'clock.duration=1m', '--grid', 'agents.noise.rate=0.1,0.4', '--seeds', '1..2', '--workers', '0', '-q', '--out', sweepDir], { timeoutMs: 120_000 });
    expect(s.code, s.stderr).toBe(0);
    db = await (await DuckDBInstance.create(':memory:')).connect();
  }, 180_000);
  afterAll(() => {
    db?.closeSync();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a run: every table, same rows and sums; NaN becomes null; metadata kept; deterministic', async () => {
    const r = runCli(['export', run, '--format', 'parquet', '--json'], { timeoutMs: 60_000 });
    expect(r.stderr).toMatch(/exported \d+ table files as Parquet/);
    expect(r.code).toBe(0);
    const tables = fs.readdirSync(run).filter((f) => f.endsWith('.arrow')).map((f) => f.replace(/\.arrow$/, ''));
    expect(tables).toEqual(expect.arrayContaining(['trades', 'book', 'gex', 'gex_profile', 'open_interest', 'summary']));
    for (const t of tables) {
      const arrow = readArrowFile(path.join(run, `${t}.arrow`));
      const pq = path.join(run, 'parquet', `${t}.parquet`);
      const [{ n }] = (await q(`SELECT count(*)::BIGINT AS n FROM read_parquet('${pq}')`)) as [{ n: bigint | number }];
      expect(Number(n), t).toBe(arrow.numRows);
      for (const f of arrow.fields.filter((x) => x.type === 'Float64')) {
        const values = Array.from(arrow.numbers(f.name));
        const finite = values.filter((v) => !Number.isNaN(v));
        const [row] = (await q(`SELECT sum("${f.name}") AS s, count(*) - count("${f.name}") AS nulls FROM read_parquet('${pq}')`)) as [{ s: number | null; nulls: bigint | number }];
        expect(Number(row.nulls), `${t}.${f.name} nulls`).toBe(values.length - finite.length);
        if (finite.length > 0 && finite.every(Number.isFinite)) expect(close(row.s ?? NaN, finite.reduce((a, b) => a + b, 0)), `${t}.${f.name} sum`).toBe(true);
      }
    }
    const [kv] = (await q(`SELECT decode(value) AS v FROM parquet_kv_metadata('${path.join(run, 'parquet', 'trades.parquet')}') WHERE decode(key) = 'gammaloop.seed'`)) as [{ v: string }];
    expect(kv.v).toBe('1');
    const [comp] = (await q(`SELECT list(DISTINCT compression) AS c FROM parquet_metadata('${path.join(run, 'parquet', 'book.parquet')}')`)) as [{ c: string[] }];
    expect(comp.c).toEqual(['ZSTD']);
    const first = fs.readFileSync(path.join(run, 'parquet', 'book.parquet'));
    expect(runCli(['export', run, '-q', '--out', path.join(tmp, 'again')]).code).toBe(0);
    expect(fs.readFileSync(path.join(tmp, 'again', 'book.parquet')).equals(first)).toBe(true);
  }, 120_000);

  it('the docs/notebooks.md DuckDB spread query gives a finite spread over nulls (it was NaN over NaN)', async () => {
    const pq = path.join(run, 'parquet', 'book.parquet');
    const [{ nan_rows }] = (await q(`SELECT count(*) - count(ask - bid) AS nan_rows FROM read_parquet('${pq}')`)) as [{ nan_rows: bigint }];
    expect(Number(nan_rows)).toBeGreaterThan(0); // the book starts with an empty side: the case the issue reported
    const [{ spread }] = (await q(`SELECT avg(ask - bid) AS spread FROM read_parquet('${pq}')`)) as [{ spread: number }];
    const book = readArrowFile(path.join(run, 'book.arrow'));
    const bid = book.numbers('bid');
    const ask = book.numbers('ask');
    const both = Array.from(ask, (a, i) => a - (bid[i] as number)).filter((x) => !Number.isNaN(x));
    expect(close(spread, both.reduce((a, b) => a + b, 0) / both.length)).toBe(true);
  });

  it('a sweep: Hive layout kept, cell and seed read back, row counts per partition equal', async () => {
    const r = runCli(['export', sweepDir, '--parquet', '-q'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const rows = await q(`SELECT cell, seed, count(*)::BIGINT AS n FROM read_parquet('${path.join(sweepDir, 'parquet', 'trades', '*', '*', '*.parquet')}', hive_partitioning = true) GROUP BY ALL ORDER BY ALL`);
    expect(rows.map((x) => [Number(x['cell']), Number(x['seed'])])).toEqual([[0, 1], [0, 2], [1, 1], [1, 2]]);
    for (const x of rows) {
      const arrow = readArrowFile(path.join(sweepDir, 'trades', `cell=${x['cell']}`, `seed=${x['seed']}`, 'part-0.arrow'));
      expect(Number(x['n'])).toBe(arrow.numRows);
    }
    const [{ n }] = (await q(`SELECT count(*)::BIGINT AS n FROM read_parquet('${path.join(sweepDir, 'parquet', 'summary.parquet')}')`)) as [{ n: bigint }];
    expect(Number(n)).toBe(4);
    const joined = await q(`SELECT c.*, s.rv_mid_1m FROM read_parquet('${path.join(sweepDir, 'parquet', 'summary.parquet')}') s JOIN read_parquet('${path.join(sweepDir, 'parquet', 'cells.parquet')}') c USING (cell) ORDER BY s.cell, s.seed`);
    expect(joined).toHaveLength(4);
  }, 120_000);

  it('a directory without tables is a usage error', () => {
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    const r = runCli(['export', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no \.arrow tables/);
  });
});
