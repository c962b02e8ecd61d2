/**
 * Headline metrics for `show`: read from the run's summary.arrow when present (what `run`
 * wrote), else computed from the tables with analysis/metrics.ts (the one definition). The
 * settlement metrics need the scenario's open interest and are NaN when computed here.
 */
import { computeMetrics, METRICS, type Metrics } from '../../analysis/metrics.js';
import { nums, strs, type RunData } from './runData.js';

export interface RunMetrics {
  readonly values: Metrics;
  readonly source: 'summary.arrow' | 'computed from the tables';
}

function fromSummary(run: RunData): Metrics | null {
  const s = run.summary;
  if (s === null || s.numRows === 0) return null;
  const names = new Set(s.fields.map((f) => f.name));
  const m: Metrics = {};
  for (const d of METRICS) {
    if (!names.has(d.name)) continue;
    m[d.name] = s.numbers(d.name)[0] as number;
  }
  return Object.keys(m).length === 0 ? null : m;
}

/** The run's metrics and where they came from. */
export function runMetrics(run: RunData): RunMetrics {
  const summary = fromSummary(run);
  if (summary !== null) return { values: summary, source: 'summary.arrow' };
  const { book, liquidations: liq, funding, hedges, greeks } = run;
  const values = computeMetrics({
    book: { tNs: book.tNs, mid: book.mid, index: book.index, bid: book.bid, ask: book.ask },
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
    funding: { paidByLongs: nums(funding, 'paid_by_longs') },
    hedges: { event: strs(hedges, 'event'), size: nums(hedges, 'size'), slippage: nums(hedges, 'slippage') },
    greeks: { dealer: strs(greeks, 'dealer'), optionPnl: nums(greeks, 'option_pnl'), hedgePnl: nums(greeks, 'hedge_pnl'), fees: nums(greeks, 'fees') },
    settlement: null,
  });
  return { values, source: 'computed from the tables' };
}
