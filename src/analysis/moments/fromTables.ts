/**
 * Maps a simulated run's Arrow tables onto {@link MomentInputs}: the `book` table (sampled every
 * output.book_interval: bid, ask, mid, depth within 10 bp) and the `trades` table (every fill,
 * with its aggressor side). Rows are filtered to one instrument (the reference book). Table
 * times are ns since clock.start_utc; the grid is labelled in UTC epoch ms so k-minute returns
 * align to UTC boundaries exactly as for real bars.
 */
import type { ArrowFile } from '../../output/index.js';
import type { MomentInputs } from './defs.js';
import { previousTickGrid, volumeGrid } from './grid.js';

const NS_PER_MS = 1e6;

export interface MomentTables {
  readonly book: ArrowFile | null;
  readonly trades: ArrowFile | null;
}

export interface MomentTableOptions {
  /** Instrument symbol whose rows are used (the reference book). */
  readonly instrument: string;
  /** clock.start_utc as UTC epoch ms (table times are ns after it). */
  readonly startUtcMs: number;
  /** Grid step of the mid series in ms (default 1 000: the finest horizon in the moment list is 1 s). */
  readonly gridStepMs?: number;
}

/**
 * Moment inputs from a run's tables. The mid grid runs from the first grid time at or after the
 * first two-sided book sample to the last book sample, previous-tick; volume is the fills' size
 * per grid interval; spread and depth use every two-sided book sample.
 */
export function momentInputsFromTables(t: MomentTables, o: MomentTableOptions): MomentInputs {
  const stepMs = o.gridStepMs ?? 1000;
  const out: { -readonly [K in keyof MomentInputs]: MomentInputs[K] } = {};
  const fills = t.trades === null ? null : rowsOf(t.trades, o.instrument);
  if (fills !== null && t.trades !== null) {
    const tNs = pick(t.trades.numbers('t_ns'), fills);
    const side = t.trades.column('aggressor_side');
    out.fills = {
      t: tNs,
      sign: Float64Array.from(fills, (r) => (side[r] === 'buy' ? 1 : -1)),
      size: pick(t.trades.numbers('size'), fills),
    };
  }
  if (t.book !== null) {
    const rows = rowsOf(t.book, o.instrument);
    const tNs = pick(t.book.numbers('t_ns'), rows);
    const mid = pick(t.book.numbers('mid'), rows);
    const bid = pick(t.book.numbers('bid'), rows);
    const ask = pick(t.book.numbers('ask'), rows);
    const hasDepth = t.book.fields.some((f) => f.name === 'depth_10bp_bid');
    const dBid = hasDepth ? pick(t.book.numbers('depth_10bp_bid'), rows) : null;
    const dAsk = hasDepth ? pick(t.book.numbers('depth_10bp_ask'), rows) : null;
    const spread: number[] = [];
    const depth: number[] = [];
    let firstTwoSided = -1;
    for (let i = 0; i < rows.length; i++) {
      const m = mid[i] as number;
      if (!(Number.isFinite(m) && m > 0)) continue;
      if (firstTwoSided < 0) firstTwoSided = i;
      spread.push((1e4 * ((ask[i] as number) - (bid[i] as number))) / m);
      if (dBid !== null && dAsk !== null) depth.push((dBid[i] as number) + (dAsk[i] as number));
    }
    out.spreadBp = Float64Array.from(spread);
    if (hasDepth) out.depth10bp = Float64Array.from(depth);
    if (firstTwoSided >= 0) {
      const tMs = Float64Array.from(tNs, (v) => o.startUtcMs + v / NS_PER_MS);
      const startMs = Math.ceil((tMs[firstTwoSided] as number) / stepMs) * stepMs;
      const endMs = tMs[rows.length - 1] as number;
      const values = previousTickGrid(tMs, mid, startMs, stepMs, endMs);
      const grid = { startMs, stepMs, values };
      if (out.fills !== undefined) {
        const fMs = Float64Array.from(out.fills.t, (v) => o.startUtcMs + v / NS_PER_MS);
        out.mid = { ...grid, volume: volumeGrid(fMs, out.fills.size ?? new Float64Array(fMs.length), startMs, stepMs, values.length) };
      } else {
        out.mid = grid;
      }
    }
  }
  return out;
}

function rowsOf(f: ArrowFile, instrument: string): number[] {
  const keep: number[] = [];
  f.column('instrument').forEach((v, i) => v === instrument && keep.push(i));
  return keep;
}

function pick(col: Float64Array, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length);
  rows.forEach((r, k) => (out[k] = col[r] as number));
  return out;
}
