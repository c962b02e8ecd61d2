/**
 * Text formatting for the HTML report: HTML escaping and locale-free number and time formats
 * (never toLocaleString: the report must be byte-identical on every machine). Times are ns since
 * the scenario start.
 */
import { NS_PER_HOUR, NS_PER_MIN, NS_PER_SEC } from '../model/time.js';

/** The text shown for a missing value (NaN, Infinity). */
export const MISSING = '—';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Inserts `,` every three digits of the integer part of a plain decimal string. */
function group(text: string): string {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot);
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac}`;
}

/** `value` with `decimals` fixed decimals and thousands separators; {@link MISSING} when not finite. */
export function fixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return MISSING;
  const text = value.toFixed(decimals);
  // -0.00 reads as a sign error; show it as 0.00.
  return group(/^-0(\.0*)?$/.test(text) ? text.slice(1) : text);
}

/**
 * A general number: integers grouped, others with `significant` significant digits (at least
 * enough decimals to show them), exponent form below 1e-6. {@link MISSING} when not finite.
 */
export function num(value: number, significant = 4): string {
  if (!Number.isFinite(value)) return MISSING;
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return fixed(value, 0);
  const abs = Math.abs(value);
  if (abs < 1e-6) return value.toExponential(significant - 1);
  const magnitude = Math.floor(Math.log10(abs));
  return fixed(value, Math.max(0, significant - 1 - magnitude));
}

/** A fraction as a percentage with two decimals (`-0.0313` -> `-3.13%`). */
export function pct(fraction: number): string {
  return Number.isFinite(fraction) ? `${fixed(fraction * 100, 2)}%` : MISSING;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `h:mm` (axis labels at minute steps). */
export function hmm(tNs: number): string {
  const totalMin = Math.floor(tNs / NS_PER_MIN);
  return `${Math.floor(totalMin / 60)}:${two(totalMin % 60)}`;
}

/** `h:mm:ss` (axis labels at second steps). */
export function hmmss(tNs: number): string {
  const totalS = Math.floor(tNs / NS_PER_SEC);
  return `${Math.floor(totalS / 3600)}:${two(Math.floor(totalS / 60) % 60)}:${two(totalS % 60)}`;
}

/** `h:mm:ss.mmm` (event times in tables). */
export function hmmssms(tNs: number): string {
  if (!Number.isFinite(tNs)) return MISSING;
  const ms = Math.floor(tNs / 1e6) % 1000;
  return `${hmmss(tNs)}.${String(ms).padStart(3, '0')}`;
}

/** A duration in words: `1 h 5 m`, `30 m 0 s`, `3.09 s`. */
export function duration(ns: number): string {
  if (!Number.isFinite(ns)) return MISSING;
  if (ns >= NS_PER_HOUR) return `${Math.floor(ns / NS_PER_HOUR)} h ${Math.floor((ns % NS_PER_HOUR) / NS_PER_MIN)} m`;
  if (ns >= NS_PER_MIN) return `${Math.floor(ns / NS_PER_MIN)} m ${Math.floor((ns % NS_PER_MIN) / NS_PER_SEC)} s`;
  return `${num(ns / NS_PER_SEC, 3)} s`;
}
