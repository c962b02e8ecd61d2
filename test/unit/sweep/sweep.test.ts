/**
 * A small sweep run in this process (the worker code path minus the process boundary): the
 * partition layout, markers outside the tables, cells.arrow and summary.arrow contents, resume
 * (skips done runs, redoes a partial one byte for byte), one failing run (failure marker, no
 * partitions, others complete), plan errors, and common random numbers (paired cells share the
 * exogenous fundamental path; other seeds do not).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { METRICS } from '../../../src/analysis/metrics.js';
import { Recorder, readArrowFile } from '../../../src/output/index.js';
import {
  CellError, SweepSpecError, cellAt, cellSets, collectSweep, gridCells, inProcessExecutor, planSweep, sweptColumn,
  type DoneMarker, type RunOutcome, type SweepPlanRequest,
} from '../../../src/run/sweep/index.js';
import { loadScenario } from '../../../src/scenario/index.js';
import { buildWorld, planWorld } from '../../../src/scenario/world.js';
import { sweepFilesOf } from '../../helpers/sweepFiles.js';

const SCENARIO = 'test/fixtures/scenarios/baseline-gaussian.yaml';
// Pinned here so edits to the reference scenario do not change these tests.
const SET = ['clock.duration=1m', 'agents.noise.count=10', 'agents.makers.count=2'];
const REQ: SweepPlanRequest = { scenario: SCENARIO, set: SET, cells: gridCells(['agents.noise.rate=0.1,0.3']), seeds: [1, 2] };
const clock = (): number => performance.now();
let tmp = '';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-sweep-unit-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function sweepTo(dir: string, req: SweepPlanRequest = REQ): Promise<RunOutcome[]> {
  const p = planSweep({ ...req, out: dir });
  const outcomes: RunOutcome[] = [];
  await inProcessExecutor({ spec: p.spec, dir: p.dir, wallClockMs: clock }).run(p.pending, (o) => outcomes.push(o));
  return outcomes;
}

describe('a local sweep', () => {
  let dir = '';
  beforeAll(async () => {
    dir = path.join(tmp, 'ref');
    const outcomes = await sweepTo(dir);
    expect(outcomes.map((o) => `${o.cell}-${o.seed}:${o.status}`)).toEqual(['0-1:complete', '1-1:complete', '0-2:complete', '1-2:complete']);
    await collectSweep(dir);
  }, 60_000);

  test('one Hive partition per run and table; markers outside the table folders', () => {
    for (const cell of [0, 1]) {
      for (const seed of [1, 2]) {
        for (const t of ['trades', 'book', 'summary']) expect(fs.existsSync(path.join(dir, t, `cell=${cell}`, `seed=${seed}`, 'part-0.arrow'))).toBe(true);
        expect(fs.existsSync(path.join(dir, '_done', `${cell}-${seed}.json`))).toBe(true);
      }
    }
    expect(fs.readdirSync(path.join(dir, 'trades', 'cell=0', 'seed=1'))).toEqual(['part-0.arrow']);
    const tables = fs.readdirSync(path.join(dir, 'trades'));
    expect(tables.sort()).toEqual(['cell=0', 'cell=1']);
  });

  test('cells.arrow maps cell to typed swept values', () => {
    const cells = readArrowFile(path.join(dir, 'cells.arrow'));
    expect(cells.fields.map((f) => [f.name, f.type])).toEqual([['cell', 'Int64'], ['agents.noise.rate', 'Float64']]);
    expect(cells.rows(0, 2)).toEqual([{ cell: 0, 'agents.noise.rate': 0.1 }, { cell: 1, 'agents.noise.rate': 0.3 }]);
  });

  test('summary.arrow: one row per cell and seed with every metric, equal to each run\'s own summary', () => {
    const s = readArrowFile(path.join(dir, 'summary.arrow'));
    expect(s.fields.map((f) => f.name)).toEqual(['cell', 'seed', ...METRICS.map((m) => m.name)]);
    expect(s.column('cell')).toEqual([0, 0, 1, 1]);
    expect(s.column('seed')).toEqual([1, 2, 1, 2]);
    const own = readArrowFile(path.join(dir, 'summary', 'cell=1', 'seed=2', 'part-0.arrow'));
    for (const m of METRICS) expect(Object.is(s.numbers(m.name)[3], own.numbers(m.name)[0])).toBe(true);
    expect(s.metadata['gammaloop.sweep_sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the manifest says complete and counts every run', () => {
    const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(m).toMatchObject({ kind: 'sweep', status: 'complete', runs: { total: 4, complete: 4, failed: 0, missing: 0 }, failures: [], swept: ['agents.noise.rate'] });
  });

  test('nodejs-polars reads a table folder as one dataset with int64 cell and seed, joinable to cells.arrow', () => {
    const trades = pl.scanIPC(path.join(dir, 'trades/')).collectSync();
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { rows: Record<string, number> };
    expect(trades.height).toBe(manifest.rows['trades']);
    expect(String(trades.getColumn('cell').dtype)).toBe('DataType(Int64)');
    expect(String(trades.getColumn('seed').dtype)).toBe('DataType(Int64)');
    const joined = trades.join(pl.readIPC(fs.readFileSync(path.join(dir, 'cells.arrow'))), { on: 'cell' });
    expect(joined.height).toBe(trades.height);
    const rates = new Set(joined.getColumn('agents.noise.rate').toArray() as number[]);
    expect([...rates].sort()).toEqual([0.1, 0.3]);
  });

  test('a rerun skips finished runs and redoes a partial one, byte for byte', async () => {
    const again = path.join(tmp, 'resume');
    fs.cpSync(dir, again, { recursive: true });
    // Run (1, 2) was killed after writing some tables: no marker, a truncated file, a temporary.
    fs.rmSync(path.join(again, '_done', '1-2.json'));
    const trades = path.join(again, 'trades', 'cell=1', 'seed=2', 'part-0.arrow');
    fs.truncateSync(trades, 100);
    fs.writeFileSync(`${path.join(again, 'book', 'cell=1', 'seed=2', 'part-0.arrow')}.tmp`, 'partial');
    expect(planSweep({ ...REQ, out: again }).pending).toEqual([{ cell: 1, seed: 2 }]);
    const outcomes = await sweepTo(again);
    expect(outcomes.map((o) => `${o.cell}-${o.seed}`)).toEqual(['1-2']);
    await collectSweep(again);
    expect(sweepFilesOf(again)).toEqual(sweepFilesOf(dir));
  }, 30_000);
});

describe('failures', () => {
  test('one failing run leaves a failure marker and no partitions; the others complete; a fixed rerun clears it', async () => {
    const dir = path.join(tmp, 'fail');
    planSweep({ ...REQ, out: dir });
    // A file where run (1, 1)'s trades partition folder must go: that run cannot write.
    fs.mkdirSync(path.join(dir, 'trades', 'cell=1'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'trades', 'cell=1', 'seed=1'), 'blocker');
    const outcomes = await sweepTo(dir);
    const failed = outcomes.filter((o) => o.status === 'failed');
    expect(failed.map((o) => [o.cell, o.seed])).toEqual([[1, 1]]);
    expect(failed[0]?.message).toMatch(/ENOTDIR|not a directory|EEXIST/);
    expect(outcomes.filter((o) => o.status === 'complete')).toHaveLength(3);
    expect(fs.existsSync(path.join(dir, 'book', 'cell=1', 'seed=1', 'part-0.arrow'))).toBe(false);
    const c = await collectSweep(dir);
    expect(c.status).toBe('failed');
    expect(c.failures).toEqual([{ cell: 1, seed: 1, status: 'failed', message: failed[0]?.message }]);
    const manifest = JSON.parse(fs.readFileSync(c.files.manifest, 'utf8')) as { failures: unknown[]; runs: unknown };
    expect(manifest.failures).toEqual([{ cell: 1, seed: 1, message: failed[0]?.message }]);
    expect(readArrowFile(c.files.summary).numRows).toBe(3);

    fs.rmSync(path.join(dir, 'trades', 'cell=1', 'seed=1'));
    expect(planSweep({ ...REQ, out: dir }).pending).toEqual([{ cell: 1, seed: 1 }]);
    expect((await sweepTo(dir)).map((o) => o.status)).toEqual(['complete']);
    expect(fs.existsSync(path.join(dir, '_failed', '1-1.json'))).toBe(false);
    expect((await collectSweep(dir)).status).toBe('complete');
  }, 60_000);

  test('collect lists runs that never ran', async () => {
    const dir = path.join(tmp, 'missing');
    planSweep({ ...REQ, out: dir, shard: { index: 0, count: 2 } });
    const c = await collectSweep(dir);
    expect(c).toMatchObject({ status: 'incomplete', complete: 0, total: 4 });
    expect(c.missing).toHaveLength(4);
  });
});

describe('planning errors', () => {
  test('a directory holding a different sweep is refused', async () => {
    const dir = path.join(tmp, 'other');
    planSweep({ ...REQ, out: dir });
    expect(() => planSweep({ ...REQ, seeds: [1, 2, 3], out: dir })).toThrow(SweepSpecError);
    expect(() => planSweep({ ...REQ, seeds: [1, 2, 3], out: dir })).toThrow(/holds a different sweep/);
  });
  test('a non-empty directory that is not a sweep is refused', () => {
    const dir = path.join(tmp, 'notasweep');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    expect(() => planSweep({ ...REQ, out: dir })).toThrow(/not a sweep directory/);
  });
  test('a cell that does not load is named before anything runs', () => {
    const dir = path.join(tmp, 'badcell');
    const req = { ...REQ, cells: gridCells(['agents.noise.rate=0.1,-5']), out: dir };
    expect(() => planSweep(req)).toThrow(CellError);
    expect(() => planSweep(req)).toThrow(/cell 1 \(agents.noise.rate=-5\)/);
    expect(fs.existsSync(path.join(dir, 'sweep.json'))).toBe(false);
  });
});

describe('common random numbers', () => {
  /** The fundamental path of a cell's world after running it to the end, sampled every second. */
  async function fundamentalPath(cell: number, seed: number, cells = gridCells(['agents.noise.rate=0.1,0.3'])): Promise<number[]> {
    const loaded = loadScenario(SCENARIO, { set: [...SET, ...cellSets(cellAt(cells, cell))], seed });
    const s = loaded.scenario;
    const plan = planWorld(s);
    const dir = fs.mkdtempSync(path.join(tmp, 'crn-'));
    const recorder = new Recorder({ dir, dictionaries: { agents: plan.agentNames, instruments: plan.instrumentNames, series: plan.seriesNames }, metadata: { 'gammaloop.version': 'test', 'gammaloop.schema_version': '1', 'gammaloop.scenario_sha256': loaded.sha256, 'gammaloop.seed': String(seed) } });
    const world = buildWorld(s, recorder);
    world.kernel.runUntil(world.endNs);
    await recorder.close();
    return Array.from({ length: 61 }, (_, i) => world.fundamental.valueAt(i * 1e9));
  }
  test('paired cells (same seed) share the fundamental path; another seed does not', async () => {
    const a = await fundamentalPath(0, 7);
    const b = await fundamentalPath(1, 7);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(50);
    expect(await fundamentalPath(0, 8)).not.toEqual(a);
  }, 30_000);
});

describe('swept column types', () => {
  const cases: ReadonlyArray<readonly [string, string[], string]> = [
    ['integers -> int64', ['1', '2', '10'], 'i64'],
    ['decimals -> float64', ['0.1', '2'], 'f64'],
    ['booleans -> bool', ['true', 'false'], 'bool'],
    ['words -> dictionary', ['band', 'none'], 'enum'],
    ['mixed -> dictionary of the text', ['1', 'band'], 'enum'],
  ];
  test.each(cases)('%s', (_name, texts, kind) => expect(sweptColumn(texts).type.kind).toBe(kind));
});

test('done markers carry every metric (NaN as null)', async () => {
  const dir = path.join(tmp, 'markers');
  await sweepTo(dir, { ...REQ, seeds: [3], cells: gridCells([]) });
  const m = JSON.parse(fs.readFileSync(path.join(dir, '_done', '0-3.json'), 'utf8')) as DoneMarker;
  expect(Object.keys(m.metrics).sort()).toEqual(METRICS.map((d) => d.name).sort());
  expect(m.metrics['settlement_price']).toBeNull(); // no options in the baseline scenario
  expect(m).toMatchObject({ cell: 0, seed: 3, status: 'complete' });
}, 30_000);
