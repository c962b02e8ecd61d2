/**
 * Read-only walks over zod 4 schema definitions, used to phrase errors: the schema at an issue
 * path (following the data through discriminated unions), the keys an object allows (for "did
 * you mean"), and the values a discriminator accepts. Reads `_zod.def`, zod 4's documented
 * definition object; wrappers (optional, prefault, pipe...) are looked through.
 */
import type { z } from 'zod';
import { isPlainObject } from './origins.js';

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
};

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema with wrappers removed (optional, nullable, default, prefault, pipe input, lazy...). */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let guard = 0; guard < 64; guard++) {
    const d = defOf(s);
    const next = d.innerType ?? (d.type === 'pipe' ? d.in : undefined) ?? (d.type === 'lazy' ? d.getter?.() : undefined);
    if (next === undefined) return s;
    s = next;
  }
  return s;
}

/** Values each option of a union accepts for `key` (literal or enum), by option. */
function literalValues(option: z.ZodType, key: string): unknown[] {
  const field = defOf(unwrap(option)).shape?.[key];
  if (field === undefined) return [];
  const d = defOf(unwrap(field)) as Def & { values?: unknown[]; entries?: Record<string, unknown> };
  if (d.type === 'literal') return d.values ?? [];
  if (d.type === 'enum') return Object.values(d.entries ?? {});
  return [];
}

/** The option of a discriminated union that `data` selects, if any. */
function selectOption(u: Def, data: unknown): z.ZodType | undefined {
  const key = u.discriminator;
  if (key === undefined || !isPlainObject(data)) return undefined;
  return u.options?.find((o) => literalValues(o, key).includes(data[key]));
}

/** The (unwrapped) schema that validates the value at `path` of `data`, if it can be found. */
export function schemaAt(root: z.ZodType, data: unknown, path: readonly PropertyKey[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrap(root);
  let d = data;
  for (const seg of path) {
    if (s === undefined) return undefined;
    s = childSchema(s, d, String(seg));
    d = isPlainObject(d) || Array.isArray(d) ? (d as Record<string, unknown>)[String(seg)] : undefined;
    if (s !== undefined) s = unwrap(s);
  }
  return s;
}

function childSchema(s: z.ZodType, data: unknown, seg: string): z.ZodType | undefined {
  const d = defOf(s);
  switch (d.type) {
    case 'object':
      return d.shape?.[seg];
    case 'record':
      return d.valueType;
    case 'array':
      return d.element;
    case 'union': {
      const picked = selectOption(d, data);
      if (picked) return childSchema(unwrap(picked), data, seg);
      for (const o of d.options ?? []) {
        const c = childSchema(unwrap(o), data, seg);
        if (c !== undefined) return c;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Keys allowed by the object schema at `path` (through a discriminated union: the selected option). */
export function allowedKeys(root: z.ZodType, data: unknown, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(root, data, path);
  if (s === undefined) return [];
  const d = defOf(s);
  if (d.type === 'object') return Object.keys(d.shape ?? {});
  if (d.type === 'union') {
    let value: unknown = data;
    for (const seg of path) value = isPlainObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[String(seg)] : undefined;
    const picked = selectOption(d, value);
    if (picked) return Object.keys(defOf(unwrap(picked)).shape ?? {});
  }
  return [];
}

/** The description set with `.describe()` on the schema (or any wrapper) at `path`. */
export function descriptionAt(root: z.ZodType, data: unknown, path: readonly PropertyKey[]): string | undefined {
  const s = schemaAt(root, data, path);
  return s === undefined ? undefined : (s as { description?: string }).description;
}
