/**
 * Runs `ScienceJob`s in this process, one after another: the stand-in for the suite runner's
 * sweep workers in unit tests and in bench/science-checks.ts. A job's inline YAML is served as a
 * virtual file beside the reference scenarios (so `extends: baseline.yaml` resolves there);
 * its tables go to a temporary directory that is removed once the measurement has read them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScenario } from '../../src/run/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Measured, ScienceContext, ScienceJob, ScienceProfile } from '../../src/science/check.js';
import { MEASURES } from '../../src/science/measures.js';

/** Where inline scenarios pretend to live (relative `extends` resolve from here). */
const INLINE_PATH = path.join('scenarios', '__inline__.yaml');

/** Runs one job and returns its measurement. */
export async function runJob(job: ScienceJob): Promise<Measured> {
  const measure = MEASURES[job.measure];
  if (measure === undefined) throw new Error(`unknown measurement "${job.measure}" (src/science/measures.ts)`);
  const file = 'file' in job.scenario ? job.scenario.file : INLINE_PATH;
  const inline = 'yaml' in job.scenario ? job.scenario.yaml : null;
  const readText = (p: string): string => (inline !== null && path.resolve(p) === path.resolve(INLINE_PATH) ? inline : readFileSync(p, 'utf8'));
  const loaded = loadScenario(file, { seed: job.seed, set: job.set, readText });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gammaloop-science-'));
  try {
    const run = await runScenario({ loaded, outDir: dir, wallClockMs: () => performance.now(), writeManifest: false });
    return measure(run);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A context that runs every job here, in order. */
export function inProcessContext(profile: ScienceProfile, seeds: readonly number[], onJob?: (done: number, total: number) => void): ScienceContext {
  return {
    profile,
    seeds,
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
