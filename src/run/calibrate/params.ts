/**
 * Calibrated parameters: `--param dotted.path=lo..hi[:log]` parsing, the map between a box and
 * unbounded optimizer coordinates, and the text a value is written as in `--set` and YAML.
 *
 * Box transform: with s = (x - lo) / (hi - lo) (or the same on ln x for `:log`), the optimizer
 * works on u = logit(s) in (-inf, inf), so every candidate lies strictly inside the box and
 * Nelder-Mead needs no constraint handling. Values are rounded to 6 significant digits before a
 * run (readable YAML, stable journal keys); the rounding is far below any parameter's effect
 * that the seed noise could resolve.
 */

/** A parameter problem (the CLI reports it as a usage error naming the flag). */
export class ParamError extends Error {
  override readonly name = 'ParamError';
}

export interface ParamSpec {
  /** Dotted scenario path, as in `--set`. */
  readonly path: string;
  readonly lo: number;
  readonly hi: number;
  /** Search on ln(x) (needs lo > 0): for rates and sizes spanning decades. */
  readonly log: boolean;
}

const NUM = '[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?';
const PARAM_RE = new RegExp(`^([^=\\s]+)=(${NUM})\\.\\.(${NUM})(?::(log|lin))?$`);

/** Parses one `--param` flag. */
export function parseParamFlag(raw: string): ParamSpec {
  const m = PARAM_RE.exec(raw.trim());
  if (m === null) throw new ParamError(`--param ${raw}: expected dotted.path=lo..hi or dotted.path=lo..hi:log, e.g. agents.makers.half_spread_bps=1..10`);
  const path = m[1] as string;
  const lo = Number(m[2]);
  const hi = Number(m[3]);
  const log = m[4] === 'log';
  if (!(lo < hi)) throw new ParamError(`--param ${path}: the range ${m[2]}..${m[3]} must have lo < hi`);
  if (log && !(lo > 0)) throw new ParamError(`--param ${path}: a :log range needs lo > 0, got ${m[2]}`);
  if (path.split('.').some((s) => s === '')) throw new ParamError(`--param ${path}: expected a dotted path such as agents.makers.half_spread_bps`);
  return { path, lo, hi, log };
}

/** Parses every `--param`; a path given twice is an error. */
export function parseParams(flags: readonly string[]): ParamSpec[] {
  if (flags.length === 0) throw new ParamError('give at least one --param dotted.path=lo..hi');
  const out = flags.map(parseParamFlag);
  const seen = new Set<string>();
  for (const p of out) {
    if (seen.has(p.path)) throw new ParamError(`--param ${p.path}: given twice`);
    seen.add(p.path);
  }
  return out;
}

const scaled = (p: ParamSpec, x: number): number => (p.log ? (Math.log(x) - Math.log(p.lo)) / (Math.log(p.hi) - Math.log(p.lo)) : (x - p.lo) / (p.hi - p.lo));

/** Optimizer coordinate of value `x` (clamped 1e-6 inside the box so the logit stays finite). */
export function toUnbounded(p: ParamSpec, x: number): number {
  const s = Math.min(1 - 1e-6, Math.max(1e-6, scaled(p, x)));
  return Math.log(s / (1 - s));
}

/** Value of optimizer coordinate `u`, rounded to 6 significant digits and kept inside [lo, hi]. */
export function fromUnbounded(p: ParamSpec, u: number): number {
  const s = 1 / (1 + Math.exp(-u));
  const x = p.log ? Math.exp(Math.log(p.lo) + s * (Math.log(p.hi) - Math.log(p.lo))) : p.lo + s * (p.hi - p.lo);
  return Math.min(p.hi, Math.max(p.lo, round6(x)));
}

/** `x` rounded to 6 significant digits. */
export function round6(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(6));
}

/** The `--set` flags of a candidate. */
export function candidateSets(params: readonly ParamSpec[], values: readonly number[]): string[] {
  return params.map((p, i) => `${p.path}=${String(values[i])}`);
}

/** Reads the number at a dotted path of plain data (the scenario as merged), or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}
