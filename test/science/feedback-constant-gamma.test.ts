/**
 * Feedback, synthetic constant-gamma book (theory.md 1b and 1e; DESIGN 7: Frey and Stremme 1997,
 * Sircar and Papanicolaou 1998). The baseline perp market plus one dealer whose options delta is
 * exactly G * (S - S_ref) and who hedges it to zero every second with market orders. Hedging
 * changes the mid by -lambda * G per unit move: dealers short gamma (G < 0) buy rallies and sell
 * dips (amplification, sigma / (1 - lambda |G|)), dealers long gamma (G > 0) lean against moves
 * (damping, sigma / (1 + lambda |G|)). Paired seeds 1..20, 20-minute runs; G = 0 is the control
 * (the dealer never trades, so every other agent sees the same world as without it).
 *
 * Measured (docs/science.md, seeds 1..20): mean log(rv_mid_1m ratio) +0.555 (G = -0.05, 18/20
 * seeds up), +0.102 (-0.025), -0.076 (+0.05, 18/20 down), -0.159 (+0.1, 20/20 down). Thresholds
 * below keep about half of the measured effect as margin.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { differences, logRatios, mean, shareAbove, shareBelow, tTest } from '../../src/analysis/paired.js';
import { feedbackConstantGamma } from '../../bench/science/experiments.js';
import { runExperiment, seedRange, valuesOf, type ArmResults } from '../../bench/science/harness.js';

const SEEDS = seedRange(20);
const GAMMAS = [-0.05, -0.025, 0, 0.05, 0.1];
let r: ArmResults;

/** Log ratios of 1-minute realized vol of the mid, arm G vs G = 0, one per seed. */
const logVolRatio = (g: number): number[] => logRatios(valuesOf(r, `G=${g}`, 'rv_mid_1m'), valuesOf(r, 'G=0', 'rv_mid_1m'));

describe('science: hedging feedback with a constant-gamma book (20 paired seeds)', () => {
  beforeAll(async () => {
    r = await runExperiment(feedbackConstantGamma(GAMMAS, '20m'), SEEDS);
  }, 170_000);

  it('short gamma (G = -0.05) raises 1-min vol: mean log ratio > 0.25, up in >= 80 % of seeds, one-sided t p < 0.001', () => {
    const d = logVolRatio(-0.05);
    expect(mean(d)).toBeGreaterThan(0.25);
    expect(shareAbove(d)).toBeGreaterThanOrEqual(0.8);
    expect(tTest(d, 'greater').p).toBeLessThan(0.001);
  });

  it('long gamma (G = +0.1) lowers 1-min vol: mean log ratio < -0.08, down in >= 90 % of seeds, one-sided t p < 0.001', () => {
    const d = logVolRatio(0.1);
    expect(mean(d)).toBeLessThan(-0.08);
    expect(shareBelow(d)).toBeGreaterThanOrEqual(0.9);
    expect(tTest(d, 'less').p).toBeLessThan(0.001);
  });

  it('dose-response: the mean log vol ratio falls strictly as G rises through -0.05, -0.025, 0, +0.05, +0.1', () => {
    const effects = GAMMAS.map((g) => (g === 0 ? 0 : mean(logVolRatio(g))));
    for (let i = 1; i < effects.length; i++) expect(effects[i] as number).toBeLessThan(effects[i - 1] as number);
  });

  it('lag-1 autocorrelation of 2 s returns (two hedge intervals) rises under short gamma and falls under long gamma (one-sided t p < 0.001 each)', () => {
    const acf = (g: number): number[] => differences(valuesOf(r, `G=${g}`, 'acf1_2s'), valuesOf(r, 'G=0', 'acf1_2s'));
    expect(tTest(acf(-0.05), 'greater').p).toBeLessThan(0.001);
    expect(tTest(acf(0.1), 'less').p).toBeLessThan(0.001);
  });

  it('the hedger trades in every hedging arm and never in the control', () => {
    for (const g of GAMMAS) {
      const volume = valuesOf(r, `G=${g}`, 'hedge_volume');
      if (g === 0) expect(volume.every((v) => v === 0)).toBe(true);
      else expect(volume.every((v) => v > 1)).toBe(true);
    }
  });
});
