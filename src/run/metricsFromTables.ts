/**
 * Reads a finished run's tables back and computes the summary metrics (analysis/metrics.ts).
 * Reading the written files, rather than tapping the simulation, keeps observers from ever
 * perturbing a run and makes `run`, `sweep` and `compare` agree by construction.
 */
import { existsSync } from 'node:fs';
import { computeMetrics, type MetricInputs, type Metrics } from '../analysis/metrics.js';
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
  const ref = referenceInstrument(s, plan);
  const book = read('book');
  const keep = book === null ? [] : rowsWhere(book.column('instrument'), ref.name);
  const bookCol = (c: string): Float64Array => pick(book?.numbers(c), keep);

  const liq = read('liquidations');
  const fund = read('funding');
  const hedges = read('hedges');
  const greeks = read('greeks');
  const inputs: MetricInputs = {
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
    settlement: settlementOf(s, read('option_trades')),
  };
  return computeMetrics(inputs);
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

function rowsWhere(values: readonly unknown[], wanted: string): number[] {
  const out: number[] = [];
  values.forEach((v, i) => {
    if (v === wanted) out.push(i);
  });
  return out;
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
