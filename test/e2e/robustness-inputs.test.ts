/**
 * Issue 16, items 6-8, through the built CLI: silent no-ops rejected with the reason, file-system
 * errors as exit 2 with a plain sentence naming the path (and no claim of a manifest that was
 * never written), and readers (`show`, `report`, `inspect`, `compare`) that say what is wrong with
 * a truncated, random, empty or wrong file (exit 2) instead of drawing it or crashing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, ROOT, runCli } from './helpers/cli.js';

// The pre-issue-13 Gaussian baseline (its noise and makers groups are what SMALL shrinks).
const SCENARIO = path.join(ROOT, 'test/fixtures/scenarios/baseline-gaussian.yaml');
const SMALL = ['--set', 'clock.duration=30s', '--set', 'agents.noise.count=10', '--set', 'agents.makers.count=2'];
let tmp = '';
let good = '';
let sweepDir = '';

beforeAll(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-e2e-inputs-'));
  good = path.join(tmp, 'good');
  expect(runCli(['run', SCENARIO, ...SMALL, '--out', good, '-q'], { timeoutMs: 60_000 }).code).toBe(0);
  sweepDir = path.join(tmp, 'sweep');
  const r = runCli(['sweep', SCENARIO, '--seeds', '1..2', ...SMALL, '--grid', 'agents.noise.rate=0.1,0.2', '--workers', '0', '--out', sweepDir], { timeoutMs: 90_000 });
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of the good run with trades.arrow replaced by `bytes`. */
function damaged(name: string, bytes: (original: Buffer) => Buffer): string {
  const dir = path.join(tmp, name);
  fs.cpSync(good, dir, { recursive: true });
  const file = path.join(dir, 'trades.arrow');
  fs.writeFileSync(file, bytes(fs.readFileSync(file)));
  return dir;
}

