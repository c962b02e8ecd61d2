/**
 * The run report's state panels as Vega-Lite specs (null with a reason when there is nothing to
 * draw): dealer delta, spread and top-of-book depth, funding, option open interest and the
 * insurance fund. Units: base units for deltas and sizes, bps for spreads and funding rates,
 * contracts for open interest, the quote currency for money.
 */
import { nums, strs, type RunData } from '../runData.js';
import { sumByTime, whereEquals } from './aggregate.js';
import { COLORS, r12, shell, strideIndices, timeAxis, timeX, type Row } from './common.js';
import type { Panel } from './runSpecs.js';

const quoteOf = (run: RunData): string => run.facts.quote ?? 'quote';

/** Option delta, hedge position and net delta summed over dealers. */
export function deltaPanel(run: RunData): Panel {
  const g = sumByTime(run.greeks, ['option_delta', 'hedge_position', 'net_delta']);
  if (g.tNs.length === 0) return { spec: null, reason: 'No dealers in this run (no greeks rows).' };
  const ax = timeAxis(run.endNs);
  const names = ['options delta', 'hedge position', 'net delta'];
  const rows: Row[] = [];
  g.tNs.forEach((t, k) => names.forEach((n, c) => rows.push({ t: r12(t / ax.div), value: r12(g.sums[c]?.[k] as number), series: n })));
  return {
    spec: shell('Dealer options delta, hedge position and net delta (their sum), summed over dealers', {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 1.4 },
      encoding: {
        x: timeX(ax),
        y: { field: 'value', type: 'quantitative', title: 'delta (base units)' },
        color: { field: 'series', type: 'nominal', title: 'dealers', scale: { domain: names, range: [COLORS.gex, COLORS.neutral, COLORS.price] } },
        strokeDash: { field: 'series', type: 'nominal', scale: { domain: names, range: [[4, 2], [1, 0], [1, 0]] }, legend: null },
      },
    }),
  };
}

/** Quoted spread (bps of mid) over time above the sizes at the best bid and ask. */
export function spreadDepthPanel(run: RunData): Panel {
  const b = run.book;
  if (b.tNs.length === 0) return { spec: null, reason: 'No book samples in this run.' };
  const ax = timeAxis(run.endNs);
  const spread: Row[] = [];
  const depth: Row[] = [];
  for (const i of strideIndices(b.tNs.length)) {
    const t = r12((b.tNs[i] as number) / ax.div);
    const bid = b.bid[i] as number;
    const ask = b.ask[i] as number;
    const mid = (bid + ask) / 2;
    spread.push({ t, bps: Number.isFinite(bid) && Number.isFinite(ask) && mid > 0 ? r12(((ask - bid) / mid) * 1e4) : null });
    if (b.bidSize.length > 0) depth.push({ t, size: r12(b.bidSize[i] as number), side: 'bid' }, { t, size: r12(b.askSize[i] as number), side: 'ask' });
  }
  const top = {
    data: { values: spread },
    mark: { type: 'line', color: COLORS.neutral, strokeWidth: 1 },
    encoding: { x: timeX(ax, 't', { title: null }), y: { field: 'bps', type: 'quantitative', title: 'spread (bps of mid)' } },
    width: 860,
    height: 150,
  };
  const bottom = {
    data: { values: depth },
    mark: { type: 'line', strokeWidth: 1, opacity: 0.8 },
    encoding: {
      x: timeX(ax),
      y: { field: 'size', type: 'quantitative', title: 'size at best (base)' },
      color: { field: 'side', type: 'nominal', title: 'top of book', scale: { domain: ['bid', 'ask'], range: [COLORS.buy, COLORS.sell] }, legend: { orient: 'right', direction: 'vertical' } },
    },
    width: 860,
    height: 130,
  };
  const spec = shell('Quoted spread in bps of the mid (gaps: a side of the book was empty) and the size at the best bid and ask', { vconcat: [top, bottom] });
  delete spec['width'];
  delete spec['height'];
  return { spec };
}

