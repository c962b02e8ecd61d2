/**
 * Terminal charts on a shared time axis: a braille line chart (2 x 4 dots per character, each
 * dot column drawn from the lowest to the highest value it saw and joined to its neighbour, so
 * spikes inside a column stay visible), block-character sparklines and marker rows. Everything
 * is plain strings plus per-cell series ids; colour is applied by the caller.
 */

/** Simulated time span drawn across `width` character columns. */
export interface TimeAxis {
  readonly startNs: number;
  readonly endNs: number;
  readonly width: number;
}

/** The character column of time `tNs` (clamped to the axis). */
export function columnOf(axis: TimeAxis, tNs: number, perChar = 1): number {
  const n = axis.width * perChar;
  const span = Math.max(1, axis.endNs - axis.startNs);
  const x = Math.floor(((tNs - axis.startNs) / span) * n);
  return Math.min(n - 1, Math.max(0, x));
}

/** A time series as parallel arrays (time ascending). */
export interface Series {
  readonly tNs: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

/** Smallest and largest finite value over several series (NaN, NaN when there is none). */
export function valueRange(series: readonly Series[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i] as number;
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  return lo <= hi ? [lo, hi] : [Number.NaN, Number.NaN];
}

/** Per dot column: the range of values to draw (NaN where the series has no value yet). */
function dotColumnRanges(s: Series, axis: TimeAxis): { lo: Float64Array; hi: Float64Array } {
  const n = axis.width * 2;
  const lo = new Float64Array(n).fill(Number.NaN);
  const hi = new Float64Array(n).fill(Number.NaN);
  const last = new Float64Array(n).fill(Number.NaN);
  let lastCol = -1;
  for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i] as number;
    if (!Number.isFinite(v)) continue;
    const x = columnOf(axis, s.tNs[i] as number, 2);
    lo[x] = Number.isNaN(lo[x] as number) ? v : Math.min(lo[x] as number, v);
    hi[x] = Number.isNaN(hi[x] as number) ? v : Math.max(hi[x] as number, v);
    last[x] = v;
    lastCol = Math.max(lastCol, x);
  }
  // Carry the last value across empty columns up to the last sample, and join each column to
  // the previous one so the line has no vertical gaps.
  let prev = Number.NaN;
  for (let x = 0; x <= lastCol; x++) {
    if (Number.isNaN(lo[x] as number)) {
      lo[x] = prev;
      hi[x] = prev;
      continue;
    }
    if (!Number.isNaN(prev)) {
      lo[x] = Math.min(lo[x] as number, prev);
      hi[x] = Math.max(hi[x] as number, prev);
    }
    prev = last[x] as number;
  }
  return { lo, hi };
}

// Braille dot bits by (dx, dy) with dy counted from the top of the cell.
const DOT = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
] as const;

/** A rendered braille chart: rows of characters and, per cell, the id of the series drawn there. */
export interface BrailleChart {
  readonly rows: readonly string[];
  /** Per row, per character: index of the first series with a dot in the cell, or -1. */
  readonly owner: readonly Int8Array[];
  readonly lo: number;
  readonly hi: number;
}

/**
 * Draws `series` (at most 127) on `height` rows over the axis, on the value scale [lo, hi]
 * (defaults: the data's range, widened when flat).
 */
export function brailleChart(series: readonly Series[], axis: TimeAxis, height: number, scale?: [number, number]): BrailleChart {
  let [lo, hi] = scale ?? valueRange(series);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.001 : 1;
    lo -= pad;
    hi += pad;
  }
  const w = axis.width;
  const dotsHigh = height * 4;
  const masks = series.map(() => new Uint8Array(w * height));
  const toDot = (v: number): number => {
    const y = Math.round(((v - lo) / (hi - lo)) * (dotsHigh - 1));
    return dotsHigh - 1 - Math.min(dotsHigh - 1, Math.max(0, y)); // 0 = top
  };
  series.forEach((s, k) => {
    const { lo: cLo, hi: cHi } = dotColumnRanges(s, axis);
    const mask = masks[k] as Uint8Array;
    for (let x = 0; x < w * 2; x++) {
      const a = cLo[x] as number;
      if (Number.isNaN(a)) continue;
      const top = toDot(cHi[x] as number);
      const bottom = toDot(a);
      for (let y = top; y <= bottom; y++) {
        const cell = Math.floor(y / 4) * w + (x >> 1);
        mask[cell] = (mask[cell] as number) | DOT[x & 1]![y & 3]!;
      }
    }
  });
  const rows: string[] = [];
  const owner: Int8Array[] = [];
  for (let r = 0; r < height; r++) {
    let line = '';
    const own = new Int8Array(w).fill(-1);
    for (let c = 0; c < w; c++) {
      let bits = 0;
      for (let k = 0; k < masks.length; k++) {
        const m = (masks[k] as Uint8Array)[r * w + c] as number;
        if (m !== 0 && own[c] === -1) own[c] = k;
        bits |= m;
      }
      line += String.fromCharCode(0x2800 + bits);
    }
    rows.push(line);
    owner.push(own);
  }
  return { rows, owner, lo, hi };
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * Block sparkline of per-column amounts (>= 0): blank for 0, at least `▁` for any positive
 * amount, `█` at `max` (default: the largest amount).
 */
export function sparkline(amounts: ArrayLike<number>, max?: number): string {
  let top = max ?? 0;
  if (max === undefined) for (let i = 0; i < amounts.length; i++) top = Math.max(top, amounts[i] as number);
  let out = '';
  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i] as number;
    if (!(a > 0) || !(top > 0)) {
      out += ' ';
      continue;
    }
    const level = Math.min(7, Math.max(0, Math.ceil((a / top) * 8) - 1));
    out += BLOCKS[level];
  }
  return out;
}

/** Sums `weights` (or counts rows when omitted) into the axis's character columns. */
export function bucketSums(axis: TimeAxis, tNs: ArrayLike<number>, keep: (i: number) => boolean, weight?: (i: number) => number): Float64Array {
  const out = new Float64Array(axis.width);
  for (let i = 0; i < tNs.length; i++) {
    if (!keep(i)) continue;
    const c = columnOf(axis, tNs[i] as number);
    out[c] = (out[c] as number) + (weight ? weight(i) : 1);
  }
  return out;
}

/**
 * Time labels under the axis: as many evenly spaced ticks as fit (at most 6), each label
 * starting at its column, none overlapping or past the right edge.
 */
export function timeLabels(axis: TimeAxis, label: (tNs: number) => string): string {
  const len = label(axis.endNs).length;
  const ticks = Math.max(1, Math.min(5, Math.floor((axis.width - len) / (len + 2))));
  const chars = new Array<string>(axis.width).fill(' ');
  let nextFree = 0;
  let previous = '';
  for (let k = 0; k <= ticks; k++) {
    const t = axis.startNs + ((axis.endNs - axis.startNs) * k) / ticks;
    const text = label(t);
    if (text === previous) continue; // a span shorter than the label resolution
    previous = text;
    let at = Math.round((axis.width - 1) * (k / ticks));
    if (at + text.length > axis.width) at = axis.width - text.length;
    if (at < nextFree || at < 0) continue;
    for (let j = 0; j < text.length; j++) chars[at + j] = text[j] as string;
    nextFree = at + text.length + 1;
  }
  return chars.join('').trimEnd();
}
