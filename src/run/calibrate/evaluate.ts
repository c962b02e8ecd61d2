/**
 * Evaluating one candidate: its simulations run as a one-cell sweep (the candidate's `--set`
 * values) over the calibration's seeds, through the sweep executor (worker processes, or this
 * process for tests), in `<out>/evals/<hash of the values>/`; then each seed's moments are read
 * from its table partitions, the result is appended to the journal, and the run files are
 * removed (unless kept). A killed evaluation resumes inside its sweep (finished seeds have done
 * markers); a journalled one is never run again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalJson, sha256Hex } from '../../output/index.js';
import { loadScenario } from '../../scenario/index.js';
import { momentsFromRun } from '../momentsFromRun.js';
import { partitionPath, planSweep, type Executor, type RunOutcome, type SweepSpec } from '../sweep/index.js';
import { candidateSets, type ParamSpec } from './params.js';
import type { SeedMoments } from './objective.js';

/** Builds the executor for one candidate's sweep (a fork pool, or in-process). */
export type ExecutorFactory = (spec: SweepSpec, dir: string) => Executor;

/** One journalled evaluation. */
export interface Evaluation {
  /** 0-based order of first evaluation. */
  readonly index: number;
  readonly values: readonly number[];
  /** Moment name -> value per seed, in the calibration's seed order (NaN stored as null in JSON). */
  readonly moments: SeedMoments;
}

/** A run of a candidate failed (bad value for the model, broken invariant): the calibration stops. */
export class CandidateRunError extends Error {
  override readonly name = 'CandidateRunError';
}

/** The evaluation was interrupted (SIGINT): nothing was journalled. */
export class EvaluationInterrupted extends Error {
  override readonly name = 'EvaluationInterrupted';
}

export const valuesKey = (values: readonly number[]): string => values.map(String).join(',');

export interface EvaluateRequest {
  readonly scenario: string;
  readonly set: readonly string[];
  readonly params: readonly ParamSpec[];
  readonly seeds: readonly number[];
  readonly moments: readonly string[];
  readonly outDir: string;
  readonly executorFor: ExecutorFactory;
  readonly keepRuns: boolean;
  /** Each finished (or failed) seed run of the candidate. */
  readonly onRun?: (o: RunOutcome) => void;
  /** Stop requests (SIGINT) reach the executor in flight through this. */
  readonly control: StopControl;
}

/** A stop switch shared by the caller (who flips it) and the evaluation in flight (whose executor it stops). */
export class StopControl {
  private stopped = false;
  private current: Executor | null = null;
  get requested(): boolean {
    return this.stopped;
  }
  /** Requests a stop: no new evaluation starts, the runs in flight are interrupted. */
  stop(): void {
    this.stopped = true;
    this.current?.stop();
  }
  /** @internal */
  attach(e: Executor | null): void {
    this.current = e;
    if (e !== null && this.stopped) e.stop();
  }
}

/** Runs a candidate's seeds and returns its per-seed moments (not yet journalled). */
export async function evaluateCandidate(req: EvaluateRequest, values: readonly number[]): Promise<SeedMoments> {
  const sets = candidateSets(req.params, values);
  const dir = path.join(req.outDir, 'evals', sha256Hex(valuesKey(values)).slice(0, 16));
  const plan = planSweep({
    scenario: req.scenario,
    set: req.set,
    cells: { kind: 'rows', columns: req.params.map((p) => p.path), rows: [values.map(String)] },
    seeds: req.seeds,
    out: dir,
  });
  if (req.control.requested) throw new EvaluationInterrupted('interrupted');
  const executor = req.executorFor(plan.spec, plan.dir);
  const failures: RunOutcome[] = [];
  let interrupted = false;
  req.control.attach(executor);
  try {
    await executor.run(plan.pending, (o) => {
      if (o.status === 'failed') failures.push(o);
      if (o.status === 'interrupted') interrupted = true;
      req.onRun?.(o);
    });
  } finally {
    req.control.attach(null);
  }
  if (failures.length > 0) {
    const f = failures[0] as RunOutcome;
    throw new CandidateRunError(`candidate ${sets.join(' ')}: seed ${f.seed} failed: ${f.message}`);
  }
  if (interrupted || req.control.requested) throw new EvaluationInterrupted('interrupted');
  const scenario = loadScenario(req.scenario, { set: [...req.set, ...sets] }).scenario;
  const out: Record<string, number[]> = {};
  for (const name of req.moments) out[name] = [];
  for (const seed of req.seeds) {
    const m = momentsFromRun(scenario, (t) => path.join(plan.dir, partitionPath(t, { cell: 0, seed })), req.moments);
    for (const name of req.moments) (out[name] as number[]).push(m[name] as number);
  }
  if (!req.keepRuns) fs.rmSync(plan.dir, { recursive: true, force: true });
  return out;
}

/** The journal file: every evaluation so far, rewritten atomically after each. */
export interface Journal {
  readonly calibration_sha256: string;
  readonly evaluations: Evaluation[];
  /** Moment weights, fixed after the start point's evaluation. */
  weights: Record<string, number> | null;
}

export const JOURNAL_FILE = 'journal.json';

/** Reads `<out>/journal.json` (NaN restored from null), or a new empty journal. */
export function readJournal(outDir: string, sha: string): Journal {
  const file = path.join(outDir, JOURNAL_FILE);
  if (!fs.existsSync(file)) return { calibration_sha256: sha, evaluations: [], weights: null };
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { calibration_sha256: string; evaluations: { index: number; values: number[]; moments: Record<string, (number | null)[]> }[]; weights: Record<string, number> | null };
  return {
    calibration_sha256: raw.calibration_sha256,
    weights: raw.weights,
    evaluations: raw.evaluations.map((e) => ({
      index: e.index,
      values: e.values,
      moments: Object.fromEntries(Object.entries(e.moments).map(([k, v]) => [k, v.map((x) => (x === null ? Number.NaN : x))])),
    })),
  };
}

/** Writes the journal atomically (temporary file + rename). */
export function writeJournal(outDir: string, j: Journal): void {
  const file = path.join(outDir, JOURNAL_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(outDir, { recursive: true });
  const plain = {
    ...j,
    evaluations: j.evaluations.map((e) => ({ ...e, moments: Object.fromEntries(Object.entries(e.moments).map(([k, v]) => [k, v.map((x) => (Number.isFinite(x) ? x : null))])) })),
  };
  fs.writeFileSync(tmp, `${canonicalJson(plain, 1)}\n`);
  fs.renameSync(tmp, file);
}
