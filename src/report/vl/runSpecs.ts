/**
 * The run report's panels as Vega-Lite specs, each built from the run's tables, or null when the
 * run has nothing to draw for it (the page then says why instead of drawing an empty panel).
 * Units: time in minutes (or hours) since start, prices and GEX in the quote currency, sizes in
 * base units, spreads and returns in bps. GEX sign convention: docs/output.md (negative = dealers
 * short gamma, their hedging amplifies moves).
 */
import { flowVsNextReturn, ols, type Ols } from '../../analysis/feedback.js';
import { hmm } from '../format.js';
import { nums, strs, type RunData } from '../runData.js';
import { nearest, sumByTime, uniqueSorted, whereEquals } from './aggregate.js';
import { COLORS, r12, shell, strideIndices, timeAxis, timeX, type Row, type VlSpec } from './common.js';

/** A panel: its spec, or null with the reason it is not drawn. */
export type Panel = { readonly spec: VlSpec; readonly note?: string } | { readonly spec: null; readonly reason: string };

const quoteOf = (run: RunData): string => run.facts.quote ?? 'quote';
export const LONG_LIQ = 'long liquidated (forced sell)';
export const SHORT_LIQ = 'short liquidated (forced buy)';

/** Liquidation triggers: time, mark and which side was closed (a long is closed by selling). */
function liquidationRows(run: RunData, div: number): Row[] {
  const liq = run.liquidations;
  const ev = strs(liq, 'event');
  const side = strs(liq, 'side');
  const t = nums(liq, 't_ns');
  const mark = nums(liq, 'mark');
  const rows: Row[] = [];
  for (let i = 0; i < ev.length; i++) {
    if (ev[i] !== 'triggered') continue;
    rows.push({ t: r12((t[i] as number) / div), mark: r12(mark[i] as number), kind: side[i] === 'buy' ? LONG_LIQ : SHORT_LIQ });
  }
  return rows;
}

const liquidationLayer = (yTitle: string): VlSpec => ({
  data: { name: 'liquidations' },
  mark: { type: 'point', filled: true, size: 60, opacity: 0.85 },
  encoding: {
    x: { field: 't', type: 'quantitative' },
    y: { field: 'mark', type: 'quantitative', title: yTitle },
    shape: { field: 'kind', type: 'nominal', title: 'liquidations', scale: { domain: [LONG_LIQ, SHORT_LIQ], range: ['triangle-down', 'triangle-up'] } },
    color: { field: 'kind', type: 'nominal', title: 'liquidations', scale: { domain: [LONG_LIQ, SHORT_LIQ], range: [COLORS.longLiq, COLORS.shortLiq] } },
    tooltip: [{ field: 't', title: 'time', format: '.3f' }, { field: 'mark', format: ',.2f' }, { field: 'kind' }],
  },
});

/** Mid and index with liquidation triggers (long and short distinct) and scheduled actions. */
export function pricePanel(run: RunData): Panel {
  const b = run.book;
  if (b.tNs.length === 0) return { spec: null, reason: 'No book samples in this run.' };
  const ax = timeAxis(run.endNs);
  const y = `price (${quoteOf(run)})`;
  const lines: Row[] = [];
  for (const i of strideIndices(b.tNs.length)) {
    const t = r12((b.tNs[i] as number) / ax.div);
    lines.push({ t, price: r12(b.mid[i] as number), series: 'mid' }, { t, price: r12(b.index[i] as number), series: 'index' });
  }
  const sched = run.schedule;
  const st = nums(sched, 't_ns');
  const sa = strs(sched, 'action');
  const rules: Row[] = Array.from(st, (t, i) => ({ t: r12(t / ax.div), action: sa[i] ?? '' }));
  const layers: VlSpec[] = [
    {
      data: { name: 'prices' },
      mark: { type: 'line', strokeWidth: 1.2 },
      encoding: {
        x: timeX(ax),
        y: { field: 'price', type: 'quantitative', title: y, scale: { zero: false } },
        color: { field: 'series', type: 'nominal', title: 'price', scale: { domain: ['mid', 'index'], range: [COLORS.price, COLORS.index] } },
      },
    },
    liquidationLayer(y),
  ];
  if (rules.length > 0) {
    layers.push({ data: { name: 'schedule' }, mark: { type: 'rule', strokeDash: [4, 3], color: COLORS.schedule }, encoding: { x: { field: 't', type: 'quantitative' }, tooltip: [{ field: 'action' }, { field: 't', format: '.3f' }] } });
  }
  return {
    spec: shell('Mid and index price over time with liquidation triggers and scheduled actions', {
      datasets: { prices: lines, liquidations: liquidationRows(run, ax.div), schedule: rules },
      layer: layers,
      resolve: { scale: { color: 'independent', shape: 'independent' } },
    }),
  };
}

