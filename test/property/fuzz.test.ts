/**
 * The simulation fuzzer, CI-sized (issue 16): fast-check draws case numbers; each case is a random
 * valid scenario from the schema (bench/fuzz/generate.ts: every plain agent kind, venue options,
 * schedule entries, values at the schema's bounds), run briefly and twice. Property: it either
 * runs with its invariants holding (money conserved, positions summing to zero at every accounts
 * sample, NaN only where documented, identical bytes for the same seed) or is rejected at
 * validation with located errors; never an exception. The mutation mode damages reference YAML
 * and requires located errors. A failure prints the case number: `npm run fuzz -- --seed N --runs 1`
 * reproduces it. The long mode (`npm run fuzz -- --minutes 30`) saves failing cases under
 * test/fixtures/fuzz/, which the last test replays.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fuzzCase } from '../../bench/fuzz/check.js';
import { mutationCase } from '../../bench/fuzz/mutate.js';
import { ScenarioError, loadScenario } from '../../src/scenario/index.js';
import { runScenario } from '../../src/run/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-fuzz-test-'));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe('simulation fuzzer', () => {
  it('random valid scenarios run clean or are rejected with located errors (5 cases, fixed seed)', async () => {
    const seen: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (caseNo) => {
        const o = await fuzzCase(caseNo, {
          scenariosDir: path.join(ROOT, 'scenarios'),
          maxDurationS: 3,
          maxCount: 8,
          workDir,
          determinism: true,
          budgetMs: 20_000,
          wallClockMs: () => performance.now(),
        });
        seen.push(o.status);
        if (o.status === 'fail') throw new Error(`fuzz case ${caseNo} (from ${o.base}) failed: ${o.message}\nreproduce: npm run fuzz -- --seed ${caseNo} --runs 1`);
      }),
      { seed: 16, numRuns: 5, endOnFailure: true },
    );
    // The property cannot pass on rejections alone.
    expect(seen.filter((s) => s === 'ok').length, seen.join(',')).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('damaged YAML is rejected with a line for every issue, or still loads (40 mutants)', () => {
    const statuses: string[] = [];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (caseNo) => {
        const o = mutationCase(caseNo, path.join(ROOT, 'scenarios'), workDir);
        statuses.push(o.status);
        if (o.status === 'fail') throw new Error(`mutation case ${caseNo} (${o.mutation}): ${o.message}\nreproduce: npm run fuzz -- --mutate --seed ${caseNo} --runs 1`);
      }),
      { seed: 16, numRuns: 40, endOnFailure: true },
    );
    expect(statuses.filter((s) => s === 'rejected').length).toBeGreaterThan(10);
  }, 60_000);

  const fixtures = path.join(ROOT, 'test/fixtures/fuzz');
  const saved = fs.existsSync(fixtures) ? fs.readdirSync(fixtures).filter((f) => f.endsWith('.yaml')) : [];
  if (saved.length > 0) {
    it.each(saved)('a saved failing case now runs or is rejected with located errors: %s', async (name) => {
      const file = path.join(fixtures, name);
      try {
        const loaded = loadScenario(file, { set: ['clock.duration=5s'] });
        const r = await runScenario({ loaded, outDir: path.join(workDir, name), wallClockMs: () => 0 });
        expect(r.status).toBe('complete');
      } catch (err) {
        expect(err).toBeInstanceOf(ScenarioError);
        for (const i of (err as ScenarioError).issues) expect(i.line !== undefined || i.path === '', `${i.path}: ${i.message}`).toBe(true);
      }
    }, 60_000);
  }
});
