/**
 * Golden digests of a run: the sha256 of every table file a run wrote plus its summary metrics
 * (NaN and Infinity as null), and a comparison that says what drifted in words a maintainer can
 * act on (which tables changed, which metrics moved from what to what, absolute and relative).
 * The golden test and `npm run golden:update` share this; nothing here runs a simulation.
 *
 * Units: metrics keep the units of analysis/metrics.ts; sizes of files are not recorded (the
 * digest is of the bytes).
 */
import { readFileSync } from 'node:fs';
import { sha256Hex } from '../output/index.js';
import { jsonMetrics, type RunResult } from './runScenario.js';
import { GAMMALOOP_VERSION } from './version.js';

/** Layout version of a golden file. */
export const GOLDEN_VERSION = 1;

/** One committed golden file (test/golden/<scenario>.json). */
export interface GoldenRecord {
  readonly golden_version: number;
  /** The scenario's `name`. */
  readonly scenario: string;
  /** The scenario file, relative to the repository root. */
  readonly file: string;
  /** `--set` overrides the golden run used (e.g. a shorter `clock.duration`), in order. */
  readonly set: readonly string[];
  /** The seed of the run (the file's own seed: golden runs never pass --seed). */
  readonly seed: number;
  readonly scenario_sha256: string;
  /** gammaloop version: it is in every table's schema metadata, so a bump changes every digest. */
  readonly gammaloop_version: string;
  readonly events: number;
  readonly sim_time_ns: number;
  /** Table name -> row count. */
  readonly rows: Readonly<Record<string, number>>;
  /** Table name -> sha256 (hex) of the file's bytes. */
  readonly tables: Readonly<Record<string, string>>;
  /**
   * Table name -> sha256 of the bytes with the scenario hash (in the schema metadata) masked: it
   * tells a change of results from a change of the resolved scenario that moved nothing else.
   */
  readonly data: Readonly<Record<string, string>>;
  /** Summary metric -> value (null where the metric is NaN or infinite). */
  readonly metrics: Readonly<Record<string, number | null>>;
}

/** The digest of a finished run. */
export function goldenOf(result: RunResult, scenario: { readonly name: string; readonly file: string; readonly set: readonly string[] }): GoldenRecord {
  const names = Object.keys(result.files).sort();
  const tables: Record<string, string> = {};
  const data: Record<string, string> = {};
  const rows: Record<string, number> = {};
  for (const t of names) {
    const bytes = readFileSync(result.files[t] as string);
    tables[t] = sha256Hex(bytes);
    data[t] = sha256Hex(maskScenarioHash(bytes, result.scenarioSha256));
    rows[t] = result.rows[t] as number;
  }
  return {
    golden_version: GOLDEN_VERSION,
    scenario: scenario.name,
    file: scenario.file,
    set: [...scenario.set],
    seed: result.seed,
    scenario_sha256: result.scenarioSha256,
    gammaloop_version: GAMMALOOP_VERSION,
    events: result.events,
    sim_time_ns: result.simTimeNs,
    rows,
    tables,
    data,
    metrics: jsonMetrics(result.metrics),
  };
}

/** A copy of `bytes` with every occurrence of the (ASCII hex) scenario hash replaced by `x`s. */
export function maskScenarioHash(bytes: Uint8Array, scenarioSha256: string): Buffer {
  const needle = Buffer.from(scenarioSha256, 'latin1');
  const out = Buffer.from(bytes);
  for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at + needle.length)) out.fill('x', at, at + needle.length);
  return out;
}

