/**
 * Every reference scenario and the whole bad-scenario corpus through the BUILT CLI, as a user
 * runs them.
 * - `run scenarios/<each>.yaml --set clock.duration=<short>` exits 0 and writes every always-on
 *   table, summary and manifest (status complete, row counts matching the files, no `.tmp`).
 *   Exit 0 also means the run's money check held at every venue (runScenario throws, exit 1,
 *   when it does not). At every `accounts` sample, perp open long equals open short (in lots)
 *   at each venue and instrument: positions are conserved.
 * - Each bad fixture through `validate` and `run` exits 2, prints the located error
 *   (`file:line:col`, in the base or cycle partner where that is where the mistake is), and
 *   `run` creates no output directory. Which errors exactly is test/unit/scenario/badCorpus.
 * CLI processes run concurrently (each is mostly Node start-up), results asserted per case.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALL_TABLES } from '../../src/model/tables.js';
import { readArrowFile, readManifest } from '../../src/output/index.js';
import { loadScenario, type ResolvedScenario } from '../../src/scenario/index.js';
import { planWorld } from '../../src/scenario/world.js';
import { NS_PER_MIN } from '../../src/model/time.js';
import { ensureBuilt, MAIN, ROOT } from './helpers/cli.js';
import { referenceScenarios, stem, tempDir } from '../golden/runs.js';

const BAD_DIR = 'test/fixtures/scenarios/bad';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const tmp = tempDir('e2e-scenarios');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Done {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built CLI as a child process (piped stdio, no colour variables inherited). */
function cli(args: readonly string[]): Promise<Done> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !['NO_COLOR', 'FORCE_COLOR', 'CI', 'NODE_OPTIONS'].includes(k) && !k.startsWith('VITEST')) env[k] = v;
  }
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { cwd: ROOT, env, timeout: 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `jobs` with at most `width` at a time, results in job order. */
async function pool<T>(jobs: readonly (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < jobs.length; i = next++) out[i] = await (jobs[i] as () => Promise<T>)();
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return out;
}

/** A short run that still reaches every scheduled action: 2 minutes, or 1 minute past the last one. */
function shortDuration(s: ResolvedScenario): string {
  const lastAtNs = s.schedule.reduce((m, e) => Math.max(m, e.atNs), 0);
  const minutes = Math.max(2, Math.ceil(lastAtNs / NS_PER_MIN) + 1);
  return `${Math.min(minutes, Math.ceil(s.clock.durationNs / NS_PER_MIN))}m`;
}

interface ScenarioRun {
  readonly file: string;
  readonly scenario: ResolvedScenario;
  readonly duration: string;
  readonly out: string;
  readonly done: Done;
}

const SCENARIOS = referenceScenarios();
const ALWAYS = ALL_TABLES.filter((t) => !t.optional).map((t) => t.name);
let runs: ScenarioRun[] = [];

/** Fixtures whose first error is in a base or in the cycle partner they extend. */
const LOCATED_ELSEWHERE: Readonly<Record<string, string>> = {
  'error_in_base.yaml': '_broken_base.yaml',
  'cycle_a.yaml': 'cycle_b.yaml',
  'cycle_b.yaml': 'cycle_a.yaml',
};
/**
 * Bad fixtures (bases start with `_`): the file their first located error names, and whether they
 * extend `_base.yaml`. That base uses a test-only agent kind (`test_taker`, known to the unit
 * tests, not to the CLI) which the schema rejects first, so through the CLI a mistake inside an
 * agent group or one caught by the resolve step shows as that located error instead; the
 * mistakes themselves are checked by badCorpus.test.ts.
 */
const BAD = fs
  .readdirSync(path.join(ROOT, BAD_DIR))
  .filter((n) => n.endsWith('.yaml') && !n.startsWith('_'))
  .sort()
  .map((n) => ({
    file: `${BAD_DIR}/${n}`,
    locatedIn: `${BAD_DIR}/${LOCATED_ELSEWHERE[n] ?? n}`,
    extendsBase: /^extends: _base\.yaml$/m.test(fs.readFileSync(path.join(ROOT, BAD_DIR, n), 'utf8')),
  }));
const TEST_KIND_IN_BASE = new RegExp(`^${escape(`${BAD_DIR}/_base.yaml`)}:\\d+:\\d+ {2}agents\\.takers\\.kind: Unknown kind "test_taker"`, 'm');
/** Flag mistakes and a missing file: located at the flag or the path. */
const BAD_FLAGS = [
  { name: '--set unknown key', args: [`${BAD_DIR}/_base.yaml`, '--set', 'clock.durration=9h'], located: /^--set clock\.durration {2}clock: .*did you mean "duration"/m },
  { name: '--set unparsable value', args: ['scenarios/baseline.yaml', '--set', 'seed=[1,'], located: /^--set seed {2}.*cannot parse value/m },
  { name: 'missing file', args: [`${BAD_DIR}/no_such_file.yaml`], located: /^test\/fixtures\/scenarios\/bad\/no_such_file\.yaml {2}cannot read scenario file/m },
];
let badResults: { validate: Done; run: Done; out: string }[] = [];
let flagResults: { validate: Done; run: Done; out: string }[] = [];

beforeAll(async () => {
  ensureBuilt();
  const planned = SCENARIOS.map((file) => {
    const scenario = loadScenario(file).scenario;
    return { file, scenario, duration: shortDuration(scenario), out: path.join(tmp, 'runs', stem(file)) };
  });
  const badJobs = [...BAD.map((b) => [b.file]), ...BAD_FLAGS.map((f) => f.args)].map((args, i) => {
    const out = path.join(tmp, 'bad', String(i));
    return async () => ({ validate: await cli(['validate', ...args]), run: await cli(['run', ...args, '--out', out]), out });
  });
  const runJobs = planned.map((p) => async () => ({ ...p, done: await cli(['run', p.file, '--set', `clock.duration=${p.duration}`, '--out', p.out, '--quiet']) }));
  const [scenarioRuns, bad] = await Promise.all([pool(runJobs, 2), pool(badJobs, 3)]);
  runs = scenarioRuns;
  badResults = bad.slice(0, BAD.length);
  flagResults = bad.slice(BAD.length);
}, 180_000);

describe('every reference scenario runs through the CLI (shortened)', () => {
  test.each(SCENARIOS)('%s exits 0 and writes every table, summary and manifest', (file) => {
    const r = runs.find((x) => x.file === file) as ScenarioRun;
    expect(r.done.code, r.done.stderr).toBe(0);
    expect(r.done.stdout).toBe('');
    const manifest = readManifest(r.out);
    expect(manifest.status).toBe('complete');
    expect(manifest.error).toBeNull();
    expect(manifest.seed).toBe(r.scenario.seed);
    expect(manifest.sim_time_ns).toBe(Number.parseInt(r.duration, 10) * NS_PER_MIN);
    const written = fs.readdirSync(r.out).sort();
    expect(written).toEqual([...ALWAYS.map((t) => `${t}.arrow`), 'manifest.json', 'summary.arrow'].sort());
    expect(Object.keys(manifest.rows).sort()).toEqual([...ALWAYS, 'summary'].sort());
    for (const [t, rows] of Object.entries(manifest.rows)) expect(readArrowFile(path.join(r.out, `${t}.arrow`)).numRows, t).toBe(rows);
    expect(manifest.rows['trades']).toBeGreaterThan(0);
    expect(manifest.rows['summary']).toBe(1);
  });

  test.each(SCENARIOS)('%s: perp open long equals open short at every accounts sample', (file) => {
    const r = runs.find((x) => x.file === file) as ScenarioRun;
    expect(r.done.code, r.done.stderr).toBe(0);
    // "venue|instrument" -> lot size; instrument as the output dictionary names it (venue-qualified when symbols repeat).
    const plan = planWorld(r.scenario);
    const perps = new Map<string, number>();
    r.scenario.venues.forEach((v, vi) =>
      v.instruments.forEach((i, ii) => {
        const name = plan.instrumentNames[plan.instrumentDictIndex[vi]?.[ii] as number];
        if (i.type === 'perp') perps.set(`${v.name}|${name}`, i.lotSize);
      }),
    );
    const acc = readArrowFile(path.join(r.out, 'accounts.arrow'));
    if (perps.size === 0) {
      // A spot-only scenario (abides-rmsc04-like) has no perp accounts to balance.
      expect(acc.numRows).toBe(0);
      return;
    }
    expect(acc.numRows).toBeGreaterThan(0);
    const [t, venue, instrument, position] = (['t_ns', 'venue', 'instrument', 'position'] as const).map((c) => acc.column(c));
    const net = new Map<string, { long: number; short: number }>();
    for (let k = 0; k < acc.numRows; k++) {
      const key = `${String(venue?.[k])}|${String(instrument?.[k])}`;
      const lot = perps.get(key);
      expect(lot, `accounts row for a perp: ${key}`).toBeDefined();
      const lots = Math.round((position?.[k] as number) / (lot as number));
      const at = `${String(t?.[k])}|${key}`;
      const n = net.get(at) ?? { long: 0, short: 0 };
      if (lots > 0) n.long += lots;
      else n.short -= lots;
      net.set(at, n);
    }
    const unbalanced = [...net].filter(([, n]) => n.long !== n.short);
    expect(unbalanced, 'samples where open long != open short (lots)').toEqual([]);
    const last = Math.max(...(t as number[]));
    expect(last, 'a sample at the end of the run').toBe(Number.parseInt(r.duration, 10) * NS_PER_MIN);
    expect([...net].some(([k, n]) => k.startsWith(`${last}|`) && n.long > 0), 'open interest at the end').toBe(true);
  });
});

describe('the bad-scenario corpus through the CLI', () => {
  test('the corpus is there', () => expect(BAD.length).toBeGreaterThanOrEqual(20));

  test.each(BAD.map((b, i) => [b.file, i] as const))('%s: validate and run exit 2, located, nothing written', (_file, i) => {
    const { validate, run, out } = badResults[i] as (typeof badResults)[number];
    const bad = BAD[i] as (typeof BAD)[number];
    const located = new RegExp(`^${escape(bad.locatedIn)}:\\d+:\\d+ {2}\\S`, 'm');
    for (const [cmd, r] of [['validate', validate], ['run', run]] as const) {
      expect(r.code, `${cmd}: ${r.stderr}`).toBe(2);
      const where = located.test(r.stderr) || (bad.extendsBase && TEST_KIND_IN_BASE.test(r.stderr));
      expect(where, `${cmd}: a located error in ${bad.locatedIn}${bad.extendsBase ? ' or the base\'s test kind' : ''}:\n${r.stderr}`).toBe(true);
      expect(r.stdout, cmd).toBe('');
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  test.each(BAD_FLAGS.map((f, i) => [f.name, i] as const))('%s: validate and run exit 2, located at the flag, nothing written', (_name, i) => {
    const { validate, run, out } = flagResults[i] as (typeof flagResults)[number];
    for (const [cmd, r] of [['validate', validate], ['run', run]] as const) {
      expect(r.code, `${cmd}: ${r.stderr}`).toBe(2);
      expect(r.stderr, cmd).toMatch((BAD_FLAGS[i] as (typeof BAD_FLAGS)[number]).located);
    }
    expect(fs.existsSync(out)).toBe(false);
  });
});
