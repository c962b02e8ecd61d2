/**
 * Runs scenario arms over paired seeds (common random numbers: arm k and arm j on seed s see the
 * same exogenous world) and collects, per arm, one number per seed for each summary metric plus
 * any extra measurement read from the run's tables. Each run writes its tables to a fresh
 * temporary directory that is removed after the measurements are read. Used by the science
 * acceptance tests (test/science, short runs) and the science validation script
 * (bench/science.ts, more seeds and arms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScenario, type RunResult } from '../../src/run/index.js';
import { loadScenario } from '../../src/scenario/index.js';

/** One arm: `--set` overrides applied after the experiment's base overrides. */
export interface Arm {
  readonly name: string;
  readonly set: readonly string[];
}

/** Extra per-run measurements read from a finished run (its table files still exist). */
export type Extractor = (run: RunResult) => Readonly<Record<string, number>>;

/** An experiment: a reference scenario, shared overrides and the arms compared on each seed. */
export interface Experiment {
  readonly name: string;
  /** Scenario file, relative to the repository root (the working directory). */
  readonly scenario: string;
  readonly base: readonly string[];
  readonly arms: readonly Arm[];
  readonly extract?: Extractor;
}

/** arm -> measurement name -> values, index i = seeds[i]. */
export interface ArmResults {
  readonly seeds: readonly number[];
  readonly values: ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;
  /** Wall time of all runs, ms. */
  readonly wallMs: number;
  readonly runs: number;
}

/** Values of `measure` in `arm`, one per seed (throws on an unknown arm or measurement). */
export function valuesOf(r: ArmResults, arm: string, measure: string): number[] {
  const a = r.values.get(arm);
  const v = a?.get(measure);
  if (v === undefined) throw new Error(`no measurement ${measure} in arm ${arm}`);
  return [...v];
}

/** Seeds 1..n: the pinned seed list of a test. */
export function seedRange(n: number, first = 1): number[] {
  return Array.from({ length: n }, (_, i) => first + i);
}

/** Runs one scenario on one seed with overrides and hands the result to `use` before the tables are removed. */
export async function runOnce<T>(scenario: string, seed: number, set: readonly string[], use: (run: RunResult) => T): Promise<T> {
  const loaded = loadScenario(scenario, { seed, set });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gammaloop-science-'));
  try {
    const run = await runScenario({ loaded, outDir: dir, wallClockMs: () => performance.now(), writeManifest: false });
    return use(run);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs every arm of `e` on every seed; arms of one seed run back to back. */
export async function runExperiment(e: Experiment, seeds: readonly number[]): Promise<ArmResults> {
  const start = performance.now();
  const values = new Map<string, Map<string, number[]>>();
  for (const arm of e.arms) values.set(arm.name, new Map());
  let runs = 0;
  for (const seed of seeds) {
    for (const arm of e.arms) {
      const row = await runOnce(e.scenario, seed, [...e.base, ...arm.set], (run) => ({ ...run.metrics, ...(e.extract?.(run) ?? {}) }));
      runs++;
      const byMeasure = values.get(arm.name) as Map<string, number[]>;
      for (const [k, v] of Object.entries(row)) {
        const list = byMeasure.get(k) ?? [];
        list.push(v);
        byMeasure.set(k, list);
      }
    }
  }
  return { seeds, values, wallMs: performance.now() - start, runs };
}