/** Funding rate per settlement (bps per funding interval). */
export function fundingPanel(run: RunData): Panel {
  const f = run.funding;
  const t = nums(f, 't_ns');
  if (t.length === 0) return { spec: null, reason: 'No funding settlement fell inside this run.' };
  const ax = timeAxis(run.endNs);
  const rate = nums(f, 'rate');
  const paid = nums(f, 'paid_by_longs');
  const rows = Array.from(t, (x, i) => ({ t: r12(x / ax.div), bps: r12((rate[i] as number) * 1e4), paid: r12(paid[i] as number) }));
  return {
    spec: shell('Funding rate at each settlement; positive: longs pay shorts', {
      data: { values: rows },
      mark: { type: 'bar', width: 6 },
      encoding: {
        x: timeX(ax, 't', { scale: { domain: [0, r12(run.endNs / ax.div)] } }),
        y: { field: 'bps', type: 'quantitative', title: 'funding rate (bps per interval)' },
        color: { condition: { test: 'datum.bps >= 0', value: COLORS.sell }, value: COLORS.buy },
        tooltip: [{ field: 'bps', format: '.3f' }, { field: 'paid', title: `paid by longs (${quoteOf(run)})`, format: ',.2f' }],
      },
    }, { height: 160 }),
  };
}

/** Option open interest (all series) and the dealers' net position, in contracts. */
export function openInterestPanel(run: RunData): Panel {
  const oi = run.openInterest;
  const all = sumByTime(oi, ['long_contracts']);
  if (all.tNs.length === 0) return { spec: null, reason: 'No listed option series in this run (no open_interest rows).' };
  const dealers = sumByTime(oi, ['long_contracts', 'short_contracts'], whereEquals(oi, 'holder_kind', 'dealer'));
  const ax = timeAxis(run.endNs);
  const rows: Row[] = all.tNs.map((t, k) => ({ t: r12(t / ax.div), value: r12(all.sums[0]?.[k] as number), series: 'open interest (all series)' }));
  dealers.tNs.forEach((t, k) => rows.push({ t: r12(t / ax.div), value: r12((dealers.sums[0]?.[k] as number) - (dealers.sums[1]?.[k] as number)), series: 'dealers net (long - short)' }));
  const names = ['open interest (all series)', 'dealers net (long - short)'];
  return {
    spec: shell('Option open interest over all series and the dealers\' net position, in contracts', {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 1.5, interpolate: 'step-after' },
      encoding: {
        x: timeX(ax),
        y: { field: 'value', type: 'quantitative', title: 'contracts' },
        color: { field: 'series', type: 'nominal', title: 'options', scale: { domain: names, range: [COLORS.price, COLORS.gex] } },
      },
    }, { height: 180 }),
  };
}

/** Insurance fund balance after each liquidation step. */
export function insurancePanel(run: RunData): Panel {
  const liq = run.liquidations;
  const t = nums(liq, 't_ns');
  if (t.length === 0) return { spec: null, reason: 'No liquidations in this run: the insurance fund never moved.' };
  const ax = timeAxis(run.endNs);
  const fund = nums(liq, 'insurance_fund');
  const ev = strs(liq, 'event');
  const rows = Array.from(t, (x, i) => ({ t: r12(x / ax.div), fund: r12(fund[i] as number), event: ev[i] ?? '' }));
  return {
    spec: shell('Insurance fund balance after each liquidation step', {
      data: { values: rows },
      mark: { type: 'line', interpolate: 'step-after', point: { size: 12 }, color: COLORS.neutral },
      encoding: {
        x: timeX(ax, 't', { scale: { domain: [0, r12(run.endNs / ax.div)] } }),
        y: { field: 'fund', type: 'quantitative', title: `insurance fund (${quoteOf(run)})`, scale: { zero: false } },
        tooltip: [{ field: 'event' }, { field: 'fund', format: ',.2f' }],
      },
    }, { height: 160 }),
  };
}
