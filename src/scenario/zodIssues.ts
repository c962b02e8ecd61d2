/**
 * zod issues -> located, readable scenario issues. Each issue path is mapped to the file
 * position (or flag) that supplied the value. Unknown keys get a "did you mean" from the keys
 * the schema allows; a bad discriminator (agent kind, schedule action, instrument type) names
 * the valid values; a plain union reports only the branch the input was evidently aiming at,
 * never a wall of branch errors.
 */
import type { z } from 'zod';
import { didYouMean, dottedPath, quoteList, type ScenarioIssue } from './errors.js';
import { isPlainObject, placeOf, type OriginNode } from './origins.js';
import { allowedKeys, descriptionAt } from './schemaWalk.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Context for phrasing: the root schema, the data validated and its origins. */
export interface IssueContext {
  readonly schema: z.ZodType;
  readonly data: unknown;
  readonly origins: OriginNode;
}

/** Maps every zod issue to one or more located scenario issues. */
export function locateZodIssues(issues: readonly Issue[], ctx: IssueContext, prefix: Path = []): ScenarioIssue[] {
  return issues.flatMap((i) => locateOne(i, ctx, [...prefix, ...i.path]));
}

function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const seg of path) {
    if (!(isPlainObject(v) || Array.isArray(v))) return undefined;
    v = (v as Record<string, unknown>)[String(seg)];
  }
  return v;
}

function at(ctx: IssueContext, path: Path, message: string, mode: 'value' | 'key' = 'value'): ScenarioIssue {
  return { ...placeOf(ctx.origins, path, mode), path: dottedPath(path), message };
}

function locateOne(issue: Issue, ctx: IssueContext, path: Path): ScenarioIssue[] {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(ctx.schema, ctx.data, path);
      return issue.keys.map((key) => {
        const guess = didYouMean(key, allowed);
        const hint = guess !== undefined ? ` (did you mean "${guess}"?)` : allowed.length > 0 ? `; allowed keys: ${allowed.join(', ')}` : '';
        return { ...placeOf(ctx.origins, [...path, key], 'key'), path: dottedPath(path), message: `Unrecognized key "${key}"${hint}` };
      });
    }
    case 'invalid_union':
      return unionIssue(issue, ctx, path);
    case 'invalid_key': {
      const key = String(path[path.length - 1]);
      const why = issue.issues.map((i) => i.message).join('; ');
      return [at(ctx, path, `Invalid name "${key}": ${why}`, 'key')];
    }
    case 'invalid_element':
      return locateZodIssues(issue.issues, ctx, path);
    case 'invalid_type': {
      const value = valueAt(ctx.data, path);
      if (value === undefined) {
        const key = String(path[path.length - 1] ?? '');
        return [at(ctx, path, `Missing required key "${key}" (expected ${typeName(issue.expected)})`)];
      }
      return [at(ctx, path, `Invalid type: expected ${typeName(issue.expected)}, received ${describeValue(value)}`)];
    }
    case 'invalid_value': {
      const value = valueAt(ctx.data, path);
      const options = issue.values.map(String);
      const guess = typeof value === 'string' && options.length > 1 ? didYouMean(value, options) : undefined;
      const expected = options.length === 1 ? JSON.stringify(options[0]) : `one of ${quoteList(options)}`;
      return [at(ctx, path, `Invalid value ${describeValue(value)}: expected ${expected}${guess ? ` (did you mean "${guess}"?)` : ''}`)];
    }
    default:
      return [at(ctx, path, issue.message)];
  }
}

function unionIssue(issue: Extract<Issue, { code: 'invalid_union' }>, ctx: IssueContext, path: Path): ScenarioIssue[] {
  const disc = (issue as { discriminator?: string }).discriminator;
  if (disc !== undefined) {
    // zod puts the discriminator key on the path; the valid values come with the issue.
    const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
    const value = valueAt(ctx.data, path);
    const list = options.join(', ');
    if (value === undefined) {
      // `agents.<group>` without a kind is most often a misspelt group name (an override such as
      // --set agents.nosie.count=3 creates a new group): name the group and the nearest one.
      if (path.length === 3 && path[0] === 'agents' && typeof path[1] === 'string') {
        const agents = valueAt(ctx.data, ['agents']);
        const others = agents !== null && typeof agents === 'object' ? Object.keys(agents).filter((g) => g !== path[1] && valueAt(ctx.data, ['agents', g, disc]) !== undefined) : [];
        const guess = didYouMean(path[1], others);
        return [at(ctx, path, `agent group "${path[1]}" is not in the scenario${guess ? ` (did you mean "${guess}"?)` : ''}; a new group needs "${disc}": one of ${list}`)];
      }
      return [at(ctx, path, `Missing required key "${disc}": one of ${list}`)];
    }
    const guess = typeof value === 'string' ? didYouMean(value, options) : undefined;
    const head = `Unknown ${disc} ${describeValue(value)}${guess ? ` (did you mean "${guess}"?)` : ''}`;
    // An agent kind that is no built-in may be a plug-in's that was not loaded.
    const hint = disc === 'kind' && path[0] === 'agents' && guess === undefined ? ' (a plug-in kind needs --plugin FILE, or registerAgentKind in code)' : '';
    return [at(ctx, path, `${head}; valid ${disc}s: ${list}${hint}`)];
  }
  const branch = likelyBranch(issue.errors);
  if (branch !== null) return locateZodIssues(branch, ctx, path);
  const expected = [...new Set(issue.errors.flatMap((b) => b.map((i) => (i.code === 'invalid_type' ? typeName(i.expected) : 'value'))))];
  const value = valueAt(ctx.data, path);
  const desc = descriptionAt(ctx.schema, ctx.data, path);
  return [at(ctx, path, `Invalid input ${describeValue(value)}: expected ${expected.join(' or ')}${desc ? ` (${desc})` : ''}`)];
}

/**
 * The branch the input was evidently written for: not one rejected for its type at the root or
 * for a tag-like literal (`kind`, `type`, `action`, `dist`); among those, the fewest issues.
 */
function likelyBranch(errors: readonly (readonly Issue[])[]): readonly Issue[] | null {
  const tagKeys = new Set(['kind', 'type', 'action', 'dist']);
  const plausible = errors.filter(
    (b) =>
      !b.some((i) => i.path.length === 0 && i.code === 'invalid_type') &&
      !b.some((i) => i.path.length === 1 && i.code === 'invalid_value' && tagKeys.has(String(i.path[0]))),
  );
  let best: readonly Issue[] | null = null;
  for (const b of plausible) if (best === null || b.length < best.length) best = b;
  return best;
}

/** zod's type names in YAML words. */
function typeName(expected: string): string {
  const names: Record<string, string> = { object: 'a map', record: 'a map', array: 'a list', int: 'an integer' };
  return names[expected] ?? expected;
}

/** A short rendering of a value for messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (isPlainObject(v)) return 'a map';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  return String(v);
}
