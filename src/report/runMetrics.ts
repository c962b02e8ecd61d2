/**
 * Headline metrics for `show` and `report`: read from the run's summary.arrow when present (what
 * `run` wrote), else computed from the tables with analysis/metrics.ts (the one definition). The
 * settlement metrics need the scenario's open interest and are NaN when computed here.
 */
import { computeMetrics, METRICS, type Metrics } from '../analysis/metrics.js';
import { metricInputsFromTables } from '../analysis/fromTables.js';
import type { RunData } from './runData.js';

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
  // Same mapping as `run` (analysis/fromTables.ts); settlement needs the scenario's open interest.
  const tables = { book: run.bookFile, liquidations: run.liquidations, funding: run.funding, hedges: run.hedges, greeks: run.greeks };
  const values = computeMetrics(metricInputsFromTables(tables, run.book.instrument ?? '', null));
  return { values, source: 'computed from the tables' };
}
