/**
 * kyleLambda recovers a known impact: a synthetic mid that moves lambda bp per unit of signed
 * flow in each window plus independent noise. The estimate's 95 % interval holds the true slope,
 * and a mid that ignores the flow gives an interval around 0 (so the test fails if the flow is
 * binned into the wrong window or the return is mis-signed).
 */
import { describe, expect, it } from 'vitest';
import { kyleLambda } from '../../../../src/analysis/moments/lambda.js';

/** Deterministic uniforms (LCG) so the test never depends on Math.random. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
}

function synthetic(lambdaBp: number, windows: number, seed: number) {
  const u = lcg(seed);
  const fillMs: number[] = [];
  const signed: number[] = [];
  const mid = new Float64Array(windows + 1);
  mid[0] = 60_000;
  for (let k = 0; k < windows; k++) {
    let flow = 0;
    const fills = 1 + Math.floor(u() * 5);
    for (let j = 0; j < fills; j++) {
      const q = (u() < 0.5 ? -1 : 1) * (0.1 + 2 * u());
      fillMs.push(k * 1000 + 1 + u() * 998);
      signed.push(q);
      flow += q;
    }
    const noiseBp = (u() + u() + u() - 1.5) * 2;
    mid[k + 1] = (mid[k] as number) * Math.exp((lambdaBp * flow + noiseBp) / 1e4);
  }
  return { fillMs: Float64Array.from(fillMs), signed: Float64Array.from(signed), grid: { startMs: 0, stepMs: 1000, values: mid } };
}

describe('kyleLambda', () => {
  it('recovers the slope of a mid driven by the flow (1 s windows)', () => {
    const s = synthetic(0.05, 2000, 7);
    const e = kyleLambda(s.fillMs, s.signed, s.grid, 1000);
    expect(e.n).toBe(2000);
    expect(e.lo95).toBeLessThan(0.05);
    expect(e.hi95).toBeGreaterThan(0.05);
    expect(Math.abs(e.bpPerUnit - 0.05)).toBeLessThan(0.02);
  });

  it('finds no impact when the mid ignores the flow', () => {
    const s = synthetic(0, 2000, 11);
    const e = kyleLambda(s.fillMs, s.signed, s.grid, 1000);
    expect(e.lo95).toBeLessThan(0);
    expect(e.hi95).toBeGreaterThan(0);
  });

  it('aggregates over longer windows (10 s) and skips windows with a missing mid', () => {
    const s = synthetic(0.05, 2000, 3);
    const values = Float64Array.from(s.grid.values);
    values[15] = Number.NaN; // inside window 1 (samples 10..20): only its end points matter, so it stays
    values[20] = Number.NaN; // end of window 1 and start of window 2: both dropped
    const e = kyleLambda(s.fillMs, s.signed, { ...s.grid, values }, 10_000);
    expect(e.n).toBe(198);
    expect(e.lo95).toBeLessThan(0.05);
    expect(e.hi95).toBeGreaterThan(0.05);
  });

  it('rejects a horizon that is not a multiple of the grid step', () => {
    const s = synthetic(0.05, 10, 1);
    expect(() => kyleLambda(s.fillMs, s.signed, s.grid, 1500)).toThrow(RangeError);
  });
});
