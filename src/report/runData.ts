/**
 * Reads a run directory for `show` and `report`: manifest.json, the reference book (the perp, else the only
 * book: the same rule as analysis/metrics.ts), liquidations, greeks, hedges, schedule and
 * funding. A table file that is absent reads as zero rows, so a run without liquidations or
 * dealers still shows. Units are those of the tables: ns since start, quote, base. Problems with
 * the directory or its files are {@link RunDirError}s (the CLI maps them to exit 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArrowFile } from '../output/reader.js';
import type { RunManifest } from '../output/manifest.js';
import { readManifest } from '../output/manifest.js';
import { readArrowFile } from '../output/reader.js';
import { isCompleteArrowFile } from '../output/arrowFileCheck.js';

/** A run directory that is missing, not a run, or holds an unreadable file (a user error). */
export class RunDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunDirError';
  }
}

const runDirError = (message: string): RunDirError => new RunDirError(message);

function openArrow(file: string): ArrowFile {
  try {
    return readArrowFile(file);
  } catch (err) {
    throw runDirError(err instanceof Error && err.name === 'ArrowReadError' ? err.message : `${file} could not be read as Arrow: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A dictionary or enum column: per-row codes plus the code -> string table. */
export interface Coded {
  readonly codes: Float64Array;
  readonly names: readonly string[];
}

/** An optional table: the file, or null when the run has no such file. */
export function readOptional(dir: string, table: string): ArrowFile | null {
  const file = path.join(dir, `${table}.arrow`);
  return fs.existsSync(file) ? openArrow(file) : null;
}

/** A dictionary-encoded column's codes and dictionary (fixed per file). */
export function coded(file: ArrowFile, column: string): Coded {
  const v = file.table.getChild(column);
  if (v === null) throw runDirError(`${file.path}: no column ${column}`);
  const dict = v.data[0]?.dictionary;
  const names: string[] = [];
  if (dict) for (let i = 0; i < dict.length; i++) names.push(String(dict.get(i)));
  return { codes: file.numbers(column), names };
}

/** Decoded strings of a dictionary column. */
export function decoded(c: Coded): string[] {
  return Array.from(c.codes, (k) => c.names[k] ?? '');
}

const EMPTY = new Float64Array(0);

/** Numbers of `column`, or an empty array when the table is absent. */
export function nums(file: ArrowFile | null, column: string): Float64Array {
  return file === null || file.numRows === 0 ? EMPTY : file.numbers(column);
}

/** Strings of a dictionary column, or [] when the table is absent. */
export function strs(file: ArrowFile | null, column: string): string[] {
  return file === null || file.numRows === 0 ? [] : decoded(coded(file, column));
}

/** The parts of the resolved scenario `show` and `report` read, checked loosely (older manifests vary). */
export interface ScenarioFacts {
  readonly name: string | null;
  readonly description: string | null;
  readonly quote: string | null;
  readonly durationNs: number | null;
  /** Perp symbols, in scenario order. */
  readonly perps: readonly string[];
  readonly tickSizes: ReadonlyMap<string, number>;
}

function scenarioFacts(scenario: unknown): ScenarioFacts {
  const s = (scenario ?? {}) as Record<string, unknown>;
  const perps: string[] = [];
  const tickSizes = new Map<string, number>();
  const venues = Array.isArray(s['venues']) ? (s['venues'] as unknown[]) : [];
  for (const v of venues) {
    const instruments = (v as Record<string, unknown> | null)?.['instruments'];
    if (!Array.isArray(instruments)) continue;
    for (const ins of instruments as Record<string, unknown>[]) {
      const symbol = typeof ins['symbol'] === 'string' ? ins['symbol'] : null;
      if (symbol === null) continue;
      if (ins['type'] === 'perp') perps.push(symbol);
      if (typeof ins['tickSize'] === 'number') tickSizes.set(symbol, ins['tickSize']);
    }
  }
  const clock = s['clock'] as Record<string, unknown> | undefined;
  const underlying = s['underlying'] as Record<string, unknown> | undefined;
  return {
    name: typeof s['name'] === 'string' ? s['name'] : null,
    description: typeof s['description'] === 'string' ? s['description'] : null,
    quote: typeof underlying?.['quote'] === 'string' ? underlying['quote'] : null,
    durationNs: typeof clock?.['durationNs'] === 'number' ? clock['durationNs'] : null,
    perps,
    tickSizes,
  };
}

/** Book samples of one instrument. */
export interface BookSeries {
  readonly instrument: string | null;
  readonly tNs: Float64Array;
  readonly mid: Float64Array;
  readonly index: Float64Array;
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  /** Size at the best bid and ask (base); empty for runs written before these were read. */
  readonly bidSize: Float64Array;
  readonly askSize: Float64Array;
}

function pickRows(src: Float64Array, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length);
  rows.forEach((r, k) => (out[k] = src[r] as number));
  return out;
}

/** The reference book: the first perp of the scenario present in the table, else the first instrument. */
function referenceBook(book: ArrowFile | null, facts: ScenarioFacts): BookSeries {
  if (book === null || book.numRows === 0) return { instrument: null, tNs: EMPTY, mid: EMPTY, index: EMPTY, bid: EMPTY, ask: EMPTY, bidSize: EMPTY, askSize: EMPTY };
  const ins = coded(book, 'instrument');
  const present = new Set<number>(ins.codes);
  const presentNames = ins.names.filter((_, k) => present.has(k));
  // Dictionary names are venue-qualified (`cex:BTC-PERP`) only when a symbol repeats across venues.
  const named = (p: string): string | undefined => presentNames.find((n) => n === p || n.endsWith(`:${p}`));
  const ref = facts.perps.map(named).find((n) => n !== undefined) ?? presentNames.find((n) => /perp/i.test(n)) ?? presentNames[0] ?? null;
  const code = ref === null ? -1 : ins.names.indexOf(ref);
  const rows: number[] = [];
  for (let i = 0; i < ins.codes.length; i++) if (ins.codes[i] === code) rows.push(i);
  return {
    instrument: ref,
    tNs: pickRows(book.numbers('t_ns'), rows),
    mid: pickRows(book.numbers('mid'), rows),
    index: pickRows(book.numbers('index'), rows),
    bid: pickRows(book.numbers('bid'), rows),
    ask: pickRows(book.numbers('ask'), rows),
    bidSize: pickRows(book.numbers('bid_size'), rows),
    askSize: pickRows(book.numbers('ask_size'), rows),
  };
}

/** Everything `show` and `report` draw. */
export interface RunData {
  readonly dir: string;
  readonly manifest: RunManifest | null;
  readonly facts: ScenarioFacts;
  readonly book: BookSeries;
  /** The whole book table (every instrument), for the shared metric mapping. */
  readonly bookFile: ArrowFile | null;
  readonly liquidations: ArrowFile | null;
  readonly greeks: ArrowFile | null;
  readonly hedges: ArrowFile | null;
  readonly schedule: ArrowFile | null;
  readonly funding: ArrowFile | null;
  readonly summary: ArrowFile | null;
  /** Exposure tables (absent in runs of older versions). */
  readonly gexProfile: ArrowFile | null;
  readonly openInterest: ArrowFile | null;
  /** Simulated span to draw: sim_time_ns, else the scenario's duration, else the last sample. */
  readonly endNs: number;
}

function lastTime(files: readonly (ArrowFile | null)[], book: BookSeries): number {
  let end = book.tNs.length > 0 ? (book.tNs[book.tNs.length - 1] as number) : 0;
  for (const f of files) {
    const t = nums(f, 't_ns');
    for (let i = 0; i < t.length; i++) end = Math.max(end, t[i] as number);
  }
  return end;
}

/**
 * Every table file of the run is whole (16 bytes read per file, so a large trades table costs
 * nothing) and every table the manifest lists is there: a report drawn over a damaged or missing
 * table would be silently wrong.
 */
function checkTableFiles(dir: string, manifest: RunManifest | null): void {
  const listed = manifest !== null && typeof manifest.rows === 'object' && manifest.rows !== null ? Object.keys(manifest.rows) : [];
  const present = fs.readdirSync(dir).filter((f) => f.endsWith('.arrow')).map((f) => f.slice(0, -'.arrow'.length));
  for (const t of new Set([...listed, ...present])) {
    const file = path.join(dir, `${t}.arrow`);
    if (!fs.existsSync(file)) throw runDirError(`${file} is missing (manifest.json lists the table ${t} with ${manifest?.rows[t]} rows)`);
    if (!isCompleteArrowFile(file)) {
      // readArrowFile says precisely what is wrong (empty, cut short, not Arrow).
      openArrow(file);
      throw runDirError(`${file} is not a whole Arrow file`);
    }
  }
}

/** Loads a run directory; a missing directory or one with no tables is a {@link RunDirError}. */
export function loadRunData(dir: string): RunData {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw runDirError(`no such run directory: ${dir}`);
  const hasManifest = fs.existsSync(path.join(dir, 'manifest.json'));
  let manifest: RunManifest | null = null;
  if (hasManifest) {
    try {
      manifest = readManifest(dir);
    } catch (err) {
      throw runDirError(`${path.join(dir, 'manifest.json')} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  checkTableFiles(dir, manifest);
  const bookFile = readOptional(dir, 'book');
  if (!hasManifest && bookFile === null) throw runDirError(`${dir} is not a run directory (no manifest.json and no book.arrow)`);
  const facts = scenarioFacts(manifest?.scenario);
  const book = referenceBook(bookFile, facts);
  const liquidations = readOptional(dir, 'liquidations');
  const greeks = readOptional(dir, 'greeks');
  const hedges = readOptional(dir, 'hedges');
  const schedule = readOptional(dir, 'schedule');
  const funding = readOptional(dir, 'funding');
  const summary = readOptional(dir, 'summary');
  const simEnd = typeof manifest?.sim_time_ns === 'number' && manifest.sim_time_ns > 0 ? manifest.sim_time_ns : null;
  const endNs = simEnd ?? facts.durationNs ?? lastTime([liquidations, greeks, hedges, schedule], book);
  const gexProfile = readOptional(dir, 'gex_profile');
  const openInterest = readOptional(dir, 'open_interest');
  return { dir, manifest, facts, book, bookFile, liquidations, greeks, hedges, schedule, funding, summary, gexProfile, openInterest, endNs: Math.max(1, endNs) };
}
