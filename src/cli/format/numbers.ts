/**
 * Number and value formatting for terminal tables and summaries: integers as written, floats
 * to a few significant digits without trailing zeros, NaN as `NaN` (or a dash in summaries),
 * thousands separators only where a human reads a quantity.
 */
import type { JsValue } from '../../output/reader.js';

/** A cell value as text: integers exact, floats to 6 decimals (trimmed) or exponent form. */
export function cellText(v: JsValue): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  return numberText(v);
}

/** A number compactly: exact integers, else up to 6 decimals, exponent form for extremes. */
export function numberText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Inf' : '-Inf';
  if (Number.isInteger(v)) return Object.is(v, -0) ? '-0' : String(v);
  const a = Math.abs(v);
  if (a >= 1e15 || a < 1e-6) return v.toExponential(4);
  return String(Number(v.toFixed(6)));
}

/** Like numberText with `significant` digits and thousands separators: `58,712.5`, `0.0123`. */
export function humanNumber(v: number, significant = 6): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e15 || a < 1e-6)) return v.toExponential(3);
  const digits = a === 0 ? 0 : Math.max(0, Math.min(8, significant - 1 - Math.floor(Math.log10(a))));
  return v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A fraction as a signed percentage: `-2.15%`. */
export function percentText(fraction: number, decimals = 2): string {
  if (!Number.isFinite(fraction)) return '—';
  const p = fraction * 100;
  return `${p > 0 ? '+' : ''}${p.toFixed(decimals)}%`;
}

/** Simulated ns since start as `h:mm:ss` (or `m:ss.mmm` for runs under a minute). */
export function simClock(ns: number, withMs = false): string {
  const totalMs = Math.round(ns / 1e6);
  const ms = totalMs % 1000;
  const totalS = Math.floor(totalMs / 1000);
  const s = totalS % 60;
  const m = Math.floor(totalS / 60) % 60;
  const h = Math.floor(totalS / 3600);
  const base = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return withMs ? `${base}.${String(ms).padStart(3, '0')}` : base;
}

/** A duration in ns as a short human string: `850 ms`, `12.4 s`, `3 m 20 s`, `8 h 0 m`. */
export function durationText(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  const s = ns / 1e9;
  if (s < 1) return `${Math.round(ns / 1e6)} ms`;
  if (s < 60) return `${Number(s.toFixed(1))} s`;
  if (s < 3600) return `${Math.floor(s / 60)} m ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} m`;
}

/** A value made JSON-safe: NaN/Infinity -> null, bigint -> string. */
export function jsonSafe(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonSafe(x);
    return out;
  }
  return v;
}
