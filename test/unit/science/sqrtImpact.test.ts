/**
 * sqrt-impact's verdict on synthetic per-run numbers: square-root impact retaining half passes;
 * a linear book (slope 1), impact that never decays, and impact that fully reverts fail.
 */
import { describe, expect, it } from 'vitest';
import type { Measured } from '../../../src/science/check.js';
import { IMPACT_SIZES, evaluateImpact } from '../../../src/science/checks/sqrtImpact.js';

const SEEDS = [1, 2, 3, 4, 5, 6];
const noise = (s: number) => ((s * 13) % 7) / 7 - 0.5; // deterministic, mean ~0
const control = SEEDS.map((s): Measured => ({ mid_before: 60_000, mid_end: 60_000 + 20 * noise(s), mid_later: 60_000 + 30 * noise(s), executed: 0, volume_per_day: 10_000, sigma_daily: 0.02 }));
function arms(impact: (q: number) => number, retain: number): Measured[][] {
  return IMPACT_SIZES.map((q) => SEEDS.map((s, i) => {
    const c = control[i] as Measured;
    const noiseUsd = 0.5 * noise(s + q);
    return { ...c, mid_end: (c['mid_end'] as number) + impact(q) + noiseUsd, mid_later: (c['mid_later'] as number) + retain * impact(q) + noiseUsd, executed: q };
  }));
}

describe('sqrt-impact verdict', () => {
  it('passes on square-root impact that retains half', () => {
    expect(evaluateImpact(control, arms((q) => 40 * Math.sqrt(q), 0.5), SEEDS).pass).toBe(true);
  });
  it('fails on a linear book', () => {
    expect(evaluateImpact(control, arms((q) => 10 * q, 0.5), SEEDS).pass).toBe(false);
  });
  it('fails when the impact never decays, or fully reverts', () => {
    expect(evaluateImpact(control, arms((q) => 40 * Math.sqrt(q), 1), SEEDS).pass).toBe(false);
    expect(evaluateImpact(control, arms((q) => 40 * Math.sqrt(q), 0), SEEDS).pass).toBe(false);
  });
  it('fails when a metaorder did not execute', () => {
    const a = arms((q) => 40 * Math.sqrt(q), 0.5);
    a[3] = (a[3] as Measured[]).map((m) => ({ ...m, executed: 3 }));
    expect(evaluateImpact(control, a, SEEDS).pass).toBe(false);
  });
});
