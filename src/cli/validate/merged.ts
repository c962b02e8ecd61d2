/**
 * The merged scenario for `validate --resolved`: the user's files after `extends`, `--set` and
 * `--seed` (the layers src/scenario/load.ts merges before the schema fills defaults), printed as
 * YAML with a comment on every value a later layer replaced, naming the file or flag that
 * supplied it and what it replaced. A header lists the files read and the scenario's hash.
 */
import { Document, isCollection, isScalar, type Node } from 'yaml';
import { loadChain, readTextFile, type ChainState } from '../../scenario/extendsChain.js';
import type { LoadedScenario, OverrideRecord } from '../../scenario/index.js';
import { applyOverrides } from '../../scenario/overrides.js';

/** The merged input layer's value, re-read the way loadScenario merges it. */
export function mergedInput(file: string, set: readonly string[], seed: number | undefined): unknown {
  const state: ChainState = { read: readTextFile, files: [], overrides: [], issues: [] };
  const chained = loadChain(file, state);
  if (chained === null) return null;
  return applyOverrides(chained, set, seed, state.files.length, state.overrides).layer.value;
}

/** The last override per path, with every earlier source it replaced. */
function lastOverrides(overrides: readonly OverrideRecord[]): Map<string, { source: string; replaced: string[] }> {
  const byPath = new Map<string, { source: string; replaced: string[] }>();
  for (const o of overrides) {
    const prev = byPath.get(o.path);
    byPath.set(o.path, { source: o.source, replaced: prev ? [...prev.replaced, prev.source] : [o.replaced] });
  }
  for (const v of byPath.values()) v.replaced = [...new Set(v.replaced)];
  return byPath;
}

/** YAML text of the merged scenario with provenance comments. */
export function mergedYaml(loaded: LoadedScenario, merged: unknown): string {
  const doc = new Document(merged);
  const notes = lastOverrides(loaded.overrides);
  const unplaced: string[] = [];
  for (const [path, { source, replaced }] of notes) {
    const note = ` ${source} (replaced ${replaced.join(', ')})`;
    const segs = path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const node = doc.getIn(segs, true) as Node | undefined;
    if (node !== undefined && isScalar(node)) node.comment = note;
    else if (node !== undefined && isCollection(node)) node.commentBefore = `${path}:${note}`;
    else unplaced.push(`#   ${path}:${note}`);
  }
  const header = [
    `# merged scenario "${loaded.scenario.name}" from ${loaded.files[0] ?? '?'}${loaded.files.length > 1 ? ` (extends ${loaded.files.slice(1).join(', then ')})` : ''}`,
    `# seed ${loaded.scenario.seed}, resolved sha256 ${loaded.sha256}`,
    notes.size === 0 ? '# no value is overridden' : `# ${notes.size} overridden value(s) are commented with the file or flag that supplied them`,
    '# defaults not written here are filled by the schema (see `gammaloop schema`)',
    ...(unplaced.length > 0 ? ['# overrides:', ...unplaced] : []),
  ];
  return `${header.join('\n')}\n${doc.toString({ lineWidth: 0 })}`;
}
