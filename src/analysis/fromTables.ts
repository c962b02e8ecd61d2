/**
 * Maps a run's tables, as read back from Arrow files, onto the inputs of computeMetrics. Shared by
 * `run` (src/run) and the terminal and HTML views, so every reader of a run computes the same
 * metrics the same way.
 */
import type { ArrowFile } from '../output/index.js';
import type { MetricInputs } from './metrics.js';

/** The tables metrics read (null when a file is absent). */
export interface MetricTables {
  readonly book: ArrowFile | null;
  readonly liquidations: ArrowFile | null;
  readonly funding: ArrowFile | null;
  readonly hedges: ArrowFile | null;
  readonly greeks: ArrowFile | null;
}

/**
 * Metric inputs from the tables. Book rows are those of `instrument` (the reference book's name
 * in the `instruments` dictionary); `settlement` comes from the caller, which knows the scenario.
 */
export function metricInputsFromTables(t: MetricTables, instrument: string, settlement: MetricInputs['settlement']): MetricInputs {
  const keep: number[] = [];
  if (t.book !== null) t.book.column('instrument').forEach((v, i) => v === instrument && keep.push(i));
  const bookCol = (c: string): Float64Array => pick(t.book?.numbers(c), keep);
  const { liquidations: liq, funding: fund, hedges, greeks } = t;
  return {
    book: { tNs: bookCol('t_ns'), mid: bookCol('mid'), index: bookCol('index'), bid: bookCol('bid'), ask: bookCol('ask') },
    liquidations: {
      tNs: nums(liq, 't_ns'),
      event: strs(liq, 'event'),
      liquidationId: nums(liq, 'liquidation_id'),
      size: nums(liq, 'size'),
      mark: nums(liq, 'mark'),
      fillPrice: nums(liq, 'fill_price'),
      insuranceFund: nums(liq, 'insurance_fund'),
      socializedLoss: nums(liq, 'socialized_loss'),
    },
    funding: { paidByLongs: nums(fund, 'paid_by_longs') },
    hedges: { event: strs(hedges, 'event'), size: nums(hedges, 'size'), slippage: nums(hedges, 'slippage') },
    greeks: { dealer: strs(greeks, 'dealer'), optionPnl: nums(greeks, 'option_pnl'), hedgePnl: nums(greeks, 'hedge_pnl'), fees: nums(greeks, 'fees') },
    settlement,
  };
}

function pick(col: Float64Array | undefined, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length);
  if (col !== undefined) rows.forEach((r, k) => (out[k] = col[r] as number));
  return out;
}

function nums(f: ArrowFile | null, c: string): Float64Array {
  return f === null ? new Float64Array(0) : f.numbers(c);
}

function strs(f: ArrowFile | null, c: string): string[] {
  return f === null ? [] : f.column(c).map((v) => String(v));
}
