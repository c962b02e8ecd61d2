/**
 * Reads a scenario file and, recursively, the base files it `extends:` (paths relative to the
 * file that names them), merging each file over its base. A missing base file or a cycle is
 * reported at the `extends:` value that names it; errors inside a base file carry the base
 * file's own path and line.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ScenarioIssue } from './errors.js';
import { mergeLayers, withoutKeys, type OverrideRecord } from './merge.js';
import { isPlainObject, placeOf, type Layer, type Place } from './origins.js';
import { parseYamlLayer } from './yamlLayer.js';

/** Reads a file's text; injectable for tests. Throws a Node error (with `code`) when it cannot. */
export type ReadText = (absolutePath: string) => string;

/** The default reader: UTF-8 from disk. */
export const readTextFile: ReadText = (p) => readFileSync(p, 'utf8');

/** State shared along one load: files read in order, overrides recorded, issues found. */
export interface ChainState {
  readonly read: ReadText;
  /** Files read, as the user would name them, in reading order. */
  readonly files: string[];
  readonly overrides: OverrideRecord[];
  readonly issues: ScenarioIssue[];
}

/**
 * Loads `displayPath` and its bases into one merged layer, or null after recording issues.
 * `referrer` is the place of the `extends:` value that named this file (null for the main file).
 */
export function loadChain(displayPath: string, state: ChainState, referrer: Place | null = null, stack: readonly string[] = []): Layer | null {
  const absolute = resolve(displayPath);
  let text: string;
  try {
    text = state.read(absolute);
  } catch (e) {
    const reason = readFailure(e);
    if (referrer) state.issues.push({ ...referrer, path: 'extends', message: `cannot read base file "${displayPath}": ${reason}` });
    else state.issues.push({ source: displayPath, rank: 0, path: '', message: `cannot read scenario file: ${reason}` });
    return null;
  }
  const rank = state.files.length;
  state.files.push(displayPath);
  const parsed = parseYamlLayer(text, displayPath, rank);
  state.issues.push(...parsed.issues);
  const layer = parsed.layer;
  if (layer === null || !isPlainObject(layer.value)) return null;

  const ext = layer.value['extends'];
  if (ext === undefined) return layer;
  const here = placeOf(layer.origin, ['extends']);
  if (typeof ext !== 'string' || ext.trim() === '') {
    state.issues.push({ ...here, path: 'extends', message: `expected a file path (relative to this file), found ${JSON.stringify(ext)}` });
    return null;
  }
  const baseDisplay = isAbsolute(ext) ? ext : join(dirname(displayPath), ext);
  const chain = [...stack, absolute];
  if (chain.includes(resolve(baseDisplay))) {
    const names = [...state.files.slice(state.files.length - chain.length), baseDisplay];
    state.issues.push({ ...here, path: 'extends', message: `extends cycle: ${names.join(' -> ')}` });
    return null;
  }
  const base = loadChain(baseDisplay, state, here, chain);
  if (base === null) return null;
  return mergeLayers(withoutKeys(base, ['$schema']), withoutKeys(layer, ['extends']), state.overrides);
}

function readFailure(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message ?? String(e);
}
