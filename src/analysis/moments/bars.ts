/**
 * Real OHLCV bars: parsers for the freqtrade/Binance JSON kline layout
 * (`[[open_time_ms, open, high, low, close, volume], ...]`) and for CSV with a header naming at
 * least `open_time_ms` (or `time`/`timestamp`: epoch ms, or ISO-8601 UTC), `close` and
 * optionally `volume`, plus the mapping onto a {@link PriceGrid} (close labelled by bar open
 * time, NaN for missing bars, so k-minute returns never span a gap). Prices quote, volume base.
 */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { PriceGrid } from './grid.js';

export interface Bar {
  readonly openTimeMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** A parse error with a 1-based line (CSV) or array index (JSON) to point the user at. */
export class BarsFormatError extends Error {
  constructor(readonly file: string, readonly where: string, message: string) {
    super(`${file}:${where}: ${message}`);
  }
}

/** Parses the freqtrade/Binance kline JSON array. */
export function parseKlineJson(text: string, file = '<json>'): Bar[] {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (e) {
    throw new BarsFormatError(file, '1:1', `not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(rows)) throw new BarsFormatError(file, '1:1', 'expected an array of [open_time_ms, open, high, low, close, volume]');
  return rows.map((r: unknown, i) => {
    if (!Array.isArray(r) || r.length < 6) throw new BarsFormatError(file, `[${i}]`, 'expected [open_time_ms, open, high, low, close, volume]');
    const v = r.slice(0, 6).map(Number);
    if (v.some((x) => !Number.isFinite(x))) throw new BarsFormatError(file, `[${i}]`, `non-numeric field in ${JSON.stringify(r)}`);
    return { openTimeMs: v[0] as number, open: v[1] as number, high: v[2] as number, low: v[3] as number, close: v[4] as number, volume: v[5] as number };
  });
}

const TIME_COLUMNS = ['open_time_ms', 'open_time', 'time', 'timestamp', 'date'];

/** Parses CSV bars (comma-separated, header row; columns documented in docs/calibration.md). */
export function parseBarsCsv(text: string, file = '<csv>'): Bar[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const ti = header.findIndex((h) => TIME_COLUMNS.includes(h));
  const ci = header.indexOf('close');
  if (ti < 0 || ci < 0) throw new BarsFormatError(file, '1:1', `header must name a time column (${TIME_COLUMNS.join(' | ')}) and close; got '${lines[0] ?? ''}'`);
  const col = (n: string): number => header.indexOf(n);
  const [oi, hi, li, vi] = [col('open'), col('high'), col('low'), col('volume')];
  const out: Bar[] = [];
  for (let ln = 1; ln < lines.length; ln++) {
    const line = lines[ln] as string;
    if (line.trim() === '') continue;
    const f = line.split(',');
    const num = (i: number, name: string): number => {
      const v = Number(f[i]);
      if (f[i] === undefined || f[i]?.trim() === '' || !Number.isFinite(v)) throw new BarsFormatError(file, `${ln + 1}:${i + 1}`, `${name} is not a number: '${f[i] ?? ''}'`);
      return v;
    };
    const tRaw = (f[ti] ?? '').trim();
    const t = /^-?\d+(\.\d+)?$/.test(tRaw) ? Number(tRaw) : Date.parse(tRaw);
    if (!Number.isFinite(t)) throw new BarsFormatError(file, `${ln + 1}:${ti + 1}`, `time is neither epoch ms nor ISO-8601: '${tRaw}'`);
    const close = num(ci, 'close');
    out.push({
      openTimeMs: t,
      open: oi >= 0 ? num(oi, 'open') : close,
      high: hi >= 0 ? num(hi, 'high') : close,
      low: li >= 0 ? num(li, 'low') : close,
      close,
      volume: vi >= 0 ? num(vi, 'volume') : Number.NaN,
    });
  }
  return out;
}

/** Reads a bars file: `.json` (kline layout) or CSV, either optionally gzipped (`.gz`). */
export function readBarsFile(path: string): Bar[] {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const base = path.replace(/\.gz$/, '');
  return base.endsWith('.json') || text.trimStart().startsWith('[') ? parseKlineJson(text, path) : parseBarsCsv(text, path);
}

/**
 * Bars on their grid: sorted by open time, duplicates keep the last, step = the smallest gap
 * between open times (60 000 ms for 1-min bars), missing bars NaN. `fromMs`/`toMs` (inclusive,
 * exclusive) cut a window, e.g. the calm 15 days.
 */
export function barsToGrid(bars: readonly Bar[], fromMs = -Infinity, toMs = Infinity): PriceGrid {
  const byTime = new Map<number, Bar>();
  for (const b of bars) if (b.openTimeMs >= fromMs && b.openTimeMs < toMs) byTime.set(b.openTimeMs, b);
  const times = [...byTime.keys()].sort((a, b) => a - b);
  if (times.length === 0) return { startMs: 0, stepMs: 60_000, values: new Float64Array(0) };
  let stepMs = Infinity;
  for (let i = 1; i < times.length; i++) stepMs = Math.min(stepMs, (times[i] as number) - (times[i - 1] as number));
  if (!Number.isFinite(stepMs)) stepMs = 60_000;
  const startMs = times[0] as number;
  const n = Math.round(((times[times.length - 1] as number) - startMs) / stepMs) + 1;
  const values = new Float64Array(n).fill(Number.NaN);
  const volume = new Float64Array(n);
  for (const t of times) {
    const b = byTime.get(t) as Bar;
    const i = Math.round((t - startMs) / stepMs);
    values[i] = b.close;
    volume[i] = b.volume;
  }
  return { startMs, stepMs, values, volume };
}
