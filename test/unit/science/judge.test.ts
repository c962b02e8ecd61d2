/**
 * Each feedback check can fail: its verdict function, fed per-seed numbers that a deliberately
 * broken simulator would give (a dealer hedging the wrong way, a hedge that is not delayed, a
 * safeguard that does nothing), returns FAIL; fed numbers that follow the theory it returns
 * PASS. The numbers are built from the theory's own AR(1) recursion (stats.ts), so the PASS
 * cases are not tuned to the simulator.
 */
import { describe, expect, it } from 'vitest';
import type { Measured } from '../../../src/science/check.js';
import { judgeVolRatio } from '../../../src/science/checks/feedbackVolRatio.js';
import { judgeAutocorr } from '../../../src/science/checks/hedgeAutocorr.js';
import { judgePingPong } from '../../../src/science/checks/hedgePingPong.js';
import { judgeLag } from '../../../src/science/checks/blockLatencyLag.js';
import { RandomStream } from '../../../src/engine/rng.js';
import { acf, windowVariance } from '../../../src/science/measures/series.js';
import { ar1VolRatio, arPredictions } from '../../../src/science/ar1.js';

const DOSES = [-0.3, -0.15, -0.075, 0.075, 0.15, 0.3];

/** Increments eps (white) and d_{k} = eps_k + a d_{k-lag}: the theory's recursion, with a delayed hedge when lag > 1. */
function series(a: number, seed: number, lag = 1, n = 6000): Measured {
  const rng = RandomStream.derive(seed, 'judge-test');
  const d = new Float64Array(n);
  for (let k = 0; k < n; k++) d[k] = rng.normal() + (k >= lag ? a * (d[k - lag] as number) : 0);
  const m: Record<string, number> = { var_1: windowVariance(d, 1), var_20: windowVariance(d, 20), var_5: windowVariance(d, 5) };
  for (let k = 1; k <= 40; k++) m[`acf_${k}`] = acf(d, k);
  return m;
}
const seeds = [1, 2, 3, 4, 5, 6];
const control = seeds.map((s) => series(0, s));
const armsFor = (sign: number): Measured[][] => DOSES.map((x) => seeds.map((s) => series(sign * -x, 100 + s)));

describe('feedback-vol-ratio verdict', () => {
  it('passes on the AR(1) recursion with a = -lambda G and fails for a dealer hedging the wrong way (a = +lambda G)', () => {
    expect(judgeVolRatio(DOSES, armsFor(1), control).pass).toBe(true);
    const wrong = judgeVolRatio(DOSES, armsFor(-1), control);
    expect(wrong.pass).toBe(false);
    expect(wrong.monotone).toBe(false);
  });
  it('fails when the effect is half the prediction (a = -lambda G / 2)', () => {
    expect(judgeVolRatio(DOSES, DOSES.map((x) => seeds.map((s) => series(x / -2, 100 + s))), control).pass).toBe(false);
  });
  it('uses the white-noise closed form when the control is white', () => {
    expect(arPredictions(0.3, [], 20).volRatio).toBeCloseTo(ar1VolRatio(0.3, 20), 12);
    expect(arPredictions(-0.3, [], 1).acf1).toBeCloseTo(-0.3, 12);
  });
});

describe('hedge-autocorr verdict', () => {
  it('passes on the recursion and fails for a wrong-way dealer', () => {
    expect(judgeAutocorr(DOSES, armsFor(1), control).pass).toBe(true);
    expect(judgeAutocorr(DOSES, armsFor(-1), control).pass).toBe(false);
  });
});

describe('block-latency-lag verdict', () => {
  const lagged = (shift: number): Measured[][] => [1, 2, 3].map((j) => seeds.map((s) => series(0.3, 200 + s, j + shift)));
  it('passes when the hedge feeds back at lag j + 1 and fails when the delay does not move it (every arm at lag 1)', () => {
    expect(judgeLag(lagged(1), control).pass).toBe(true);
    expect(judgeLag([1, 2, 3].map(() => seeds.map((s) => series(0.3, 300 + s, 1))), control).pass).toBe(false);
  });
  it('fails for a dealer hedging the wrong way (negative feedback at lag m: no positive peak there)', () => {
    expect(judgeLag([1, 2, 3].map((j) => seeds.map((s) => series(-0.3, 400 + s, j + 1))), control).pass).toBe(false);
  });
});

describe('hedge-ping-pong verdict', () => {
  it('needs vol up without a safeguard and down with each safeguard', () => {
    expect(judgePingPong({ lo95: 1.5 }, { hi95: 0.8 }, { hi95: 0.9 })).toBe(true);
    expect(judgePingPong({ lo95: 0.9 }, { hi95: 0.8 }, { hi95: 0.9 })).toBe(false);
    expect(judgePingPong({ lo95: 1.5 }, { hi95: 1.1 }, { hi95: 0.9 })).toBe(false);
    expect(judgePingPong({ lo95: 1.5 }, { hi95: 0.8 }, { hi95: 1.01 })).toBe(false);
  });
});

describe('feedback-straddle verdict', () => {
  it('passes with short up and long down, fails when a dealer hedges the wrong way (signs swapped)', async () => {
    const { judgeStraddle } = await import('../../../src/science/checks/feedbackStraddle.js');
    const up = [0.8, 0.9, 1.1, 0.7];
    const down = [-0.1, -0.12, -0.08, -0.11];
    expect(judgeStraddle(up, down).pass).toBe(true);
    expect(judgeStraddle(down, up).pass).toBe(false);
  });
});

describe('impact-kernel prediction', () => {
  it('equals the AR(1) form for permanent impact and gives no feedback when the impact is gone after one interval', async () => {
    const { kernelPredictions } = await import('../../../src/science/ar1.js');
    const flat = kernelPredictions(-0.1, Array.from({ length: 20 }, () => 3), [], 20);
    expect(flat.volRatio).toBeCloseTo(ar1VolRatio(0.3, 20), 6);
    expect(flat.acf1).toBeCloseTo(0.3, 6);
    const gone = kernelPredictions(-0.1, [3, ...Array.from({ length: 19 }, () => 0)], [], 20);
    expect(Math.abs(gone.volRatio - 1)).toBeLessThan(0.05);
  });
});
