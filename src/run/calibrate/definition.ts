/**
 * A calibration's definition (`<out>/calibrate.json`): what is fitted to what. Its hash guards
 * resumption: rerunning with the same definition continues the journal; a different one in the
 * same directory is refused rather than mixed in. Also checks the parameters against the
 * scenario before anything runs (a bad path or a non-numeric value is a located input error).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalJson, sha256Hex } from '../../output/index.js';
import { ScenarioError, loadScenario, type LoadedScenario } from '../../scenario/index.js';
import { momentDef } from '../../analysis/moments/index.js';
import type { Weighting } from './objective.js';
import { ParamError, valueAt, type ParamSpec } from './params.js';

export const DEFINITION_FILE = 'calibrate.json';

export interface CalibrationDefinition {
  readonly calibrate_version: 1;
  readonly scenario: string;
  readonly scenario_sha256: string;
  readonly set: readonly string[];
  readonly params: readonly ParamSpec[];
  readonly start: readonly number[];
  readonly moments: readonly string[];
  readonly targets: Readonly<Record<string, number>>;
  readonly target_source: string;
  readonly seeds: readonly number[];
  readonly weighting: Weighting;
  readonly weights: Readonly<Record<string, number>>;
  readonly max_evals: number;
}

/** A definition problem other than a parameter (the CLI reports a usage error). */
export class CalibrationInputError extends Error {
  override readonly name = 'CalibrationInputError';
}

/**
 * sha256 of the definition without the scenario path (it may be typed differently on resume)
 * and without the evaluation budget (a rerun with a larger --max-evals continues the same search).
 */
export function definitionSha256(d: CalibrationDefinition): string {
  const { scenario: _p, max_evals: _m, ...rest } = d as CalibrationDefinition & { definition_sha256?: string };
  delete (rest as { definition_sha256?: string }).definition_sha256;
  return sha256Hex(canonicalJson(rest));
}

/**
 * Checks each parameter loads at its range ends (the schema's located error otherwise, as a
 * ParamError naming the flag) and is a number where the scenario sets it; returns the start
 * values: the scenario's own value when inside the box, else the box centre (geometric for :log).
 */
export function checkParams(scenario: string, set: readonly string[], params: readonly ParamSpec[], base: LoadedScenario): number[] {
  return params.map((p) => {
    for (const v of [p.lo, p.hi]) {
      try {
        loadScenario(scenario, { set: [...set, `${p.path}=${v}`] });
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        throw new ParamError(`--param ${p.path}=${p.lo}..${p.hi}: ${err.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      }
    }
    const cur = valueAt(base.merged, p.path);
    if (cur !== undefined && typeof cur !== 'number') throw new ParamError(`--param ${p.path}: the scenario sets it to ${JSON.stringify(cur)}, not a number`);
    if (typeof cur === 'number' && cur >= p.lo && cur <= p.hi) return cur;
    return p.log ? Math.sqrt(p.lo * p.hi) : (p.lo + p.hi) / 2;
  });
}

/** Checks the moment names and that each has a finite target. */
export function checkMoments(moments: readonly string[], targets: Readonly<Record<string, number>>): void {
  if (moments.length === 0) throw new CalibrationInputError('give at least one moment (--moments a,b,c)');
  const unknown = moments.filter((m) => momentDef(m) === undefined);
  if (unknown.length > 0) throw new CalibrationInputError(`unknown moment${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (see docs/calibration.md for the list)`);
  const missing = moments.filter((m) => !Number.isFinite(targets[m] as number));
  if (missing.length > 0) {
    throw new CalibrationInputError(`no real value for ${missing.join(', ')}: the real data given cannot measure ${missing.length > 1 ? 'them' : 'it'} (1 s and book moments need a trades file, or give --target name=value)`);
  }
}

/** Writes `<out>/calibrate.json`, or checks the one there has the same hash. */
export function writeOrCheckDefinition(outDir: string, d: CalibrationDefinition): string {
  const sha = definitionSha256(d);
  const file = path.join(outDir, DEFINITION_FILE);
  if (fs.existsSync(file)) {
    const old = JSON.parse(fs.readFileSync(file, 'utf8')) as CalibrationDefinition;
    if (definitionSha256(old) !== sha) {
      throw new CalibrationInputError(`${outDir} holds a different calibration (scenario, parameters, moments, targets, seeds, weighting or budget differ): choose another --out, or delete it to start over`);
    }
    return sha;
  }
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) throw new CalibrationInputError(`${outDir} exists, is not empty and holds no ${DEFINITION_FILE}: choose another --out`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(file, `${canonicalJson({ ...d, definition_sha256: sha }, 2)}\n`);
  return sha;
}
