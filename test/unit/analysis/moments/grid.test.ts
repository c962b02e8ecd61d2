/** Returns on a UTC grid: alignment, gaps, horizons finer than the grid, volume per return, and the moment list on a hand-built series. */
import { describe, expect, it } from 'vitest';
import { computeMoments, MOMENT_NAMES, MOMENTS, previousTickGrid, returnsAt, volumeGrid } from '../../../../src/analysis/moments/index.js';

const MIN = 60_000;

describe('returnsAt', () => {
  it('non-overlapping, aligned to UTC multiples of the horizon', () => {
    // 1-min grid starting at 00:03; 5-min returns start at 00:05 and 00:10 only
    const values = Float64Array.from({ length: 15 }, (_, i) => 100 * Math.exp(0.001 * i * i));
    const r = returnsAt({ startMs: 3 * MIN, stepMs: MIN, values }, 5 * MIN);
    expect(r.all.length).toBe(2);
    expect(r.all[0]).toBeCloseTo(0.001 * (7 * 7 - 2 * 2), 12);
    expect(r.all[1]).toBeCloseTo(0.001 * (12 * 12 - 7 * 7), 12);
  });
  it('never spans a gap: a missing sample drops every return over it and splits the segments', () => {
    const values = Float64Array.from([100, 101, 102, Number.NaN, 104, 105, 106]);
    const one = returnsAt({ startMs: 0, stepMs: MIN, values }, MIN);
    expect(one.segments.map((s) => s.length)).toEqual([2, 2]);
    const two = returnsAt({ startMs: 0, stepMs: MIN, values }, 2 * MIN);
    // windows [0,2] ok, [2,4] has the gap, [4,6] ok -> two separate one-return segments
    expect(two.segments.map((s) => s.length)).toEqual([1, 1]);
    expect(two.all[1]).toBeCloseTo(Math.log(106 / 104), 14);
  });
  it('a horizon finer than, or not a multiple of, the grid step gives no returns', () => {
    const g = { startMs: 0, stepMs: MIN, values: Float64Array.from([1, 2, 3]) };
    expect(returnsAt(g, 1000).all.length).toBe(0);
    expect(returnsAt(g, 90_000).all.length).toBe(0);
  });
  it('volume of a return is the volume of the intervals after its start up to its end', () => {
    const values = Float64Array.from([100, 101, 102, 103, 104]);
    const volume = Float64Array.from([9, 1, 2, 3, 4]);
    const r = returnsAt({ startMs: 0, stepMs: MIN, values, volume }, 2 * MIN);
    expect([...r.volume]).toEqual([3, 7]);
  });
});

describe('previousTickGrid and volumeGrid', () => {
  it('last finite positive value at or before each grid time, NaN before the first', () => {
    const g = previousTickGrid([1500, 2000, 3500], [10, Number.NaN, 12], 1000, 1000, 4000);
    expect([...g]).toEqual([Number.NaN, 10, 10, 12]);
  });
  it('volume lands in the interval (t_{i-1}, t_i] that contains it', () => {
    expect([...volumeGrid([1000, 1001, 2000, 2500, 9999], [1, 2, -3, 4, 5], 1000, 1000, 3)]).toEqual([1, 5, 4]);
  });
});

describe('computeMoments', () => {
  it('every documented moment has a unique name, a unit and a definition', () => {
    expect(new Set(MOMENT_NAMES).size).toBe(MOMENTS.length);
    for (const m of MOMENTS) {
      expect(m.unit.length).toBeGreaterThan(0);
      expect(m.definition.length).toBeGreaterThan(20);
    }
  });
  it('vol at 1 s / 1 min / 1 h from a 1 s grid of a known path', () => {
    // log price alternates +-a per second over 2 h: 1 s returns are +-a (std a), 1 min and 1 h returns are 0
    const a = 1e-4;
    const n = 2 * 3600 + 1;
    const values = Float64Array.from({ length: n }, (_, i) => 50_000 * Math.exp(i % 2 === 0 ? 0 : a));
    const m = computeMoments({ mid: { startMs: Date.UTC(2026, 0, 1), stepMs: 1000, values } }, ['vol_1s_bp', 'vol_1m_bp', 'vol_1h_bp', 'acf_r_1s_lag1']);
    expect(m.vol_1s_bp).toBeCloseTo(1, 9);
    expect(m.vol_1m_bp).toBeCloseTo(0, 9);
    expect(m.vol_1h_bp).toBeCloseTo(0, 9);
    expect(m.acf_r_1s_lag1).toBeCloseTo(-1, 9);
  });
  it('spread, depth and taker-sign moments from their inputs', () => {
    const m = computeMoments(
      { spreadBp: [1, 3, 2], depth10bp: [10, 30, 20, 40], fills: { t: [1, 1, 2, 3, 4, 5], sign: [1, 1, -1, 1, -1, 1] } },
      ['spread_median_bp', 'depth_10bp_median', 'taker_sign_acf_lag1'],
    );
    expect(m.spread_median_bp).toBe(2);
    expect(m.depth_10bp_median).toBe(25);
    // events +,-,+,-,+ : mean 0.2, var 0.96; lag-1 products (-1.2)(0.8) x4 = -3.84 over 4 pairs -> -0.96 / 0.96 = -1
    expect(m.taker_sign_acf_lag1).toBeCloseTo(-1, 12);
  });
  it('volume-|r| correlation pairs each 5-min |r| with the volume traded during it', () => {
    // 1-min grid, 20 min: 5-min returns r_k = ln(p[5k+5]/p[5k]) for k = 0..2 (the grid ends at minute 19)
    const logp = [0, 1, 2, 3, 4, 5, 5, 5, 5, 5, 3, 3, 3, 3, 3, 3.5, 3.5, 3.5, 3.5, 3.5].map((x) => x * 1e-3);
    const values = Float64Array.from(logp, (x) => 100 * Math.exp(x));
    const volume = Float64Array.from({ length: 20 }, (_, i) => (i >= 1 && i <= 5 ? 10 : i >= 6 && i <= 10 ? 4 : 1));
    const m = computeMoments({ mid: { startMs: 0, stepMs: MIN, values, volume } }, ['volume_absret_corr_5m', 'acf_abs_1m_lag1']);
    // |r| = 5e-3, 2e-3, 0.5e-3 with volumes 50, 20, 5: exactly linear, correlation 1
    expect(m.volume_absret_corr_5m).toBeCloseTo(1, 12);
    expect(Number.isFinite(m.acf_abs_1m_lag1 as number)).toBe(true);
  });
  it('an unknown moment name throws and lists the known ones', () => {
    expect(() => computeMoments({}, ['vol_2m_bp'])).toThrow(/unknown moment 'vol_2m_bp' \(known: vol_1s_bp/);
  });
});
