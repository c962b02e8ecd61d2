/**
 * Shared pieces of the report's Vega-Lite specs: the time axis (simulated time since start in
 * minutes, or hours for long runs), down-sampling of long series for static SVG, the colour
 * palette (colour-blind safe, Okabe-Ito) and the spec shell every panel uses. Specs are plain
 * JSON data, so they can be golden-tested and reused from Python (Altair reads the same JSON).
 */

/** A Vega-Lite spec as plain JSON. */
export type VlSpec = Record<string, unknown>;

/** One row of inline data. */
export type Row = Record<string, number | string | null>;

export const COLORS = {
  price: '#222222',
  index: '#999999',
  /** A long position liquidated (forced sell): vermillion, triangle-down. */
  longLiq: '#D55E00',
  /** A short position liquidated (forced buy): blue, triangle-up. */
  shortLiq: '#0072B2',
  gex: '#CC79A7',
  buy: '#009E73',
  sell: '#D55E00',
  neutral: '#0072B2',
  accent: '#E69F00',
  schedule: '#777777',
} as const;

export const WIDTH = 860;
export const HEIGHT = 220;

/** How simulated time is shown: `t_ns / div` in `unit`. */
export interface TimeAxis {
  readonly div: number;
  readonly unit: 'min' | 'h';
  readonly title: string;
}

/** Minutes up to 6 hours of simulated time, hours beyond. */
export function timeAxis(endNs: number): TimeAxis {
  return endNs <= 6 * 3600e9
    ? { div: 60e9, unit: 'min', title: 'simulated time since start (min)' }
    : { div: 3600e9, unit: 'h', title: 'simulated time since start (h)' };
}

/** Rounds to 12 significant digits so specs stay short and stable across platforms' printing. */
export const r12 = (x: number): number | null => (Number.isFinite(x) ? Number(x.toPrecision(12)) : null);

/** Indices 0..n-1 kept when drawing at most `max` points (an even stride, the last point kept). */
export function strideIndices(n: number, max = 2400): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = Math.ceil(n / max);
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/** The x encoding of simulated time. */
export function timeX(axis: TimeAxis, field = 't', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { field, type: 'quantitative', title: axis.title, axis: { tickCount: 8 }, ...extra };
}

/** Spec shell: schema, size, description (becomes the SVG's aria label), config for readable print. */
export function shell(description: string, body: VlSpec, size: { width?: number; height?: number } = {}): VlSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description,
    width: size.width ?? WIDTH,
    height: size.height ?? HEIGHT,
    ...body,
    config: {
      font: 'Helvetica, Arial, sans-serif',
      axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eeeeee' },
      legend: { labelFontSize: 11, titleFontSize: 11, orient: 'top', direction: 'horizontal', labelLimit: 320, titleLimit: 320 },
      view: { stroke: '#dddddd' },
      background: 'white',
    },
  };
}
