/**
 * Measurement of `stylized-facts` (checks/stylizedFacts.ts): the moments of the run's reference
 * book (analysis/moments via run/momentsFromRun.ts, the same code `gammaloop calibrate` applies
 * to real bars). The job's scenario is loaded again (cheap) for the resolved clock and book.
 * Non-finite moments (too short a run for a lag) are dropped; the check treats a missing fact
 * input as "does not hold".
 */
import path from 'node:path';
import { momentsFromRun, type RunResult } from '../../run/index.js';
import { loadScenario } from '../../scenario/index.js';
import { readTextFile } from '../../scenario/extendsChain.js';
import type { Measured, ScienceJob } from '../check.js';

export function momentsMeasure(run: RunResult, job: ScienceJob): Measured {
  const sc = job.scenario;
  const file = 'file' in sc ? sc.file : path.join(process.cwd(), 'inline-scenario.yaml');
  const readText = 'yaml' in sc ? (p: string): string => (p === file ? sc.yaml : readTextFile(p)) : readTextFile;
  const { scenario } = loadScenario(file, { set: job.set, seed: job.seed, readText });
  const m = momentsFromRun(scenario, (t) => run.files[t] ?? path.join(run.outDir, `${t}.arrow`));
  return Object.fromEntries(Object.entries(m).filter(([, v]) => Number.isFinite(v)));
}
