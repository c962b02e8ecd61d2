/**
 * In-process runs for the run-level tests (golden digests, determinism, interop, conservation):
 * load a scenario file with `--set` overrides and run it with runScenario into a directory.
 * The reference scenarios are every `*.yaml` in scenarios/, so a new one is picked up by name.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario, type RunRequest, type RunResult } from '../../src/run/runScenario.js';
import { loadScenario, type LoadedScenario } from '../../src/scenario/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCENARIO_DIR = 'scenarios';
export const GOLDEN_DIR = path.join(ROOT, 'test/golden');

/** Reference scenario files (relative to ROOT), sorted by name. */
export function referenceScenarios(): string[] {
  return fs
    .readdirSync(path.join(ROOT, SCENARIO_DIR))
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => `${SCENARIO_DIR}/${n}`);
}

/** `scenarios/baseline.yaml` -> `baseline`. */
export const stem = (file: string): string => path.basename(file, '.yaml');

/** A fresh temporary directory (the caller removes it). */
export const tempDir = (label: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `gammaloop-${label}-`));

export interface InProcessRun {
  readonly loaded: LoadedScenario;
  readonly result: RunResult;
}

/** Loads `file` (relative to ROOT) with `set` (and `seed` if given) and runs it into `outDir`. */
export async function runIn(
  file: string,
  outDir: string,
  options: { readonly set?: readonly string[]; readonly seed?: number } & Partial<Pick<RunRequest, 'trace' | 'pathFor' | 'writeManifest'>> = {},
): Promise<InProcessRun> {
  // Relative paths, as a user types them: the scenario's errors and hash must not depend on the checkout's location.
  const loaded = loadScenario(path.relative(process.cwd(), path.join(ROOT, file)) || file, {
    set: options.set ?? [],
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const result = await runScenario({
    loaded,
    outDir,
    wallClockMs: () => Date.now(),
    ...(options.trace !== undefined ? { trace: options.trace } : {}),
    ...(options.pathFor !== undefined ? { pathFor: options.pathFor } : {}),
    ...(options.writeManifest !== undefined ? { writeManifest: options.writeManifest } : {}),
  });
  return { loaded, result };
}

/** Bytes of every table file a run wrote, by table name. */
export function tableBytes(result: RunResult): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const t of Object.keys(result.files).sort()) out.set(t, fs.readFileSync(result.files[t] as string));
  return out;
}
