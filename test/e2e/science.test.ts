/**
 * `gammaloop science --quick` as CI runs it: the built CLI, every quick check listed and PASS,
 * exit 0, one JSON document; `--out` tables read back in nodejs-polars with the columns of their
 * specs (src/science/tables.ts); usage errors exit 2. The quick suite is the CI science gate
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

describe('gammaloop science', () => {
  beforeAll(() => {
    ensureBuilt();
    quick = runCli(['science', '--quick', '--json', '--out', out], { timeoutMs: 400_000 });
  }, 420_000);

  it('--quick lists every quick check, each PASS, and exits 0', () => {
    expect(quick.code, quick.stderr.slice(-3000)).toBe(0);
    const doc = JSON.parse(quick.stdout) as { pass: boolean; profile: string; checks: { name: string; pass: boolean; measured: { n: number } }[] };
    expect(doc.profile).toBe('quick');
    const want = ALL_CHECKS.filter((c) => c.quick).map((c) => c.name);
    expect(want.length).toBeGreaterThan(0);
    expect(doc.checks.map((c) => c.name)).toEqual(want);
    for (const c of doc.checks) {
      expect(c.pass, c.name).toBe(true);
      expect(c.measured.n, c.name).toBeGreaterThanOrEqual(2);
    }
    expect(doc.pass).toBe(true);
  });

  it('--out writes science_seeds and science_checks that nodejs-polars reads with their specs\' columns', () => {
    const seeds = pl.readIPC(fs.readFileSync(path.join(out, 'science_seeds.arrow')));
    expect(seeds.columns).toEqual(seedsColumns([], [], []).map((c) => c.name));
    expect(seeds.height).toBeGreaterThan(0);
    const checks = pl.readIPC(fs.readFileSync(path.join(out, 'science_checks.arrow')));
    expect(checks.columns).toEqual(checksColumns([], []).map((c) => c.name));
    expect(checks.height).toBe(ALL_CHECKS.filter((c) => c.quick).length);
    expect(Array.from(checks.getColumn('pass').toArray() as ArrayLike<boolean>).every((p) => p)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'science.json'), 'utf8')).pass).toBe(true);
  });

  it('an unknown --only name or a bad --seeds is a usage error (exit 2)', () => {
    const bad = runCli(['science', '--only', 'no-such-check']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown check no-such-check/);
    expect(runCli(['science', '--seeds', '1']).code).toBe(2);
  });
});