/** A golden file's text: two-space JSON, keys in the record's order, trailing newline. */
export function goldenJson(record: GoldenRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** Parses a golden file's text; throws on a layout it does not know (a broken invariant). */
export function parseGolden(text: string, source: string): GoldenRecord {
  const r = JSON.parse(text) as GoldenRecord;
  if (r.golden_version !== GOLDEN_VERSION || typeof r.tables !== 'object' || typeof r.data !== 'object' || typeof r.metrics !== 'object' || !Array.isArray(r.set)) {
    throw new Error(`${source}: not a golden file of version ${GOLDEN_VERSION}`);
  }
  return r;
}

export interface TableDrift {
  readonly table: string;
  /** null when the table is absent on that side. */
  readonly fromSha256: string | null;
  readonly toSha256: string | null;
  readonly fromRows: number | null;
  readonly toRows: number | null;
  /** True when the bytes differ only in the scenario hash of the schema metadata. */
  readonly dataSame: boolean;
}

export interface MetricDrift {
  readonly metric: string;
  /** null: NaN (or absent) on that side. */
  readonly from: number | null;
  readonly to: number | null;
  /** to - from, null when either side is null. */
  readonly absolute: number | null;
  /** (to - from) / |from|, null when either side is null or from is 0. */
  readonly relative: number | null;
}

export interface GoldenDrift {
  /** True when nothing differs. */
  readonly same: boolean;
  /** Header fields that differ (seed, scenario_sha256, set, events, ...): [field, from, to]. */
  readonly header: readonly (readonly [string, string, string])[];
  readonly tables: readonly TableDrift[];
  readonly metrics: readonly MetricDrift[];
}

const HEADER_FIELDS = ['scenario', 'seed', 'set', 'scenario_sha256', 'gammaloop_version', 'events', 'sim_time_ns'] as const;

/** What differs between the committed record (`expected`) and a fresh run (`actual`). */
export function compareGolden(expected: GoldenRecord, actual: GoldenRecord): GoldenDrift {
  const header: [string, string, string][] = [];
  for (const f of HEADER_FIELDS) {
    const a = JSON.stringify(expected[f]);
    const b = JSON.stringify(actual[f]);
    if (a !== b) header.push([f, a, b]);
  }
  const tables: TableDrift[] = [];
  for (const t of unionSorted(Object.keys(expected.tables), Object.keys(actual.tables))) {
    const from = expected.tables[t] ?? null;
    const to = actual.tables[t] ?? null;
    if (from === to) continue;
    const dataSame = expected.data[t] !== undefined && expected.data[t] === actual.data[t];
    tables.push({ table: t, fromSha256: from, toSha256: to, fromRows: expected.rows[t] ?? null, toRows: actual.rows[t] ?? null, dataSame });
  }
  const metrics: MetricDrift[] = [];
  for (const m of unionSorted(Object.keys(expected.metrics), Object.keys(actual.metrics))) {
    const from = expected.metrics[m] ?? null;
    const to = actual.metrics[m] ?? null;
    // Exact comparison: a deterministic run reproduces every double bit for bit.
    if (from === to) continue;
    const absolute = from !== null && to !== null ? to - from : null;
    const relative = absolute !== null && from !== null && from !== 0 ? absolute / Math.abs(from) : null;
    metrics.push({ metric: m, from, to, absolute, relative });
  }
  return { same: header.length === 0 && tables.length === 0 && metrics.length === 0, header, tables, metrics };
}

/** A readable account of a drift, for a failing test (empty string when nothing differs). */
export function formatDrift(name: string, drift: GoldenDrift): string {
  if (drift.same) return '';
  const lines = [`golden drift in scenario ${name}:`];
  for (const [f, a, b] of drift.header) lines.push(`  ${f}: ${a} -> ${b}`);
  if (drift.tables.length > 0) {
    lines.push(`  tables changed (${drift.tables.length}):`);
    for (const t of drift.tables) {
      const rows = t.fromRows === t.toRows ? `rows ${t.toRows ?? '-'} (same count, other bytes)` : `rows ${t.fromRows ?? 'absent'} -> ${t.toRows ?? 'absent'}`;
      const only = t.dataSame ? ' (only the scenario hash in the schema metadata differs)' : '';
      lines.push(`    ${t.table}: ${rows}; sha256 ${short(t.fromSha256)} -> ${short(t.toSha256)}${only}`);
    }
  }
  if (drift.metrics.length > 0) {
    lines.push(`  metrics moved (${drift.metrics.length}):`);
    for (const m of drift.metrics) {
      const abs = m.absolute === null ? '' : `  (${m.absolute >= 0 ? '+' : ''}${num(m.absolute)}`;
      const rel = m.absolute === null ? '' : m.relative === null ? ')' : `, ${m.relative >= 0 ? '+' : ''}${(m.relative * 100).toPrecision(3)}%)`;
      lines.push(`    ${m.metric}: ${num(m.from)} -> ${num(m.to)}${abs}${rel}`);
    }
  } else if (drift.tables.length > 0) {
    lines.push('  no summary metric moved');
  }
  if (drift.tables.length > 0 && drift.metrics.length === 0 && drift.tables.every((t) => t.dataSame)) {
    lines.push('  results unchanged: only the resolved scenario (and so its hash) changed');
  }
  lines.push('  If the change is intended: npm run golden:update, and say why results changed in the commit.');
  return lines.join('\n');
}

function num(v: number | null): string {
  return v === null ? 'NaN' : String(v);
}

function short(sha: string | null): string {
  return sha === null ? 'absent' : sha.slice(0, 12);
}

function unionSorted(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
