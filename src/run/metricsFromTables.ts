/**
 * Reads a finished run's tables back and computes the summary metrics (analysis/metrics.ts).
 * Reading the written files, rather than tapping the simulation, keeps observers from ever
 * perturbing a run and makes `run`, `sweep` and `compare` agree by construction.
 */
import { existsSync } from 'node:fs';
import { computeMetrics, type MetricInputs, type Metrics } from '../analysis/metrics.js';
import { metricInputsFromTables } from '../analysis/fromTables.js';
import { readArrowFile, type ArrowFile } from '../output/index.js';
import type { ResolvedScenario } from '../scenario/index.js';
import type { WorldPlan } from '../scenario/world.js';

/** The reference book: the first venue's first perp, else its first instrument. */
export function referenceInstrument(s: ResolvedScenario, plan: WorldPlan): { name: string; venue: string; tickSize: number } {
  const v = s.venues[0];
  if (v === undefined) throw new Error('scenario has no venue');
  const i = Math.max(0, v.instruments.findIndex((x) => x.type === 'perp'));
  const ins = v.instruments[i];
  if (ins === undefined) throw new Error(`venue ${v.name} lists no instrument`);
  return { name: plan.instrumentNames[plan.instrumentDictIndex[0]?.[i] as number] as string, venue: v.name, tickSize: ins.tickSize };
}

/** Computes the metrics from the table files `fileOf(table)` of a finished run. */
export function metricsFromTables(s: ResolvedScenario, plan: WorldPlan, fileOf: (table: string) => string): Metrics {
  const read = (t: string): ArrowFile | null => (existsSync(fileOf(t)) ? readArrowFile(fileOf(t)) : null);
  const tables = { book: read('book'), liquidations: read('liquidations'), funding: read('funding'), hedges: read('hedges'), greeks: read('greeks') };
  return computeMetrics(metricInputsFromTables(tables, referenceInstrument(s, plan).name, settlementOf(s, read('option_trades'))));
}

/** The first expiry settled in the run and the strike with the most open interest at it. */
function settlementOf(s: ResolvedScenario, trades: ArrowFile | null): MetricInputs['settlement'] {
  if (trades === null) return null;
  const events = trades.column('event');
  const series = trades.column('series');
  const underlying = trades.numbers('underlying');
  const t = trades.numbers('t_ns');
  let first = -1;
  for (let i = 0; i < events.length; i++) if (events[i] === 'settlement' && (first < 0 || (t[i] as number) < (t[first] as number))) first = i;
  if (first < 0) return null;
  const symbol = String(series[first]).replace(/^[^:]*:/, '');
  for (const v of s.venues) {
    const sr = v.options?.series.find((x) => x.symbol === symbol);
    if (sr === undefined || v.options === null) continue;
    const byStrike = new Map<number, number>();
    for (const oi of s.openInterest) {
      const o = v.options.series.find((x) => x.symbol === oi.series);
      if (oi.venue === v.name && o !== undefined && o.expiryUtcMs === sr.expiryUtcMs) byStrike.set(o.strike, (byStrike.get(o.strike) ?? 0) + oi.contracts);
    }
    let heaviest = Number.NaN;
    let most = -1;
    for (const [strike, n] of [...byStrike.entries()].sort((a, b) => a[0] - b[0])) if (n > most) [heaviest, most] = [strike, n];
    if (Number.isNaN(heaviest)) return null;
    return { price: underlying[first] as number, heaviestStrike: heaviest, tickSize: v.options.strikeTickSize };
  }
  return null;
}
