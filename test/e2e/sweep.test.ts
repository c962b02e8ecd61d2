/**
 * `gammaloop sweep` and `gammaloop compare` through the built CLI: results byte-identical for
 * any worker count and any sharding (including the index from SLURM_ARRAY_TASK_ID), one line
 * per finished run on a non-TTY stderr, the --json document, a failing run (exit 3, listed in
 * the manifest), SIGKILL and SIGINT mid-sweep then resume to the same bytes, CSV cells, compare
 * (table and --json) and usage errors (exit 2).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, MAIN, ROOT, runCli } from './helpers/cli.js';
import { sweepFilesOf } from '../helpers/sweepFiles.js';

const SCENARIO = 'test/fixtures/scenarios/baseline-gaussian.yaml';
// Pinned here so edits to the reference scenario do not change these tests.
const SWEEP = [SCENARIO, '--seeds', '1..3', '--grid', 'agents.noise.rate=0.1,0.3', '--set', 'clock.duration=30s', '--set', 'agents.noise.count=10', '--set', 'agents.makers.count=2'];
let tmp = '';
let ref = '';

beforeAll(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-e2e-sweep-'));
  ref = path.join(tmp, 'ref');
  const r = runCli(['sweep', ...SWEEP, '--workers', '2', '--out', ref], { timeoutMs: 60_000 });
  expect(r.stderr).toContain('complete  6/6 runs');
  expect(r.code).toBe(0);
}, 90_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function expectSameAsRef(dir: string): void {
  const a = sweepFilesOf(ref);
  const b = sweepFilesOf(dir);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [k, bytes] of a) expect(b.get(k)?.equals(bytes), k).toBe(true);
  expect(a.size).toBeGreaterThan(6 * 9);
}

describe('sweep', () => {
  test('non-TTY stderr: a header, one line per finished run, a summary; nothing on stdout', () => {
    const r = runCli(['sweep', ...SWEEP, '--workers', '1', '--out', path.join(tmp, 'w1')], { timeoutMs: 60_000, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^gammaloop sweep {2}baseline {2}2 cells x 3 seeds = 6 runs {2}sha256 [0-9a-f]{12} {2}-> /);
    expect(lines.filter((l) => /^run \d\/6 {2}cell=\d seed=\d {2}complete {2}[\d.]+ s$/.test(l))).toHaveLength(6);
    expect(r.stderr).toContain('6 complete, 0 failed, 0 skipped');
  }, 60_000);

  test('byte-identical results for 1 and 2 workers', () => expectSameAsRef(path.join(tmp, 'w1')));

  test('byte-identical results for 3 shards (one from SLURM_ARRAY_TASK_ID) plus --collect', () => {
    const dir = path.join(tmp, 'shards');
    for (const [shard, env] of [['0/3', {}], ['auto/3', { SLURM_ARRAY_TASK_ID: '1' }], ['2/3', {}]] as const) {
      const r = runCli(['sweep', ...SWEEP, '--workers', '1', '--shard', shard, '--out', dir], { timeoutMs: 60_000, env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/shard \d\/3 \(2 runs\)/);
      expect(r.stderr).toContain('gammaloop sweep --collect');
    }
    expect(fs.existsSync(path.join(dir, 'summary.arrow'))).toBe(false);
    const c = runCli(['sweep', '--collect', dir, '--json']);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ ok: true, status: 'complete', runs_total: 6, complete: 6, missing: 0 });
    expectSameAsRef(dir);
  }, 90_000);

  test('a rerun of a finished sweep runs nothing; --json says so', () => {
    const r = runCli(['sweep', ...SWEEP, '--out', ref, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, status: 'complete', runs_total: 6, skipped: 6, ran: 0, failures: [] });
    expect(r.stderr).toContain('resuming: 6 runs already done, 0 to run');
  }, 30_000);

  test('a failing run: the others finish, exit 3, the failure is in the manifest with seed and message', () => {
    const dir = path.join(tmp, 'fail');
    fs.mkdirSync(path.join(dir, 'trades', 'cell=1'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'trades', 'cell=1', 'seed=2'), 'a file where a partition folder must go');
    fs.writeFileSync(path.join(dir, 'sweep.json'), fs.readFileSync(path.join(ref, 'sweep.json')));
    const r = runCli(['sweep', ...SWEEP, '--workers', '2', '--out', dir, '--json'], { timeoutMs: 60_000 });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as { ok: boolean; status: string; complete: number; failures: { cell: number; seed: number; message: string }[] };
    expect(doc).toMatchObject({ ok: false, status: 'failed', complete: 5 });
    expect(doc.failures.map((f) => [f.cell, f.seed])).toEqual([[1, 2]]);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { status: string; failures: unknown[] };
    expect(manifest.status).toBe('failed');
    expect(manifest.failures).toEqual([{ cell: 1, seed: 2, message: doc.failures[0]?.message }]);
    expect(r.stderr).toMatch(/failed {2}cell=1 seed=2: /);
    const collect = runCli(['sweep', '--collect', dir]);
    expect(collect.code).toBe(3);
  }, 60_000);

  test.each(['SIGKILL', 'SIGINT'] as const)('%s mid-sweep, then the same command resumes to the same bytes', async (signal) => {
    const dir = path.join(tmp, `killed-${signal}`);
    const child = spawn(process.execPath, [MAIN, 'sweep', ...SWEEP, '--workers', '1', '--out', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        if (/^run 1\/6/m.test(stderr) && !child.killed) child.kill(signal);
      });
      child.on('exit', (c) => resolve(c));
    });
    if (signal === 'SIGINT') {
      expect(code).toBe(130);
      expect(stderr).toContain('interrupted: rerun the same command to resume');
    }
    // A killed parent's worker notices the lost channel and exits; give it a moment.
    await new Promise((r) => setTimeout(r, 500));
    const done = fs.readdirSync(path.join(dir, '_done')).length;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(6);
    const r = runCli(['sweep', ...SWEEP, '--workers', '2', '--out', dir], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`resuming: ${done} runs already done, ${6 - done} to run`);
    expectSameAsRef(dir);
  }, 90_000);

  test('--cells CSV: one cell per row, same runs as the equivalent grid', () => {
    const csv = path.join(tmp, 'cells.csv');
    fs.writeFileSync(csv, 'agents.noise.rate\n0.1\n0.3\n');
    const dir = path.join(tmp, 'csv');
    const args = SWEEP.filter((a, i) => a !== '--grid' && SWEEP[i - 1] !== '--grid');
    const r = runCli(['sweep', ...args, '--cells', csv, '--out', dir], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    // The sweep-level tables carry the sweep hash (CSV and grid differ); the runs' own files do not.
    for (const f of ['trades/cell=1/seed=3/part-0.arrow', 'book/cell=0/seed=1/part-0.arrow', 'summary/cell=1/seed=2/part-0.arrow']) {
      expect(fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(ref, f))), f).toBe(true);
    }
  }, 60_000);

  const usage: ReadonlyArray<readonly [string, string[], RegExp]> = [
    ['--grid and --cells together', [...SWEEP, '--cells', 'x.csv'], /either --grid or --cells/],
    ['no --seeds', [SCENARIO], /give --seeds/],
    ['a bad seed list', [SCENARIO, '--seeds', '3..1'], /empty range/],
    ['a cell value the schema rejects', [SCENARIO, '--seeds', '1', '--grid', 'agents.noise.rate=0.1,-1'], /cell 1 \(agents.noise.rate=-1\) does not load/],
    ['a bad --shard', [...SWEEP, '--shard', '3/3'], /index 3 is not below the count 3/],
    ['--collect on a directory that is not a sweep', ['--collect', os.tmpdir()], /is not a sweep directory/],
  ];
  test.each(usage)('usage error (exit 2): %s', (_name, args, message) => {
    const r = runCli(['sweep', ...args, '--out', path.join(tmp, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(fs.existsSync(path.join(tmp, 'never', 'trades'))).toBe(false);
  });
});

describe('compare', () => {
  test('a table per metric on stdout: cells, n, mean, CI, paired difference vs the baseline', () => {
    const r = runCli(['compare', ref, '--metric', 'mid_return,one_sided_share'], { env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^compare .* baseline cell 0 \(agents.noise.rate=0.1\)/);
    expect(r.stdout).toMatch(/^mid_return \(1\)$/m);
    expect(r.stdout).toMatch(/^cell +agents.noise.rate +n +mean +sd +95% CI +diff vs 0 +95% CI \(bootstrap\) +p \(paired t\)$/m);
    expect(r.stdout).toMatch(/^ +0 +0.1 +3 .* baseline$/m);
    expect(r.stdout).toMatch(/^ +1 +0.3 +3 .*\[.*\] +(<1e-4|\d\.\d{4}|—)$/m);
  });

  test('--json: one document; the paired mean is the difference of the cell means (same seeds)', () => {
    const r = runCli(['compare', ref, '--json', '--baseline', '1', '--metric', 'all']);
    expect(r.code, r.stderr).toBe(0);
    type Stats = { n: number; mean: number | null };
    const doc = JSON.parse(r.stdout) as { baseline: number; metrics: string[]; cells: { cell: number; metrics: Record<string, Stats>; paired?: Record<string, Stats & { p: number | null; bootstrap_ci95: unknown[] }> }[] };
    expect(doc.baseline).toBe(1);
    expect(doc.metrics).toContain('hedge_volume');
    const [c0, c1] = doc.cells;
    expect(c1?.paired).toBeUndefined();
    const m0 = c0?.metrics['mid_return']?.mean as number;
    const m1 = c1?.metrics['mid_return']?.mean as number;
    expect(c0?.paired?.['mid_return']?.mean).toBeCloseTo(m0 - m1, 12);
    expect(c0?.paired?.['mid_return']?.n).toBe(3);
    expect(c0?.paired?.['mid_return']?.bootstrap_ci95).toHaveLength(2);
  });

  test.each([
    ['an unknown metric', ['--metric', 'hedge_cots'], /unknown metric "hedge_cots" \(did you mean "hedge_cost"\?\)/],
    ['a baseline that is not a cell', ['--baseline', '9'], /baseline cell 9 is not a cell/],
  ])('usage error (exit 2): %s', (_name, args, message) => {
    const r = runCli(['compare', ref, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