describe('silent no-ops are input errors with the reason', () => {
  test.each([
    ['a --trace glob matching no agent', ['--trace', 'nobody*']],
    ['a --trace of a bare bracket', ['--trace', '[']],
  ])('%s: exit 2, names the groups, writes nothing', (_name, flags) => {
    const out = path.join(tmp, `trace-${flags[1]?.replace(/\W/g, '_')}`);
    const r = runCli(['run', SCENARIO, ...SMALL, '--out', out, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--trace ".*" matches no agent \(names are <group>\/<i>; this scenario has .*makers\/\*, noise\/\*/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a scheduled market order of 1e8 BTC is a located validation error', () => {
    const file = path.join(tmp, 'huge-order.yaml');
    fs.writeFileSync(file, `extends: ${SCENARIO}\nschedule:\n  - { at: 5s, action: market_order, venue: cex, instrument: BTC-PERP, side: buy, size: 100000000 }\n`);
    const r = runCli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/huge-order\.yaml:3:\d+ {2}schedule\.0\.size: the order's notional .* is 6\.00e\+12; at most 1e\+11/);
  });
});

describe('file-system errors: exit 2, a plain sentence naming the path', () => {
  test('--out is a file', () => {
    const file = path.join(tmp, 'a-file');
    fs.writeFileSync(file, 'x');
    for (const cmd of [['run', SCENARIO, ...SMALL], ['sweep', SCENARIO, '--seeds', '1', ...SMALL, '--workers', '0']]) {
      const r = runCli([...cmd, '--out', file]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(/is a file, not a directory/);
      expect(r.stderr).not.toMatch(/internal error|ENOTDIR|EEXIST|manifest with status failed/);
    }
  });

  test("--out's parent is a file", () => {
    const file = path.join(tmp, 'a-parent-file');
    fs.writeFileSync(file, 'x');
    const r = runCli(['run', SCENARIO, ...SMALL, '--out', path.join(file, 'run')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot create output directory ${path.join(file, 'run')}: ${file} is a file, not a directory`);
  });

  test('a directory that refuses to be created (under /proc): exit 2, no hang, no manifest claimed', () => {
    const r = runCli(['run', SCENARIO, ...SMALL, '--out', '/proc/gammaloop-cannot-be-here'], { timeoutMs: 15_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot create or write output directory \/proc\/gammaloop-cannot-be-here: /);
  });

  test('report --out under a file', () => {
    const file = path.join(tmp, 'report-parent-file');
    fs.writeFileSync(file, 'x');
    const r = runCli(['report', good, '--out', path.join(file, 'r.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot create the directory .*report-parent-file: a file of that name is in the way/);
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('readers: a damaged table is exit 2 with what is wrong', () => {
  const cases: ReadonlyArray<readonly [string, (b: Buffer) => Buffer, RegExp]> = [
    ['random bytes', (b) => Buffer.from(Array.from({ length: b.length }, (_, i) => (i * 7919 + 13) % 251)), /trades\.arrow is not an Arrow IPC file/],
    ['an empty file', () => Buffer.alloc(0), /trades\.arrow is empty \(0 bytes\)/],
    ['a truncated file', (b) => b.subarray(0, Math.floor(b.length / 2)), /trades\.arrow is cut short \(\d+ bytes, no Arrow footer\)/],
  ];
  test.each(cases)('%s: show, report and inspect exit 2 and say so', (name, bytes, message) => {
    const dir = damaged(name.replace(/\W+/g, '-'), bytes);
    for (const args of [['show', dir], ['report', dir], ['inspect', path.join(dir, 'trades.arrow')]]) {
      const r = runCli(args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error|Cannot read properties/);
    }
  });

  test('a table the manifest lists but that is gone', () => {
    const dir = damaged('gone', (b) => b);
    fs.rmSync(path.join(dir, 'trades.arrow'));
    const r = runCli(['show', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/trades\.arrow is missing \(manifest\.json lists the table trades with \d+ rows\)/);
  });

  test('show on a sweep directory: exit 2, pointing at compare and report (it printed NaN before)', () => {
    const r = runCli(['show', sweepDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a sweep directory; show draws one run');
    expect(r.stdout).not.toContain('NaN');
  });

  test('show --width 100000 is a usage error (it overflowed the stack); 1000 draws', () => {
    const r = runCli(['show', good, '--width', '100000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--width must be an integer in 40..1000');
    expect(runCli(['show', good, '--width', '1000']).code).toBe(0);
  });

  test('compare on a run directory names what it is', () => {
    const r = runCli(['compare', good]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a run directory, not a sweep (no sweep.json or cells.arrow)');
  });

  test("compare on a sweep whose summary.arrow is another table: exit 2 naming the missing columns", () => {
    const dir = path.join(tmp, 'wrong-summary');
    fs.cpSync(sweepDir, dir, { recursive: true });
    fs.copyFileSync(path.join(good, 'trades.arrow'), path.join(dir, 'summary.arrow'));
    const r = runCli(['compare', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/summary\.arrow has no column cell, seed, .*: it is not a sweep's summary\.arrow/);
  });

  test('compare: a metric identical in every seed has no p-value, not p = 1', () => {
    // liquidation_count is 0 in every run of this world (no leverage-driven retail).
    const r = runCli(['compare', sweepDir, '--metric', 'liquidation_count', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { cells: { paired?: Record<string, { n: number; mean: number; sd: number; p: number | null }> }[] };
    const d = doc.cells[1]?.paired?.['liquidation_count'];
    expect(d).toMatchObject({ n: 2, mean: 0, sd: 0, p: null });
    const text = runCli(['compare', sweepDir, '--metric', 'liquidation_count'], { env: { NO_COLOR: '1' } });
    expect(text.stdout).toMatch(/none \(all 0\)$/m);
    expect(text.stdout).not.toMatch(/1\.0000$/m);
  });
});

describe('help examples work', () => {
  test("run --help's override example loads on baseline.yaml (it named a group baseline.yaml does not have)", () => {
    const help = runCli(['run', '--help']);
    const example = /run scenarios\/baseline\.yaml (--set \S+(?: --set \S+)*)/.exec(help.stdout);
    expect(example, help.stdout).not.toBeNull();
    const sets = (example?.[1] ?? '').split(' ');
    const r = runCli(['validate', SCENARIO, ...sets]);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('messages', () => {
  test('a misspelt group in --set names the group and the nearest one (it said Missing required key "kind")', () => {
    const r = runCli(['validate', SCENARIO, '--set', 'agents.nosie.count=3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('agent group "nosie" is not in the scenario (did you mean "noise"?); a new group needs "kind"');
  });
});
