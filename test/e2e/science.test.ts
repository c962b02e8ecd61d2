/**
 * `gammaloop science --quick` as CI runs it: the built CLI, every quick check listed and PASS,
 * exit 0, one JSON document; `--only` one check at 2 seeds with `--out`: its verdict, and tables
 * that read back in nodejs-polars with the columns of their specs (src/science/tables.ts);
 * usage errors exit 2. The quick suite is the CI science gate
 * (docs/science.md); it replaces the old test/science feedback tests.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/science/checks/index.js';
import { checksColumns, seedsColumns } from '../../src/science/tables.js';
import { ensureBuilt, runCli, type CliResult } from './helpers/cli.js';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-science-e2e-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
let quick: CliResult;
let one: CliResult;

describe('gammaloop science', () => {
  beforeAll(() => {
    ensureBuilt();
    quick = runCli(['science', '--quick', '--json'], { timeoutMs: 400_000 });
    // One check at 2 seeds with --out: a verdict and non-empty tables whatever the quick list holds.
    one = runCli(['science', '--only', 'block-latency-lag', '--quick', '--seeds', '2', '--json', '--out', out], { timeoutMs: 400_000 });
  }, 820_000);

  it('--quick lists every quick check, each PASS, and exits 0', () => {
    expect(quick.code, quick.stderr.slice(-3000)).toBe(0);
    const doc = JSON.parse(quick.stdout) as { pass: boolean; profile: string; checks: { name: string; pass: boolean; measured: { n: number } }[] };
    expect(doc.profile).toBe('quick');
    const want = ALL_CHECKS.filter((c) => c.quick).map((c) => c.name);
    expect(doc.checks.map((c) => c.name)).toEqual(want);
    for (const c of doc.checks) {
      expect(c.pass, c.name).toBe(true);
      expect(c.measured.n, c.name).toBeGreaterThanOrEqual(2);
    }
    expect(doc.pass).toBe(true);
  });

  it('--only runs one check (even one not in --quick) on --seeds paired seeds; exit 0 or 1 as its verdict', () => {
    const doc = JSON.parse(one.stdout) as { pass: boolean; checks: { name: string; pass: boolean; measured: { n: number }; details: string[] }[] };
    expect(doc.checks.map((c) => c.name)).toEqual(['block-latency-lag']);
    expect(doc.checks[0]?.measured.n).toBe(2);
    expect(doc.checks[0]?.details.length).toBe(3);
    expect(one.code, one.stderr.slice(-2000)).toBe(doc.pass ? 0 : 1);
  });

  it('--out writes science_seeds and science_checks that nodejs-polars reads with their specs\' columns', () => {
    const seeds = pl.readIPC(fs.readFileSync(path.join(out, 'science_seeds.arrow')));
    expect(seeds.columns).toEqual(seedsColumns([], [], []).map((c) => c.name));
    expect(seeds.height).toBeGreaterThan(0);
    const checks = pl.readIPC(fs.readFileSync(path.join(out, 'science_checks.arrow')));
    expect(checks.columns).toEqual(checksColumns([], []).map((c) => c.name));
    expect(checks.height).toBe(1);
    expect(Array.from(checks.getColumn('check').toArray() as ArrayLike<string>)).toEqual(['block-latency-lag']);
    expect(Array.from(seeds.getColumn('seed').toArray() as ArrayLike<number>).every((s) => s === 1 || s === 2)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'science.json'), 'utf8')).checks[0].name).toBe('block-latency-lag');
  });

  it('gammaloop report draws the --out directory: verdict table, detail lines, a chart per metric', () => {
    const r = runCli(['report', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('id="block-latency-lag"');
    expect(html).toContain('<svg');
    expect(html).toMatch(/acf_1 by arm/);
  });

  it('an unknown --only name or a bad --seeds is a usage error (exit 2)', () => {
    const bad = runCli(['science', '--only', 'no-such-check']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown check no-such-check/);
    expect(runCli(['science', '--seeds', '1']).code).toBe(2);
  });
});
