/**
 * Axis ticks for the SVG charts: "nice" value ticks (steps of 1, 2 or 5 times a power of ten)
 * and time ticks on a ns-since-start axis at round clock steps, labelled h:mm (h:mm:ss below a
 * minute). Pure functions; labels are locale-free.
 */
import { NS_PER_HOUR, NS_PER_MIN, NS_PER_SEC } from '../../model/time.js';
import { fixed, hmm, hmmss } from '../format.js';

/** A tick: its value on the axis and its label. */
export interface Tick {
  readonly value: number;
  readonly label: string;
}

/** The smallest step of 1, 2 or 5 times a power of ten that is >= `raw` (raw > 0). */
export function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) {
    const step = m * power;
    // A relative epsilon keeps 0.3 / 0.1 style float error from skipping a step.
    if (step >= raw * (1 - 1e-9)) return step;
  }
  return 10 * power;
}

/** A domain widened to whole steps, with its step; a flat or empty domain gets a unit width. */
export interface NiceDomain {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/**
 * Widens [min, max] to multiples of a nice step chosen for about `count` intervals. A flat
 * domain (min = max) is widened by one unit of its magnitude each way; non-finite input gives
 * [0, 1].
 */
export function niceDomain(min: number, max: number, count = 5): NiceDomain {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1, step: 0.2 };
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const half = min === 0 ? 1 : 10 ** Math.floor(Math.log10(Math.abs(min)));
    min -= half;
    max += half;
  }
  const step = niceStep((max - min) / Math.max(1, count));
  // Rounded to the step's decimals so float error (5.6000000000000005) does not reach the labels.
  const round = (v: number): number => Number(v.toFixed(stepDecimals(step) + 2));
  return { min: round(Math.floor(min / step + 1e-9) * step), max: round(Math.ceil(max / step - 1e-9) * step), step };
}

/** Decimals needed to print multiples of `step` exactly (0 for steps >= 1). */
export function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** Ticks at every step of a nice domain, labelled with the step's decimals and grouped thousands. */
export function valueTicks(d: NiceDomain): Tick[] {
  const decimals = stepDecimals(d.step);
  const n = Math.round((d.max - d.min) / d.step);
  const ticks: Tick[] = [];
  for (let k = 0; k <= n; k++) {
    // Computed from the index (not by accumulating) so float error does not drift.
    const value = Number((d.min + k * d.step).toFixed(decimals + 2));
    ticks.push({ value, label: fixed(value, decimals) });
  }
  return ticks;
}

/** Clock steps a time axis may use, ns. */
export const TIME_STEPS_NS: readonly number[] = [
  1, 2, 5, 10, 15, 30,
].map((s) => s * NS_PER_SEC).concat([1, 2, 5, 10, 15, 30].map((m) => m * NS_PER_MIN), [1, 2, 3, 6, 12, 24, 48].map((h) => h * NS_PER_HOUR));

/**
 * Ticks on [startNs, endNs] at the smallest clock step giving at most `maxTicks` intervals:
 * multiples of the step, labelled h:mm (h:mm:ss for steps under a minute).
 */
export function timeTicks(startNs: number, endNs: number, maxTicks = 8): Tick[] {
  const span = Math.max(1, endNs - startNs);
  const step = TIME_STEPS_NS.find((s) => span / s <= maxTicks) ?? (TIME_STEPS_NS[TIME_STEPS_NS.length - 1] as number) * Math.ceil(span / maxTicks / (48 * NS_PER_HOUR));
  const label = step < NS_PER_MIN ? hmmss : hmm;
  const ticks: Tick[] = [];
  for (let t = Math.ceil(startNs / step) * step; t <= endNs; t += step) ticks.push({ value: t, label: label(t) });
  return ticks;
}
