/**
 * Issue 16, items 1-4, through the built CLI: nothing lost, nothing overwritten.
 * - concurrent writers: an unsharded sweep holds `_lock` (a second one exits 2 and writes
 *   nothing); each (cell, seed) is claimed (a run held by a live process is left alone, a stale
 *   claim is taken over); collect counts a run only when its partition files are whole;
 * - `run --out` refuses another run's or a sweep's directory (exit 2) unless --force, which
 *   clears the old files; never removes files gammaloop did not write; the default path carries
 *   a hash of the --set flags; a locked run directory is refused;
 * - a SIGKILLed sweep worker: no `.tmp` beside the partitions, a `_failed` marker, a retry;
 * - SIGTERM behaves like SIGINT: tables closed, manifest `interrupted`, exit 143.
 * Each of these failed on the code before the fix (issue 16 lists how).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, MAIN, ROOT, runCli } from './helpers/cli.js';
import { ALL_TABLES } from '../../src/model/tables.js';

/** Tables every run writes: the ones on by default, and summary. */
const TABLES_PER_RUN = ALL_TABLES.filter((t) => !t.optional).length + 1;

// The pre-issue-13 Gaussian baseline (its noise and makers groups are what SMALL shrinks).
const SCENARIO = path.join(ROOT, 'test/fixtures/scenarios/baseline-gaussian.yaml');
const SMALL = ['--set', 'clock.duration=30s', '--set', 'agents.noise.count=10', '--set', 'agents.makers.count=2'];
const SWEEP = [SCENARIO, '--seeds', '1..4', ...SMALL];
let tmp = '';

