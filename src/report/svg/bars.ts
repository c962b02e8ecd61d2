/**
 * A deterministic SVG bar chart over categories (e.g. sweep cells): one bar per category from
 * zero to its value, with optional low/high whiskers (a confidence interval). NaN values draw
 * no bar. Same spec, same bytes; a `<title>` for accessibility, a viewBox for responsive width.
 */
import { esc } from '../format.js';
import { linear } from './chart.js';
import { px } from './path.js';
import { niceDomain, valueTicks } from './ticks.js';

export interface BarChartSpec {
  readonly title: string;
  readonly description?: string;
  /** Short labels under the bars. */
  readonly categories: readonly string[];
  readonly values: ArrayLike<number>;
  /** Whisker ends per category (NaN: no whisker). */
  readonly low?: ArrayLike<number>;
  readonly high?: ArrayLike<number>;
  readonly yLabel: string;
  readonly color: string;
  readonly width?: number;
  readonly height?: number;
}

const FONT = 'font-family="system-ui,-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif" font-size="11"';
const MARGIN = { top: 12, right: 12, bottom: 30, left: 64 };
const AXIS = '#444';

/** Renders the bar chart as an inline SVG string; "no data" when no value is finite. */
export function renderBars(spec: BarChartSpec): string {
  const W = spec.width ?? 420;
  const H = spec.height ?? 200;
  const n = spec.categories.length;
  const x0 = MARGIN.left;
  const x1 = W - MARGIN.right;
  const y0 = H - MARGIN.bottom;
  const y1 = MARGIN.top;
  let lo = 0;
  let hi = 0;
  let any = false;
  for (const arr of [spec.values, spec.low, spec.high]) {
    if (arr === undefined) continue;
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i] as number;
      if (!Number.isFinite(v)) continue;
      any = any || arr === spec.values;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const d = niceDomain(lo, hi, 4);
  const sy = linear(d.min, d.max, y0, y1);
  const slot = (x1 - x0) / Math.max(1, n);
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" ${FONT}>`, `<title>${esc(spec.title)}</title>`];
  if (spec.description !== undefined) out.push(`<desc>${esc(spec.description)}</desc>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`);
  for (const t of valueTicks(d)) {
    const Y = px(sy(t.value));
    out.push(`<line x1="${px(x0)}" x2="${px(x1)}" y1="${Y}" y2="${Y}" stroke="#e4e4e4"/><text x="${px(x0 - 6)}" y="${Y}" dy="0.32em" text-anchor="end" fill="${AXIS}">${esc(t.label)}</text>`);
  }
  out.push(`<text transform="translate(12 ${px((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle" fill="${AXIS}">${esc(spec.yLabel)}</text>`);
  const zero = sy(0);
  for (let k = 0; k < n; k++) {
    const cx = x0 + slot * (k + 0.5);
    const label = spec.categories[k] ?? '';
    out.push(`<text x="${px(cx)}" y="${px(y0 + 16)}" text-anchor="middle" fill="${AXIS}">${esc(label)}</text>`);
    const v = spec.values[k] as number;
    if (!Number.isFinite(v)) continue;
    const half = Math.min(24, slot * 0.35);
    const Y = sy(v);
    out.push(`<rect x="${px(cx - half)}" y="${px(Math.min(Y, zero))}" width="${px(2 * half)}" height="${px(Math.abs(Y - zero))}" fill="${esc(spec.color)}" fill-opacity="0.8"><title>${esc(label)}: ${esc(String(v))}</title></rect>`);
    const a = spec.low?.[k] as number | undefined;
    const b = spec.high?.[k] as number | undefined;
    if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b)) {
      const [ya, yb] = [px(sy(a)), px(sy(b))];
      out.push(`<path d="M${px(cx)} ${ya}V${yb}M${px(cx - 5)} ${ya}h10M${px(cx - 5)} ${yb}h10" stroke="#222" stroke-width="1.2" fill="none"/>`);
    }
  }
  out.push(`<line x1="${px(x0)}" x2="${px(x1)}" y1="${px(zero)}" y2="${px(zero)}" stroke="${AXIS}"/>`);
  if (!any) out.push(`<text x="${px((x0 + x1) / 2)}" y="${px((y0 + y1) / 2)}" text-anchor="middle" fill="#888" font-size="14">no data</text>`);
  out.push('</svg>');
  return out.join('');
}
