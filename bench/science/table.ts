/**
 * Paired comparison rows for the science experiments: each arm against a control arm on the
 * same seeds, for one measurement, as log ratios (ratio metrics such as vol or distance) or as
 * differences (counts, autocorrelations), with the paired t-test, the sign test and a bootstrap
 * CI of the mean effect. Printed as a fixed-width table by the validation script.
 */
import { bootstrapMeanCI, differences, logRatios, mean, shareAbove, shareBelow, signTest, tTest } from '../../src/analysis/paired.js';
import { valuesOf, type ArmResults } from './harness.js';

export interface Comparison {
  readonly arm: string;
  readonly control: string;
  readonly measure: string;
  readonly effect: 'log ratio' | 'difference';
  readonly n: number;
  readonly armMean: number;
  readonly controlMean: number;
  /** Mean effect (log ratio or difference), arm vs control. */
  readonly meanEffect: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly sharePositive: number;
  readonly shareNegative: number;
  /** Two-sided paired t-test p-value. */
  readonly tP: number;
  /** Two-sided exact sign-test p-value. */
  readonly signP: number;
}

/** Compares `arm` with `control` on `measure`. */
export function compare(r: ArmResults, arm: string, control: string, measure: string, effect: Comparison['effect'] = 'log ratio'): Comparison {
  const x = valuesOf(r, arm, measure);
  const y = valuesOf(r, control, measure);
  const d = effect === 'log ratio' ? logRatios(x, y) : differences(x, y);
  const ci = bootstrapMeanCI(d, { seed: 1 });
  return {
    arm,
    control,
    measure,
    effect,
    n: d.length,
    armMean: mean(x),
    controlMean: mean(y),
    meanEffect: mean(d),
    ciLow: ci.low,
    ciHigh: ci.high,
    sharePositive: shareAbove(d),
    shareNegative: shareBelow(d),
    tP: tTest(d).p,
    signP: signTest(d).p,
  };
}

const num = (v: number, digits = 4): string => (Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toPrecision(digits)) : String(v));

/** Fixed-width text table of comparisons. */
export function formatComparisons(rows: readonly Comparison[]): string {
  const head = ['measure', 'arm', 'control', 'n', 'arm mean', 'ctrl mean', 'effect', 'mean eff', '95% CI', '+share', '-share', 't p', 'sign p'];
  const body = rows.map((c) => [
    c.measure,
    c.arm,
    c.control,
    String(c.n),
    num(c.armMean),
    num(c.controlMean),
    c.effect,
    num(c.meanEffect),
    `[${num(c.ciLow, 3)}, ${num(c.ciHigh, 3)}]`,
    c.sharePositive.toFixed(2),
    c.shareNegative.toFixed(2),
    num(c.tP, 2),
    num(c.signP, 2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((s, i) => s.padEnd(widths[i] as number)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
