/**
 * Golden digests (issue 9): every reference scenario in scenarios/ is run in process at its own
 * seed (with the `--set` overrides its golden file records, if any) and compared with the
 * committed test/golden/<scenario>.json: the sha256 of every table file and every summary
 * metric. On drift the test fails with which tables changed and which metrics moved, from what
 * to what. `GAMMALOOP_UPDATE_GOLDEN=1 npx vitest run test/golden/golden.test.ts` (npm run
 * golden:update) rewrites the files instead; commit them saying why results changed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { writeFileAtomic } from '../../src/output/index.js';
import { compareGolden, formatDrift, goldenJson, goldenOf, parseGolden, type GoldenRecord } from '../../src/run/golden.js';
import { GOLDEN_DIR, referenceScenarios, runIn, stem, tempDir } from './runs.js';

const UPDATE = process.env['GAMMALOOP_UPDATE_GOLDEN'] === '1';
const SCENARIOS = referenceScenarios();
const tmp = tempDir('golden');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const goldenFile = (scenarioFile: string): string => path.join(GOLDEN_DIR, `${stem(scenarioFile)}.json`);

function committed(scenarioFile: string): GoldenRecord | null {
  const file = goldenFile(scenarioFile);
  return fs.existsSync(file) ? parseGolden(fs.readFileSync(file, 'utf8'), file) : null;
}

/** The overrides a golden file records; an update reads them from a file of an older layout too. */
function recordedSet(scenarioFile: string): readonly string[] {
  if (!UPDATE) return committed(scenarioFile)?.set ?? [];
  const file = goldenFile(scenarioFile);
  if (!fs.existsSync(file)) return [];
  const set = (JSON.parse(fs.readFileSync(file, 'utf8')) as { set?: unknown }).set;
  return Array.isArray(set) ? set.map(String) : [];
}

/** Runs the scenario as its golden file says (its seed, its recorded overrides). */
async function digest(scenarioFile: string, set: readonly string[], label: string): Promise<GoldenRecord> {
  const { loaded, result } = await runIn(scenarioFile, path.join(tmp, label), { set });
  return goldenOf(result, { name: loaded.scenario.name, file: scenarioFile, set });
}

describe('golden digests of the reference scenarios', () => {
  test('there are reference scenarios, each with a golden file and no golden file without one', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(5);
    const stems = new Set(SCENARIOS.map(stem));
    const goldens = fs.readdirSync(GOLDEN_DIR).filter((n) => n.endsWith('.json')).map((n) => path.basename(n, '.json'));
    if (UPDATE) {
      // A scenario that was removed takes its golden file with it.
      for (const g of goldens) if (!stems.has(g)) fs.rmSync(path.join(GOLDEN_DIR, `${g}.json`));
      return;
    }
    expect(goldens.filter((g) => !stems.has(g)), 'golden files without a scenario (run npm run golden:update)').toEqual([]);
  });

  test.each(SCENARIOS)('%s matches its golden digest', async (scenarioFile) => {
    // Overrides recorded in the golden file are kept by an update (e.g. a pinned shorter duration).
    const set = recordedSet(scenarioFile);
    const actual = await digest(scenarioFile, set, stem(scenarioFile));
    expect(actual.seed).toBe(actual.seed >>> 0);
    expect(actual.rows['trades'], 'a golden run must trade').toBeGreaterThan(0);
    if (UPDATE) {
      // Atomic: another test file (drift.test.ts) may be reading a golden file meanwhile.
      writeFileAtomic(goldenFile(scenarioFile), goldenJson(actual));
      return;
    }
    const before = committed(scenarioFile);
    if (before === null) throw new Error(`no golden file ${path.relative(process.cwd(), goldenFile(scenarioFile))}: run npm run golden:update`);
    const drift = compareGolden(before, actual);
    if (!drift.same) throw new Error(formatDrift(actual.scenario, drift));
    expect(drift.same).toBe(true);
  }, 60_000);
});
