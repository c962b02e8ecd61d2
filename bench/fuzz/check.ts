/**
 * One fuzz case end to end: generate the scenario (generate.ts), write it as YAML, load it (a
 * rejection must be a located ScenarioError), run it (twice when checking determinism) and check
 * the invariants on the tables:
 *  - the run completes, or stops on the wall-time budget (`slow`, reported apart: a run that is
 *    merely long is not a crash); any exception is a failure;
 *  - the money check the run makes at the end (clearing total = deposits, spot books flat) holds
 *    (runScenario throws otherwise);
 *  - positions are conserved: at every `accounts` sample the positions of every (venue,
 *    instrument) sum to zero (flat accounts are omitted from the table, and contribute zero);
 *  - NaN only where the table spec documents it (no column is nullable and a missing float is
 *    NaN, docs/output.md: e.g. `bid` of an empty side, the metrics of `summary` that cannot be
 *    computed), `book.last` only before the first trade, `liquidations.fill_price` and
 *    `hedges.slippage` only for events they do not describe;
 *  - the same case twice gives byte-identical tables.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { ALL_TABLES } from '../../src/model/tables.js';
import { readArrowFile } from '../../src/output/index.js';
import { runScenario } from '../../src/run/index.js';
import { ScenarioError, loadScenario } from '../../src/scenario/index.js';
import { generate, type GenOptions } from './generate.js';

export type FuzzStatus = 'ok' | 'rejected' | 'slow' | 'fail';

export interface FuzzOutcome {
  readonly caseNo: number;
  readonly base: string;
  readonly status: FuzzStatus;
  /** Why (the validation errors of a rejection, the failure). */
  readonly message: string;
  /** The generated scenario as YAML (saved as a fixture when it fails). */
  readonly yaml: string;
}

export interface CheckOptions extends GenOptions {
  /** Scratch directory (one sub-directory per case, removed after). */
  readonly workDir: string;
  /** Run twice and compare bytes. */
  readonly determinism: boolean;
  /** Wall-time budget per run in ms (then `slow`). */
  readonly budgetMs: number;
  /** Wall clock in ms (only for the budget). */
  readonly wallClockMs: () => number;
}

/** Table name -> bytes of every `.arrow` file in `dir`. */
function tableBytes(dir: string): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).filter((f) => f.endsWith('.arrow')).sort().map((f) => [f, fs.readFileSync(path.join(dir, f))] as const));
}

/** Columns whose description documents NaN (`table.column`). */
const NAN_DOCUMENTED = new Set(ALL_TABLES.flatMap((t) => t.columns.filter((c) => /NaN/.test(c.description)).map((c) => `${t.name}.${c.name}`)));

const EVENT_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'liquidations.fill_price': ['fill', 'adl'], // "Fill price (fill, adl)."
  'hedges.slippage': ['fill'], // "... positive = cost (fills)."
};

/** The rows of column `name` where NaN is allowed besides documented columns, or 'all'. */
function nanAllowed(table: string, t: ReturnType<typeof readArrowFile>, column: string): ((row: number) => boolean) | 'all' {
  if (table === 'summary' || NAN_DOCUMENTED.has(`${table}.${column}`)) return 'all';
  if (table === 'book' && column === 'last') {
    // NaN until the first trade of the book's instrument.
    const last = t.numbers('last');
    const ins = t.column('instrument');
    const traded = new Set<unknown>();
    const ok = new Uint8Array(t.numRows);
    for (let i = 0; i < t.numRows; i++) {
      if (Number.isFinite(last[i])) traded.add(ins[i]);
      ok[i] = traded.has(ins[i]) ? 0 : 1;
    }
    return (row) => ok[row] === 1;
  }
  // Columns that hold a value only for some events (their descriptions say which, in brackets).
  const onlyFor = EVENT_COLUMNS[`${table}.${column}`];
  if (onlyFor !== undefined) {
    const event = t.column('event');
    return (row) => !onlyFor.includes(String(event[row]));
  }
  return () => false;
}

