/**
 * Parsing helpers for flag values yargs leaves loose: counts (`--head 10`), seeds, widths and
 * comma lists. A bad value is a usage error (exit 2) naming the flag.
 */
import { usageError } from './errors.js';

/** A non-negative safe integer from a flag, or undefined when the flag is absent. */
export function countFlag(name: string, value: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw usageError(`--${name} must be an integer ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}..${max}`}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** A u32 seed from `--seed`, or undefined. */
export function seedFlag(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n) || n < 0 || n > 0xffff_ffff) throw usageError(`--seed must be an integer in 0..4294967295, got ${JSON.stringify(value)}`);
  return n;
}

/** `a,b,,c` (possibly given several times) -> ['a', 'b', 'c']. */
export function listFlag(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** `--trace glob`, given at most once. */
export function traceFlag(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw usageError('give --trace once, with one glob such as "dealer/*"');
  const glob = String(value);
  if (glob === '') throw usageError('--trace needs a glob such as "dealer/*"');
  return glob;
}

/** A repeatable string flag as a list (`--set a=1 --set b=2`). */
export function stringsFlag(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Optimal-string-alignment distance, for did-you-mean on column and option names. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    for (let j = 0; j <= b.length; j++) prev[j] = cur[j]!;
    cur = new Array<number>(b.length + 1);
  }
  return prev[b.length]!;
}

/** The closest of `candidates` to `word` when within a typo's distance, else undefined. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    const limit = Math.max(1, Math.min(3, Math.floor(Math.max(word.length, c.length) / 3)));
    if (d <= limit && (d < bestD || (d === bestD && best !== undefined && c < best))) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or ''. */
export function didYouMeanSuffix(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : ` (did you mean ${JSON.stringify(c)}?)`;
}
