/**
 * SVG path data for series in pixel space: polylines that break at NaN gaps, step lines, and a
 * min/max decimation that keeps a long series to about two points per pixel column without
 * losing its extremes. Coordinates are printed with one decimal (deterministic text).
 */

/** Maps a data value to a pixel coordinate. */
export type Scale = (v: number) => number;

/** One decimal, no `-0.0`. */
export function px(v: number): string {
  const t = v.toFixed(1);
  return t === '-0.0' ? '0.0' : t;
}

/**
 * Indices to draw of a series with x ascending: when there are more than 2 points per pixel
 * column, each column keeps its first, lowest, highest and last finite point (in index order);
 * NaN points are kept (they mark gaps). Otherwise every index.
 */
export function decimate(x: ArrayLike<number>, y: ArrayLike<number>, sx: Scale, plotWidthPx: number): number[] {
  const n = x.length;
  const all: number[] = [];
  if (n <= 2 * plotWidthPx) {
    for (let i = 0; i < n; i++) all.push(i);
    return all;
  }
  let column = Number.NaN;
  let bucket: number[] = [];
  const flush = (): void => {
    if (bucket.length === 0) return;
    let lo = bucket[0] as number;
    let hi = lo;
    for (const i of bucket) {
      if ((y[i] as number) < (y[lo] as number)) lo = i;
      if ((y[i] as number) > (y[hi] as number)) hi = i;
    }
    const keep = new Set([bucket[0] as number, lo, hi, bucket[bucket.length - 1] as number]);
    all.push(...[...keep].sort((a, b) => a - b));
    bucket = [];
  };
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    if (!Number.isFinite(yi)) {
      flush();
      all.push(i);
      continue;
    }
    const c = Math.floor(sx(x[i] as number));
    if (c !== column) {
      flush();
      column = c;
    }
    bucket.push(i);
  }
  flush();
  return all;
}

/**
 * Path data through the points (x, y) at `indices`; a non-finite y ends the current segment, so
 * a gap in the data is a gap in the line. `step` draws a step-after line (the value holds until
 * the next point). Empty string when nothing is drawable.
 */
export function linePath(x: ArrayLike<number>, y: ArrayLike<number>, indices: readonly number[], sx: Scale, sy: Scale, step = false): string {
  const parts: string[] = [];
  let open = false;
  for (const i of indices) {
    const yi = y[i] as number;
    const xi = x[i] as number;
    if (!Number.isFinite(yi) || !Number.isFinite(xi)) {
      open = false;
      continue;
    }
    const X = px(sx(xi));
    const Y = px(sy(yi));
    if (!open) parts.push(`M${X} ${Y}`);
    else if (step) parts.push(`H${X}V${Y}`);
    else parts.push(`L${X} ${Y}`);
    open = true;
  }
  return parts.join('');
}
