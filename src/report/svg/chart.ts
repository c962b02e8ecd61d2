/**
 * A small deterministic SVG chart over a time axis (x in ns since start, labelled h:mm): line,
 * step, bar and marker series on a left value axis and an optional right one, shaded time bands
 * and labelled vertical rules. Output is one `<svg>` string with a `<title>` and `<desc>`, a
 * viewBox (the page scales it to its width) and no script. Same spec, same bytes.
 */
import { esc } from '../format.js';
import { decimate, linePath, px, type Scale } from './path.js';
import { niceDomain, timeTicks, valueTicks, type NiceDomain } from './ticks.js';

/** How a series is drawn. */
export type SeriesKind = 'line' | 'step' | 'bars' | 'markers';

export interface ChartSeries {
  readonly name: string;
  readonly kind: SeriesKind;
  /** Times, ns since start, ascending. */
  readonly x: ArrayLike<number>;
  /** Values; NaN is a gap (lines) or nothing (bars, markers). */
  readonly y: ArrayLike<number>;
  /** CSS colour. */
  readonly color: string;
  /** Value axis (default left). */
  readonly axis?: 'left' | 'right';
  /** Bar width in ns (bars; default: 1/200 of the time span). */
  readonly barWidthNs?: number;
  readonly dashed?: boolean;
}

/** A shaded time interval (e.g. a liquidation cascade, a one-sided book). */
export interface ChartBand {
  readonly fromNs: number;
  readonly toNs: number;
  readonly color: string;
  readonly label?: string;
}

/** A vertical line at one time with a short label (e.g. a scheduled action). */
export interface ChartRule {
  readonly atNs: number;
  readonly label: string;
  readonly color: string;
}

export interface ChartSpec {
  /** Accessible title (the svg's `<title>`). */
  readonly title: string;
  /** Longer accessible description (`<desc>`). */
  readonly description?: string;
  readonly startNs: number;
  readonly endNs: number;
  readonly series: readonly ChartSeries[];
  readonly yLabel: string;
  readonly y2Label?: string;
  readonly bands?: readonly ChartBand[];
  readonly rules?: readonly ChartRule[];
  /** Include 0 in the left axis (bars, signed flows). */
  readonly zeroLeft?: boolean;
  readonly zeroRight?: boolean;
  /** Pixel size of the viewBox (default 880 x 260). */
  readonly width?: number;
  readonly height?: number;
}

const FONT = 'font-family="system-ui,-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif" font-size="11"';
const MARGIN = { top: 28, right: 64, bottom: 28, left: 72 };
const AXIS = '#444';
const GRID = '#e4e4e4';

