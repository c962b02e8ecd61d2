/**
 * Planning a sweep: load the scenario once with the base overrides (its hash goes into the
 * sweep definition), check every cell of this shard loads (bad paths or values are input errors
 * before anything runs), fix the output directory, write or check `sweep.json`, and list the
 * runs of this shard that have no done marker yet (a rerun skips finished runs and redoes
 * partial and failed ones, and done ones whose partition files are missing or cut short).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScenarioError, loadScenario, type ScenarioIssue } from '../../scenario/index.js';
import { canonicalJson } from '../../output/index.js';
import { CLAIMS_DIR, DONE_DIR, SPEC_FILE, STAGING_DIR, SWEEP_LOCK, keyText, markerKeys, readSpec, verifiedDone, writeAtomic } from './layout.js';
import { cellAt, cellSets, runCount, shardRuns, sweepSha256, SweepSpecError, type CellSource, type RunKey, type Shard, type SweepSpec, type SweepPlugin } from './spec.js';

export interface SweepPlanRequest {
  /** The scenario file, as given. */
  readonly scenario: string;
  /** Base `--set` flags (applied before each cell's values). */
  readonly set: readonly string[];
  readonly cells: CellSource;
  readonly seeds: readonly number[];
  /** Output directory; default `results/<scenario>/sweep-<sweep sha256 prefix>`. */
  readonly out?: string;
  readonly shard?: Shard;
  /** Plug-ins loaded for this sweep (already registered in this process); the workers load them too. */
  readonly plugins?: readonly SweepPlugin[];
}

export interface SweepPlan {
  readonly spec: SweepSpec;
  readonly sweepSha256: string;
  readonly dir: string;
  /** Runs in the whole sweep. */
  readonly total: number;
  /** Runs of this shard. */
  readonly inShard: number;
  /** Runs of this shard still to do, in run order. */
  readonly pending: readonly RunKey[];
}

/** A lock or claims left by a sweep that died before writing sweep.json do not make a directory foreign. */
const LOCK_NAMES = new Set([SWEEP_LOCK, CLAIMS_DIR, STAGING_DIR]);

/** A cell whose overrides do not load: the cell, its flags and the located problems. */
export class CellError extends Error {
  override readonly name = 'CellError';
  constructor(
    readonly cell: number,
    readonly sets: readonly string[],
    readonly issues: readonly ScenarioIssue[],
  ) {
    super(`cell ${cell} (${sets.join(' ')}) does not load`);
  }
}

/** `results/<scenario name>/sweep-<first 12 hex of the sweep hash>`. */
export function defaultSweepDir(scenarioName: string, sha: string): string {
  return path.join('results', scenarioName, `sweep-${sha.slice(0, 12)}`);
}

/** Plans the sweep and writes (or checks) `sweep.json`. Throws ScenarioError, CellError, SweepSpecError. */
export function planSweep(req: SweepPlanRequest): SweepPlan {
  const base = loadScenario(req.scenario, { set: req.set });
  const spec: SweepSpec = {
    sweep_version: 1,
    scenario: req.scenario,
    scenario_name: base.scenario.name,
    scenario_sha256: base.sha256,
    set: [...req.set],
    cells: req.cells,
    seeds: [...req.seeds],
    ...(req.plugins !== undefined && req.plugins.length > 0
      ? { plugins: req.plugins.map((x) => ({ name: x.name, version: x.version, file: x.file, sha256: x.sha256 })) }
      : {}),
  };
  const sha = sweepSha256(spec);
  const dir = req.out ?? defaultSweepDir(spec.scenario_name, sha);
  let existing = readSpec(dir);
  // Temporary files may be another shard writing sweep.json at this moment; and a shard that
  // wrote it just after our read has written it before anything else, so read it again.
  if (existing === undefined && fs.existsSync(dir) && fs.readdirSync(dir).some((f) => !f.endsWith('.tmp') && !LOCK_NAMES.has(f))) {
    existing = readSpec(dir);
    if (existing === undefined) throw new SweepSpecError(`${dir} exists, is not empty and is not a sweep directory: choose another --out`);
  }
  if (existing !== undefined && sweepSha256(existing) !== sha) {
    throw new SweepSpecError(`${dir} holds a different sweep (scenario, --set, cells or seeds differ; its ${SPEC_FILE} has sweep sha256 ${sweepSha256(existing).slice(0, 12)}, this one ${sha.slice(0, 12)}): choose another --out`);
  }
  const shardKeys = [...shardRuns(spec, req.shard)];
  checkCells(spec, shardKeys);
  if (existing === undefined) writeAtomic(path.join(dir, SPEC_FILE), `${canonicalJson(spec, 2)}\n`);
  const done = markerKeys(dir, DONE_DIR);
  return {
    spec,
    sweepSha256: sha,
    dir,
    total: runCount(spec),
    inShard: shardKeys.length,
    // A done marker counts only when its files are there and whole (another process may have
    // removed them, or a crash may have come between the marker and the files).
    pending: shardKeys.filter((k) => !done.has(keyText(k)) || verifiedDone(dir, k) === undefined),
  };
}

/** Loads each distinct cell of `keys` once; the first that fails is a CellError. */
function checkCells(spec: SweepSpec, keys: readonly RunKey[]): void {
  const seen = new Set<number>();
  for (const { cell, seed } of keys) {
    if (seen.has(cell)) continue;
    seen.add(cell);
    const sets = cellSets(cellAt(spec.cells, cell));
    try {
      loadScenario(spec.scenario, { set: [...spec.set, ...sets], seed });
    } catch (err) {
      if (err instanceof ScenarioError) throw new CellError(cell, sets, err.issues);
      throw err;
    }
  }
}
