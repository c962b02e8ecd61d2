/**
 * The simulation fuzzer's scenario generator: one integer (the case number) -> one random *valid*
 * scenario (a plain object, as YAML would give). It starts from a reference scenario, walks the
 * scenario's JSON Schema (the one `gammaloop schema` prints, so every bound the schema states is
 * the bound drawn against) and redraws agent and venue parameters within their bounds, often at
 * the extremes (the minimum, the maximum, just above an exclusive minimum), adds agent groups of
 * every plain kind and schedule entries, and shortens the run. Unbounded numbers are drawn up to
 * 1000x their default ("extreme but plausible": the schema accepts 1e308, which no parameter means).
 *
 * Randomness comes from seedrandom's tychei seeded with `gammaloop/fuzz/<case>`, so a case
 * number reproduces its scenario on any machine (the simulator's own seed is drawn from it too).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import seedrandom from 'seedrandom';
import { parse } from 'yaml';
import { scenarioJsonSchema } from '../../src/scenario/jsonSchema.js';

type Json = Record<string, unknown>;
type Node = Json & { properties?: Record<string, Node>; oneOf?: Node[]; anyOf?: Node[]; enum?: unknown[]; const?: unknown };

/** A uniform [0, 1) source. */
export interface Rand {
  (): number;
}

export const rngFor = (caseNo: number): Rand => {
  const r = seedrandom.tychei(`gammaloop/fuzz/${caseNo}`);
  return () => r.double();
};

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** The reference scenarios the generator starts from (extends chains are resolved by the loader). */
export const BASES = ['baseline', 'short-gamma-squeeze', 'long-gamma-pin', 'liquidation-cascade', 'dex-hedge-congestion', 'abides-rmsc04-like'] as const;

export interface GenOptions {
  /** Directory holding the reference scenarios. */
  readonly scenariosDir: string;
  /** Longest simulated run, in seconds (CI keeps this small). */
  readonly maxDurationS: number;
  /** Largest agent count per group drawn. */
  readonly maxCount: number;
}

export interface Generated {
  readonly caseNo: number;
  readonly base: string;
  readonly scenario: Json;
}

const DURATIONS = ['1ms', '10ms', '250ms', '1s', '5s', '30s', '1m', '5m'];
const DURATION_RE = /^\d+(\.\d+)?(ns|us|ms|s|m|h|d)?$/;
/** Strings that are names or references: never redrawn. */
const REFERENCE_KEYS = new Set(['venue', 'instrument', 'options_venue', 'other_venue', 'other_instrument', 'series', 'symbol', 'kind', 'policy', 'dist', 'group', 'oracle_source', 'source']);

/**
 * Rates (`*rate` keys) are drawn up to 1000x their default, as when the schema left them
 * unbounded: their schema maximum (10^6 per second, model/schema.ts MAX_RATE_PER_SEC) is what the
 * engine can represent, and a case drawn there (10^6 events per agent and second) is slow by
 * construction, not a finding. It also keeps every case number's scenario what it was.
 */
const RATE_KEY = /rate$/;

function drawNumber(r: Rand, node: Node, current: unknown, key = ''): number {
  const integer = node['type'] === 'integer';
  const incMin = typeof node['minimum'] === 'number' ? (node['minimum'] as number) : undefined;
  const excMin = typeof node['exclusiveMinimum'] === 'number' ? (node['exclusiveMinimum'] as number) : undefined;
  const incMax = typeof node['maximum'] === 'number' ? (node['maximum'] as number) : undefined;
  const excMax = typeof node['exclusiveMaximum'] === 'number' ? (node['exclusiveMaximum'] as number) : undefined;
  const dflt = typeof current === 'number' ? current : typeof node['default'] === 'number' ? (node['default'] as number) : 1;
  const lo = incMin ?? (excMin !== undefined ? (integer ? excMin + 1 : excMin + Math.max(1e-9, Math.abs(excMin) * 1e-9)) : -1000 * Math.max(1, Math.abs(dflt)));
  const implicitHi = Math.max(lo, 1000 * Math.max(1, Math.abs(dflt)));
  const schemaHi = incMax ?? (excMax !== undefined ? (integer ? excMax - 1 : excMax - Math.max(1e-9, Math.abs(excMax) * 1e-9)) : undefined);
  const hi = schemaHi === undefined ? implicitHi : RATE_KEY.test(key) ? Math.min(schemaHi, implicitHi) : schemaHi;
  const u = r();
  let v: number;
  if (u < 0.15) v = lo;
  else if (u < 0.3) v = hi;
  else if (u < 0.45) v = dflt;
  else if (u < 0.75 && lo > 0) v = lo * Math.pow(hi / lo, r()); // log-uniform
  else v = lo + (hi - lo) * r();
  if (integer) v = Math.round(v);
  return Math.min(hi, Math.max(lo, v));
}

