/**
 * What a calibration writes into its out directory:
 * - `calibrated.yaml`: the input scenario file with the fitted values set in place, comments
 *   kept, `extends` re-pointed relative to the out directory (the base `--set` flags, often a
 *   shorter clock for the search, are listed in the header comment, not applied);
 * - `moments.arrow`: per moment the real target, the simulated mean over seeds with its 95 %
 *   t interval, at the start point and at the best point, the weight and the z-score;
 * - `trace.arrow`: every evaluation in order with its parameter values, J and the best J so far;
 * - `result.json`: status, best values, J, and the file names.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { momentDef } from '../../analysis/moments/index.js';
import { canonicalJson, tableSpec, writeTable, type ColumnValues } from '../../output/index.js';
import type { CalibrationResult } from './calibrate.js';
import { seedStats } from './objective.js';

const F64 = { kind: 'f64' } as const;
const I64 = { kind: 'i64' } as const;

/** One row of the real-vs-simulated table. */
export interface MomentRow {
  readonly moment: string;
  readonly unit: string;
  readonly target: number;
  readonly startMean: number;
  readonly mean: number;
  readonly std: number;
  readonly ci95Lo: number;
  readonly ci95Hi: number;
  readonly weight: number;
  /** (mean - target) / std: distance in single-seed standard deviations. */
  readonly z: number;
}

/** The real-vs-simulated rows at the best point. */
export function momentRows(r: CalibrationResult): MomentRow[] {
  const best = r.evaluations[r.best];
  const start = r.evaluations[r.start];
  return r.definition.moments.map((name) => {
    const s = seedStats(best?.moments[name] ?? []);
    const target = r.definition.targets[name] as number;
    return {
      moment: name,
      unit: momentDef(name)?.unit ?? '',
      target,
      startMean: seedStats(start?.moments[name] ?? []).mean,
      mean: s.mean,
      std: s.std,
      ci95Lo: s.mean - s.ci95,
      ci95Hi: s.mean + s.ci95,
      weight: r.weights[name] ?? Number.NaN,
      z: (s.mean - target) / s.std,
    };
  });
}

/** The calibrated scenario text: the input file with every fitted value set. */
export function calibratedYaml(r: CalibrationResult, outDir: string): string {
  const file = r.definition.scenario;
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  const setIn = (segments: string[], value: unknown): void => {
    doc.setIn(segments, value);
  };
  const best = r.evaluations[r.best];
  r.definition.params.forEach((p, i) => setIn(p.path.split('.'), best?.values[i]));
  const ext = doc.get('extends');
  if (typeof ext === 'string') {
    const abs = path.resolve(path.dirname(file), ext);
    doc.set('extends', path.relative(path.resolve(outDir), abs).split(path.sep).join('/'));
  }
  const fitted = r.definition.params.map((p, i) => `   ${p.path} = ${best?.values[i]} (range ${p.lo}..${p.hi}${p.log ? ', log' : ''}; start ${r.definition.start[i]})`);
  // yaml writes each line of a comment as '#' + line, so lines start with a space
  const header = [
    ` Calibrated by gammaloop calibrate from ${file} (method of simulated moments).`,
    ` Targets: ${r.definition.target_source}; moments ${r.definition.moments.join(', ')}.`,
    ` Seeds ${r.definition.seeds.join(',')}; ${r.evaluations.length} evaluations, status ${r.status}; objective J = ${fmt(r.objectives[r.best] as number)} (start ${fmt(r.objectives[r.start] as number)}).`,
    ...(r.definition.set.length > 0 ? [` Runs used --set ${r.definition.set.join(' --set ')} (not written here).`] : []),
    ' Fitted values:',
    ...fitted,
  ].join('\n');
  doc.commentBefore = doc.commentBefore ? `${header}\n\n${doc.commentBefore}` : header;
  return doc.toString({ lineWidth: 0 });
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(4) : String(x));

