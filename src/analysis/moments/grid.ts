/**
 * A price series on a fixed UTC grid and its log returns at a horizon. Times are UTC epoch
 * milliseconds (exact in doubles); prices in quote currency; NaN marks a missing sample (a gap
 * in the bars, no two-sided book yet). This is the one representation both real bars (closes,
 * labelled by bar open time) and simulated mids (previous-tick value at each grid time) map to,
 * so every moment is computed by the same code from either.
 *
 * Returns at horizon h (stats.py convention): non-overlapping, starting at grid labels that are
 * multiples of h in UTC, log(p[t+h] / p[t]), and only when every sample from t to t+h is present,
 * so no return spans a gap. Consecutive valid returns form one segment; a missing one ends it.
 */

/** Prices on a fixed grid: `values[i]` is the price labelled `startMs + i * stepMs`. */
export interface PriceGrid {
  /** UTC epoch ms of sample 0. */
  readonly startMs: number;
  /** Grid step in ms (1 000 for 1 s samples, 60 000 for 1-min bars). */
  readonly stepMs: number;
  /** Prices (quote); NaN where missing. */
  readonly values: Float64Array;
  /**
   * Optional traded volume (base) in the interval that ends at sample i (for a bar: that bar's
   * volume; for a simulation: fills with time in (t_{i-1}, t_i]). Same length as `values`.
   */
  readonly volume?: Float64Array;
}

/** Log returns at one horizon, in contiguous segments, with the volume traded during each return. */
export interface HorizonReturns {
  readonly horizonMs: number;
  /** Runs of consecutive valid returns. */
  readonly segments: readonly Float64Array[];
  /** All returns in time order (the segments concatenated). */
  readonly all: Float64Array;
  /** Volume (base) traded during each return, parallel to `all`; empty without grid volume. */
  readonly volume: Float64Array;
}

/**
 * Returns of `grid` at `horizonMs`. Empty (no returns) when the horizon is not a whole multiple
 * of the grid step: a 1 s moment cannot be computed from 1-min bars.
 */
export function returnsAt(grid: PriceGrid, horizonMs: number): HorizonReturns {
  const empty: HorizonReturns = { horizonMs, segments: [], all: new Float64Array(0), volume: new Float64Array(0) };
  const { startMs, stepMs, values } = grid;
  const k = horizonMs / stepMs;
  if (!(stepMs > 0) || !Number.isInteger(k) || k < 1) return empty;
  const n = values.length;
  // missing[i] = number of missing samples among 0..i-1, so a window check is O(1)
  const missing = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) missing[i + 1] = (missing[i] as number) + (Number.isFinite(values[i] as number) && (values[i] as number) > 0 ? 0 : 1);
  const vol = grid.volume;
  const cumVol = new Float64Array(n + 1);
  if (vol !== undefined) for (let i = 0; i < n; i++) cumVol[i + 1] = (cumVol[i] as number) + (vol[i] as number);
  let i0 = 0;
  while (i0 < k && mod(startMs + i0 * stepMs, horizonMs) !== 0) i0++;
  if (i0 >= k) return empty; // the grid never hits a UTC multiple of the horizon
  const segments: Float64Array[] = [];
  const all: number[] = [];
  const volumes: number[] = [];
  let cur: number[] = [];
  for (let i = i0; i + k < n; i += k) {
    if ((missing[i + k + 1] as number) - (missing[i] as number) === 0) {
      const r = Math.log((values[i + k] as number) / (values[i] as number));
      cur.push(r);
      all.push(r);
      if (vol !== undefined) volumes.push((cumVol[i + k + 1] as number) - (cumVol[i + 1] as number));
    } else if (cur.length > 0) {
      segments.push(Float64Array.from(cur));
      cur = [];
    }
  }
  if (cur.length > 0) segments.push(Float64Array.from(cur));
  return { horizonMs, segments, all: Float64Array.from(all), volume: Float64Array.from(volumes) };
}

function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}

/**
 * Previous-tick sampling of irregular samples onto the grid `startMs + i * stepMs` (i from 0
 * while the grid time is <= `endMs`): each grid point takes the last finite positive value with
 * time <= it, NaN before the first one. `tMs` must be ascending.
 */
export function previousTickGrid(tMs: ArrayLike<number>, values: ArrayLike<number>, startMs: number, stepMs: number, endMs: number): Float64Array {
  const points = endMs >= startMs ? Math.floor((endMs - startMs) / stepMs) + 1 : 0;
  const out = new Float64Array(points).fill(Number.NaN);
  let j = 0;
  let last = Number.NaN;
  for (let p = 0; p < points; p++) {
    const t = startMs + p * stepMs;
    while (j < tMs.length && (tMs[j] as number) <= t) {
      const v = values[j] as number;
      if (Number.isFinite(v) && v > 0) last = v;
      j++;
    }
    out[p] = last;
  }
  return out;
}

/**
 * Sums `sizes` of events at `tMs` into the grid intervals (t_{i-1}, t_i] ending at each sample
 * (sample 0 collects everything at or before `startMs`); events after the last sample are dropped.
 */
export function volumeGrid(tMs: ArrayLike<number>, sizes: ArrayLike<number>, startMs: number, stepMs: number, points: number): Float64Array {
  const out = new Float64Array(points);
  for (let e = 0; e < tMs.length; e++) {
    const t = tMs[e] as number;
    const i = t <= startMs ? 0 : Math.ceil((t - startMs) / stepMs);
    if (i < points) out[i] = (out[i] as number) + Math.abs(sizes[e] as number);
  }
  return out;
}