/** Invariant violations of one finished run's tables. */
export function tableViolations(dir: string): string[] {
  const out: string[] = [];
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.arrow')).sort()) {
    const t = readArrowFile(path.join(dir, f));
    const table = f.slice(0, -'.arrow'.length);
    for (const field of t.fields) {
      if (field.nullable || !/Float/.test(field.type)) continue;
      const allowed = nanAllowed(table, t, field.name);
      if (allowed === 'all') continue;
      const xs = t.numbers(field.name);
      for (let i = 0; i < xs.length; i++) {
        if (Number.isNaN(xs[i]) && !allowed(i)) {
          out.push(`${f}: NaN in column ${field.name} at row ${i} (not documented as possible)`);
          break;
        }
      }
    }
  }
  const accounts = path.join(dir, 'accounts.arrow');
  if (fs.existsSync(accounts)) {
    const a = readArrowFile(accounts);
    const t = a.numbers('t_ns');
    const venue = a.column('venue');
    const ins = a.column('instrument');
    const pos = a.numbers('position');
    const sums = new Map<string, { sum: number; abs: number }>();
    for (let i = 0; i < a.numRows; i++) {
      const k = `${t[i]}|${String(venue[i])}|${String(ins[i])}`;
      const s = sums.get(k) ?? { sum: 0, abs: 0 };
      s.sum += pos[i] as number;
      s.abs += Math.abs(pos[i] as number);
      sums.set(k, s);
    }
    for (const [k, s] of sums) {
      // Positions are integer lots times the lot size in float: allow float rounding only.
      if (Math.abs(s.sum) > 1e-9 * Math.max(1, s.abs)) {
        out.push(`accounts.arrow: positions at (t_ns|venue|instrument) ${k} sum to ${s.sum}, not 0`);
        break;
      }
    }
  }
  return out;
}

async function runOnce(file: string, outDir: string, opts: CheckOptions): Promise<'complete' | 'slow'> {
  const loaded = loadScenario(file);
  const start = opts.wallClockMs();
  const r = await runScenario({ loaded, outDir, wallClockMs: opts.wallClockMs, shouldStop: () => opts.wallClockMs() - start > opts.budgetMs });
  return r.status === 'complete' ? 'complete' : 'slow';
}

/** Runs fuzz case `caseNo`. Never throws for the case's own failure. */
export async function fuzzCase(caseNo: number, opts: CheckOptions): Promise<FuzzOutcome> {
  const g = generate(caseNo, opts);
  const yaml = stringify(g.scenario);
  const dir = path.join(opts.workDir, `case-${caseNo}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'scenario.yaml');
  fs.writeFileSync(file, yaml);
  const done = (status: FuzzStatus, message: string): FuzzOutcome => {
    fs.rmSync(dir, { recursive: true, force: true });
    return { caseNo, base: g.base, status, message, yaml };
  };
  try {
    loadScenario(file);
  } catch (err) {
    if (err instanceof ScenarioError) {
      const unlocated = err.issues.filter((i) => i.source === file && i.line === undefined && i.path !== '');
      if (unlocated.length > 0) return done('fail', `validation error without a line: ${unlocated.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      return done('rejected', err.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    }
    return done('fail', `loading threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  }
  try {
    const first = await runOnce(file, path.join(dir, 'a'), opts);
    if (first === 'slow') return done('slow', `over ${opts.budgetMs} ms of wall time`);
    const violations = tableViolations(path.join(dir, 'a'));
    if (violations.length > 0) return done('fail', violations.join('; '));
    if (opts.determinism) {
      if ((await runOnce(file, path.join(dir, 'b'), opts)) === 'slow') return done('slow', `second run over ${opts.budgetMs} ms of wall time`);
      const a = tableBytes(path.join(dir, 'a'));
      const b = tableBytes(path.join(dir, 'b'));
      const differ = [...new Set([...a.keys(), ...b.keys()])].filter((k) => !(a.get(k)?.equals(b.get(k) ?? Buffer.alloc(0)) ?? false));
      if (differ.length > 0) return done('fail', `the same seed twice gave different bytes in ${differ.join(', ')}`);
    }
    return done('ok', '');
  } catch (err) {
    return done('fail', `the run threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  }
}
