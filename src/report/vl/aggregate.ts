/**
 * Small table reductions the report's panels need: sums of columns by time (over dealers or
 * series), unique sorted times, nearest time. Units are the tables'.
 */
import type { ArrowFile } from '../../output/reader.js';
import { nums, strs } from '../runData.js';

/** Sum of each of `columns` by `t_ns` (rows with the same time, e.g. one per dealer), time ascending; `where` filters rows. */
export function sumByTime(file: ArrowFile | null, columns: readonly string[], where?: (row: number) => boolean): { tNs: number[]; sums: number[][] } {
  const t = nums(file, 't_ns');
  const cols = columns.map((c) => nums(file, c));
  const index = new Map<number, number>();
  const tNs: number[] = [];
  const sums: number[][] = columns.map(() => []);
  for (let i = 0; i < t.length; i++) {
    if (where !== undefined && !where(i)) continue;
    const ti = t[i] as number;
    let k = index.get(ti);
    if (k === undefined) {
      k = tNs.push(ti) - 1;
      index.set(ti, k);
      for (const s of sums) s.push(0);
    }
    for (let c = 0; c < cols.length; c++) (sums[c] as number[])[k] = ((sums[c] as number[])[k] as number) + ((cols[c] as Float64Array)[i] as number);
  }
  const order = tNs.map((_, k) => k).sort((a, b) => (tNs[a] as number) - (tNs[b] as number));
  return { tNs: order.map((k) => tNs[k] as number), sums: sums.map((s) => order.map((k) => s[k] as number)) };
}

/** Row predicate: the string column equals `value`. */
export function whereEquals(file: ArrowFile | null, column: string, value: string): (row: number) => boolean {
  const v = strs(file, column);
  return (row) => v[row] === value;
}

/** Sorted distinct values. */
export function uniqueSorted(values: ArrayLike<number>): number[] {
  return [...new Set(Array.from(values))].sort((a, b) => a - b);
}

/** The element of sorted `values` nearest to `x` (ties to the earlier). */
export function nearest(values: readonly number[], x: number): number {
  let best = values[0] as number;
  for (const v of values) if (Math.abs(v - x) < Math.abs(best - x)) best = v;
  return best;
}