/** Redraws the values of `value` under `node` (in place for objects); returns the new value. */
function redraw(r: Rand, node: Node | undefined, value: unknown, key: string, opts: GenOptions, p: number): unknown {
  if (node === undefined) return value;
  const branches = node.oneOf ?? node.anyOf;
  if (branches !== undefined) {
    // A discriminated union (distributions, hedge policies): keep the value's branch, or switch to
    // another branch built from its required fields.
    const matching = branches.find((b) => matches(b, value));
    if (matching !== undefined && r() > 0.2) return redraw(r, matching, value, key, opts, p);
    const b = pick(r, branches);
    const fresh = build(r, b, opts);
    return fresh === undefined ? value : fresh;
  }
  if (node['type'] === 'object' && node.properties !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Json;
    orderBounds(obj);
    for (const [k, child] of Object.entries(node.properties)) {
      if (REFERENCE_KEYS.has(k)) continue;
      if (k === 'count') {
        if (obj[k] !== undefined || r() < p) obj[k] = 1 + Math.floor(Math.pow(r(), 3) * opts.maxCount);
        continue;
      }
      if (obj[k] === undefined && r() >= p) continue;
      const next = redraw(r, child, obj[k] ?? child['default'], k, opts, p);
      if (next !== undefined) obj[k] = next;
    }
    orderBounds(obj);
    return obj;
  }
  if (r() >= p) return value;
  if (node['type'] === 'number' || node['type'] === 'integer') {
    const v = drawNumber(r, node, value, key);
    // Sizes and prices must lie on the instrument grid (lot 0.001, tick 0.5 in every base).
    if (node['unit'] === 'size') return Math.max(0.001, Math.round(v * 1000) / 1000);
    if (node['unit'] === 'price') return Math.max(0.5, Math.round(v * 2) / 2);
    return v;
  }
  if (node['type'] === 'boolean') return r() < 0.5;
  if (node.enum !== undefined) return pick(r, node.enum);
  if (node['type'] === 'string' && typeof value === 'string' && DURATION_RE.test(value) && !REFERENCE_KEYS.has(key)) return pick(r, DURATIONS);
  return value;
}

/** A uniform distribution (or any `{min, max}` pair) drawn field by field: put the bounds in order. */
function orderBounds(obj: Json): void {
  const lo = obj['min'];
  const hi = obj['max'];
  if (typeof lo === 'number' && typeof hi === 'number' && lo > hi) {
    obj['min'] = hi;
    obj['max'] = lo;
  }
}

function matches(branch: Node, value: unknown): boolean {
  if (value === null || typeof value !== 'object' || branch.properties === undefined) return false;
  return Object.entries(branch.properties).every(([k, n]) => n.const === undefined || (value as Json)[k] === n.const);
}

/** A fresh object for an object branch: its constants and required fields (drawn), or undefined. */
function build(r: Rand, node: Node, opts: GenOptions): Json | undefined {
  if (node.properties === undefined) return undefined;
  const required = new Set((node['required'] as string[] | undefined) ?? []);
  const out: Json = {};
  for (const [k, n] of Object.entries(node.properties)) {
    if (n.const !== undefined) out[k] = n.const;
    else if (required.has(k)) {
      if (n['type'] === 'number' || n['type'] === 'integer') out[k] = drawNumber(r, n, undefined, k);
      else if (n['type'] === 'string' && typeof n['default'] === 'string') out[k] = n['default'];
      else return undefined; // a required reference or structure we cannot invent
    }
  }
  return out;
}