/** Finite min and max of the series on one axis (NaN, NaN when none). */
function extent(series: readonly ChartSeries[], zero: boolean): [number, number] {
  let lo = zero ? 0 : Number.POSITIVE_INFINITY;
  let hi = zero ? 0 : Number.NEGATIVE_INFINITY;
  for (const s of series) {
    for (let i = 0; i < s.y.length; i++) {
      const v = s.y[i] as number;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [Number.NaN, Number.NaN];
}

/** A linear map from [d0, d1] to [r0, r1]. */
export function linear(d0: number, d1: number, r0: number, r1: number): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** True when some series draws something: a finite point (a non-zero one for bars). */
function hasData(series: readonly ChartSeries[]): boolean {
  return series.some((s) => {
    for (let i = 0; i < s.y.length; i++) {
      const v = s.y[i] as number;
      if (Number.isFinite(v) && Number.isFinite(s.x[i] as number) && (s.kind !== 'bars' || v !== 0)) return true;
    }
    return false;
  });
}

interface Frame {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number; // bottom
  readonly y1: number; // top
  readonly sx: Scale;
}

function seriesSvg(s: ChartSeries, f: Frame, sy: Scale, span: number, spec0: number): string {
  const dash = s.dashed === true ? ' stroke-dasharray="5 3"' : '';
  if (s.kind === 'line' || s.kind === 'step') {
    const d = linePath(s.x, s.y, decimate(s.x, s.y, f.sx, f.x1 - f.x0), f.sx, sy, s.kind === 'step');
    return d === '' ? '' : `<path d="${d}" fill="none" stroke="${esc(s.color)}" stroke-width="1.5" stroke-linejoin="round"${dash}><title>${esc(s.name)}</title></path>`;
  }
  const parts: string[] = [];
  const base = sy(0);
  const halfPx = Math.max(0.5, (f.sx(spec0 + (s.barWidthNs ?? span / 200)) - f.sx(spec0)) / 2);
  for (let i = 0; i < s.y.length; i++) {
    const v = s.y[i] as number;
    const t = s.x[i] as number;
    if (!Number.isFinite(v) || !Number.isFinite(t)) continue;
    const X = f.sx(t);
    const Y = sy(v);
    if (s.kind === 'markers') parts.push(`M${px(X)} ${px(Y - 4)}l4 7h-8z`);
    else if (v !== 0) parts.push(`M${px(X - halfPx)} ${px(Math.min(Y, base))}h${px(2 * halfPx)}v${px(Math.abs(Y - base))}h${px(-2 * halfPx)}z`);
  }
  if (parts.length === 0) return '';
  return `<path d="${parts.join('')}" fill="${esc(s.color)}" fill-opacity="${s.kind === 'bars' ? '0.75' : '0.9'}"><title>${esc(s.name)}</title></path>`;
}

function axisSvg(d: NiceDomain, sy: Scale, f: Frame, side: 'left' | 'right', label: string): string {
  const out: string[] = [];
  const x = side === 'left' ? f.x0 : f.x1;
  const anchor = side === 'left' ? 'end' : 'start';
  const dx = side === 'left' ? -6 : 6;
  for (const t of valueTicks(d)) {
    const Y = px(sy(t.value));
    if (side === 'left') out.push(`<line x1="${px(f.x0)}" x2="${px(f.x1)}" y1="${Y}" y2="${Y}" stroke="${GRID}"/>`);
    out.push(`<text x="${px(x + dx)}" y="${Y}" dy="0.32em" text-anchor="${anchor}" fill="${AXIS}">${esc(t.label)}</text>`);
  }
  const lx = side === 'left' ? 14 : f.x1 + MARGIN.right - 8;
  const ly = (f.y0 + f.y1) / 2;
  out.push(`<text transform="translate(${px(lx)} ${px(ly)}) rotate(-90)" text-anchor="middle" fill="${AXIS}">${esc(label)}</text>`);
  return out.join('');
}

function legendSvg(spec: ChartSpec, f: Frame): string {
  const out: string[] = [];
  let x = f.x0;
  const items = [...spec.series.map((s) => ({ name: s.name + (s.axis === 'right' ? ' (right axis)' : ''), color: s.color })), ...(spec.bands ?? []).filter((b) => b.label !== undefined).map((b) => ({ name: b.label as string, color: b.color }))];
  const seen = new Set<string>();
  for (const it of items) {
    if (seen.has(it.name)) continue;
    seen.add(it.name);
    out.push(`<rect x="${px(x)}" y="8" width="12" height="10" fill="${esc(it.color)}"/><text x="${px(x + 16)}" y="17" fill="#222">${esc(it.name)}</text>`);
    // Text widths are estimated (no font metrics without a browser): 6.2 px per character.
    x += 28 + it.name.length * 6.2;
  }
  return out.join('');
}

/** Renders a chart as an inline SVG string. Empty or all-NaN series draw axes and "no data". */
export function renderChart(spec: ChartSpec): string {
  const W = spec.width ?? 880;
  const H = spec.height ?? 260;
  const span = Math.max(1, spec.endNs - spec.startNs);
  const x0 = MARGIN.left;
  const x1 = W - MARGIN.right;
  const y0 = H - MARGIN.bottom;
  const y1 = MARGIN.top;
  const f: Frame = { x0, x1, y0, y1, sx: linear(spec.startNs, spec.startNs + span, x0, x1) };
  const left = spec.series.filter((s) => s.axis !== 'right');
  const right = spec.series.filter((s) => s.axis === 'right');
  const dl = niceDomain(...extent(left, spec.zeroLeft === true));
  const dr = niceDomain(...extent(right, spec.zeroRight === true));
  const syl = linear(dl.min, dl.max, y0, y1);
  const syr = linear(dr.min, dr.max, y0, y1);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" ${FONT}>`);
  out.push(`<title>${esc(spec.title)}</title>`);
  if (spec.description !== undefined) out.push(`<desc>${esc(spec.description)}</desc>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`);
  for (const b of spec.bands ?? []) {
    const a = Math.max(x0, f.sx(b.fromNs));
    const z = Math.min(x1, Math.max(f.sx(b.toNs), a + 2));
    out.push(`<rect x="${px(a)}" y="${px(y1)}" width="${px(z - a)}" height="${px(y0 - y1)}" fill="${esc(b.color)}" fill-opacity="0.25"/>`);
  }
  const data = hasData(spec.series);
  if (left.length > 0 || !data) out.push(axisSvg(dl, syl, f, 'left', spec.yLabel));
  if (right.length > 0 && data) out.push(axisSvg(dr, syr, f, 'right', spec.y2Label ?? ''));
  for (const t of timeTicks(spec.startNs, spec.startNs + span)) {
    const X = px(f.sx(t.value));
    out.push(`<line x1="${X}" x2="${X}" y1="${px(y0)}" y2="${px(y0 + 4)}" stroke="${AXIS}"/><text x="${X}" y="${px(y0 + 16)}" text-anchor="middle" fill="${AXIS}">${esc(t.label)}</text>`);
  }
  out.push(`<line x1="${px(x0)}" x2="${px(x1)}" y1="${px(y0)}" y2="${px(y0)}" stroke="${AXIS}"/>`);
  if (data) for (const s of spec.series) out.push(seriesSvg(s, f, s.axis === 'right' ? syr : syl, span, spec.startNs));
  else out.push(`<text x="${px((x0 + x1) / 2)}" y="${px((y0 + y1) / 2)}" text-anchor="middle" fill="#888" font-size="14">no data</text>`);
  (spec.rules ?? []).forEach((r, k) => {
    const X = px(f.sx(r.atNs));
    out.push(`<line x1="${X}" x2="${X}" y1="${px(y1)}" y2="${px(y0)}" stroke="${esc(r.color)}" stroke-dasharray="3 3"><title>${esc(r.label)}</title></line>`);
    // Labels step down in three rows so rules at nearby times do not print over each other.
    out.push(`<text x="${X}" y="${px(y1 + 10 + (k % 3) * 12)}" dx="3" fill="${esc(r.color)}">${esc(r.label)}</text>`);
  });
  out.push(legendSvg(spec, f));
  out.push('</svg>');
  return out.join('');
}