beforeAll(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-e2e-robust-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every file under `dir`, relative. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The pid of a process that has exited (for stale claims). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const holder = (pid: number): string => `${JSON.stringify({ pid, host: os.hostname() })}\n`;
const partitions = (dir: string): string[] => filesUnder(dir).filter((f) => f.endsWith('part-0.arrow'));

describe('sweep: concurrent writers', () => {
  test('a second unsharded sweep into a locked directory exits 2 and writes nothing', () => {
    const dir = path.join(tmp, 'locked-sweep');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '_lock'), holder(process.pid)); // this test process is alive
    const r = runCli(['sweep', ...SWEEP, '--workers', '1', '--out', dir], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/is being written by another gammaloop sweep \(pid \d+ on host .*\): wait for it/);
    expect(partitions(dir)).toEqual([]);
  }, 60_000);

  test('two identical sweeps started at once: every run kept, then complete with all partitions', async () => {
    const dir = path.join(tmp, 'twice');
    const start = (): Promise<{ code: number | null; stderr: string }> => new Promise((resolve) => {
      const child = spawn(process.execPath, [MAIN, 'sweep', ...SWEEP, '--workers', '1', '--out', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    const [a, b] = await Promise.all([start(), start()]);
    // Each either finished or was refused by the lock (exit 2, with the reason); never a crash.
    for (const r of [a, b]) {
      expect([0, 2], r.stderr).toContain(r.code);
      if (r.code === 2) expect(r.stderr).toContain('is being written by another gammaloop sweep');
    }
    const again = runCli(['sweep', ...SWEEP, '--workers', '1', '--out', dir, '--json'], { timeoutMs: 60_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, status: 'complete', runs_total: 4 });
    // 4 runs x every table written by default and summary, none lost.
    expect(partitions(dir)).toHaveLength(4 * TABLES_PER_RUN);
    expect(filesUnder(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(fs.existsSync(path.join(dir, '_failed')) ? fs.readdirSync(path.join(dir, '_failed')) : []).toEqual([]);
  }, 120_000);

  test('a run claimed by a live process is left to it (busy, exit 2, not collected); a stale claim is taken over', () => {
    const dir = path.join(tmp, 'claims');
    fs.mkdirSync(path.join(dir, '_claims'), { recursive: true });
    fs.writeFileSync(path.join(dir, '_claims', '0-2.json'), holder(process.pid));
    fs.writeFileSync(path.join(dir, '_claims', '0-3.json'), holder(deadPid()));
    const r = runCli(['sweep', ...SWEEP, '--workers', '0', '--shard', '0/1', '--out', dir, '--json'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(2);
    const doc = JSON.parse(r.stdout) as { status: string; complete: number; busy: { cell: number; seed: number }[] };
    expect(doc.status).toBe('busy');
    expect(doc.complete).toBe(3); // seeds 1, 3 (stale claim taken over) and 4
    expect(doc.busy.map((b) => [b.cell, b.seed])).toEqual([[0, 2]]);
    expect(r.stderr).toMatch(/busy {2}1 run is being run by another process .*0-2\.json/);
    expect(partitions(dir).some((f) => f.includes('seed=2'))).toBe(false);
    fs.rmSync(path.join(dir, '_claims', '0-2.json'));
    const again = runCli(['sweep', ...SWEEP, '--workers', '0', '--out', dir], { timeoutMs: 60_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('resuming: 3 runs already done, 1 to run');
    expect(partitions(dir)).toHaveLength(4 * TABLES_PER_RUN);
  }, 90_000);

  test('collect and resume verify the files, not the markers: a deleted or cut partition is rerun', () => {
    const dir = path.join(tmp, 'claims'); // complete after the test above
    fs.rmSync(path.join(dir, 'trades/cell=0/seed=1/part-0.arrow'));
    const book = path.join(dir, 'book/cell=0/seed=4/part-0.arrow');
    fs.truncateSync(book, Math.floor(fs.statSync(book).size / 2));
    const c = runCli(['sweep', '--collect', dir, '--json']);
    expect(c.code).toBe(1);
    expect(JSON.parse(c.stdout)).toMatchObject({ status: 'incomplete', complete: 2, missing: 2 });
    const again = runCli(['sweep', ...SWEEP, '--workers', '0', '--out', dir], { timeoutMs: 60_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('resuming: 2 runs already done, 2 to run');
    expect(partitions(dir)).toHaveLength(4 * TABLES_PER_RUN);
  }, 90_000);
});

describe('sweep: a killed worker', () => {
  test('SIGKILL of a worker mid-run: no .tmp beside the partitions, a _failed marker, retried in the same invocation', async () => {
    const dir = path.join(tmp, 'worker-killed');
    const args = [MAIN, 'sweep', SCENARIO, '--seeds', '1..2', '--set', 'clock.duration=20m', '--set', 'agents.noise.count=20', '--workers', '1', '--out', dir];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Wait until the worker is writing its first run's staging files, then kill it.
    let killed = 0;
    let leftoverTmp: string[] = [];
    for (let i = 0; i < 200 && killed === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const staging = path.join(dir, '_staging', '0-1');
      if (!fs.existsSync(staging) || fs.readdirSync(staging).length === 0) continue;
      const ps = spawnSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' });
      const worker = Number(ps.stdout.trim().split('\n')[0]);
      if (!Number.isSafeInteger(worker) || worker <= 0) continue;
      process.kill(worker, 'SIGKILL');
      killed = worker;
      // Right after the kill: the only .tmp files are in the staging folder.
      leftoverTmp = filesUnder(dir).filter((f) => f.endsWith('.tmp') && !f.startsWith('_staging'));
    }
    expect(killed).toBeGreaterThan(0);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(leftoverTmp).toEqual([]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(new RegExp(`worker process ${killed} exited \\(code null, signal SIGKILL\\) during cell=0 seed=1; its files are removed, a _failed marker written, and it is retried`));
    expect(stderr).toContain('complete  2/2 runs');
    expect(filesUnder(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(partitions(dir)).toHaveLength(2 * TABLES_PER_RUN);
    // The retry succeeded, so its _failed marker is gone again.
    expect(fs.readdirSync(path.join(dir, '_failed'))).toEqual([]);
  }, 120_000);
});

describe('run --out: never a silent overwrite', () => {
  const outOf = (name: string): string => path.join(tmp, name);
  const run = (out: string, extra: string[] = []): ReturnType<typeof runCli> => runCli(['run', SCENARIO, ...SMALL, '--out', out, '-q', ...extra], { timeoutMs: 60_000 });

  test('a rerun of the same run is allowed and clears stale files; another run is refused unless --force', () => {
    const dir = outOf('run-a');
    expect(run(dir, ['--seed', '1']).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'report.html'), '<html>an old report</html>');
    const rerun = run(dir, ['--seed', '1']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'report.html'))).toBe(false);
    const trades = fs.readFileSync(path.join(dir, 'trades.arrow'));
    const other = run(dir, ['--seed', '2']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/already holds another run \(scenario baseline, seed 1, scenario sha256 [0-9a-f]{12}\): choose another --out, or pass --force/);
    expect(fs.readFileSync(path.join(dir, 'trades.arrow')).equals(trades)).toBe(true);
    const forced = run(dir, ['--seed', '2', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ seed: 2, status: 'complete' });
  }, 90_000);

  test('a sweep directory is refused: its summary and manifest are untouched, compare still works', () => {
    const dir = outOf('a-sweep');
    expect(runCli(['sweep', SCENARIO, '--seeds', '1..2', ...SMALL, '--workers', '0', '--out', dir], { timeoutMs: 60_000 }).code).toBe(0);
    const summary = fs.readFileSync(path.join(dir, 'summary.arrow'));
    const r = run(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already holds a sweep');
    expect(fs.readFileSync(path.join(dir, 'summary.arrow')).equals(summary)).toBe(true);
    expect(runCli(['compare', dir]).code).toBe(0);
  }, 90_000);

  test('files gammaloop did not write are never removed, even with --force', () => {
    const dir = outOf('foreign');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    for (const extra of [[], ['--force']]) {
      const r = run(dir, extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('holds files gammaloop did not write (notes.txt)');
    }
    expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
  }, 30_000);

  test('a directory locked by a live run is refused; a stale lock (dead pid) is taken over', () => {
    const dir = outOf('locked-run');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.gammaloop-lock'), holder(process.pid));
    const r = run(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is being written by another gammaloop process \(pid \d+ on host .*\)/);
    expect(fs.existsSync(path.join(dir, 'manifest.json'))).toBe(false);
    fs.writeFileSync(path.join(dir, '.gammaloop-lock'), holder(deadPid()));
    expect(run(dir).code).toBe(0);
    expect(fs.existsSync(path.join(dir, '.gammaloop-lock'))).toBe(false);
  }, 60_000);

  test('the default path carries a hash of the --set flags: two different runs do not collide', () => {
    const cwd = outOf('cwd');
    fs.mkdirSync(cwd, { recursive: true });
    const a = runCli(['run', SCENARIO, ...SMALL, '--json'], { cwd, timeoutMs: 60_000 });
    const b = runCli(['run', SCENARIO, ...SMALL, '--set', 'agents.noise.rate=0.2', '--json'], { cwd, timeoutMs: 60_000 });
    const dirA = (JSON.parse(a.stdout) as { out_dir: string }).out_dir;
    const dirB = (JSON.parse(b.stdout) as { out_dir: string }).out_dir;
    expect(dirA).toMatch(/^results\/baseline\/set=[0-9a-f]{8}\/seed=1$/);
    expect(dirB).toMatch(/^results\/baseline\/set=[0-9a-f]{8}\/seed=1$/);
    expect(dirB).not.toBe(dirA);
    expect(fs.existsSync(path.join(cwd, dirA, 'trades.arrow')) && fs.existsSync(path.join(cwd, dirB, 'trades.arrow'))).toBe(true);
  }, 60_000);
});

describe('SIGTERM behaves like SIGINT', () => {
  test('run: tables closed, manifest interrupted, no .tmp, exit 143', async () => {
    const dir = path.join(tmp, 'sigterm-run');
    const child = spawn(process.execPath, [MAIN, 'run', SCENARIO, '--set', 'clock.duration=6h', '--out', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (!sent && stderr.includes('gammaloop run')) {
        sent = true;
        setTimeout(() => child.kill('SIGTERM'), 400);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code, stderr).toBe(143);
    expect(stderr).toContain('SIGTERM: stopping after this slice and closing the tables');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ status: 'interrupted' });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'trades.arrow'))).toBe(true);
  }, 60_000);

  test('sweep: runs in progress stop, nothing partial is left, exit 143, a rerun resumes', async () => {
    const dir = path.join(tmp, 'sigterm-sweep');
    const args = [MAIN, 'sweep', SCENARIO, '--seeds', '1..3', '--set', 'clock.duration=20m', '--workers', '1', '--out', dir];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (!sent && stderr.includes('gammaloop sweep')) {
        sent = true;
        setTimeout(() => child.kill('SIGTERM'), 700);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code, stderr).toBe(143);
    expect(stderr).toContain('SIGTERM: stopping the runs in progress');
    await new Promise((r) => setTimeout(r, 300));
    expect(filesUnder(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
