/**
 * What `run` reports at the end: a short human summary for stderr (wall time, events, rows per
 * table, headline metrics, output path) and the --json document (paths, row counts, metrics with
 * NaN as null, or the error).
 */
import { METRICS } from '../../analysis/metrics.js';
import type { RunResult } from '../../run/index.js';
import type { LoadedScenario } from '../../scenario/index.js';
import { metricText } from '../format/metricText.js';
import { durationText } from '../format/numbers.js';
import { paintErr } from '../term.js';

const HEADLINE = ['rv_mid_5m', 'mid_return', 'max_drawdown', 'liquidation_count', 'cascade_count', 'hedge_volume', 'hedge_cost', 'dealer_pnl', 'settlement_distance_pct'];

/** NaN and Infinity are not JSON: null. */
function metricsJson(m: Readonly<Record<string, number>>): Record<string, number | null> {
  return Object.fromEntries(METRICS.map((d) => [d.name, Number.isFinite(m[d.name]) ? (m[d.name] as number) : null]));
}

export function resultJson(loaded: LoadedScenario, r: RunResult): Record<string, unknown> {
  return {
    ok: r.status === 'complete',
    status: r.status,
    scenario: loaded.scenario.name,
    files_read: loaded.files,
    seed: r.seed,
    scenario_sha256: r.scenarioSha256,
    out_dir: r.outDir,
    manifest: `${r.outDir}/manifest.json`,
    files: r.files,
    rows: r.rows,
    events: r.events,
    sim_time_ns: r.simTimeNs,
    wall_time_ms: Math.round(r.wallMs),
    metrics: metricsJson(r.metrics),
    errors: [],
  };
}

export function failureJson(loaded: LoadedScenario, outDir: string, message: string, manifestWritten = true): Record<string, unknown> {
  return {
    ok: false,
    status: 'failed',
    scenario: loaded.scenario.name,
    files_read: loaded.files,
    seed: loaded.scenario.seed,
    scenario_sha256: loaded.sha256,
    out_dir: outDir,
    manifest: manifestWritten ? `${outDir}/manifest.json` : null,
    errors: [{ message }],
  };
}

export function summaryLines(loaded: LoadedScenario, r: RunResult): string[] {
  const quote = loaded.scenario.underlying.quote;
  const rate = r.wallMs > 0 ? Math.round(r.events / (r.wallMs / 1000)).toLocaleString('en-US') : '—';
  const status = r.status === 'complete' ? paintErr('green', 'complete') : paintErr('yellow', r.status);
  const rows = Object.entries(r.rows).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ');
  const metrics = HEADLINE.map((name) => {
    const unit = METRICS.find((d) => d.name === name)?.unit ?? '';
    return `${name} ${metricText(r.metrics[name], unit, quote)}`;
  });
  return [
    `${status}  ${durationText(r.simTimeNs)} simulated in ${(r.wallMs / 1000).toFixed(2)} s wall, ${r.events.toLocaleString('en-US')} events (${rate}/s)`,
    `rows     ${rows}`,
    `metrics  ${metrics.slice(0, 5).join(', ')}`,
    `         ${metrics.slice(5).join(', ')}`,
    `output   ${r.outDir}  (gammaloop show ${r.outDir})`,
  ];
}
