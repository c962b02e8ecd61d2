/**
 * The cascade view: an overview of the whole run's mid with an x-brush, above which a detail
 * panel shows only the brushed span, at full resolution around the largest liquidation cascade
 * (every book sample and every trade within a minute of it, forced fills marked), so a 12-second
 * cascade inside an hour can be seen. The brush starts on the cascade; in the browser it can be
 * dragged, resized and (scroll) zoomed. Units: time in seconds since start, prices in quote.
 */
import { findCascades, largestCascade } from '../../analysis/cascades.js';
import { hmmss } from '../format.js';
import { nums, readOptional, strs, type RunData } from '../runData.js';
import { COLORS, r12, shell, strideIndices, type Row, type VlSpec } from './common.js';
import { LONG_LIQ, SHORT_LIQ, type Panel } from './runSpecs.js';

/** Detail window around the cascade: a minute either side, at least the cascade's own length. */
export function cascadeWindowNs(startNs: number, endNs: number): [number, number] {
  const pad = Math.max(60e9, endNs - startNs);
  return [Math.max(0, startNs - pad), endNs + pad];
}

export function cascadePanel(run: RunData): Panel {
  const liq = run.liquidations;
  const cascades = findCascades({ tNs: nums(liq, 't_ns'), event: strs(liq, 'event'), liquidationId: nums(liq, 'liquidation_id'), size: nums(liq, 'size'), mark: nums(liq, 'mark'), fillPrice: nums(liq, 'fill_price') });
  const c = largestCascade(cascades);
  if (c === null || run.book.tNs.length === 0) return { spec: null, reason: 'No liquidation cascade in this run.' };
  const [w0, w1] = cascadeWindowNs(c.startNs, c.endNs);
  const b = run.book;
  const mids: Row[] = [];
  const keep = new Set(strideIndices(b.tNs.length, 1500));
  for (let i = 0; i < b.tNs.length; i++) {
    const t = b.tNs[i] as number;
    if (keep.has(i) || (t >= w0 && t <= w1)) mids.push({ s: r12(t / 1e9), price: r12(b.mid[i] as number) });
  }
  // Every trade of the reference instrument inside the window.
  const trades = readOptional(run.dir, 'trades');
  const tt = nums(trades, 't_ns');
  const tp = nums(trades, 'price');
  const tl = nums(trades, 'liquidation');
  const ti = strs(trades, 'instrument');
  const fills: Row[] = [];
  for (let i = 0; i < tt.length && fills.length < 20_000; i++) {
    const t = tt[i] as number;
    if (t < w0 || t > w1 || (run.book.instrument !== null && ti[i] !== run.book.instrument)) continue;
    fills.push({ s: r12(t / 1e9), price: r12(tp[i] as number), kind: tl[i] === 1 ? 'liquidation fill' : 'other trade' });
  }
  const ev = strs(liq, 'event');
  const side = strs(liq, 'side');
  const lt = nums(liq, 't_ns');
  const mark = nums(liq, 'mark');
  const triggers: Row[] = [];
  for (let i = 0; i < ev.length; i++) if (ev[i] === 'triggered') triggers.push({ s: r12((lt[i] as number) / 1e9), mark: r12(mark[i] as number), kind: side[i] === 'buy' ? LONG_LIQ : SHORT_LIQ });
  const q = run.facts.quote ?? 'quote';
  const brushPad = Math.max(5e9, c.endNs - c.startNs);
  const brush = [r12((c.startNs - brushPad) / 1e9), r12((c.endNs + brushPad) / 1e9)];
  const inBrush = [{ filter: { param: 'brush' } }];
  const detailX = { field: 's', type: 'quantitative', title: 'simulated time since start (s)', scale: { domain: { param: 'brush' } } };
  const detail: VlSpec = {
    width: 860,
    height: 240,
    title: { text: `Largest cascade: ${c.liquidations} liquidations from ${hmmss(c.startNs)} over ${((c.endNs - c.startNs) / 1e9).toFixed(1)} s (brushed span below)`, fontSize: 12, anchor: 'start' },
    layer: [
      { data: { name: 'mids' }, transform: inBrush, mark: { type: 'line', color: COLORS.price, strokeWidth: 1.2, clip: true }, encoding: { x: detailX, y: { field: 'price', type: 'quantitative', title: `price (${q})`, scale: { zero: false } } } },
      { data: { name: 'fills' }, transform: inBrush, mark: { type: 'point', size: 14, filled: true, opacity: 0.7, clip: true }, encoding: { x: { field: 's', type: 'quantitative' }, y: { field: 'price', type: 'quantitative' }, color: { field: 'kind', type: 'nominal', title: 'trades', scale: { domain: ['other trade', 'liquidation fill'], range: ['#bbbbbb', COLORS.accent] } } } },
      { data: { name: 'triggers' }, transform: inBrush, mark: { type: 'point', filled: true, size: 70, clip: true }, encoding: { x: { field: 's', type: 'quantitative' }, y: { field: 'mark', type: 'quantitative' }, shape: { field: 'kind', type: 'nominal', title: 'liquidations', scale: { domain: [LONG_LIQ, SHORT_LIQ], range: ['triangle-down', 'triangle-up'] } }, fill: { field: 'kind', type: 'nominal', title: 'liquidations', scale: { domain: [LONG_LIQ, SHORT_LIQ], range: [COLORS.longLiq, COLORS.shortLiq] } } } },
    ],
    resolve: { scale: { color: 'independent', shape: 'independent', fill: 'independent' } },
  };
  const overview: VlSpec = {
    width: 860,
    height: 70,
    data: { name: 'mids' },
    params: [{ name: 'brush', select: { type: 'interval', encodings: ['x'] }, value: { x: brush } }],
    mark: { type: 'line', color: COLORS.price, strokeWidth: 1 },
    encoding: { x: { field: 's', type: 'quantitative', title: 'whole run: drag to select the span shown above (s)' }, y: { field: 'price', type: 'quantitative', title: null, scale: { zero: false }, axis: { tickCount: 3 } } },
  };
  const spec = shell('Cascade view: the detail panel shows the span brushed in the overview of the whole run', {
    datasets: { mids, fills, triggers },
    vconcat: [detail, overview],
  });
  delete spec['width'];
  delete spec['height'];
  return { spec };
}