/** Writes every output file; returns their paths. */
export async function writeCalibrationOutputs(r: CalibrationResult, outDir: string): Promise<Record<string, string>> {
  const meta = { 'gammaloop.calibration': r.definition.scenario, 'gammaloop.targets': r.definition.target_source };
  const files: Record<string, string> = {
    calibrated: path.join(outDir, 'calibrated.yaml'),
    moments: path.join(outDir, 'moments.arrow'),
    trace: path.join(outDir, 'trace.arrow'),
    result: path.join(outDir, 'result.json'),
  };
  fs.writeFileSync(files['calibrated'] as string, calibratedYaml(r, outDir));
  const rows = momentRows(r);
  const mcol = (name: string, unit: string, description: string) => ({ name, type: F64, unit, description });
  const momentsSpec = tableSpec('moments', 'Real vs simulated moments at the calibrated point (mean over seeds, 95 % t interval).', [
    { name: 'moment', type: { kind: 'enum', values: rows.map((x) => x.moment) }, unit: '', description: 'Moment name (docs/calibration.md).' },
    { name: 'unit', type: { kind: 'enum', values: [...new Set(rows.map((x) => x.unit))] }, unit: '', description: 'Unit of the moment.' },
    mcol('target', 'moment unit', 'Real-data value.'),
    mcol('start_mean', 'moment unit', 'Simulated mean over seeds at the start point.'),
    mcol('sim_mean', 'moment unit', 'Simulated mean over seeds at the calibrated point.'),
    mcol('sim_std', 'moment unit', 'Sample std over seeds at the calibrated point.'),
    mcol('ci95_lo', 'moment unit', 'Lower end of the 95 % t interval of the mean.'),
    mcol('ci95_hi', 'moment unit', 'Upper end of the 95 % t interval of the mean.'),
    mcol('weight', '1 / unit^2', 'Weight of the moment in J.'),
    mcol('z', '1', '(sim_mean - target) / sim_std.'),
  ]);
  const num = (f: (x: MomentRow) => number): Float64Array => Float64Array.from(rows, f);
  const mvals: Record<string, ColumnValues> = {
    moment: rows.map((x) => x.moment), unit: rows.map((x) => x.unit), target: num((x) => x.target), start_mean: num((x) => x.startMean),
    sim_mean: num((x) => x.mean), sim_std: num((x) => x.std), ci95_lo: num((x) => x.ci95Lo), ci95_hi: num((x) => x.ci95Hi), weight: num((x) => x.weight), z: num((x) => x.z),
  };
  await writeTable(files['moments'] as string, momentsSpec, mvals, { metadata: { ...meta, 'gammaloop.table': 'moments' } });
  const params = r.definition.params;
  const traceSpec = tableSpec('trace', 'Every evaluation of the calibration, in order.', [
    { name: 'evaluation', type: I64, unit: '', description: 'Evaluation index (0 = start point).' },
    ...params.map((p) => ({ name: p.path, type: F64, unit: '', description: `Value of ${p.path}.` })),
    mcol('objective', '1', 'J of the evaluation (docs/calibration.md).'),
    mcol('best_objective', '1', 'Lowest J up to and including this evaluation.'),
  ]);
  let bestSoFar = Number.POSITIVE_INFINITY;
  const tvals: Record<string, ColumnValues> = {
    evaluation: Float64Array.from(r.evaluations, (e) => e.index),
    objective: Float64Array.from(r.objectives),
    best_objective: Float64Array.from(r.objectives, (j) => (bestSoFar = Math.min(bestSoFar, j))),
  };
  params.forEach((p, i) => (tvals[p.path] = Float64Array.from(r.evaluations, (e) => e.values[i] as number)));
  await writeTable(files['trace'] as string, traceSpec, tvals, { metadata: { ...meta, 'gammaloop.table': 'trace' } });
  const best = r.evaluations[r.best];
  const result = {
    status: r.status,
    evaluations: r.evaluations.length,
    best_evaluation: r.best,
    objective: finite(r.objectives[r.best]),
    start_objective: finite(r.objectives[r.start]),
    values: Object.fromEntries(params.map((p, i) => [p.path, best?.values[i] ?? null])),
    start: Object.fromEntries(params.map((p, i) => [p.path, r.definition.start[i] ?? null])),
    moments: Object.fromEntries(rows.map((x) => [x.moment, { target: x.target, sim_mean: finite(x.mean), ci95: [finite(x.ci95Lo), finite(x.ci95Hi)], z: finite(x.z) }])),
    files,
  };
  fs.writeFileSync(files['result'] as string, `${canonicalJson(result, 2)}\n`);
  return files;
}

const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);
