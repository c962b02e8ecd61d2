/**
 * Layer merging with provenance: `extends` (a base file under this one) and `--set` / `--seed`
 * overrides. Maps merge key by key; anything else (lists included) is replaced whole by the
 * higher layer. Every replaced value is recorded as an {@link OverrideRecord} so
 * `validate --resolved` can say which file or flag supplied it.
 */
import type { ScenarioIssue } from './errors.js';
import { describeOrigin, flagOrigin, isPlainObject, type Layer, type OriginNode } from './origins.js';

/** One value replaced by a later layer. */
export interface OverrideRecord {
  /** Dotted path of the value in the scenario. */
  readonly path: string;
  /** Who supplied the value in effect: `file:line:col`, `--set a.b` or `--seed`. */
  readonly source: string;
  /** Who supplied the value it replaced. */
  readonly replaced: string;
}

/** Deep merge of `over` onto `base` (maps merged, everything else replaced). */
export function mergeLayers(base: Layer, over: Layer, overrides: OverrideRecord[], path: readonly string[] = []): Layer {
  if (!isPlainObject(base.value) || !isPlainObject(over.value)) {
    if (base.value !== undefined) overrides.push({ path: path.join('.'), source: describeOrigin(over.origin), replaced: describeOrigin(base.origin) });
    return over;
  }
  const value: Record<string, unknown> = {};
  const children = new Map<string, OriginNode>();
  for (const [k, v] of Object.entries(base.value)) {
    value[k] = v;
    const o = base.origin.children?.get(k);
    if (o) children.set(k, o);
  }
  for (const [k, v] of Object.entries(over.value)) {
    const overOrigin = over.origin.children?.get(k) ?? over.origin;
    if (Object.hasOwn(base.value, k)) {
      const baseOrigin = base.origin.children?.get(k) ?? base.origin;
      const merged = mergeLayers({ value: base.value[k], origin: baseOrigin }, { value: v, origin: overOrigin }, overrides, [...path, k]);
      value[k] = merged.value;
      children.set(k, merged.origin);
    } else {
      value[k] = v;
      children.set(k, overOrigin);
    }
  }
  return { value, origin: { ...over.origin, children } };
}

/** A layer without the given top-level keys (e.g. `extends` once it has been followed). */
export function withoutKeys(layer: Layer, keys: readonly string[]): Layer {
  if (!isPlainObject(layer.value)) return layer;
  const value = { ...layer.value };
  const children = new Map(layer.origin.children ?? []);
  for (const k of keys) {
    delete value[k];
    children.delete(k);
  }
  return { value, origin: { ...layer.origin, children } };
}

/**
 * Sets `value` at `segments` (copy on write), attributing it to `flag`. Maps are created where
 * the path does not exist (a scalar on the way is replaced by a map, as a deeper layer would
 * be); a numeric segment indexes into an existing list. Returns the new layer, or an issue when
 * the path cannot be followed.
 */
export function setAt(
  layer: Layer,
  segments: readonly string[],
  value: unknown,
  flag: string,
  rank: number,
  overrides: OverrideRecord[],
): Layer | ScenarioIssue {
  const leaf = flagOrigin(flag, rank);
  const rec = (cur: unknown, origin: OriginNode | undefined, i: number): Layer | ScenarioIssue => {
    if (i === segments.length) {
      if (cur !== undefined && origin) overrides.push({ path: segments.join('.'), source: flag, replaced: describeOrigin(origin) });
      return { value, origin: leaf };
    }
    const seg = segments[i] as string;
    if (Array.isArray(cur)) {
      const idx = /^\d+$/.test(seg) ? Number(seg) : -1;
      if (idx < 0 || idx >= cur.length) {
        const where = segments.slice(0, i).join('.');
        const what = idx < 0 ? `"${seg}" is not a list index` : `index ${idx} is past the end`;
        return { source: flag, rank, path: segments.join('.'), message: `${what}: ${where} is a list of ${cur.length} item(s)` };
      }
      const child = rec(cur[idx], origin?.children?.get(seg), i + 1);
      if (!('value' in child)) return child;
      const copy = cur.slice();
      copy[idx] = child.value;
      return { value: copy, origin: withChild(origin ?? leaf, seg, child.origin) };
    }
    const obj = isPlainObject(cur) ? cur : {};
    const base = isPlainObject(cur) && origin ? origin : leaf;
    const child = rec(obj[seg], isPlainObject(cur) ? origin?.children?.get(seg) : undefined, i + 1);
    if (!('value' in child)) return child;
    return { value: { ...obj, [seg]: child.value }, origin: withChild(base, seg, child.origin) };
  };
  return rec(layer.value, layer.origin, 0);
}

function withChild(o: OriginNode, key: string, child: OriginNode): OriginNode {
  const children = new Map(o.children ?? []);
  children.set(key, child);
  return { ...o, isCollection: true, children };
}
