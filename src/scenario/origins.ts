/**
 * Provenance of scenario values. A `Layer` is plain data (what `doc.toJS()` gives) plus a
 * parallel tree of `OriginNode`s saying where each value came from: a YAML file with the
 * key's and value's line:col, or a flag (`--set a.b`, `--seed`). Merging layers (extends,
 * --set) merges the origin trees the same way, so any zod issue path can be mapped back to
 * the place the user has to edit.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/** A 1-based line and column. */
export interface Pos {
  readonly line: number;
  readonly col: number;
}

/** Where one value (and, unless overridden, everything below it) came from. */
export interface OriginNode {
  /** File path as the user named it, or a flag such as `--set a.b`. */
  readonly source: string;
  /** Order in which the source was read (sorting errors). */
  readonly rank: number;
  /** Position of the key naming this value in its parent map (files only). */
  readonly keyPos?: Pos;
  /** Position of the value itself (files only). */
  readonly valuePos?: Pos;
  /** True for maps and lists: a type error then points at the key rather than the first child. */
  readonly isCollection: boolean;
  /** Origins of children by key (list items by index as a string). */
  readonly children: ReadonlyMap<string, OriginNode> | null;
}

/** Plain data plus its provenance. */
export interface Layer {
  readonly value: unknown;
  readonly origin: OriginNode;
}

/** A located place to report: source plus optional position. */
export interface Place {
  readonly source: string;
  readonly rank: number;
  readonly line?: number;
  readonly col?: number;
}

/** An origin for a value supplied by a flag; no positions. */
export function flagOrigin(flag: string, rank: number): OriginNode {
  return { source: flag, rank, isCollection: false, children: null };
}

/** True for a plain (non-array, non-null) object. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds the origin tree of a parsed YAML document's contents. */
export function originTreeOf(doc: Document, lineCounter: LineCounter, source: string, rank: number): OriginNode {
  const pos = (offset: number | undefined): Pos | undefined => (offset === undefined ? undefined : lineCounter.linePos(offset));
  const build = (node: unknown, keyPos: Pos | undefined, depth: number): OriginNode => {
    const base = { source, rank, ...(keyPos ? { keyPos } : {}) };
    if (node === null || node === undefined || depth > 64) return { ...base, isCollection: false, children: null };
    const range = (node as { range?: [number, number, number] | null }).range;
    const valuePos = pos(range?.[0]);
    const at = valuePos ? { valuePos } : {};
    if (isAlias(node)) {
      const target = node.resolve(doc);
      const inner = build(target, keyPos, depth + 1);
      return { ...inner, ...at };
    }
    if (isMap(node)) {
      const children = new Map<string, OriginNode>();
      const merged: OriginNode[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        const keyText = isScalar(key) ? String(key.value) : String(key);
        const kRange = (key as { range?: [number, number, number] } | null)?.range;
        const child = build(pair.value, pos(kRange?.[0]), depth + 1);
        if (keyText === '<<' && !(isScalar(key) && key.type === 'QUOTE_DOUBLE')) {
          // A YAML merge key: `<<: *anchor` or `<<: [*a, *b]` (earlier sources win).
          if (isSeq(pair.value)) for (const c of child.children?.values() ?? []) merged.push(c);
          else merged.push(child);
        } else children.set(keyText, child);
      }
      // Local keys win over merged ones; merged values keep the position where they are written.
      for (const m of merged) for (const [k, c] of m.children ?? []) if (!children.has(k)) children.set(k, c);
      return { ...base, ...at, isCollection: true, children };
    }
    if (isSeq(node)) {
      const children = new Map<string, OriginNode>();
      node.items.forEach((item, i) => children.set(String(i), build(item, undefined, depth + 1)));
      return { ...base, ...at, isCollection: true, children };
    }
    return { ...base, ...at, isCollection: false, children: null };
  };
  return build(doc.contents, undefined, 0);
}

/** The origin node at `path`, or the deepest ancestor that exists (`exact` false). */
export function originAt(root: OriginNode, path: readonly PropertyKey[]): { node: OriginNode; exact: boolean } {
  let node = root;
  for (const seg of path) {
    const child = node.children?.get(String(seg));
    if (child === undefined) return { node, exact: false };
    node = child;
  }
  return { node, exact: true };
}

/**
 * Where to report an issue at `path`. `value`: the value (its key for maps and lists);
 * `key`: the key naming it. A path that does not exist (a missing key) reports at the key of
 * the deepest existing ancestor, i.e. the map that lacks it.
 */
export function placeOf(root: OriginNode, path: readonly PropertyKey[], mode: 'value' | 'key' = 'value'): Place {
  const { node, exact } = originAt(root, path);
  let p: Pos | undefined;
  if (!exact || mode === 'key') p = node.keyPos ?? node.valuePos;
  else p = node.isCollection ? (node.keyPos ?? node.valuePos) : (node.valuePos ?? node.keyPos);
  return { source: node.source, rank: node.rank, ...(p ? { line: p.line, col: p.col } : {}) };
}

/** `file:line:col` or the flag, for the provenance list. */
export function describeOrigin(o: OriginNode): string {
  const p = o.valuePos ?? o.keyPos;
  return p ? `${o.source}:${p.line}:${p.col}` : o.source;
}
