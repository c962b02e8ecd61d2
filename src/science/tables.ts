/**
 * `gammaloop science --out DIR`: the per-seed numbers and the verdicts as Arrow tables, specs
 * in the style of model/tables.ts (name, columns with type, unit and description), plus the
 * whole result as `science.json`. Strings are dictionary (enum) columns over the values present.
 *
 * - `science_seeds.arrow`: one row per (check, arm, seed, metric): the numbers each check's
 *   statistics were computed from.
 * - `science_checks.arrow`: one row per check: predicted value, measured mean and 95% CI over
 *   paired seeds, seeds used, PASS/FAIL.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ColumnSpec, ColumnType } from '../model/tables.js';
import { tableSpec, writeTable } from '../output/index.js';
import type { SuiteResult } from './suite.js';

const enumOf = (values: readonly string[]): ColumnType => ({ kind: 'enum', values: [...new Set(values)] });
const F64: ColumnType = { kind: 'f64' };
const I64: ColumnType = { kind: 'i64' };

/** Column specs of `science_seeds` (enum value lists from the rows written). */
export function seedsColumns(checks: readonly string[], arms: readonly string[], metrics: readonly string[]): ColumnSpec[] {
  return [
    { name: 'check', type: enumOf(checks), unit: '', description: 'Check name.' },
    { name: 'arm', type: enumOf(arms), unit: '', description: 'Arm of the check (a scenario variant run on every paired seed).' },
    { name: 'seed', type: I64, unit: '', description: 'Paired seed (one exogenous world).' },
    { name: 'metric', type: enumOf(metrics), unit: '', description: 'Per-seed number (unit in the check text, docs/science.md).' },
    { name: 'value', type: F64, unit: 'see metric', description: 'Its value.' },
  ];
}

/** Column specs of `science_checks`. */
export function checksColumns(checks: readonly string[], statistics: readonly string[]): ColumnSpec[] {
  return [
    { name: 'check', type: enumOf(checks), unit: '', description: 'Check name.' },
    { name: 'pass', type: { kind: 'bool' }, unit: '', description: 'True = PASS.' },
    { name: 'statistic', type: enumOf(statistics), unit: '', description: 'What `mean` measures.' },
    { name: 'predicted', type: F64, unit: 'as statistic', description: 'Theory value (NaN when theory gives a bound, not a number).' },
    { name: 'mean', type: F64, unit: 'as statistic', description: 'Measured mean over paired seeds.' },
    { name: 'lo95', type: F64, unit: 'as statistic', description: 'Lower end of the 95% Student-t interval.' },
    { name: 'hi95', type: F64, unit: 'as statistic', description: 'Upper end of the 95% Student-t interval.' },
    { name: 'n', type: I64, unit: 'seeds', description: 'Seeds (or per-seed values) behind the interval.' },
  ];
}

/** Writes science_seeds.arrow, science_checks.arrow and science.json into `dir`; returns the paths. */
export async function writeScienceOut(dir: string, result: SuiteResult, meta: Readonly<Record<string, string>>): Promise<{ seeds: string; checks: string; json: string }> {
  mkdirSync(dir, { recursive: true });
  const rows = result.checks.flatMap((c) => c.rows.map((r) => ({ check: c.name, ...r })));
  const seedsSpec = tableSpec('science_seeds', 'Per-seed numbers of each science check.', seedsColumns(rows.map((r) => r.check), rows.map((r) => r.arm), rows.map((r) => r.metric)));
  const seeds = path.join(dir, 'science_seeds.arrow');
  await writeTable(seeds, seedsSpec, {
    check: rows.map((r) => r.check),
    arm: rows.map((r) => r.arm),
    seed: rows.map((r) => r.seed),
    metric: rows.map((r) => r.metric),
    value: rows.map((r) => r.value),
  }, { metadata: { ...meta, 'gammaloop.table': 'science_seeds' } });
  const cs = result.checks;
  const checksSpec = tableSpec('science_checks', 'One verdict per science check.', checksColumns(cs.map((c) => c.name), cs.map((c) => c.measured.statistic)));
  const checks = path.join(dir, 'science_checks.arrow');
  await writeTable(checks, checksSpec, {
    check: cs.map((c) => c.name),
    pass: cs.map((c) => c.pass),
    statistic: cs.map((c) => c.measured.statistic),
    predicted: cs.map((c) => c.predicted ?? Number.NaN),
    mean: cs.map((c) => c.measured.mean),
    lo95: cs.map((c) => c.measured.lo95),
    hi95: cs.map((c) => c.measured.hi95),
    n: cs.map((c) => c.measured.n),
  }, { metadata: { ...meta, 'gammaloop.table': 'science_checks' } });
  const json = path.join(dir, 'science.json');
  writeFileSync(json, `${JSON.stringify(resultJson(result, meta), null, 2)}\n`);
  return { seeds, checks, json };
}

/** The `--json` document (and science.json): everything but the per-seed rows, NaN as null. */
export function resultJson(result: SuiteResult, meta: Readonly<Record<string, string>>): unknown {
  const num = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : v);
  return {
    ...meta,
    profile: result.profile,
    pass: result.pass,
    checks: result.checks.map((c) => ({
      name: c.name,
      title: c.title,
      pass: c.pass,
      theory: c.theory,
      inputs: Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, num(v)])),
      predicted: num(c.predicted),
      measured: { ...c.measured, mean: num(c.measured.mean), lo95: num(c.measured.lo95), hi95: num(c.measured.hi95) },
      tolerance: c.tolerance,
      details: c.details,
      seed_rows: c.rows.length,
    })),
  };
}
