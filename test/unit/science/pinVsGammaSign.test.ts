/**
 * pin-vs-gamma-sign's verdict: settlements pulled to the strike by long gamma and pushed away by
 * short gamma pass; a dealer hedging the wrong way (long gamma repelling), or no effect at all,
 * fails. Start prices are K + U(-dK/2, dK/2), off the strike, and deterministic per seed.
 */
import { describe, expect, it } from 'vitest';
import type { Measured } from '../../../src/science/check.js';
import { evaluatePin, impulseLambda, startPrice } from '../../../src/science/checks/pinVsGammaSign.js';

const SEEDS = Array.from({ length: 100 }, (_, i) => i + 1);
const run = (settlement: number): Measured => ({ settlement, start_mid: 60_000, vol_early: 0.4, vol_late: 0.4, impulse_mean: 1, impulse_size: 0.5 });
// Settlement offsets spread over +-200 USD; pinned = within 25 of 60,000.
const offset = (s: number) => ((s * 37) % 400) - 200;

describe('pin-vs-gamma-sign verdict', () => {
  const none = SEEDS.map((s) => run(60_000 + offset(s)));
  const pulled = SEEDS.map((s) => run(60_000 + 0.5 * offset(s)));
  const pushed = SEEDS.map((s) => run(60_000 + 1.6 * offset(s)));
  it('passes when long gamma pulls to the strike and short gamma pushes away', () => {
    expect(evaluatePin(none, pulled, pushed, SEEDS, 1.2, 64).pass).toBe(true);
  });
  it('fails when the dealers hedge the wrong way (long gamma repels, short gamma pins)', () => {
    expect(evaluatePin(none, pushed, pulled, SEEDS, 1.2, 64).pass).toBe(false);
  });
  it('fails when hedging changes nothing', () => {
    expect(evaluatePin(none, none, none, SEEDS, 1.2, 64).pass).toBe(false);
  });
  it('start prices lie off the strike, within half a spacing, on the tick grid, and differ by seed', () => {
    const p = SEEDS.map(startPrice);
    expect(p.every((x) => Math.abs(x - 60_000) <= 125 && Number.isInteger(2 * x))).toBe(true);
    expect(new Set(p).size).toBeGreaterThan(80); // 500 grid points: about 10 collisions in 100 draws
    expect(p.filter((x) => Math.abs(x - 60_000) > 25).length).toBeGreaterThan(70);
  });
});

describe('pin-vs-gamma-sign lambda-hat', () => {
  it('recovers a known impact from paired calibration runs and ignores the common move', () => {
    const ctrl: Measured = {};
    const withT: Measured = {};
    for (let i = 0; i < 10; i++) {
      const common = 17 * Math.sin(i); // the market's own move, the same in both arms
      Object.assign(ctrl, { [`pre_${i}`]: 60_000, [`post_${i}`]: 60_000 + common });
      Object.assign(withT, { [`pre_${i}`]: 60_000, [`post_${i}`]: 60_000 + common + (i % 2 === 0 ? 2.5 : -2.5) });
    }
    expect(impulseLambda([withT, withT], [ctrl, ctrl])).toBeCloseTo(2.5, 12);
  });
});
