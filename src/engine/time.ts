/**
 * Simulated time. SimTime is an integer count of nanoseconds since scenario start, held in a
 * `number` (safe up to 2^53 ns, about 104 days). Durations in scenario files are human strings
 * such as `250ms`, `8h` or `1h30m`; this file converts them once, at the boundary.
 */

/** Nanoseconds since scenario start. Always a safe, non-negative integer. */
export type SimTimeNs = number;

export const NS_PER_US = 1_000;
export const NS_PER_MS = 1_000_000;
export const NS_PER_SEC = 1_000_000_000;
export const NS_PER_MIN = 60 * NS_PER_SEC;
export const NS_PER_HOUR = 60 * NS_PER_MIN;
export const NS_PER_DAY = 24 * NS_PER_HOUR;
/** ACT/365 year used for option year fractions and vol annualization (24/7 markets). */
export const NS_PER_YEAR_365 = 365 * NS_PER_DAY;

/** Throws when `t` is not a safe non-negative integer number of nanoseconds. */
export function assertTimeNs(t: number, what = 'time'): void {
  if (!Number.isSafeInteger(t) || t < 0) {
    throw new RangeError(`${what} must be a safe non-negative integer of ns, got ${t}`);
  }
}

const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1,
  us: NS_PER_US,
  µs: NS_PER_US,
  ms: NS_PER_MS,
  s: NS_PER_SEC,
  m: NS_PER_MIN,
  min: NS_PER_MIN,
  h: NS_PER_HOUR,
  d: NS_PER_DAY,
};

const DURATION_PART_SOURCE = '(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|min|m|h|d)';
const DURATION_PART = new RegExp(DURATION_PART_SOURCE, 'y');

/**
 * The strings {@link parseDurationNs} accepts, as one anchored regular expression source (for the
 * JSON Schema's `pattern`, so an editor flags `"2 hours"`). Same grammar: `0`, or one or more
 * `<number><unit>` parts, spaces between parts, whitespace between number and unit and around the whole.
 */
export const DURATION_PATTERN = `^\\s*(?:0|(?: *${DURATION_PART_SOURCE.replace(/\((?!\?)/g, '(?:')})+)\\s*$`;

/**
 * Parses a duration string (`250ms`, `1.5s`, `8h`, `1h30m`, `0`) into integer nanoseconds.
 * Returns an error message instead of throwing so scenario validation can report it in place.
 */
export function parseDurationNs(text: string): number | { error: string } {
  const s = text.trim();
  if (s === '0') return 0;
  if (s.length === 0) return { error: 'empty duration' };
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    while (s[pos] === ' ') pos++;
    DURATION_PART.lastIndex = pos;
    const m = DURATION_PART.exec(s);
    if (m === null) {
      return { error: `invalid duration "${text}": expected e.g. 250ms, 1.5s, 8h, 1h30m (units ns, us, ms, s, m, h, d)` };
    }
    total += Number(m[1]) * (UNIT_NS[m[2] as string] as number);
    pos = DURATION_PART.lastIndex;
  }
  const ns = Math.round(total);
  if (!Number.isSafeInteger(ns)) return { error: `duration "${text}" is too long (max about 104 days)` };
  return ns;
}

/** Like {@link parseDurationNs} but throws on bad input (for code and tests, not user input). */
export function durationNs(text: string): number {
  const r = parseDurationNs(text);
  if (typeof r !== 'number') throw new RangeError(r.error);
  return r;
}

/**
 * Formats an integer of nanoseconds as a compact human duration, e.g. `1h30m`, `250ms`
 * (negative durations get a leading `-`). `parseDurationNs(formatDurationNs(x)) === x` for every
 * safe non-negative integer.
 */
export function formatDurationNs(ns: number): string {
  if (!Number.isSafeInteger(ns)) throw new RangeError(`duration must be a safe integer of ns, got ${ns}`);
  if (ns === 0) return '0s';
  if (ns < 0) return '-' + formatDurationNs(-ns);
  const parts: string[] = [];
  let rest = ns;
  for (const [unit, size] of [['d', NS_PER_DAY], ['h', NS_PER_HOUR], ['m', NS_PER_MIN], ['s', NS_PER_SEC]] as const) {
    if (rest >= size) {
      const q = Math.floor(rest / size);
      parts.push(`${q}${unit}`);
      rest -= q * size;
    }
  }
  if (rest > 0) {
    if (rest % NS_PER_MS === 0) parts.push(`${rest / NS_PER_MS}ms`);
    else if (rest % NS_PER_US === 0) parts.push(`${rest / NS_PER_US}us`);
    else parts.push(`${rest}ns`);
  }
  return parts.join('');
}
