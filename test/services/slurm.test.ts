/**
 * A sweep on a real scheduler (run by `npm run test:services`, not by `npm test`): a one-node
 * Slurm cluster on localhost runs docs/slurm/sweep.sbatch as a 3-task job array (2 at a time),
 * `sweep --collect` checks it, and every file equals, byte for byte, the same sweep run on this
 * machine with `--workers 2`, partition by partition. A second array with one run that cannot
 * write shows the exit codes: sbatch --wait returns 3, collect returns 3 and lists the failure.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, ROOT, runCli } from '../e2e/helpers/cli.js';
import { startSlurm, type SlurmCluster } from './slurmCluster.js';
import { sweepFilesOf } from '../helpers/sweepFiles.js';

const SCENARIO = 'test/fixtures/scenarios/baseline-gaussian.yaml';
const SEEDS = '1..3';
const GRID = 'agents.noise.rate=0.1,0.3';
const SET = ['clock.duration=30s', 'agents.noise.count=10', 'agents.makers.count=2'];
let cluster: SlurmCluster | undefined;

beforeAll(async () => {
  ensureBuilt();
  cluster = await startSlurm();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  if (cluster) fs.rmSync(cluster.dir, { recursive: true, force: true });
}, 60_000);

/** `sbatch --wait` of the documented script as a job array; returns its exit code. */
function sbatchSweep(out: string, array: string): { code: number | null; output: string } {
  const c = cluster as SlurmCluster;
  const logs = path.join(c.dir, `job-logs-${path.basename(out)}`);
  fs.mkdirSync(logs, { recursive: true });
  const r = spawnSync('sbatch', ['--wait', `--array=${array}`, `--chdir=${ROOT}`, `--output=${path.join(logs, '%A_%a.out')}`, path.join(ROOT, 'docs/slurm/sweep.sbatch')], {
    env: { ...c.env, SCENARIO, SEEDS, GRID, SET: SET.join(' '), OUT: out, GAMMALOOP: `${process.execPath} ${path.join(ROOT, 'dist/src/cli/main.js')}` },
    encoding: 'utf8',
    timeout: 150_000,
  });
  const output = fs.readdirSync(logs).map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('\n');
  return { code: r.status, output: `${r.stdout}${r.stderr}\n${output}\n${c.logs()}` };
}

describe('Slurm job array', () => {
  test('3 array tasks + collect equal a local --workers 2 sweep, partition by partition', () => {
    const c = cluster as SlurmCluster;
    const onSlurm = path.join(c.dir, 'slurm-sweep');
    const r = sbatchSweep(onSlurm, '0-2%2');
    expect(r.code, r.output).toBe(0);
    for (const i of [0, 1, 2]) expect(r.output).toContain(`shard ${i}/3 (2 runs)`);
    const collect = runCli(['sweep', '--collect', onSlurm, '--json']);
    expect(collect.code, collect.stderr).toBe(0);
    expect(JSON.parse(collect.stdout)).toMatchObject({ status: 'complete', runs_total: 6, complete: 6 });

    const local = path.join(c.dir, 'local-sweep');
    const l = runCli(['sweep', SCENARIO, '--seeds', SEEDS, '--grid', GRID, ...SET.flatMap((s) => ['--set', s]), '--workers', '2', '--out', local], { timeoutMs: 120_000 });
    expect(l.code, l.stderr).toBe(0);
    const a = sweepFilesOf(local);
    const b = sweepFilesOf(onSlurm);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect([...a.keys()].filter((k) => k.endsWith('part-0.arrow')).length).toBeGreaterThanOrEqual(6 * 9);
    for (const [k, bytes] of a) expect(b.get(k)?.equals(bytes), k).toBe(true);
  }, 180_000);

  test('a task with a failed run makes sbatch --wait return 3; collect returns 3 and lists it', () => {
    const c = cluster as SlurmCluster;
    const out = path.join(c.dir, 'failing-sweep');
    fs.mkdirSync(path.join(out, 'trades', 'cell=0'), { recursive: true });
    fs.copyFileSync(path.join(c.dir, 'slurm-sweep', 'sweep.json'), path.join(out, 'sweep.json'));
    fs.writeFileSync(path.join(out, 'trades', 'cell=0', 'seed=2'), 'a file where a partition folder must go');
    const r = sbatchSweep(out, '0-1');
    expect(r.code, r.output).toBe(3);
    const collect = runCli(['sweep', '--collect', out, '--json']);
    expect(collect.code).toBe(3);
    const doc = JSON.parse(collect.stdout) as { status: string; complete: number; failures: { cell: number; seed: number; message: string }[] };
    expect(doc).toMatchObject({ status: 'failed', complete: 5 });
    expect(doc.failures.map((f) => [f.cell, f.seed])).toEqual([[0, 2]]);
  }, 180_000);
});
