/**
 * `gammaloop calibrate`: check the inputs (exit 2 with the flag or the scenario location), run or
 * resume the calibration with a progress bar on a TTY stderr (lines otherwise), write the outputs,
 * print the real-vs-simulated table (stdout; --json for one JSON document). Exit 0 done, 1 a
 * failed run, 2 bad input, 130 interrupted (rerun to resume: the journal in --out keeps every
 * finished evaluation).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  calibrate, CalibrationInputError, CandidateRunError, ParamError, StopControl, parseParams, writeCalibrationOutputs, momentRows,
  type CalibrationResult, type Weighting,
} from '../../run/calibrate/index.js';
import { SweepSpecError, forkPool, inProcessExecutor, parseSeeds } from '../../run/sweep/index.js';
import { ScenarioError } from '../../scenario/index.js';
import type { CalibrateArgs } from '../commands/calibrate.js';
import { EXIT, runtimeError, usageError } from '../errors.js';
import { textTable } from '../format/table.js';
import { scenarioUsageError } from '../scenarioErrors.js';
import { installInterrupt } from '../signals.js';
import { log, out, paintErr, progressAllowed } from '../term.js';
import { calibrationProgress } from './progress.js';
import { realTargets } from './targets.js';

const WORKER = fileURLToPath(new URL('../sweep/worker.js', import.meta.url));

/** Default moments: those 1-min bars can measure and that carry the stylized facts. */
export const DEFAULT_MOMENTS = ['vol_1m_bp', 'kurt_1m', 'kurt_15m', 'acf_r_1m_lag1', 'acf_abs_1m_lag1', 'acf_abs_1m_lag10'];

function seedsOf(text: string): number[] {
  if (/^\d+$/.test(text.trim())) {
    const n = Number(text);
    if (n < 1 || n > 10_000) throw usageError(`--seeds ${text}: give a count from 1 to 10000, or a list such as 1..10,20`);
    return Array.from({ length: n }, (_, i) => i + 1);
  }
  try {
    return parseSeeds(text);
  } catch (err) {
    if (err instanceof SweepSpecError) throw usageError(err.message);
    throw err;
  }
}

function weightsOf(flags: readonly string[]): Record<string, number> {
  const w: Record<string, number> = {};
  for (const raw of flags) {
    const eq = raw.indexOf('=');
    const v = Number(raw.slice(eq + 1));
    if (eq < 0 || !(v >= 0) || !Number.isFinite(v)) throw usageError(`--weight ${raw}: expected moment=w with w >= 0`);
    w[raw.slice(0, eq).trim()] = v;
  }
  return w;
}

/** Runs `calibrate`; returns the exit code. */
export async function calibrateCommand(args: CalibrateArgs): Promise<number> {
  const params = (() => {
    try {
      return parseParams(args.param);
    } catch (err) {
      if (err instanceof ParamError) throw usageError(err.message);
      throw err;
    }
  })();
  const moments = args.moments ?? DEFAULT_MOMENTS;
  const targets = realTargets(args.bars, args.from, args.to, args.trades, args.target);
  const seeds = seedsOf(args.seeds);
  const weights = weightsOf(args.weight);
  for (const k of Object.keys(weights)) if (!moments.includes(k)) throw usageError(`--weight ${k}: not one of the moments (${moments.join(', ')})`);
  const outDir = args.out ?? path.join('results', path.basename(args.scenario).replace(/\.ya?ml$/, ''), 'calibrate');
  const workers = args.workers ?? os.availableParallelism();
  const control = new StopControl();
  const mode = args.quiet ? 'none' : progressAllowed(args.json) ? 'bar' : 'lines';
  const progress = await calibrationProgress(args.maxEvals, seeds.length, params.map((p) => p.path), mode);
  const interrupt = installInterrupt(() => {
    progress.stop();
    log(paintErr('yellow', 'interrupt: stopping the runs in progress (finished evaluations are kept; rerun the same command to resume; Ctrl-C again to quit now)'));
    control.stop();
  });
  let r: CalibrationResult;
  try {
    r = await calibrate({
      scenario: args.scenario,
      set: args.set,
      params,
      moments,
      targets: targets.values,
      targetSource: targets.source,
      seeds,
      weighting: args.weighting as Weighting,
      weights,
      maxEvals: args.maxEvals,
      outDir,
      executorFor: (spec, dir) => (workers === 0 ? inProcessExecutor({ spec, dir, wallClockMs: () => performance.now() }) : forkPool({ script: WORKER, size: workers, spec, dir })),
      keepRuns: args.keepRuns,
      control,
      onEvaluation: (e) => progress.evaluation(e),
      onRun: () => progress.run(),
    });
  } catch (err) {
    if (err instanceof ParamError || err instanceof CalibrationInputError || err instanceof SweepSpecError) throw usageError(err.message);
    if (err instanceof ScenarioError) throw scenarioUsageError(args.scenario, err.issues);
    if (err instanceof CandidateRunError) throw runtimeError(err.message);
    throw err;
  } finally {
    progress.stop();
    interrupt.dispose();
  }
  if (r.status === 'interrupted' || interrupt.requested()) {
    if (!args.quiet) log(`interrupted after ${r.evaluations.length} evaluations (kept in ${outDir}/journal.json): rerun the same command to resume`);
    return EXIT.interrupted;
  }
  const files = await writeCalibrationOutputs(r, outDir);
  if (args.json) {
    out(JSON.stringify({ ok: true, ...JSON.parse((await import('node:fs')).readFileSync(files['result'] as string, 'utf8')) }, null, 2));
  } else {
    printResult(r, files);
  }
  return EXIT.ok;
}

const num = (x: number): string => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toPrecision(4)) : 'NaN');

function printResult(r: CalibrationResult, files: Readonly<Record<string, string>>): void {
  const best = r.evaluations[r.best];
  out(`calibrated ${r.definition.params.length} parameter${r.definition.params.length === 1 ? '' : 's'} (${r.status}, ${r.evaluations.length} evaluations x ${r.definition.seeds.length} seeds; J ${num(r.objectives[r.start] as number)} at the start -> ${num(r.objectives[r.best] as number)})`);
  const prow = r.definition.params.map((p, i) => [p.path, num(r.definition.start[i] as number), num(best?.values[i] as number), `${p.lo}..${p.hi}${p.log ? ' log' : ''}`]);
  for (const line of textTable(['parameter', 'start', 'fitted', 'range'], prow, { rightAlign: new Set([1, 2]), maxCell: 60 })) out(line);
  out('');
  const rows = momentRows(r).map((m) => [m.moment, m.unit, num(m.target), num(m.startMean), num(m.mean), `[${num(m.ci95Lo)}, ${num(m.ci95Hi)}]`, num(m.z)]);
  for (const line of textTable(['moment', 'unit', 'real', 'start', 'simulated', '95% CI (seeds)', 'z'], rows, { rightAlign: new Set([2, 3, 4, 6]), maxCell: 60 })) out(line);
  out('');
  out(`wrote ${files['calibrated']}, ${files['moments']}, ${files['trace']}, ${files['result']}`);
}
