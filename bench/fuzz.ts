/**
 * `npm run fuzz -- [--runs N | --minutes M] [--seed S] [--mutate] [--max-duration SECONDS]
 * [--max-count N] [--fixtures DIR]`: the long mode of the simulation fuzzer (the CI-sized run is
 * test/property/fuzz.test.ts). Runs cases S, S+1, ... (each case number reproduces its scenario
 * and seed) until N cases or M minutes, prints one line per non-ok case with the integer that
 * reproduces it, a tally at the end, and saves every failing scenario as
 * `<fixtures>/case-<n>.yaml` (with the failure as a comment) for a regression test.
 * `--mutate` runs the YAML mutation mode instead. Exit 1 when any case failed.
 *
 * Each scenario case runs in a child process (fuzz/caseWorker.ts) killed after `--case-timeout-ms`
 * (default: twice the per-run budget plus 30 s, as a case runs twice): the per-run budget is only
 * polled between kernel slices, so a case whose one slice never returns would otherwise hang the
 * fuzzer. A killed case is a failure (`hang`), reported with the integer that reproduces it.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FuzzOutcome, FuzzStatus } from './fuzz/check.js';
import { generate } from './fuzz/generate.js';
import { mutationCase } from './fuzz/mutate.js';
import { stringify } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const num = (name: string, dflt: number): number => {
  const v = flag(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number, got ${v}`);
    process.exit(2);
  }
  return n;
};

const seed = num('seed', 1);
const minutes = flag('minutes') === undefined ? undefined : num('minutes', 0);
const runs = flag('runs') === undefined ? (minutes === undefined ? 200 : Number.POSITIVE_INFINITY) : num('runs', 200);
const fixtures = path.resolve(flag('fixtures') ?? path.join(ROOT, 'test/fixtures/fuzz'));
const mutateMode = process.argv.includes('--mutate');
const wall = (): number => performance.now();
const deadline = minutes === undefined ? Number.POSITIVE_INFINITY : wall() + minutes * 60_000;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-fuzz-'));
const tally = new Map<string, number>();
const failures: number[] = [];
let n = 0;

console.log(`gammaloop fuzz ${mutateMode ? '(YAML mutations)' : '(random valid scenarios)'}: cases from ${seed}, ${Number.isFinite(runs) ? `${runs} cases` : `${minutes} min`}; failing scenarios -> ${fixtures}`);
try {
  for (let c = seed; n < runs && wall() < deadline; c++, n++) {
    if (mutateMode) {
      const o = mutationCase(c, path.join(ROOT, 'scenarios'), workDir);
      tally.set(o.status, (tally.get(o.status) ?? 0) + 1);
      if (o.status === 'fail') {
        failures.push(c);
        console.log(`FAIL mutation case ${c} (${o.mutation}): ${o.message}   reproduce: npm run fuzz -- --mutate --seed ${c} --runs 1`);
        save(`mutant-${c}.yaml`, o.yaml, `${o.mutation}: ${o.message}`);
      }
      continue;
    }
    const budgetMs = num('budget-ms', 60_000);
    const o = await caseInChild(c, {
      scenariosDir: path.join(ROOT, 'scenarios'),
      maxDurationS: num('max-duration', 60),
      maxCount: num('max-count', 50),
      workDir,
      determinism: true,
      budgetMs,
    }, num('case-timeout-ms', 2 * budgetMs + 30_000));
    tally.set(o.status, (tally.get(o.status) ?? 0) + 1);
    if (o.status !== 'ok' && o.status !== 'rejected') {
      console.log(`${o.status.toUpperCase()} case ${c} (from ${o.base}): ${o.message}   reproduce: npm run fuzz -- --seed ${c} --runs 1`);
    }
    if (o.status === 'fail' || o.status === 'hang') {
      failures.push(c);
      save(`case-${c}.yaml`, o.yaml, o.message);
    }
    if ((n + 1) % 50 === 0) console.log(`... ${n + 1} cases, ${summary()}`);
  }
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
console.log(`${n} cases: ${summary()}${failures.length > 0 ? `; failing cases: ${failures.slice(0, 50).join(', ')}` : ''}`);
process.exitCode = failures.length > 0 ? 1 : 0;

function summary(): string {
  const order: (FuzzStatus | 'loads' | 'hang')[] = ['ok', 'loads', 'rejected', 'slow', 'hang', 'fail'];
  return order.filter((s) => tally.has(s)).map((s) => `${tally.get(s)} ${s}`).join(', ');
}

/** Runs case `c` in a child process, killed (by its pid) after `timeoutMs` of wall time. */
function caseInChild(c: number, opts: Record<string, unknown>, timeoutMs: number): Promise<Omit<FuzzOutcome, 'status'> & { status: FuzzStatus | 'hang' }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), 'fuzz', 'caseWorker.js'), String(c), JSON.stringify(opts)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (!killed && code === 0 && line.startsWith('{')) {
        resolve(JSON.parse(line) as FuzzOutcome);
        return;
      }
      // The child did not report: regenerate the scenario here (a case number is its scenario).
      const g = generate(c, opts as unknown as Parameters<typeof generate>[1]);
      fs.rmSync(path.join(workDir, `case-${c}`), { recursive: true, force: true });
      const why = killed ? `no result after ${timeoutMs} ms of wall time (killed)` : `the case process exited ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`;
      resolve({ caseNo: c, base: g.base, status: killed ? 'hang' : 'fail', message: why, yaml: stringify(g.scenario) });
    });
  });
}

function save(name: string, yaml: string, why: string): void {
  fs.mkdirSync(fixtures, { recursive: true });
  fs.writeFileSync(path.join(fixtures, name), `# fuzz failure: ${why.replace(/\n/g, ' ')}\n${yaml}`);
}
