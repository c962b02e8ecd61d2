/**
 * `gammaloop calibrate` through the built CLI: a small run through the sweep workers writes the
 * calibrated scenario (which loads), the moments and trace tables and result.json; SIGKILL or
 * SIGINT mid-calibration, then the same command resumes to byte-identical outputs; bad input exits 2
 * naming the flag or the scenario location.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readArrowFile } from '../../src/output/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { ensureBuilt, MAIN, ROOT, runCli } from './helpers/cli.js';

const BARS = 'test/fixtures/data/btcusdt_1m_calm_2021-04-02_2021-04-16.csv.gz';
// Pinned here so edits to the reference scenarios do not change these tests: the pre-issue-13 Gaussian baseline fixture, 4 min, fewer agents.
const ARGS = [
  'calibrate', 'test/fixtures/scenarios/baseline-gaussian.yaml', '--bars', BARS, '--param', 'underlying.fundamental.vol=0.2..1.5',
  '--moments', 'vol_1m_bp,acf_abs_1m_lag1', '--seeds', '2', '--max-evals', '5',
  '--set', 'clock.duration=4m', '--set', 'agents.noise.count=10',
];
let tmp = '';
let ref = '';
const outputs = ['calibrated.yaml', 'moments.arrow', 'trace.arrow'];

beforeAll(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-e2e-calibrate-'));
  ref = path.join(tmp, 'ref');
  const r = runCli([...ARGS, '--workers', '2', '--out', ref], { timeoutMs: 120_000 });
  expect(r.code, r.stderr).toBe(0);
}, 150_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('calibrate', () => {
  test('writes a loadable calibrated scenario, the real-vs-simulated table and the trace', () => {
    for (const f of [...outputs, 'result.json', 'journal.json', 'calibrate.json']) expect(fs.existsSync(path.join(ref, f)), f).toBe(true);
    const result = JSON.parse(fs.readFileSync(path.join(ref, 'result.json'), 'utf8')) as { values: Record<string, number>; objective: number; start_objective: number };
    const vol = result.values['underlying.fundamental.vol'] as number;
    expect(vol).toBeGreaterThan(0.2);
    expect(vol).toBeLessThan(1.5);
    expect(result.objective).toBeLessThanOrEqual(result.start_objective);
    const loaded = loadScenario(path.join(ref, 'calibrated.yaml'));
    expect(loaded.scenario.underlying.fundamental.vol).toBeCloseTo(vol, 12);
    const moments = readArrowFile(path.join(ref, 'moments.arrow'));
    expect(moments.column('moment')).toEqual(['vol_1m_bp', 'acf_abs_1m_lag1']);
    // the real value is the calm window's 7.94 bp (data README)
    expect(moments.numbers('target')[0]).toBeCloseTo(7.9418, 3);
    const lo = moments.numbers('ci95_lo');
    const hi = moments.numbers('ci95_hi');
    const mean = moments.numbers('sim_mean');
    for (let i = 0; i < 2; i++) expect((lo[i] as number) <= (mean[i] as number) && (mean[i] as number) <= (hi[i] as number)).toBe(true);
    const trace = readArrowFile(path.join(ref, 'trace.arrow'));
    expect(trace.numRows).toBeGreaterThanOrEqual(4);
    expect(trace.column('underlying.fundamental.vol')[0]).toBe(0.5); // the scenario's own value is the start
  });

  test('stdout has the table; stderr one line per evaluation (not a TTY)', () => {
    // a rerun of a finished calibration replays the journal without running anything
    const r = runCli([...ARGS, '--out', ref], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/moment\s+unit\s+real\s+start\s+simulated\s+95% CI \(seeds\)\s+z/);
    expect(r.stdout).toContain('vol_1m_bp');
    expect(r.stderr).toMatch(/^eval 1\/5 \(journal\) {2}J=/m);
  }, 60_000);

  test('--json prints one document with the fitted values and the moments', () => {
    const r = runCli([...ARGS, '--out', ref, '--json'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { ok: boolean; status: string; values: Record<string, number>; moments: Record<string, { target: number }> };
    expect(doc.ok).toBe(true);
    expect(['converged', 'max_evals']).toContain(doc.status);
    expect(Object.keys(doc.values)).toEqual(['underlying.fundamental.vol']);
    expect(doc.moments['vol_1m_bp']?.target).toBeCloseTo(7.9418, 3);
  }, 60_000);

  test.each(['SIGKILL', 'SIGINT'] as const)('%s mid-calibration, then the same command resumes to the same outputs', async (signal) => {
    const dir = path.join(tmp, `killed-${signal}`);
    // in this process (--workers 0): the outputs must not depend on the worker count either
    const child = spawn(process.execPath, [MAIN, ...ARGS, '--workers', '0', '--out', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        if (/^eval 2\/5/m.test(stderr) && !child.killed) child.kill(signal);
      });
      child.on('exit', (c) => resolve(c));
    });
    if (signal === 'SIGINT') {
      expect(code).toBe(130);
      expect(stderr).toContain('rerun the same command to resume');
      expect(stderr).not.toContain('EPIPE');
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(fs.existsSync(path.join(dir, 'result.json'))).toBe(false);
    const journal = JSON.parse(fs.readFileSync(path.join(dir, 'journal.json'), 'utf8')) as { evaluations: unknown[] };
    expect(journal.evaluations.length).toBeGreaterThanOrEqual(2);
    const r = runCli([...ARGS, '--workers', '0', '--out', dir], { timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^eval 2\/5 \(journal\)/m);
    for (const f of outputs.filter((x) => x.endsWith('.arrow'))) expect(fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(ref, f))), f).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'calibrated.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(ref, 'calibrated.yaml'), 'utf8'));
  }, 150_000);

  test.each([
    [['--param', 'agents.makers.no_such_field=1..2'], /--param agents\.makers\.no_such_field=1\.\.2: .*no_such_field/],
    [['--param', 'agents.makers.half_spread_bps=5..1'], /--param agents\.makers\.half_spread_bps: the range 5\.\.1 must have lo < hi/],
    [['--param', 'agents.makers.half_spread_bps=1..3', '--moments', 'vol_9m_bp'], /unknown moment vol_9m_bp/],
    [['--param', 'agents.makers.half_spread_bps=1..3', '--moments', 'depth_10bp_median'], /no real value for depth_10bp_median/],
    [['--param', 'agents.makers.half_spread_bps=1..3', '--target', 'nope=3'], /--target nope: unknown moment/],
    [['--param', 'agents.makers.half_spread_bps=1..3', '--bars', 'no/such/file.json'], /--bars no\/such\/file\.json: /],
  ])('bad input %j exits 2 naming it', (extra, message) => {
    const bars = extra.includes('--bars') ? [] : ['--bars', BARS];
    const args = ['calibrate', 'test/fixtures/scenarios/baseline-gaussian.yaml', ...bars, '--out', path.join(tmp, 'bad'), ...extra];
    const r = runCli(args, { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
