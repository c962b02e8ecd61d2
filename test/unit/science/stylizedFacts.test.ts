/**
 * stylized-facts uses issue 13's bands exactly as bench/market/facts.ts states them (no drift
 * between the two lists), passes when every fact holds in >= 80 % of seeds and fails when one
 * fact is missing in more than 20 % (e.g. Gaussian returns: kurtosis near 0).
 */
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../../bench/market/facts.js';
import type { Measured } from '../../../src/science/check.js';
import { STYLIZED_FACTS, evaluateFacts } from '../../../src/science/checks/stylizedFacts.js';

const GOOD: Measured = {
  vol_1m_bp: 8, kurt_1m: 6, kurt_60m: 2, acf_r_1m_lag1: -0.02, acf_r_10s_lag1: 0.03, acf_abs_1m_lag1: 0.2, acf_abs_1m_lag10: 0.1,
  acf_abs_1m_lag60: 0.05, acf_abs_1m_lag100: 0.03, hill_1m: 3, taker_sign_acf_lag1: 0.3, taker_sign_acf_lag100: 0.02, depth_10bp_median: 300,
};
const SEEDS = [1, 2, 3, 4, 5];

describe('stylized-facts', () => {
  it('has the same facts and bands as bench/market/facts.ts (impact slope is the sqrt-impact check)', () => {
    const bench = FACTS.filter((f) => f.name !== 'metaorder impact log-log slope');
    expect(STYLIZED_FACTS.map((f) => [f.name, f.band])).toEqual(bench.map((f) => [f.name, f.band]));
    for (const f of bench) expect(STYLIZED_FACTS.find((s) => s.name === f.name)?.holds(GOOD)).toBe(f.holds(GOOD));
  });
  it('passes when every fact holds in every seed', () => {
    expect(evaluateFacts(SEEDS.map(() => GOOD), SEEDS).pass).toBe(true);
  });
  it('fails on Gaussian returns (kurtosis ~0) in 2 of 5 seeds', () => {
    const seeds = SEEDS.map((s) => (s <= 2 ? { ...GOOD, kurt_1m: 0.3 } : GOOD));
    expect(evaluateFacts(seeds, SEEDS).pass).toBe(false);
  });
});
