/**
 * Located scenario errors: each names where the bad value came from (a file position, a
 * `--set` flag, `--seed`), the dotted path inside the scenario and a message. `ScenarioError`
 * carries all of them at once (CLI exit code 2); `formatErrors` prints one per line as
 * `file:line:col  dotted.path: message`, sorted by position.
 */

/** One problem with the user's input. */
export interface ScenarioIssue {
  /** A file path as the user named it, or a flag such as `--set a.b` or `--seed`. */
  readonly source: string;
  /** 1-based line and column in `source` when it is a file and the position is known. */
  readonly line?: number;
  readonly col?: number;
  /** Dotted path inside the scenario (`agents.mm.count`, `schedule.2.at`); '' for the whole file. */
  readonly path: string;
  readonly message: string;
  /** Sort rank of `source` (order in which sources were read); lower first. */
  readonly rank?: number;
}

/** Bad user input: every issue found, already located. Exit code 2; nothing was written. */
export class ScenarioError extends Error {
  readonly exitCode = 2;
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(formatErrors(issues));
    this.name = 'ScenarioError';
  }
}

/** `file:line:col`, `file` or `--set a.b`. */
export function formatLocation(issue: ScenarioIssue): string {
  return issue.line === undefined ? issue.source : `${issue.source}:${issue.line}:${issue.col ?? 1}`;
}

/** One line per issue, sorted by (source rank, line, col, path, message). */
export function formatErrors(issues: readonly ScenarioIssue[]): string {
  return sortIssues(issues)
    .map((i) => `${formatLocation(i)}  ${i.path === '' ? '' : `${i.path}: `}${i.message}`)
    .join('\n');
}

/** Issues in reporting order; exact duplicates removed. */
export function sortIssues(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  const out: ScenarioIssue[] = [];
  for (const i of issues) {
    const key = `${i.source}\0${i.line}\0${i.col}\0${i.path}\0${i.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(i);
    }
  }
  return out.sort(
    (a, b) =>
      (a.rank ?? 0) - (b.rank ?? 0) ||
      cmp(a.source, b.source) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      cmp(a.path, b.path) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Joins a zod-style path into `a.b.0.c`. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Optimal-string-alignment edit distance (a transposition counts as one edit). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[i - 2] as number[])[j - 2] as number + 1);
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The closest candidate to `word` when it is close enough to be a likely typo (at most 2 edits
 * and at most a third of the longer word), ties broken alphabetically; else undefined. A
 * snake_case candidate also matches by its tail (`levrage` -> `max_leverage`), scored half an
 * edit worse than a whole-word match.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const forms: [string, number][] = [[c.toLowerCase(), 0]];
    const parts = c.toLowerCase().split('_');
    for (let i = 1; i < parts.length; i++) {
      const tail = parts.slice(i).join('_');
      if (tail.length >= 4) forms.push([tail, 0.5]);
    }
    for (const [form, penalty] of forms) {
      const d = editDistance(w, form);
      const limit = Math.min(2, Math.max(1, Math.floor(Math.max(w.length, form.length) / 3)));
      if (d > limit) continue;
      const score = d + penalty;
      if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
        best = c;
        bestScore = score;
      }
    }
  }
  return best;
}

/** `"x"`, `"x" or "y"`, `"x", "y" or "z"`. */
export function quoteList(values: readonly string[]): string {
  const q = values.map((v) => JSON.stringify(v));
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}
