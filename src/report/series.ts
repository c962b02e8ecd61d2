/**
 * Series the report charts derive from a run's tables: spread in bps, one-sided book periods,
 * sums per time bucket, summed dealer net delta. Pure functions over parallel arrays; times in
 * ns since start, sizes in base units, money in quote.
 */

/** A time interval, ns since start. */
export interface Interval {
  readonly fromNs: number;
  readonly toNs: number;
}

/** Quoted spread (ask - bid) / mid in basis points; NaN where a side is empty. */
export function spreadBps(bid: ArrayLike<number>, ask: ArrayLike<number>): Float64Array {
  const out = new Float64Array(bid.length);
  for (let i = 0; i < bid.length; i++) {
    const b = bid[i] as number;
    const a = ask[i] as number;
    const mid = (a + b) / 2;
    out[i] = Number.isFinite(b) && Number.isFinite(a) && mid > 0 ? ((a - b) / mid) * 1e4 : Number.NaN;
  }
  return out;
}

/**
 * Periods where `flag(i)` holds for consecutive samples: each starts at the first flagged
 * sample and ends at the next unflagged sample's time (or `endNs` after the last sample).
 */
export function flaggedIntervals(tNs: ArrayLike<number>, flag: (i: number) => boolean, endNs: number): Interval[] {
  const out: Interval[] = [];
  let from = Number.NaN;
  for (let i = 0; i < tNs.length; i++) {
    const t = tNs[i] as number;
    if (flag(i)) {
      if (Number.isNaN(from)) from = t;
    } else if (!Number.isNaN(from)) {
      out.push({ fromNs: from, toNs: t });
      from = Number.NaN;
    }
  }
  if (!Number.isNaN(from)) out.push({ fromNs: from, toNs: Math.max(from, endNs) });
  return out;
}

/** Periods with one or both book sides empty. */
export function oneSidedIntervals(tNs: ArrayLike<number>, bid: ArrayLike<number>, ask: ArrayLike<number>, endNs: number): Interval[] {
  return flaggedIntervals(tNs, (i) => !Number.isFinite(bid[i] as number) || !Number.isFinite(ask[i] as number), endNs);
}

/** Sums per bucket: bucket centres (ns) and totals. */
export interface Buckets {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly widthNs: number;
}

/**
 * Sums `value(i)` over rows where `keep(i)` holds into `count` equal buckets of [0, endNs]
 * (a row at endNs falls in the last bucket; rows outside are ignored).
 */
export function bucketSums(tNs: ArrayLike<number>, endNs: number, count: number, keep: (i: number) => boolean, value: (i: number) => number): Buckets {
  const widthNs = Math.max(1, endNs) / count;
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let k = 0; k < count; k++) x[k] = (k + 0.5) * widthNs;
  for (let i = 0; i < tNs.length; i++) {
    const t = tNs[i] as number;
    if (t < 0 || t > endNs || !keep(i)) continue;
    const v = value(i);
    if (!Number.isFinite(v)) continue;
    const k = Math.min(count - 1, Math.floor(t / widthNs));
    y[k] = (y[k] as number) + v;
  }
  return { x, y, widthNs };
}

/** Times and values of a per-time total over groups (e.g. every dealer's net delta at a sample time). */
export interface Totals {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Sum of `value` over rows sharing a time, for rows sorted by time, holding each group's last
 * value until it reports again (dealers sampled at the same instants add up exactly; a dealer
 * missing at a time keeps its previous value).
 */
export function totalAcrossGroups(tNs: ArrayLike<number>, group: ArrayLike<string>, value: ArrayLike<number>): Totals {
  const last = new Map<string, number>();
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < tNs.length; i++) {
    const v = value[i] as number;
    if (Number.isFinite(v)) last.set(group[i] as string, v);
    const t = tNs[i] as number;
    if (i + 1 < tNs.length && (tNs[i + 1] as number) === t) continue;
    let sum = 0;
    // Map insertion order is row order, which is deterministic for a given file.
    for (const g of last.values()) sum += g;
    xs.push(t);
    ys.push(sum);
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

/** Rows of `column` whose value is `name`, as indices. */
export function rowsWhere(column: ArrayLike<string>, name: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < column.length; i++) if (column[i] === name) out.push(i);
  return out;
}

/** `values` at `rows`. */
export function pick(values: ArrayLike<number>, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length);
  rows.forEach((r, k) => (out[k] = values[r] as number));
  return out;
}
