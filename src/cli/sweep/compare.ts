/**
 * `gammaloop compare`: runs compareSweep and prints one table per metric on stdout (cell, swept
 * values, n, mean, sd, 95% CI, then the paired difference against the baseline with its
 * bootstrap CI and t-test p-value), or the whole report as one JSON document with --json
 * (NaN as null). Without --metric a headline set is shown; `--metric all` shows every metric.
 */
import { METRICS } from '../../analysis/metrics.js';
import { CompareError, compareSweep, type CompareReport } from '../../run/sweep/index.js';
import type { CompareArgs } from '../commands/compare.js';
import { cellText, humanNumber, jsonSafe } from '../format/numbers.js';
import { textTable } from '../format/table.js';
import { didYouMeanSuffix } from '../args.js';
import { EXIT, usageError } from '../errors.js';
import { out } from '../term.js';

/** Shown when no --metric is given. */
export const HEADLINE_METRICS = [
  'rv_mid_5m', 'max_drawdown', 'liquidation_count', 'largest_cascade_liquidations', 'hedge_volume', 'hedge_cost',
  'dealer_pnl', 'settlement_distance_pct', 'one_sided_share',
] as const;

function metricsOf(flag: readonly string[] | undefined): string[] {
  if (flag === undefined || flag.length === 0) return [...HEADLINE_METRICS];
  if (flag.includes('all')) return METRICS.map((m) => m.name);
  const names = METRICS.map((m) => m.name);
  for (const m of flag) if (!names.includes(m)) throw usageError(`unknown metric ${JSON.stringify(m)}${didYouMeanSuffix(m, names)}`);
  return [...flag];
}

const num = (v: number): string => humanNumber(v, 4);
const signed = (v: number): string => (Number.isFinite(v) && v > 0 ? `+${num(v)}` : num(v));
const interval = (ci: readonly [number, number]): string => (Number.isFinite(ci[0]) ? `[${num(ci[0])}, ${num(ci[1])}]` : '—');
const pText = (p: number): string => (!Number.isFinite(p) ? '—' : p < 1e-4 ? '<1e-4' : p.toFixed(4));

/** The text tables of a report. */
export function compareLines(r: CompareReport): string[] {
  const base = r.cells.find((c) => c.cell === r.baseline);
  const baseText = r.swept.map((s) => `${s}=${cellText(base?.values[s] ?? null)}`).join(', ');
  const lines = [`compare ${r.dir}  baseline cell ${r.baseline}${baseText === '' ? '' : ` (${baseText})`}; differences are cell - baseline on common seeds`];
  const header = ['cell', ...r.swept, 'n', 'mean', 'sd', '95% CI', `diff vs ${r.baseline}`, '95% CI (bootstrap)', 'p (paired t)'];
  const right = new Set<number>([0, ...r.swept.map((_, i) => i + 1), r.swept.length + 1, r.swept.length + 2, r.swept.length + 3, r.swept.length + 5, r.swept.length + 7]);
  for (const m of r.metrics) {
    const rows = r.cells.map((c) => {
      const s = c.metrics[m];
      const d = c.paired?.[m];
      return [
        String(c.cell),
        ...r.swept.map((k) => cellText(c.values[k] ?? null)),
        String(s?.n ?? 0),
        num(s?.mean ?? NaN),
        num(s?.sd ?? NaN),
        s ? interval(s.ci95) : '—',
        d ? signed(d.mean) : 'baseline',
        d ? interval(d.bootstrap_ci95) : '',
        d ? (d.n >= 2 && d.sd === 0 && d.mean === 0 ? 'none (all 0)' : pText(d.p)) : '',
      ];
    });
    lines.push('', `${m} (${r.units[m] ?? ''})`, ...textTable(header, rows, { rightAlign: right, maxCell: 48 }));
  }
  return lines;
}

/** Runs `compare`; returns the exit code. */
export async function compare(args: CompareArgs): Promise<number> {
  let report: CompareReport;
  try {
    report = compareSweep(args.dir, {
      metrics: metricsOf(args.metric),
      ...(args.baseline === undefined ? {} : { baseline: args.baseline }),
      ...(args.resamples === undefined ? {} : { resamples: args.resamples }),
    });
  } catch (err) {
    if (err instanceof CompareError) throw usageError(err.message);
    throw err;
  }
  if (args.json) out(JSON.stringify(jsonSafe(report), null, 2));
  else out(compareLines(report).join('\n'));
  return EXIT.ok;
}
