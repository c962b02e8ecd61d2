/**
 * A plug-in agent kind in its own file (examples/plugins/mean-reverter.js) through the built CLI:
 * `run --plugin` runs it (its members trade, the manifest records the plug-in's name, version and
 * file sha256), same seed twice gives identical bytes and another seed other bytes (named streams),
 * its YAML errors are located like a built-in's (exit 2), `schema --plugin` lists it, and a sweep's
 * forked workers load it: a worker's run is byte-identical to the same run in process.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, runCli } from './helpers/cli.js';

const PLUGIN = 'examples/plugins/mean-reverter.js';
const SCENARIO = 'examples/plugins/with-mean-reverters.yaml';
const SHORT = ['--set', 'clock.duration=2m'];

describe('plug-in agent kind through the CLI', () => {
  let tmp = '';
  beforeAll(() => {
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-plugin-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const run = (name: string, extra: string[] = []) => runCli(['run', '--plugin', PLUGIN, SCENARIO, ...SHORT, '-q', '-o', path.join(tmp, name), ...extra], { timeoutMs: 60_000 });
  const trades = (name: string): Buffer => fs.readFileSync(path.join(tmp, name, 'trades.arrow'));

  it('runs, trades, and the manifest records the plug-in with its file hash', () => {
    const r = run('a');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = JSON.parse(fs.readFileSync(path.join(tmp, 'a', 'manifest.json'), 'utf8')) as { plugins: { name: string; version: string; sha256: string; kinds: string[] }[] };
    const sha = createHash('sha256').update(fs.readFileSync(path.join(ROOT, PLUGIN))).digest('hex');
    expect(m.plugins).toEqual([expect.objectContaining({ name: 'gammaloop-example-mean-reverter', version: '1.0.0', sha256: sha, kinds: ['mean_reverter'] })]);
    const df = pl.readIPC(trades('a'));
    const byReverters = df.filter(pl.col('taker').cast(pl.Utf8).str.startsWith('reverters/')).height;
    expect(byReverters).toBeGreaterThan(0);
  }, 90_000);

  it('same seed: identical trades; another seed: different trades', () => {
    expect(run('b').code).toBe(0);
    expect(run('c', ['--seed', '2']).code).toBe(0);
    expect(trades('b').equals(trades('a'))).toBe(true);
    expect(trades('c').equals(trades('a'))).toBe(false);
  }, 90_000);

  it('a bad plug-in parameter is located in the YAML with its dotted path, exit 2', () => {
    const r = runCli(['validate', '--plugin', PLUGIN, SCENARIO, '--set', 'agents.reverters.ema_weight=2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/agents\.reverters\.ema_weight/);
    const file = runCli(['validate', '--plugin', PLUGIN, SCENARIO, '--set', 'agents.reverters.treshold_bps=2']);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/treshold_bps/);
  });

  it('without --plugin the kind is unknown and the message says how to load it', () => {
    const r = runCli(['validate', SCENARIO]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/with-mean-reverters\.yaml:\d+:\d+ +agents\.reverters\.kind: Unknown kind "mean_reverter".*--plugin FILE/);
  });

  it('a file that is not a plug-in is a usage error naming it', () => {
    const bad = path.join(tmp, 'bad.js');
    fs.writeFileSync(bad, 'export const x = 1;\n');
    const r = runCli(['validate', '--plugin', bad, SCENARIO]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.js has no default export/);
  });

  it('schema --plugin lists the kind with its parameters', () => {
    const r = runCli(['schema', '--plugin', PLUGIN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"const": "mean_reverter"');
    expect(r.stdout).toContain('threshold_bps');
  });

  it('a sweep with a forked worker loads the plug-in; its runs equal the in-process runs', () => {
    const args = (out: string, workers: string) => ['sweep', '--plugin', PLUGIN, SCENARIO, ...SHORT, '--grid', 'agents.reverters.threshold_bps=2,50', '--seeds', '1', '--workers', workers, '-q', '--out', path.join(tmp, out)];
    const forked = runCli(args('sw1', '1'), { timeoutMs: 120_000 });
    expect(forked.stderr).toBe('');
    expect(forked.code).toBe(0);
    const inProc = runCli(args('sw0', '0'), { timeoutMs: 120_000 });
    expect(inProc.code).toBe(0);
    const spec = JSON.parse(fs.readFileSync(path.join(tmp, 'sw1', 'sweep.json'), 'utf8')) as { plugins: { sha256: string }[] };
    expect(spec.plugins).toHaveLength(1);
    for (const cell of [0, 1]) {
      const rel = path.join('trades', `cell=${cell}`, 'seed=1', 'part-0.arrow');
      expect(fs.readFileSync(path.join(tmp, 'sw1', rel)).equals(fs.readFileSync(path.join(tmp, 'sw0', rel))), rel).toBe(true);
    }
    // The two cells differ (the plug-in's parameter reaches its agents).
    const c0 = fs.readFileSync(path.join(tmp, 'sw1', 'trades', 'cell=0', 'seed=1', 'part-0.arrow'));
    const c1 = fs.readFileSync(path.join(tmp, 'sw1', 'trades', 'cell=1', 'seed=1', 'part-0.arrow'));
    expect(c0.equals(c1)).toBe(false);
  }, 240_000);
});
