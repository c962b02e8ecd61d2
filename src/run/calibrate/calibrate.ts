/**
 * `calibrate`'s engine: the method of simulated moments over a box of scenario parameters.
 * Nelder-Mead (nelderMead.ts) searches the logit coordinates of the box (params.ts); each
 * candidate runs the same seeds (common random numbers) through the sweep executor
 * (evaluate.ts) and scores J (objective.ts). Every evaluation is journalled before the search
 * goes on, and f is memoised on the journal, so a rerun after a kill replays the identical
 * search (Nelder-Mead is deterministic given f) without running anything twice and reaches the
 * same result. Outputs are written by outputs.ts.
 */
import { loadScenario } from '../../scenario/index.js';
import type { RunOutcome } from '../sweep/index.js';
import { checkMoments, checkParams, writeOrCheckDefinition, type CalibrationDefinition } from './definition.js';
import { evaluateCandidate, readJournal, valuesKey, writeJournal, EvaluationInterrupted, type Evaluation, type ExecutorFactory, type StopControl } from './evaluate.js';
import { nelderMead } from './nelderMead.js';
import { momentWeights, objective, type SeedMoments, type Weighting } from './objective.js';
import { fromUnbounded, toUnbounded, type ParamSpec } from './params.js';

export interface CalibrationRequest {
  readonly scenario: string;
  readonly set: readonly string[];
  readonly params: readonly ParamSpec[];
  readonly moments: readonly string[];
  /** Real-data value of each moment. */
  readonly targets: Readonly<Record<string, number>>;
  /** Where the targets came from (file and window), for the outputs. */
  readonly targetSource: string;
  readonly seeds: readonly number[];
  readonly weighting: Weighting;
  /** Explicit weights (override the weighting for those moments). */
  readonly weights: Readonly<Record<string, number>>;
  readonly maxEvals: number;
  readonly outDir: string;
  readonly executorFor: ExecutorFactory;
  readonly keepRuns: boolean;
  readonly control: StopControl;
  /** After each new or replayed evaluation. */
  readonly onEvaluation?: (e: { evaluation: Evaluation; objective: number; best: number; replayed: boolean; evals: number }) => void;
  readonly onRun?: (o: RunOutcome) => void;
}

export interface CalibrationResult {
  readonly status: 'converged' | 'max_evals' | 'interrupted';
  readonly definition: CalibrationDefinition;
  readonly evaluations: readonly Evaluation[];
  /** J of each evaluation, parallel to `evaluations`. */
  readonly objectives: readonly number[];
  readonly weights: Readonly<Record<string, number>>;
  /** Index into `evaluations` of the best (lowest J, earliest on ties). */
  readonly best: number;
  /** The start point's evaluation index (0). */
  readonly start: number;
}

/** Runs (or resumes) a calibration. Throws ParamError / CalibrationInputError / ScenarioError for bad input before any run. */
export async function calibrate(req: CalibrationRequest): Promise<CalibrationResult> {
  const base = loadScenario(req.scenario, { set: req.set });
  const start = checkParams(req.scenario, req.set, req.params, base);
  checkMoments(req.moments, req.targets);
  const definition: CalibrationDefinition = {
    calibrate_version: 1,
    scenario: req.scenario,
    scenario_sha256: base.sha256,
    set: [...req.set],
    params: req.params,
    start,
    moments: [...req.moments],
    targets: Object.fromEntries(req.moments.map((m) => [m, req.targets[m] as number])),
    target_source: req.targetSource,
    seeds: [...req.seeds],
    weighting: req.weighting,
    weights: { ...req.weights },
    max_evals: req.maxEvals,
  };
  const sha = writeOrCheckDefinition(req.outDir, definition);
  const journal = readJournal(req.outDir, sha);
  const cache = new Map<string, Evaluation>(journal.evaluations.map((e) => [valuesKey(e.values), e]));
  const score = (m: SeedMoments): number => objective(definition.moments, definition.targets, journal.weights ?? {}, m);
  let best = Number.POSITIVE_INFINITY;
  let asked = 0;

  const f = async (u: Float64Array): Promise<number> => {
    const values = req.params.map((p, i) => fromUnbounded(p, u[i] as number));
    const key = valuesKey(values);
    let e = cache.get(key);
    const replayed = e !== undefined;
    if (e === undefined) {
      const moments = await evaluateCandidate({ scenario: req.scenario, set: req.set, params: req.params, seeds: req.seeds, moments: definition.moments, outDir: req.outDir, executorFor: req.executorFor, keepRuns: req.keepRuns, control: req.control, ...(req.onRun ? { onRun: req.onRun } : {}) }, values);
      e = { index: journal.evaluations.length, values, moments };
      journal.evaluations.push(e);
      cache.set(key, e);
      // weights are fixed by the first evaluation (the start point) and journalled with it
      journal.weights ??= momentWeights(definition.moments, definition.targets, moments, definition.weighting, definition.weights);
      writeJournal(req.outDir, journal);
    }
    const j = score(e.moments);
    best = Math.min(best, j);
    asked++;
    req.onEvaluation?.({ evaluation: e, objective: j, best, replayed, evals: asked });
    return j;
  };

  const u0 = req.params.map((p, i) => toUnbounded(p, start[i] as number));
  // an initial step of 1 in logit coordinates moves about a quarter of the box from its centre; step toward the centre
  const steps = u0.map((u) => (u > 0 ? -1 : 1));
  let status: CalibrationResult['status'];
  try {
    const r = await nelderMead(f, u0, steps, { maxEvals: req.maxEvals, fTolerance: 1e-6, xTolerance: 1e-3, shouldStop: () => req.control.requested });
    status = r.reason === 'stopped' ? 'interrupted' : r.reason;
  } catch (err) {
    if (!(err instanceof EvaluationInterrupted)) throw err;
    status = 'interrupted';
  }
  const objectives = journal.evaluations.map((e) => score(e.moments));
  let bestIndex = 0;
  objectives.forEach((j, i) => {
    if (j < (objectives[bestIndex] as number)) bestIndex = i;
  });
  return { status, definition, evaluations: journal.evaluations, objectives, weights: journal.weights ?? {}, best: bestIndex, start: 0 };
}
