/**
 * The sweep report's charts as Vega-Lite specs: per metric, every seed's value as a point per
 * cell with the cell mean and its 95% percentile-bootstrap CI (a bootstrap of the mean stays
 * inside the range of the data, so a volatility's CI never goes below zero and a share's never
 * leaves [0, 1]); and the paired difference of each cell against the baseline cell with the CI
 * `gammaloop compare` computes. Units: the metric's (analysis/metrics.ts).
 */
import { bootstrapMeanCI, mean } from '../../analysis/paired.js';
import { COLORS, r12, shell, type Row, type VlSpec } from './common.js';

/** A cell's axis label: `K: values` cut to 24 characters. */
export function cellLabel(cell: number, values: readonly string[]): string {
  const text = values.length === 0 ? `cell ${cell}` : `${cell}: ${values.join(', ')}`;
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}

/** A deterministic bootstrap seed per (metric, cell). */
function seedOf(metric: string, cell: number): number {
  let h = 2166136261;
  for (const ch of `${metric}/${cell}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/** Per-seed points, cell means and bootstrap CIs of one metric; null when no cell has a finite value. */
export function metricByCellSpec(metric: string, unit: string, cells: readonly { cell: number; values: readonly string[] }[], perCell: readonly (readonly number[])[], seeds: readonly (readonly number[])[]): VlSpec | null {
  const points: Row[] = [];
  const means: Row[] = [];
  const labels = cells.map((c) => cellLabel(c.cell, c.values));
  cells.forEach((c, k) => {
    const values = perCell[k] ?? [];
    const finite = values.filter(Number.isFinite);
    values.forEach((v, i) => {
      if (Number.isFinite(v)) points.push({ cell: labels[k] as string, value: r12(v), seed: seeds[k]?.[i] ?? null });
    });
    if (finite.length === 0) return;
    const ci = finite.length >= 2 ? bootstrapMeanCI(finite, { seed: seedOf(metric, c.cell) }) : { low: NaN, high: NaN };
    means.push({ cell: labels[k] as string, mean: r12(mean(finite)), low: r12(ci.low), high: r12(ci.high), n: finite.length });
  });
  if (points.length === 0) return null;
  const x = { field: 'cell', type: 'nominal', title: 'cell', sort: labels, axis: { labelAngle: 0, labelLimit: 160 } };
  const y = `${metric} (${unit})`;
  return shell(`${metric} per seed (points) with the cell mean and its 95% bootstrap CI`, {
    title: { text: metric, fontSize: 12, anchor: 'start' },
    layer: [
      { data: { values: points }, mark: { type: 'point', opacity: 0.75, size: 36, color: '#666666', filled: true }, encoding: { x, xOffset: { field: 'seed', type: 'nominal', legend: null, scale: { paddingOuter: 0.6 } }, y: { field: 'value', type: 'quantitative', title: y, scale: { zero: false } }, tooltip: [{ field: 'seed' }, { field: 'value', format: '.4g' }] } },
      { data: { values: means }, mark: { type: 'rule', color: COLORS.neutral, strokeWidth: 2 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
      { data: { values: means }, mark: { type: 'tick', color: COLORS.neutral, thickness: 3, size: 26 }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, tooltip: [{ field: 'mean', format: '.4g' }, { field: 'low', format: '.4g' }, { field: 'high', format: '.4g' }, { field: 'n' }] } },
    ],
  }, { width: 380, height: 200 });
}

/** One cell's paired difference against the baseline (from `compare`). */
export interface PairedPoint {
  readonly cell: number;
  readonly values: readonly string[];
  readonly n: number;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly p: number;
}

/** Paired differences (cell - baseline, same seeds) with their 95% CIs and a zero line; null without pairs. */
export function pairedSpec(metric: string, unit: string, baseline: number, rows: readonly PairedPoint[]): VlSpec | null {
  const data = rows.filter((r) => Number.isFinite(r.mean)).map((r) => ({ cell: cellLabel(r.cell, r.values), mean: r12(r.mean), low: r12(r.low), high: r12(r.high), n: r.n, p: r12(r.p) }));
  if (data.length === 0) return null;
  const x = { field: 'cell', type: 'nominal', title: `cell (minus baseline cell ${baseline}, same seeds)`, sort: data.map((d) => d.cell), axis: { labelAngle: 0, labelLimit: 160 } };
  return shell(`Paired difference of ${metric} against the baseline cell with its 95% CI`, {
    title: { text: `${metric}: cell − baseline`, fontSize: 12, anchor: 'start' },
    layer: [
      { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#555', strokeDash: [3, 3] }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      { data: { values: data }, mark: { type: 'rule', color: COLORS.gex, strokeWidth: 2 }, encoding: { x, y: { field: 'low', type: 'quantitative', title: `difference (${unit})` }, y2: { field: 'high' } } },
      { data: { values: data }, mark: { type: 'point', filled: true, size: 60, color: COLORS.gex }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, tooltip: [{ field: 'mean', format: '.4g' }, { field: 'low', format: '.4g' }, { field: 'high', format: '.4g' }, { field: 'n' }, { field: 'p', title: 'paired t p-value', format: '.3g' }] } },
    ],
  }, { width: 380, height: 200 });
}
