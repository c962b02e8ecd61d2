/**
 * The `gammaloop science` runner: picks the checks (`--quick`: those marked quick; `--only`:
 * by name), gives each its paired seeds and a scratch directory, runs the jobs a check asks for
 * through a {@link JobExecutor} (the sweep worker pool in the CLI, this process in tests), and
 * collects the verdicts. A check that throws, or whose job fails, is a FAIL with the message:
 * a broken experiment never passes. Checks run one after another; each check's jobs run in
 * parallel.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CheckReport, Measured, ScienceCheck, ScienceJob, ScienceProfile } from './check.js';
import { runJob, type JobEnv, type JobOutcome } from './job.js';

/** Runs jobs; resolves with their outcomes in input order. */
export interface JobExecutor {
  run(jobs: readonly ScienceJob[], onDone: (o: JobOutcome) => void): Promise<JobOutcome[]>;
}

/** Progress callbacks (the CLI draws a bar from them). */
export interface SuiteProgress {
  checkStart(name: string): void;
  batch(name: string, jobs: number): void;
  jobDone(o: JobOutcome): void;
  checkDone(report: CheckReport): void;
}

/** A bad `--only` name or `--seeds` value (exit 2). */
export class SuiteInputError extends Error {}

export interface SuiteOptions {
  readonly profile: ScienceProfile;
  /** Seeds per check (seeds 1..N); default each check's own count for the profile. */
  readonly seeds?: number;
  readonly scratchDir: string;
  readonly executor: JobExecutor;
  readonly progress?: SuiteProgress;
}

export interface SuiteResult {
  readonly profile: ScienceProfile;
  readonly pass: boolean;
  readonly checks: readonly CheckReport[];
}

/** The checks to run: `only` by name (any profile), else every check of the profile. */
export function selectChecks(all: readonly ScienceCheck[], profile: ScienceProfile, only: readonly string[]): ScienceCheck[] {
  if (only.length === 0) return all.filter((c) => profile === 'full' || c.quick);
  const unknown = only.filter((n) => !all.some((c) => c.name === n));
  if (unknown.length > 0) throw new SuiteInputError(`unknown check${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${all.map((c) => c.name).join(', ')})`);
  return all.filter((c) => only.includes(c.name));
}

/** Runs `checks` in order. */
export async function runSuite(checks: readonly ScienceCheck[], opts: SuiteOptions): Promise<SuiteResult> {
  if (opts.seeds !== undefined && !(Number.isSafeInteger(opts.seeds) && opts.seeds >= 2)) throw new SuiteInputError(`--seeds must be an integer >= 2 (a 95% CI needs two paired seeds), got ${opts.seeds}`);
  const reports: CheckReport[] = [];
  for (const check of checks) {
    opts.progress?.checkStart(check.name);
    const n = opts.seeds ?? check.seeds[opts.profile];
    const scratchDir = path.join(opts.scratchDir, check.name);
    mkdirSync(scratchDir, { recursive: true });
    const ctx = {
      profile: opts.profile,
      seeds: Array.from({ length: n }, (_, i) => i + 1),
      scratchDir,
      async runJobs(jobs: readonly ScienceJob[]): Promise<Measured[]> {
        opts.progress?.batch(check.name, jobs.length);
        const outcomes = await opts.executor.run(jobs, (o) => opts.progress?.jobDone(o));
        const failed = outcomes.filter((o) => !o.ok);
        if (failed.length > 0) throw new Error(`${failed.length} of ${jobs.length} runs failed; first: ${(failed[0] as { message: string }).message}`);
        return outcomes.map((o) => (o as { measured: Measured }).measured);
      },
    };
    let report: CheckReport;
    try {
      report = await check.run(ctx);
    } catch (err) {
      report = errorReport(check, err instanceof Error ? err.message : String(err));
    }
    reports.push(report);
    opts.progress?.checkDone(report);
  }
  return { profile: opts.profile, pass: reports.every((r) => r.pass), checks: reports };
}

/** The FAIL a check gets when it could not measure. */
export function errorReport(check: ScienceCheck, message: string): CheckReport {
  return {
    name: check.name,
    title: check.title,
    theory: '',
    inputs: {},
    predicted: null,
    measured: { statistic: 'not measured', mean: Number.NaN, lo95: Number.NaN, hi95: Number.NaN, n: 0 },
    tolerance: '',
    pass: false,
    details: [`error: ${message}`],
    rows: [],
  };
}

/** Runs jobs one after another in this process. */
export function inProcessJobs(env: JobEnv): JobExecutor {
  return {
    async run(jobs, onDone) {
      const out: JobOutcome[] = [];
      for (const j of jobs) {
        const o = await runJob(j, env);
        onDone(o);
        out.push(o);
      }
      return out;
    },
  };
}

/** A job with its position in the batch, as sent to pool workers. */
export interface IndexedJob {
  readonly index: number;
  readonly job: ScienceJob;
}
/** A worker's answer. */
export interface IndexedOutcome {
  readonly index: number;
  readonly outcome: JobOutcome;
}

/** Adapts a worker pool (run/sweep/pool.ts taskPool over indexed jobs) to a {@link JobExecutor}. */
export function poolJobs(pool: { run(keys: readonly IndexedJob[], onOutcome: (o: IndexedOutcome) => void): Promise<void> }): JobExecutor {
  return {
    async run(jobs, onDone) {
      const out = new Array<JobOutcome | undefined>(jobs.length);
      await pool.run(
        jobs.map((job, index) => ({ index, job })),
        (o) => {
          out[o.index] = o.outcome;
          onDone(o.outcome);
        },
      );
      return out.map((o, i) => o ?? { ok: false, message: `${jobs[i]?.arm} seed ${jobs[i]?.seed}: not run (interrupted)`, wallMs: 0 });
    },
  };
}