function agentBranches(schema: Node): Map<string, Node> {
  const agents = schema.properties?.['agents'] as Node | undefined;
  const union = (agents?.['additionalProperties'] as Node | undefined)?.oneOf ?? [];
  return new Map(union.map((b) => [String(b.properties?.['kind']?.const), b] as const));
}

let cachedSchema: Node | undefined;

/** The scenario of case `caseNo`. */
export function generate(caseNo: number, opts: GenOptions): Generated {
  const r = rngFor(caseNo);
  cachedSchema ??= scenarioJsonSchema() as Node;
  const schema = cachedSchema;
  const base = pick(r, BASES);
  const file = path.join(opts.scenariosDir, `${base}.yaml`);
  const s = parse(fs.readFileSync(file, 'utf8')) as Json;
  if (typeof s['extends'] === 'string') s['extends'] = path.resolve(path.dirname(file), s['extends']);
  s['name'] = `fuzz-${caseNo}`;
  s['seed'] = Math.floor(r() * 2 ** 32);
  const durationS = Math.max(1, Math.round(opts.maxDurationS * Math.pow(r(), 2)));
  s['clock'] = { ...((s['clock'] as Json | undefined) ?? {}), duration: `${durationS}s` };
  const kinds = agentBranches(schema);
  const agents = ((s['agents'] as Json | undefined) ?? {}) as Record<string, Json>;
  for (const [name, g] of Object.entries(agents)) {
    const branch = kinds.get(String(g['kind']));
    redraw(r, branch, g, name, opts, 0.35);
  }
  // New groups of the kinds that need only a venue and an instrument, on the base's first agent's venue.
  const anchor = Object.values(agents).find((g) => typeof g['venue'] === 'string' && typeof g['instrument'] === 'string');
  if (anchor !== undefined) {
    const extra = Math.floor(r() * 3);
    for (let i = 0; i < extra; i++) {
      const kind = pick(r, ['noise', 'liquidity_provider', 'fundamental', 'momentum', 'retail'] as const);
      const g: Json = { kind, venue: anchor['venue'], instrument: anchor['instrument'], count: 1 };
      redraw(r, kinds.get(kind), g, kind, opts, 0.5);
      agents[`fz_${kind}_${i}`] = g;
    }
  }
  s['agents'] = agents;
  const venues = (s['venues'] as Record<string, Json> | undefined) ?? {};
  const venueNode = (schema.properties?.['venues'] as Node | undefined)?.['additionalProperties'] as Node | undefined;
  for (const [name, v] of Object.entries(venues)) redraw(r, venueNode, v, name, opts, 0.2);
  const schedule = ((s['schedule'] as Json[] | undefined) ?? []).filter(() => r() < 0.8);
  if (anchor !== undefined && r() < 0.6) {
    const at = `${Math.floor(r() * durationS)}s`;
    schedule.push(pick(r, [
      { at, action: 'market_order', venue: anchor['venue'], instrument: anchor['instrument'], side: pick(r, ['buy', 'sell']), size: Math.max(0.001, Math.round(Math.pow(10, -3 + r() * 6) * 1000) / 1000) },
      { at, action: 'fundamental_jump', log_return: -5 + 10 * r() * r() },
      { at, action: 'feed_halt', venue: anchor['venue'], duration: pick(r, DURATIONS) },
    ]));
  }
  // Entries after the shortened end would only be located errors: pull them inside the run.
  s['schedule'] = schedule.map((e) => (typeof e['at'] === 'string' && /^\d/.test(e['at']) ? { ...e, at: `${Math.floor(r() * durationS)}s` } : e));
  return { caseNo, base, scenario: s };
}
