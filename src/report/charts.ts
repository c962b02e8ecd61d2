/**
 * The report's charts, built from a loaded run: price (mid, index, liquidation triggers,
 * cascades, scheduled actions), spread with one-sided periods, dealer net delta, hedge flow,
 * liquidations with the insurance fund, and funding payments. Each returns an inline SVG string.
 * Units: time ns since start, prices quote, sizes base, money quote.
 */
import { findCascades } from '../analysis/cascades.js';
import { NS_PER_SEC } from '../model/time.js';
import type { RunData } from './runData.js';
import { nums, strs } from './runData.js';
import { bucketSums, oneSidedIntervals, pick, rowsWhere, spreadBps, totalAcrossGroups } from './series.js';
import { renderChart, type ChartBand, type ChartRule, type ChartSeries } from './svg/chart.js';

/** Number of time buckets for flow bar charts. */
const BUCKETS = 120;

export const COLORS = {
  mid: '#1f5fbf',
  index: '#e07b00',
  liquidation: '#c62828',
  cascade: '#e53935',
  schedule: '#6a1b9a',
  spread: '#00796b',
  oneSided: '#f9a825',
  delta: '#1f5fbf',
  buy: '#2e7d32',
  sell: '#c62828',
  fund: '#455a64',
  funding: '#5d4037',
  rate: '#e07b00',
} as const;

const quoteOf = (run: RunData): string => run.facts.quote ?? 'quote';

function liquidationRows(run: RunData): Parameters<typeof findCascades>[0] {
  const liq = run.liquidations;
  return { tNs: nums(liq, 't_ns'), event: strs(liq, 'event'), liquidationId: nums(liq, 'liquidation_id'), size: nums(liq, 'size'), mark: nums(liq, 'mark'), fillPrice: nums(liq, 'fill_price') };
}

/** Cascade bands (from analysis/cascades.ts, the joining rule of the metrics). */
export function cascadeBands(run: RunData): ChartBand[] {
  return findCascades(liquidationRows(run)).map((c) => ({ fromNs: c.startNs, toNs: c.endNs, color: COLORS.cascade, label: 'liquidation cascade' }));
}

/** One rule per scheduled action that fired, labelled with its action and value. */
export function scheduleRules(run: RunData): ChartRule[] {
  const t = nums(run.schedule, 't_ns');
  const action = strs(run.schedule, 'action');
  return Array.from(t, (at, i) => ({ atNs: at, label: action[i] ?? '', color: COLORS.schedule }));
}

/** Mid and index of the reference book with liquidation triggers, cascades and scheduled actions. */
export function priceChart(run: RunData): string {
  const { book } = run;
  const liq = liquidationRows(run);
  const triggers = rowsWhere(liq.event as string[], 'triggered');
  const series: ChartSeries[] = [
    { name: `mid ${book.instrument ?? ''}`.trim(), kind: 'line', x: book.tNs, y: book.mid, color: COLORS.mid },
    { name: 'index', kind: 'line', x: book.tNs, y: book.index, color: COLORS.index, dashed: true },
  ];
  if (triggers.length > 0) series.push({ name: 'liquidation trigger (mark)', kind: 'markers', x: pick(liq.tNs, triggers), y: pick(liq.mark, triggers), color: COLORS.liquidation });
  return renderChart({
    title: `Mid and index of ${book.instrument ?? 'the reference book'}`,
    description: 'Reference book mid and venue index over simulated time; shaded: liquidation cascades; dashed verticals: scheduled actions; triangles: liquidation triggers at the mark price.',
    startNs: 0,
    endNs: run.endNs,
    series,
    yLabel: quoteOf(run),
    bands: cascadeBands(run),
    rules: scheduleRules(run),
    height: 300,
  });
}

/** Quoted spread in bps with one-sided (or empty) book periods shaded. */
export function spreadChart(run: RunData): string {
  const { book } = run;
  const bands = oneSidedIntervals(book.tNs, book.bid, book.ask, run.endNs).map((iv) => ({ ...iv, color: COLORS.oneSided, label: 'one-sided book' }));
  return renderChart({
    title: `Quoted spread of ${book.instrument ?? 'the reference book'}`,
    description: 'Best ask minus best bid over the mid, in basis points, at each book sample; shaded: samples with one or both sides empty.',
    startNs: 0,
    endNs: run.endNs,
    series: [{ name: 'spread', kind: 'line', x: book.tNs, y: spreadBps(book.bid, book.ask), color: COLORS.spread }],
    yLabel: 'bps',
    zeroLeft: true,
    bands,
    height: 200,
  });
}

/** Dealers' net delta (options + hedge), summed over dealers. */
export function deltaChart(run: RunData): string {
  const g = run.greeks;
  const total = totalAcrossGroups(nums(g, 't_ns'), strs(g, 'dealer'), nums(g, 'net_delta'));
  return renderChart({
    title: 'Dealer net delta',
    description: 'Sum over dealers of net_delta (option delta + hedge position) at each greeks sample, base units.',
    startNs: 0,
    endNs: run.endNs,
    series: [{ name: 'net delta, all dealers', kind: 'line', x: total.x, y: total.y, color: COLORS.delta }],
    yLabel: 'base',
    zeroLeft: true,
    height: 200,
  });
}

