/**
 * The real `block-latency-lag` check FAILs on a deliberately broken simulator: a context that
 * flips the sign of every dealer gamma the check asks for (a dealer hedging the wrong way: long
 * gamma where the check means short gamma) runs the check's own scenarios and verdict, 2 seeds.
 * The quick suite (test/e2e/science.test.ts) shows the unbroken check PASS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Measured, ScienceContext, ScienceJob } from '../../src/science/check.js';
import { blockLatencyLag } from '../../src/science/checks/blockLatencyLag.js';
import { inProcessJobs } from '../../src/science/suite.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'gammaloop-sabotage-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Flips `agents.dealers.hedge.gamma=X` to -X in every job. */
function wrongWay(job: ScienceJob): ScienceJob {
  return { ...job, set: job.set.map((s) => s.replace(/^agents\.dealers\.hedge\.gamma=(.+)$/, (_, g: string) => `agents.dealers.hedge.gamma=${-Number(g)}`)) };
}

describe('a science check fails on a broken simulator', () => {
  it('block-latency-lag: a dealer hedging the wrong way fails the check', async () => {
    const exec = inProcessJobs({ scratchDir: scratch, wallClockMs: () => 0 });
    let flipped = 0;
    const ctx: ScienceContext = {
      profile: 'quick',
      seeds: [1, 2],
      scratchDir: scratch,
      async runJobs(jobs) {
        const broken = jobs.map(wrongWay);
        flipped += broken.filter((j, i) => j.set.join() !== jobs[i]?.set.join()).length;
        const out = await exec.run(broken, () => {});
        return out.map((o) => {
          if (!o.ok) throw new Error(o.message);
          return o.measured as Measured;
        });
      },
    };
    const r = await blockLatencyLag.run(ctx);
    expect(flipped).toBe(6);
    expect(r.pass).toBe(false);
  }, 120_000);
});
