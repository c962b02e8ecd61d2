/**
 * `gammaloop run` end to end on the reference baseline scenario (shortened with --set): stderr
 * order and content, nothing on stdout, the --json document, the files it names, --trace,
 * --quiet, bad input (exit 2 with located errors) and SIGINT (exit 130, manifest interrupted).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readArrowFile, readManifest } from '../../src/output/index.js';
import { ensureBuilt, hasEscapes, MAIN, ROOT, runCli } from './helpers/cli.js';

const BASELINE = 'test/fixtures/scenarios/baseline-gaussian.yaml';
// Pinned here so an edit to the reference scenario's defaults does not change these tests.
const SHORT = ['--set', 'clock.duration=2m', '--set', 'output.book_interval=1s', '--set', 'agents.makers.count=2'];
let tmp = '';

beforeAll(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-e2e-run-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface RunJson {
  ok: boolean; status: string; seed: number; scenario_sha256: string; out_dir: string;
  files: Record<string, string>; rows: Record<string, number>; events: number; sim_time_ns: number;
  metrics: Record<string, number | null>;
}

describe('run', () => {
  test('prints seed and hash first, a summary on stderr, nothing on stdout; writes the tables', () => {
    const out = path.join(tmp, 'plain');
    const r = runCli(['run', BASELINE, ...SHORT, '--seed', '5', '--out', out], { env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^gammaloop run {2}baseline {2}seed 5 {2}sha256 [0-9a-f]{12} {2}-> ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(r.stderr).toMatch(/^complete {2}2 m 0 s simulated in [\d.]+ s wall, [\d,]+ events/m);
    expect(r.stderr).toMatch(/^rows {5}trades [\d,]+, book 121,/m);
    expect(r.stderr).toMatch(/^metrics {2}rv_mid_5m /m);
    expect(r.stderr).toContain(`output   ${out}`);
    expect(hasEscapes(r.stderr)).toBe(false);
    const manifest = readManifest(out);
    expect(manifest.status).toBe('complete');
    expect(manifest.seed).toBe(5);
    expect(lines[0]).toContain(manifest.scenario_sha256.slice(0, 12));
    expect(readArrowFile(path.join(out, 'book.arrow')).numRows).toBe(121); // 1 s samples over 2 min, both ends
  });

  test('--json prints one JSON document whose paths, rows and metrics match the files', () => {
    const out = path.join(tmp, 'json');
    const r = runCli(['run', BASELINE, ...SHORT, '--out', out, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as RunJson;
    expect(doc.ok).toBe(true);
    expect(doc.status).toBe('complete');
    expect(doc.seed).toBe(1); // the file's seed
    expect(doc.scenario_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.sim_time_ns).toBe(120_000_000_000);
    expect(doc.events).toBeGreaterThan(0);
    for (const [table, file] of Object.entries(doc.files)) expect(readArrowFile(file).numRows).toBe(doc.rows[table]);
    expect(doc.rows['summary']).toBe(1);
    const summary = readArrowFile(doc.files['summary'] as string);
    expect(Object.keys(doc.metrics).length).toBe(summary.fields.length);
    for (const [name, value] of Object.entries(doc.metrics)) {
      const stored = summary.numbers(name)[0] as number;
      expect(value).toBe(Number.isFinite(stored) ? stored : null); // NaN becomes null
    }
    expect(Object.values(doc.metrics)).toContain(null); // baseline has no expiry: settlement metrics are NaN
    expect(r.stderr).toMatch(/^gammaloop run {2}baseline {2}seed 1 /); // logs still go to stderr
  });

  test('default output directory is results/<scenario>/set=<hash of the --set flags>/seed=<N> under the working directory', () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'cwd-'));
    const r = runCli(['run', path.join(ROOT, BASELINE), ...SHORT, '--seed', '3', '--quiet'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const sets = SHORT.filter((_, i) => SHORT[i - 1] === '--set');
    const hash = createHash('sha256').update(sets.join('\n')).digest('hex').slice(0, 8);
    expect(readManifest(path.join(cwd, `results/baseline/set=${hash}/seed=3`)).seed).toBe(3);
  });

  test('--trace records the matching agents in the events table', () => {
    const out = path.join(tmp, 'trace');
    const r = runCli(['run', BASELINE, ...SHORT, '--out', out, '--trace', 'makers/*', '--quiet']);
    expect(r.code).toBe(0);
    const agents = new Set(readArrowFile(path.join(out, 'events.arrow')).column('agent'));
    expect([...agents].sort()).toEqual(['makers/0', 'makers/1']);
  });

  test('a bad scenario exits 2 with located errors and writes nothing', () => {
    const out = path.join(tmp, 'bad');
    const r = runCli(['run', BASELINE, '--set', 'clock.duration=soon', '--set', 'agents.noise.cout=3', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--set clock\.duration {2}clock\.duration: /m);
    expect(r.stderr).toMatch(/^--set agents\.noise\.cout {2}agents\.noise: .*"cout".*did you mean "count"/m);
    expect(fs.existsSync(out)).toBe(false);
    const j = runCli(['run', BASELINE, '--set', 'clock.duration=soon', '--json']);
    expect(j.code).toBe(2);
    const doc = JSON.parse(j.stdout) as { ok: boolean; errors: { location: string; path: string }[] };
    expect(doc.ok).toBe(false);
    expect(doc.errors[0]).toMatchObject({ location: '--set clock.duration', path: 'clock.duration' });
  });

  test('--trace given twice is a usage error', () => {
    const r = runCli(['run', BASELINE, '--trace', 'a', '--trace', 'b']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give --trace once');
  });

  test('SIGINT stops the run, closes the tables and exits 130', async () => {
    const out = path.join(tmp, 'interrupted');
    const child = spawn(process.execPath, [MAIN, 'run', BASELINE, '--set', 'clock.duration=8h', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // The first line is printed before the run starts; interrupt once it is under way.
      if (!sent && stderr.includes('\n')) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), 300);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupt: stopping after this slice');
    expect(stderr).toMatch(/^interrupted {2}/m);
    const manifest = readManifest(out);
    expect(manifest.status).toBe('interrupted');
    expect(manifest.sim_time_ns).toBeLessThan(8 * 3600 * 1e9);
    expect(readArrowFile(path.join(out, 'trades.arrow')).numRows).toBe(manifest.rows['trades']);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
