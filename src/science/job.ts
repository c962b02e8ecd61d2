/**
 * Runs one {@link ScienceJob} in this process (a pool worker or the suite's own process): load
 * the scenario (a file, or inline YAML text) with the job's `--set` overrides and seed, run it
 * into a fresh directory under the scratch root (recording or replaying a tape when asked),
 * measure it with the named measurement, remove the run directory. Never throws: a failure is
 * an outcome with a message (the check then reports it as FAIL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runScenario } from '../run/index.js';
import { formatErrors, loadScenario, ScenarioError } from '../scenario/index.js';
import { readTextFile } from '../scenario/extendsChain.js';
import type { Measured, ScienceJob } from './check.js';
import { MEASURES } from './measures.js';

/** One job's result. */
export type JobOutcome = { readonly ok: true; readonly measured: Measured; readonly wallMs: number } | { readonly ok: false; readonly message: string; readonly wallMs: number };

/** What a job runner needs from its host. */
export interface JobEnv {
  /** Root for run directories (each job makes and removes its own). */
  readonly scratchDir: string;
  /** Wall clock, ms (slice sizing and timings only). */
  readonly wallClockMs: () => number;
  readonly shouldStop?: () => boolean;
}

const INLINE = 'inline-scenario.yaml';

/** Runs `job`; see the header. */
export async function runJob(job: ScienceJob, env: JobEnv): Promise<JobOutcome> {
  const start = env.wallClockMs();
  const dir = mkdtempSync(path.join(env.scratchDir, 'run-'));
  try {
    const measure = MEASURES[job.measure];
    if (measure === undefined) throw new Error(`unknown measurement "${job.measure}" (src/science/measures.ts)`);
    const sc = job.scenario;
    const file = 'file' in sc ? sc.file : path.join(process.cwd(), INLINE);
    const readText = 'yaml' in sc ? (p: string): string => (p === file ? sc.yaml : readTextFile(p)) : readTextFile;
    const loaded = loadScenario(file, { set: job.set, seed: job.seed, readText });
    const run = await runScenario({
      loaded,
      outDir: dir,
      wallClockMs: env.wallClockMs,
      writeManifest: false,
      ...(env.shouldStop ? { shouldStop: env.shouldStop } : {}),
      ...(job.record ? { record: job.record } : {}),
      ...(job.replay ? { replay: job.replay } : {}),
    });
    if (run.status !== 'complete') throw new Error('interrupted');
    const measured = measure(run, job);
    for (const [k, v] of Object.entries(measured)) if (!Number.isFinite(v)) throw new Error(`measurement ${job.measure} gave ${k} = ${v}`);
    return { ok: true, measured, wallMs: env.wallClockMs() - start };
  } catch (err) {
    const message = err instanceof ScenarioError ? `invalid scenario: ${formatErrors(err.issues).replace(/\n/g, '; ')}` : err instanceof Error ? err.message : String(err);
    return { ok: false, message: `${job.arm} seed ${job.seed}: ${message}`, wallMs: env.wallClockMs() - start };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