/** Dealer GEX (sum over dealers) over time. */
export function gexPanel(run: RunData): Panel {
  const g = sumByTime(run.greeks, ['gex_per_pct']);
  if (g.tNs.length === 0) return { spec: null, reason: 'No dealers in this run (no greeks rows).' };
  const ax = timeAxis(run.endNs);
  const rows = g.tNs.map((t, k) => ({ t: r12(t / ax.div), gex: r12(g.sums[0]?.[k] as number) }));
  return {
    spec: shell('Dealer gamma exposure over time, summed over dealers; below zero the dealers are short gamma', {
      data: { values: rows },
      layer: [
        { mark: { type: 'area', opacity: 0.25, color: COLORS.gex }, encoding: { x: timeX(ax), y: { field: 'gex', type: 'quantitative', title: `dealer GEX (${quoteOf(run)} per 1% move)` } } },
        { mark: { type: 'line', color: COLORS.gex }, encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'gex', type: 'quantitative' } } },
        { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#555' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      ],
    }),
  };
}

/** GEX over a grid of spot levels at the first, middle and last sample, current spot marked. */
export function gexProfilePanel(run: RunData): Panel {
  const p = run.gexProfile;
  const t = nums(p, 't_ns');
  if (t.length === 0) return { spec: null, reason: 'No gex_profile rows (no dealers, or a run from a version without the table).' };
  const times = uniqueSorted(t);
  const picks = [...new Set([times[0] as number, nearest(times, ((times[0] as number) + (times[times.length - 1] as number)) / 2), times[times.length - 1] as number])];
  const label = (tn: number): string => `t = ${hmm(tn)}`;
  const off = nums(p, 'offset');
  const level = nums(p, 'spot_level');
  const gex = nums(p, 'gex_per_pct');
  const spot = nums(p, 'spot');
  const acc = new Map<string, { t: number; off: number; gex: number; level: number; spot: number; n: number }>();
  for (let i = 0; i < t.length; i++) {
    if (!picks.includes(t[i] as number)) continue;
    const key = `${t[i]}/${off[i]}`;
    const a = acc.get(key) ?? { t: t[i] as number, off: off[i] as number, gex: 0, level: 0, spot: 0, n: 0 };
    a.gex += gex[i] as number;
    a.level += level[i] as number;
    a.spot += spot[i] as number;
    a.n++;
    acc.set(key, a);
  }
  const points = [...acc.values()].sort((a, b) => a.t - b.t || a.off - b.off);
  const rows = points.map((a) => ({ level: r12(a.level / a.n), gex: r12(a.gex), when: label(a.t) }));
  const spots = picks.map((tn) => {
    const mid = points.find((a) => a.t === tn && a.off === 0) ?? points.find((a) => a.t === tn);
    return { spot: r12(mid === undefined ? NaN : mid.spot / mid.n), when: label(tn) };
  });
  const domain = picks.map(label);
  const color = { field: 'when', type: 'nominal', title: 'sample (dashed: spot then)', scale: { domain, range: ['#56B4E9', '#E69F00', '#000000'].slice(0, domain.length) } };
  const q = quoteOf(run);
  return {
    spec: shell('Dealer GEX as a function of spot at the start, middle and end of the run; dashed lines mark the spot at each time', {
      layer: [
        { data: { values: rows }, mark: { type: 'line', point: true }, encoding: { x: { field: 'level', type: 'quantitative', title: `hypothetical spot (${q})`, scale: { zero: false } }, y: { field: 'gex', type: 'quantitative', title: `dealer GEX (${q} per 1% move)` }, color } },
        { data: { values: spots }, mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.5 }, encoding: { x: { field: 'spot', type: 'quantitative' }, color } },
        { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#555' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      ],
    }),
  };
}

/** Bucket for the flow regression: 1 minute, shorter for short runs so there are at least 30 buckets. */
export function flowBucketNs(endNs: number): number {
  return Math.max(1e9, Math.min(60e9, Math.floor(endNs / 30 / 1e9) * 1e9));
}

/** Hedge flow per bucket against the next bucket's mid return, with its OLS line and slope. */
export function hedgeFlowPanel(run: RunData): Panel & { readonly fit?: Ols } {
  const h = run.hedges;
  const ev = strs(h, 'event');
  const t = nums(h, 't_ns');
  const size = nums(h, 'size');
  const ft: number[] = [];
  const fs: number[] = [];
  for (let i = 0; i < ev.length; i++) if (ev[i] === 'fill') { ft.push(t[i] as number); fs.push(size[i] as number); }
  if (ft.length === 0) return { spec: null, reason: 'No dealer hedge fills in this run.' };
  const bucket = flowBucketNs(run.endNs);
  const pairs = flowVsNextReturn(ft, fs, run.book.tNs, run.book.mid, run.endNs, bucket);
  const fit = ols(pairs.flow, pairs.nextReturnBps);
  const rows: Row[] = [];
  for (let k = 0; k < pairs.flow.length; k++) {
    if (Number.isFinite(pairs.nextReturnBps[k])) rows.push({ flow: r12(pairs.flow[k] as number), ret: r12(pairs.nextReturnBps[k] as number), t: hmm(pairs.tNs[k] as number) });
  }
  const xs = rows.map((r) => r.flow as number);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const line = Number.isFinite(fit.slope) ? [x0, x1].map((x) => ({ flow: r12(x), ret: r12(fit.intercept + fit.slope * x) })) : [];
  const sec = bucket / 1e9;
  const slope = Number.isFinite(fit.slope) ? `slope ${fit.slope.toPrecision(3)} ± ${fit.slopeSe.toPrecision(2)} bps per base unit, R² ${fit.r2.toFixed(3)}, n ${fit.n}` : `no fit (n ${fit.n})`;
  // The same-bucket fit tells impact (and the hedger's reaction) apart from what follows.
  const same = ols(pairs.flow, pairs.sameReturnBps);
  const sameText = Number.isFinite(same.slope) ? `; against the same bucket's return: slope ${same.slope.toPrecision(3)} ± ${same.slopeSe.toPrecision(2)}, R² ${same.r2.toFixed(3)}` : '';
  return {
    fit,
    note: `${slope}${sameText}`,
    spec: shell(`Dealer hedge flow in each ${sec}-second bucket against the mid's return over the next bucket, with the least-squares line`, {
      title: { text: `Hedge flow vs next ${sec}-s return: ${slope}`, fontSize: 12, anchor: 'start' },
      layer: [
        { data: { values: rows }, mark: { type: 'point', filled: true, opacity: 0.6, color: COLORS.neutral }, encoding: { x: { field: 'flow', type: 'quantitative', title: `net hedge flow in bucket (base, + bought)` }, y: { field: 'ret', type: 'quantitative', title: `next-bucket mid return (bps)` }, tooltip: [{ field: 't', title: 'bucket start' }, { field: 'flow', format: ',.3f' }, { field: 'ret', format: '.2f' }] } },
        { data: { values: line }, mark: { type: 'line', color: COLORS.accent, strokeWidth: 2 }, encoding: { x: { field: 'flow', type: 'quantitative' }, y: { field: 'ret', type: 'quantitative' } } },
      ],
    }, { height: 260 }),
  };
}
