/**
 * One YAML text -> a {@link Layer} (plain data + origins) or located issues. Parse errors and
 * warnings (duplicate keys appear only there) are reported with their line:col; an empty file
 * or a top level that is not a map is an error too. Anchors, aliases and `<<:` merge keys are
 * allowed (handy for agent groups that differ in one parameter).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { ScenarioIssue } from './errors.js';
import { isPlainObject, originTreeOf, type Layer } from './origins.js';

/** The result of parsing one file: a layer when there were no issues. */
export interface ParsedLayer {
  readonly layer: Layer | null;
  readonly issues: ScenarioIssue[];
}

/** Parses `text` (the content of `source`) into a layer of a map-shaped scenario document. */
export function parseYamlLayer(text: string, source: string, rank: number): ParsedLayer {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, merge: true });
  const issues: ScenarioIssue[] = [...doc.errors, ...doc.warnings].map((e) => {
    const issue = yamlIssue(e, text, source, rank);
    return e.code === 'DUPLICATE_KEY' ? { ...issue, path: pathOfKeyAt(doc.contents, e.pos[0]) } : issue;
  });
  if (issues.length > 0) return { layer: null, issues };
  const contents = doc.contents;
  if (contents === null) {
    return { layer: null, issues: [{ source, rank, line: 1, col: 1, path: '', message: 'empty file: expected a scenario map (name, clock, underlying, venues, agents, ...)' }] };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return { layer: null, issues: [{ source, rank, line: 1, col: 1, path: '', message: `cannot read YAML: ${(e as Error).message}` }] };
  }
  if (!isPlainObject(value)) {
    const p = contents.range ? lineCounter.linePos(contents.range[0]) : { line: 1, col: 1 };
    const found = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value} (${JSON.stringify(value)})`;
    return { layer: null, issues: [{ source, rank, line: p.line, col: p.col, path: '', message: `the top level must be a map of scenario keys (name, clock, ...), found ${found}` }] };
  }
  return { layer: { value, origin: originTreeOf(doc, lineCounter, source, rank) }, issues: [] };
}

/** A YAML error or warning as an issue; yaml's " at line L, column C:" and snippet are dropped. */
function yamlIssue(e: YAMLError, text: string, source: string, rank: number): ScenarioIssue {
  const first = e.message.split('\n')[0] ?? e.message;
  const p = e.linePos?.[0];
  const at = p ? { line: p.line, col: p.col } : {};
  if (e.code === 'DUPLICATE_KEY') {
    // Only the last of two equal keys would survive toJS(), silently: name the key.
    const key = /^\s*("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(text.slice(e.pos[0]))?.[1];
    return { source, rank, ...at, path: '', message: `duplicate key${key === undefined ? '' : ` ${JSON.stringify(key.replace(/^["']|["']$/g, ''))}`}: each key may appear once in a map` };
  }
  const message = first.replace(/ at line \d+, column \d+:?$/, '');
  const what = e.name === 'YAMLWarning' ? 'YAML warning' : 'YAML syntax error';
  return { source, rank, ...at, path: '', message: `${what}: ${message}` };
}

/** Dotted path of the map key starting at `offset` ('' when not found): names a duplicate key. */
function pathOfKeyAt(node: unknown, offset: number, prefix: readonly string[] = []): string {
  const within = (n: unknown): boolean => {
    const r = (n as { range?: [number, number, number] } | null)?.range;
    return r !== undefined && r !== null && r[0] <= offset && offset < r[2];
  };
  if (isMap(node)) {
    const pairs = node.items.filter(isPair);
    const keyText = (k: unknown): string => (isScalar(k) ? String(k.value) : String(k));
    const own = pairs.find((p) => (p.key as { range?: [number, number, number] } | null)?.range?.[0] === offset);
    if (own) return [...prefix, keyText(own.key)].join('.');
    const inner = pairs.find((p) => within(p.value));
    if (inner) return pathOfKeyAt(inner.value, offset, [...prefix, keyText(inner.key)]);
  } else if (isSeq(node)) {
    const i = node.items.findIndex(within);
    if (i >= 0) return pathOfKeyAt(node.items[i], offset, [...prefix, String(i)]);
  }
  return '';
}
