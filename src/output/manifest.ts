/**
 * The run manifest (`manifest.json` beside the tables): resolved scenario, its sha256, seed,
 * versions, status, wall time, event count, row counts and error. Many Arrow readers drop schema
 * metadata, so the manifest repeats those facts in plain JSON.
 *
 * Serialization is deterministic: top-level keys in the fixed order of MANIFEST_KEY_ORDER (extra
 * keys after them, sorted), nested objects with keys sorted, 2-space indent, trailing newline.
 * Written via `.tmp` + rename. NaN and Infinity are rejected (JSON would silently write null).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type RunStatus = 'complete' | 'interrupted' | 'failed';

export interface ManifestVersions {
  readonly gammaloop: string;
  readonly node: string;
  readonly 'apache-arrow': string;
}

/** The manifest of one run (one scenario, one seed). */
export interface RunManifest {
  /** Version of this manifest layout. */
  readonly manifest_version: number;
  readonly status: RunStatus;
  /** Root seed (u32). */
  readonly seed: number;
  /** sha256 (hex) of the resolved scenario; also in every table's schema metadata. */
  readonly scenario_sha256: string;
  readonly versions: ManifestVersions;
  /** Wall-clock duration of the run in milliseconds (not part of any determinism check). */
  readonly wall_time_ms: number;
  /** Kernel events processed. */
  readonly events: number;
  /** Simulated time reached, ns since start. */
  readonly sim_time_ns?: number;
  /** Row count per table file written. */
  readonly rows: { readonly [table: string]: number };
  /** Error message for failed runs, else null. */
  readonly error: string | null;
  /** The fully resolved scenario. */
  readonly scenario: unknown;
  /** Plug-ins whose agent kinds the scenario uses (absent when it uses built-ins only). */
  readonly plugins?: readonly { readonly name: string; readonly version: string; readonly file?: string; readonly sha256?: string; readonly kinds: readonly string[] }[];
  /** Further keys (e.g. sweep cell) are allowed and written after the known ones, sorted. */
  readonly [extra: string]: unknown;
}

/** The current manifest layout version. */
export const MANIFEST_VERSION = 1;

/** Top-level key order of manifest.json. */
export const MANIFEST_KEY_ORDER = [
  'manifest_version', 'status', 'seed', 'scenario_sha256', 'versions', 'wall_time_ms', 'events',
  'sim_time_ns', 'rows', 'error',
] as const;

/** sha256 of a string's UTF-8 bytes, as lowercase hex. Deterministic (no randomness). */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

function canonical(value: unknown, where: string): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`manifest: ${where} is ${value}`);
  if (typeof value === 'bigint') throw new Error(`manifest: ${where} is a bigint`);
  if (Array.isArray(value)) return value.map((v, i) => canonical(v, `${where}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v, `${where}.${key}`);
    }
    return out;
  }
  return value;
}

/** JSON with object keys sorted at every level (the form hashed for `scenario_sha256`). */
export function canonicalJson(value: unknown, indent = 0): string {
  return JSON.stringify(canonical(value, '$'), null, indent);
}

/** The manifest as text: fixed top-level order, sorted nested keys, 2-space indent. */
export function manifestJson(manifest: RunManifest): string {
  const known = new Set<string>([...MANIFEST_KEY_ORDER, 'scenario']);
  const ordered: Record<string, unknown> = {};
  for (const key of MANIFEST_KEY_ORDER) ordered[key] = canonical(manifest[key], key);
  for (const key of Object.keys(manifest).filter((k) => !known.has(k)).sort()) {
    if (manifest[key] !== undefined) ordered[key] = canonical(manifest[key], key);
  }
  ordered['scenario'] = canonical(manifest.scenario, 'scenario');
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Writes text to `file` atomically (`.tmp` then rename). */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Writes `<dir>/manifest.json` atomically; returns its path. */
export function writeManifest(dir: string, manifest: RunManifest): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  writeFileAtomic(file, manifestJson(manifest));
  return file;
}

/** Reads `<dir>/manifest.json` (no validation beyond JSON). */
export function readManifest(dir: string): RunManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as RunManifest;
}

/** The installed apache-arrow version (read from its package.json next to its entry point). */
export function apacheArrowVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('apache-arrow');
  const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** Versions for the manifest: gammaloop's (given by the caller), Node's and apache-arrow's. */
export function runtimeVersions(gammaloopVersion: string): ManifestVersions {
  return { gammaloop: gammaloopVersion, node: process.versions.node, 'apache-arrow': apacheArrowVersion() };
}