/** Signed dealer hedge fill size per time bucket: buys up, sells down. */
export function hedgeFlowChart(run: RunData): string {
  const h = run.hedges;
  const t = nums(h, 't_ns');
  const event = strs(h, 'event');
  const size = nums(h, 'size');
  const isFill = (i: number): boolean => event[i] === 'fill';
  const buys = bucketSums(t, run.endNs, BUCKETS, (i) => isFill(i) && (size[i] as number) > 0, (i) => size[i] as number);
  const sells = bucketSums(t, run.endNs, BUCKETS, (i) => isFill(i) && (size[i] as number) < 0, (i) => size[i] as number);
  return renderChart({
    title: 'Dealer hedge flow',
    description: `Dealer hedge fills summed per ${Math.round(buys.widthNs / NS_PER_SEC)} s bucket, base units: buys up, sells down.`,
    startNs: 0,
    endNs: run.endNs,
    series: [
      { name: 'hedge buys', kind: 'bars', x: buys.x, y: buys.y, color: COLORS.buy, barWidthNs: buys.widthNs * 0.8 },
      { name: 'hedge sells', kind: 'bars', x: sells.x, y: sells.y, color: COLORS.sell, barWidthNs: sells.widthNs * 0.8 },
    ],
    yLabel: 'base',
    zeroLeft: true,
    height: 200,
  });
}

/** Quote units per unit of quote currency (money is integer 10^-4 quote in the scenario). */
const QUOTE_UNITS = 1e4;

/** The initial insurance fund of each venue in the resolved scenario, in quote. */
export function initialFunds(scenario: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const venues = (scenario as { venues?: unknown } | null)?.venues;
  if (!Array.isArray(venues)) return out;
  for (const v of venues as { name?: unknown; liquidation?: { insuranceFundInitialUnits?: unknown } }[]) {
    const units = v.liquidation?.insuranceFundInitialUnits;
    if (typeof v.name === 'string' && typeof units === 'number') out.set(v.name, units / QUOTE_UNITS);
  }
  return out;
}

/**
 * The insurance fund balance of each venue with liquidations, as a step series from the start
 * (the scenario's initial fund, when known) through each liquidation step to the end of the run.
 */
export function fundSeries(run: RunData): ChartSeries[] {
  const liq = run.liquidations;
  const t = nums(liq, 't_ns');
  const venue = strs(liq, 'venue');
  const fund = nums(liq, 'insurance_fund');
  const initial = initialFunds(run.manifest?.scenario);
  const venues = [...new Set(venue)].sort();
  return venues.map((name) => {
    const rows = rowsWhere(venue, name);
    const start = initial.get(name);
    const x = [...(start === undefined ? [] : [0]), ...rows.map((r) => t[r] as number)];
    const y = [...(start === undefined ? [] : [start]), ...rows.map((r) => fund[r] as number)];
    // Hold the last balance to the end of the run.
    x.push(run.endNs);
    y.push(y[y.length - 1] ?? Number.NaN);
    return { name: venues.length > 1 ? `insurance fund ${name}` : 'insurance fund', kind: 'step' as const, x, y, color: COLORS.fund, axis: 'right' as const };
  });
}

/** Liquidation triggers per bucket with the insurance fund balance on the right axis. */
export function liquidationChart(run: RunData): string {
  const liq = run.liquidations;
  const t = nums(liq, 't_ns');
  const event = strs(liq, 'event');
  const counts = bucketSums(t, run.endNs, BUCKETS, (i) => event[i] === 'triggered', () => 1);
  return renderChart({
    title: 'Liquidations and insurance fund',
    description: `Liquidations triggered per ${Math.round(counts.widthNs / NS_PER_SEC)} s bucket (bars, left axis) and the insurance fund balance after each liquidation step (line, right axis).`,
    startNs: 0,
    endNs: run.endNs,
    series: [
      { name: 'liquidations triggered', kind: 'bars', x: counts.x, y: counts.y, color: COLORS.liquidation, barWidthNs: counts.widthNs * 0.8 },
      ...fundSeries(run),
    ],
    yLabel: 'count',
    y2Label: quoteOf(run),
    zeroLeft: true,
    bands: cascadeBands(run),
    height: 220,
  });
}

/** Funding paid by longs at each settlement (bars) and the rate in bps (markers, right axis). */
export function fundingChart(run: RunData): string {
  const f = run.funding;
  const t = nums(f, 't_ns');
  const rateBps = Float64Array.from(nums(f, 'rate'), (r) => r * 1e4);
  return renderChart({
    title: 'Funding payments',
    description: `Net amount paid by longs to shorts at each funding settlement, ${quoteOf(run)} (bars, negative: longs received), and the funding rate in bps per interval (markers, right axis).`,
    startNs: 0,
    endNs: run.endNs,
    series: [
      { name: 'paid by longs', kind: 'bars', x: t, y: nums(f, 'paid_by_longs'), color: COLORS.funding },
      { name: 'rate', kind: 'markers', x: t, y: rateBps, color: COLORS.rate, axis: 'right' },
    ],
    yLabel: quoteOf(run),
    y2Label: 'bps',
    zeroLeft: true,
    zeroRight: true,
    height: 200,
  });
}
