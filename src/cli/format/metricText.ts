/** Metric values for humans, by the metric's unit (analysis/metrics.ts): vols and fractions as %. */
import { humanNumber } from './numbers.js';

/** A metric's value in its unit; NaN or missing as a dash. */
export function metricText(value: number | undefined, unit: string, quote: string): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  switch (unit) {
    case '1 per sqrt(year)': return `${(value * 100).toFixed(1)}% ann.`;
    case '1': return `${(value * 100).toFixed(2)}%`;
    case 'count': return humanNumber(value);
    case 'quote': return `${humanNumber(value)} ${quote}`;
    case '%': return `${value.toFixed(3)}%`;
    default: return `${humanNumber(value)} ${unit}`;
  }
}
