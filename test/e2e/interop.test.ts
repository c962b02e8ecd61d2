/**
 * Interop of real runs with an independent Arrow reader, nodejs-polars 0.24.1 (the Rust polars
 * engine): every table a run writes reads back with the manifest's row count, the column names
 * and types of its spec in src/model/tables.ts (summary: SUMMARY_TABLE) and the same values
 * apache-arrow reads; schema metadata carries version, schema version, scenario hash and seed;
 * and two runs written as Hive partitions (`<table>/cell=0/seed=<S>/part-0.arrow`) scan as one
 * dataset. Runs: a short baseline, and short-gamma-squeeze and liquidation-cascade cut just
 * past their 20-minute shocks (hedges, greeks and liquidations non-empty).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, describe, expect, test } from 'vitest';
import { tableByName, type TableSpec } from '../../src/model/tables.js';
import { hivePartPath, readArrowFile, readManifest } from '../../src/output/index.js';
import { SUMMARY_TABLE, type RunResult } from '../../src/run/runScenario.js';
import { GAMMALOOP_VERSION, SCHEMA_VERSION } from '../../src/run/version.js';
import { runIn, tempDir } from '../golden/runs.js';

const tmp = tempDir('interop');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const POLARS_DTYPE = { i64: 'Int64', i32: 'Int32', i8: 'Int8', f64: 'Float64', bool: 'Bool', dict: 'Categorical', enum: 'Categorical' } as const;
const specOf = (table: string): TableSpec => (table === 'summary' ? SUMMARY_TABLE : (tableByName(table) as TableSpec));

const RUNS = [
  { name: 'baseline', file: 'scenarios/baseline.yaml', set: ['clock.duration=2m'], nonEmpty: ['trades', 'book', 'accounts'] },
  { name: 'short-gamma-squeeze', file: 'scenarios/short-gamma-squeeze.yaml', set: ['clock.duration=21m'], nonEmpty: ['trades', 'hedges', 'greeks', 'option_trades', 'schedule'] },
  { name: 'liquidation-cascade', file: 'scenarios/liquidation-cascade.yaml', set: ['clock.duration=21m'], nonEmpty: ['trades', 'liquidations', 'schedule'] },
] as const;

describe('every table of a real run reads back in nodejs-polars', () => {
  test.each(RUNS)('$name', async ({ name, file, set, nonEmpty }) => {
    const { result } = await runIn(file, path.join(tmp, name), { set });
    const manifest = readManifest(result.outDir);
    for (const t of nonEmpty) expect(manifest.rows[t], `${t} rows`).toBeGreaterThan(0);
    expect(Object.keys(manifest.rows).sort()).toEqual(Object.keys(result.files).sort());
    for (const [table, rows] of Object.entries(manifest.rows)) {
      const spec = specOf(table);
      const bytes = fs.readFileSync(result.files[table] as string);
      const df = pl.readIPC(bytes);
      expect(df.height, `${table} rows`).toBe(rows);
      expect(df.columns, `${table} columns`).toEqual(spec.columns.map((c) => c.name));
      const arrow = readArrowFile(result.files[table] as string);
      for (const c of spec.columns) {
        const series = df.getColumn(c.name);
        expect(String(series.dtype), `${table}.${c.name}`).toBe(`DataType(${POLARS_DTYPE[c.type.kind]})`);
        // Same values as apache-arrow reads (int64 as numbers, dictionaries as strings).
        expect(Array.from(series.toArray() as ArrayLike<unknown>), `${table}.${c.name} values`).toEqual(arrow.column(c.name));
      }
      expect(arrow.metadata['gammaloop.version'], table).toBe(GAMMALOOP_VERSION);
      expect(arrow.metadata['gammaloop.schema_version'], table).toBe(String(SCHEMA_VERSION));
      expect(arrow.metadata['gammaloop.scenario_sha256'], table).toBe(manifest.scenario_sha256);
      expect(arrow.metadata['gammaloop.seed'], table).toBe(String(manifest.seed));
    }
  }, 60_000);
});

describe('Hive-partitioned runs scan as one dataset', () => {
  test('two baseline seeds written as <table>/cell=0/seed=<S>/part-0.arrow scan with cell and seed columns', async () => {
    const root = path.join(tmp, 'hive');
    const results: RunResult[] = [];
    for (const seed of [1, 2]) {
      const { result } = await runIn('scenarios/baseline.yaml', root, {
        set: ['clock.duration=2m'],
        seed,
        pathFor: (t) => hivePartPath(t, [['cell', 0], ['seed', seed]]),
        writeManifest: false,
      });
      results.push(result);
    }
    expect(fs.existsSync(path.join(root, 'trades', 'cell=0', 'seed=2', 'part-0.arrow'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'manifest.json'))).toBe(false);
    for (const table of ['trades', 'book', 'summary']) {
      const df = pl.scanIPC(path.join(root, table)).collectSync();
      expect(df.columns, table).toEqual([...specOf(table).columns.map((c) => c.name), 'cell', 'seed']);
      const counts = df.groupBy('seed').agg(pl.col('cell').first(), pl.len().alias('n')).sort('seed').toRecords();
      expect(counts, table).toEqual(results.map((r) => ({ seed: r.seed, cell: 0, n: r.rows[table] })));
    }
  }, 60_000);
});
