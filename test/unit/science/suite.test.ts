/**
 * The science runner (src/science/suite.ts): check selection and its input errors, paired seeds
 * per profile and `--seeds`, a check that throws or whose run fails is a FAIL (never a PASS),
 * jobs run in-process through runJob with the named measurement, and a job that names an unknown
 * measurement or a broken scenario fails with a message naming the arm and seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport, ScienceCheck, ScienceContext } from '../../../src/science/check.js';
import { inProcessJobs, runSuite, selectChecks, SuiteInputError } from '../../../src/science/suite.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'gammaloop-suite-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const executor = inProcessJobs({ scratchDir: scratch, wallClockMs: () => 0 });

const report = (name: string, pass: boolean, n: number): CheckReport => ({
  name, title: name, theory: 't', inputs: {}, predicted: 1, measured: { statistic: 's', mean: 1, lo95: 0, hi95: 2, n }, tolerance: 'x', pass, details: [], rows: [],
});
const check = (name: string, quick: boolean, run: (ctx: ScienceContext) => Promise<CheckReport>): ScienceCheck => ({ name, title: name, quick, seeds: { quick: 3, full: 5 }, run });

describe('science suite runner', () => {
  const a = check('a', true, async (ctx) => report('a', true, ctx.seeds.length));
  const b = check('b', false, async (ctx) => report('b', true, ctx.seeds.length));
  it('selects quick checks, all checks, or named ones; unknown names are input errors', () => {
    expect(selectChecks([a, b], 'quick', []).map((c) => c.name)).toEqual(['a']);
    expect(selectChecks([a, b], 'full', []).map((c) => c.name)).toEqual(['a', 'b']);
    expect(selectChecks([a, b], 'quick', ['b']).map((c) => c.name)).toEqual(['b']);
    expect(() => selectChecks([a, b], 'quick', ['c'])).toThrow(SuiteInputError);
  });
  it('gives each check its seeds 1..N (profile count or --seeds) and rejects --seeds < 2', async () => {
    const r = await runSuite([a, b], { profile: 'full', scratchDir: scratch, executor });
    expect(r.checks.map((c) => c.measured.n)).toEqual([5, 5]);
    expect((await runSuite([a], { profile: 'quick', seeds: 4, scratchDir: scratch, executor })).checks[0]?.measured.n).toBe(4);
    await expect(runSuite([a], { profile: 'quick', seeds: 1, scratchDir: scratch, executor })).rejects.toThrow(SuiteInputError);
  });
  it('a check that throws, or whose run fails, is a FAIL with the message', async () => {
    const throws = check('throws', true, async () => {
      throw new Error('broken experiment');
    });
    const badRun = check('bad-run', true, async (ctx) => {
      await ctx.runJobs([{ scenario: { file: 'scenarios/baseline.yaml' }, set: ['clock.duration=5s'], seed: 1, arm: 'x', measure: 'no-such-measure' }]);
      return report('bad-run', true, 1);
    });
    const r = await runSuite([throws, badRun, a], { profile: 'quick', scratchDir: scratch, executor });
    expect(r.pass).toBe(false);
    expect(r.checks.map((c) => c.pass)).toEqual([false, false, true]);
    expect(r.checks[0]?.details.join(' ')).toMatch(/broken experiment/);
    expect(r.checks[1]?.details.join(' ')).toMatch(/x seed 1: unknown measurement "no-such-measure"/);
  });
  it('runs a real job in-process and returns its measurement', async () => {
    const [o] = await executor.run([{ scenario: { file: 'scenarios/baseline.yaml' }, set: ['clock.duration=20s'], seed: 2, arm: 'x', measure: 'metrics' }], () => {});
    expect(o?.ok).toBe(true);
    const bad = await executor.run([{ scenario: { yaml: 'name: x\nclock: {duration: nope}\n' }, set: [], seed: 1, arm: 'inline', measure: 'metrics' }], () => {});
    expect(bad[0]?.ok).toBe(false);
  });
});
