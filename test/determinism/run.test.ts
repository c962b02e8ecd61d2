/**
 * Determinism of whole runs (DESIGN 3 and 2b): the same scenario and seed twice in one process
 * gives byte-identical table files, and so does the built CLI in a child process; another seed
 * gives other trades; `--trace` changes no other table's bytes; turning the optional tables
 * (orders, depth, balances) on or changing a sampling interval leaves every other table byte-identical,
 * metadata included (the scenario hash leaves out the `output:` block: DESIGN 2b).
 * Scenarios are shortened to 21 minutes: just past their 20-minute shocks.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readArrowFile, readManifest } from '../../src/output/index.js';
import type { RunResult } from '../../src/run/runScenario.js';
import { ensureBuilt, runCli } from '../e2e/helpers/cli.js';
import { runIn, tableBytes, tempDir } from '../golden/runs.js';

const SHORT = ['clock.duration=21m'];
const SQUEEZE = 'scenarios/short-gamma-squeeze.yaml';
const CASCADE = 'scenarios/liquidation-cascade.yaml';
const tmp = tempDir('determinism-run');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs once per key and keeps the result (several tests compare against the same run). */
const runs = new Map<string, Promise<RunResult>>();
function run(key: string, file: string, options: { set?: readonly string[]; seed?: number; trace?: string } = {}): Promise<RunResult> {
  let r = runs.get(key);
  if (r === undefined) {
    r = runIn(file, path.join(tmp, key), { ...options, set: [...SHORT, ...(options.set ?? [])] }).then((x) => x.result);
    runs.set(key, r);
  }
  return r;
}

function expectSameBytes(a: RunResult, b: RunResult, tables: readonly string[]): void {
  const ba = tableBytes(a);
  const bb = tableBytes(b);
  for (const t of tables) expect(bb.get(t)?.equals(ba.get(t) as Buffer), `${t}.arrow bytes`).toBe(true);
}

describe('the same scenario and seed gives the same bytes', () => {
  test.each([
    ['short-gamma-squeeze', SQUEEZE, 'hedges'],
    ['liquidation-cascade', CASCADE, 'liquidations'],
  ])('%s twice in one process: every table file byte-identical', async (name, file, eventful) => {
    const a = await run(`${name}-a`, file);
    const b = await run(`${name}-b`, file);
    expect(a.rows[eventful], `${eventful} must not be empty`).toBeGreaterThan(0);
    expect(Object.keys(b.files).sort()).toEqual(Object.keys(a.files).sort());
    expectSameBytes(a, b, Object.keys(a.files));
    expect(b.events).toBe(a.events);
    expect(b.metrics).toEqual(a.metrics);
    // The manifests differ only in wall time.
    const strip = (dir: string): unknown => ({ ...readManifest(dir), wall_time_ms: 0 });
    expect(strip(b.outDir)).toEqual(strip(a.outDir));
  }, 60_000);

  test('the built CLI in a child process writes the same bytes as the in-process run', async () => {
    ensureBuilt();
    const a = await run('short-gamma-squeeze-a', SQUEEZE);
    const out = path.join(tmp, 'cli');
    const r = runCli(['run', SQUEEZE, ...SHORT.flatMap((s) => ['--set', s]), '--out', out, '--quiet'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    for (const [t, bytes] of tableBytes(a)) expect(fs.readFileSync(path.join(out, `${t}.arrow`)).equals(bytes), `${t}.arrow bytes`).toBe(true);
    expect(readManifest(out).events).toBe(a.events);
  }, 60_000);
});

describe('what must change, and what must not', () => {
  test('another seed gives other trades', async () => {
    const a = await run('short-gamma-squeeze-a', SQUEEZE);
    const b = await run('short-gamma-squeeze-seed2', SQUEEZE, { seed: 2 });
    expect(b.seed).toBe(2);
    const ta = readArrowFile(a.files['trades'] as string);
    const tb = readArrowFile(b.files['trades'] as string);
    expect(tb.metadata['gammaloop.seed']).toBe('2');
    expect(tb.numRows).toBeGreaterThan(0);
    const sig = (f: typeof ta): string => `${f.column('t_ns').join(',')}|${f.column('price').join(',')}|${f.column('size').join(',')}`;
    expect(sig(tb)).not.toBe(sig(ta));
  }, 60_000);

  test('--trace adds an events table and changes no other table\'s bytes', async () => {
    const a = await run('short-gamma-squeeze-a', SQUEEZE);
    const traced = await run('short-gamma-squeeze-trace', SQUEEZE, { trace: 'dealers/*' });
    expect(traced.rows['events']).toBeGreaterThan(0);
    expect(Object.keys(traced.files).filter((t) => !(t in a.files))).toEqual(['events']);
    expectSameBytes(a, traced, Object.keys(a.files));
  }, 60_000);

  test('optional tables on (orders, depth, balances) leave every other table byte-identical, metadata included', async () => {
    const a = await run('short-gamma-squeeze-a', SQUEEZE);
    const full = await run('short-gamma-squeeze-optional', SQUEEZE, { set: ['output.tables=[orders,depth,balances]'] });
    expect(full.rows['orders']).toBeGreaterThan(0);
    expect(full.rows['depth']).toBeGreaterThan(0);
    expect(full.rows['balances']).toBeGreaterThan(0);
    expect(full.events).toBe(a.events);
    expect(full.scenarioSha256).toBe(a.scenarioSha256);
    const ba = tableBytes(a);
    const bf = tableBytes(full);
    for (const [t, bytes] of ba) expect((bf.get(t) as Buffer).equals(bytes), `${t}.arrow bytes`).toBe(true);
    expect(full.metrics).toEqual(a.metrics);
  }, 60_000);

  test('a different sampling interval leaves trades byte-identical', async () => {
    const a = await run('short-gamma-squeeze-a', SQUEEZE);
    const sampled = await run('short-gamma-squeeze-book5s', SQUEEZE, { set: ['output.book_interval=5s', 'output.greeks_interval=30s'] });
    expect(sampled.rows['book']).toBeLessThan(a.rows['book'] as number);
    expect(fs.readFileSync(sampled.files['trades'] as string).equals(fs.readFileSync(a.files['trades'] as string))).toBe(true);
  }, 60_000);
});
