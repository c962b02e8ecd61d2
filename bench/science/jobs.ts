/**
 * Runs `ScienceJob`s in this process, one after another, with the suite's own job runner
 * (src/science/job.ts: inline YAML is a virtual file in the working directory, the repository
 * root, so `extends: scenarios/...` resolves; tables go to a scratch directory removed after
 * the measurement): the stand-in for the sweep workers in unit tests and bench/science/runChecks.ts.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Measured, ScienceContext, ScienceJob, ScienceProfile } from '../../src/science/check.js';
import { runJob as runScienceJob } from '../../src/science/job.js';

const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'gammaloop-science-'));

/** Runs one job and returns its measurement (throws with the job's message on failure). */
export async function runJob(job: ScienceJob): Promise<Measured> {
  const r = await runScienceJob(job, { scratchDir, wallClockMs: () => performance.now() });
  if (!r.ok) throw new Error(r.message);
  return r.measured;
}

/** A context that runs every job here, in order. */
export function inProcessContext(profile: ScienceProfile, seeds: readonly number[], onJob?: (done: number, total: number) => void): ScienceContext {
  return {
    profile,
    seeds,
    scratchDir,
    async runJobs(jobs) {
      const out: Measured[] = [];
      for (const j of jobs) {
        out.push(await runJob(j));
        onJob?.(out.length, jobs.length);
      }
      return out;
    },
  };
}
