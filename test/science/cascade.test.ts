/**
 * Liquidation cascades (theory.md 6; DESIGN 7: cascade size grows with leverage and shrinks with
 * book depth). liquidation-cascade, shortened to 24 minutes (the shock is at 20 minutes): 400
 * retail accounts long at median 30x leverage, a thin book with a liquidity vacuum, a 3 % drop
 * of the fundamental and a 60 BTC market sell. Each liquidation sells into the same book and
 * moves the mark into the next liquidation prices (theory.md 6a: dP = dP0 / (1 - lambda rho)).
 * Arms on the same seeds: the reference; retail leverage median 20 vs 50; makers' size x3.
 *
 * Measured numbers are in docs/science.md; thresholds keep a margin of about one seed in ten.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { differences, mean, shareAbove, shareBelow } from '../../src/analysis/paired.js';
import { cascade } from '../../bench/science/experiments.js';
import { runExperiment, seedRange, valuesOf, type ArmResults } from '../../bench/science/harness.js';

const SEEDS = seedRange(10);
const FUND_INITIAL = 50_000;
let r: ArmResults;

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('science: liquidation cascades (10 paired seeds)', () => {
  beforeAll(async () => {
    r = await runExperiment(cascade('24m'), SEEDS);
  }, 170_000);

  it('the shock sets off liquidations in at least two rounds (largest_cascade_rounds >= 2) in >= 90 % of seeds', () => {
    const rounds = valuesOf(r, 'reference', 'largest_cascade_rounds');
    expect(rounds.filter((n) => n >= 2).length / rounds.length).toBeGreaterThanOrEqual(0.9);
  });

  it('the insurance fund balance is recorded through the cascade: it starts at 50,000, takes >= 10 distinct values and is drawn below its start in every seed', () => {
    expect(valuesOf(r, 'reference', 'fund_distinct').every((n) => n >= 10)).toBe(true);
    expect(valuesOf(r, 'reference', 'fund_draws').every((n) => n >= 1)).toBe(true);
    expect(valuesOf(r, 'reference', 'insurance_fund_low').every((f) => f < FUND_INITIAL)).toBe(true);
  });

  it('higher leverage (median 50 vs 20): more liquidations in >= 80 % of seeds and at least 1.5x as many in total; more rounds on average', () => {
    const hi = valuesOf(r, 'leverage-50', 'liquidation_count');
    const lo = valuesOf(r, 'leverage-20', 'liquidation_count');
    expect(shareAbove(differences(hi, lo))).toBeGreaterThanOrEqual(0.8);
    expect(sum(hi)).toBeGreaterThanOrEqual(1.5 * sum(lo));
    expect(mean(valuesOf(r, 'leverage-50', 'largest_cascade_rounds'))).toBeGreaterThan(mean(valuesOf(r, 'leverage-20', 'largest_cascade_rounds')));
  });

  it('a deeper book (makers size x3): fewer cascade rounds in >= 70 % of seeds and at least 10 % fewer liquidations in total', () => {
    const rounds = differences(valuesOf(r, 'depth-x3', 'largest_cascade_rounds'), valuesOf(r, 'reference', 'largest_cascade_rounds'));
    expect(shareBelow(rounds)).toBeGreaterThanOrEqual(0.7);
    expect(sum(valuesOf(r, 'depth-x3', 'liquidation_count'))).toBeLessThanOrEqual(0.9 * sum(valuesOf(r, 'reference', 'liquidation_count')));
  });
});
