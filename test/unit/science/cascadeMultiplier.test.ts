/**
 * cascade-multiplier's verdict: per-run numbers that follow dP = dP0 + lambda rho (dP - a)
 * pass; a cascade counted before the shock, a drop independent of rho, and a sell that did not
 * execute fail.
 */
import { describe, expect, it } from 'vitest';
import type { Measured } from '../../../src/science/check.js';
import { LAMBDA_RHO, evaluateCascade, predictedRatio } from '../../../src/science/checks/cascadeMultiplier.js';

const SEEDS = [1, 2, 3, 4];
const DP0 = [500, 560, 610, 530];
const run = (drop: number, over: Partial<Record<string, number>> = {}): Measured => ({ drop, shock_sent: 60, shock_executed: 60, liq_before: 0, liq_after: 10, liq_size_after: 5, ...over });
const base = DP0.map((d) => run(d, { liq_after: 0, liq_size_after: 0 }));
const arms = (drop: (x: number, d0: number) => number, over: Partial<Record<string, number>> = {}) =>
  LAMBDA_RHO.map((x) => ({ x, rho: x / 9, runs: DP0.map((d0) => run(drop(x, d0), over)) }));
const theory = (x: number, d0: number) => d0 * predictedRatio(x, 360, d0);

describe('cascade-multiplier verdict', () => {
  it('passes when drops follow the multiplier', () => {
    expect(evaluateCascade(base, arms(theory), SEEDS, 9).pass).toBe(true);
  });
  it('fails when liquidations are counted before the shock', () => {
    expect(evaluateCascade(base, arms(theory, { liq_before: 3 }), SEEDS, 9).pass).toBe(false);
  });
  it('fails when the drop does not depend on rho', () => {
    expect(evaluateCascade(base, arms((_x, d0) => d0 * 1.01), SEEDS, 9).pass).toBe(false);
  });
  it('fails when the sell did not execute', () => {
    expect(evaluateCascade(base, arms(theory, { shock_executed: 2.3 }), SEEDS, 9).pass).toBe(false);
  });
  it('fails on a runaway far above the prediction', () => {
    expect(evaluateCascade(base, arms((x, d0) => (x > 0.3 ? 10 * d0 : theory(x, d0))), SEEDS, 9).pass).toBe(false);
  });
});
