/**
 * The project's moment code applied to real data reproduces stats.py (shared/data/README.md,
 * calm window). Reference values were printed by stats.py's own functions (moments,
 * acf_segments) on the same 21 600 bars; agreement is to 1e-9 relative, i.e. the same
 * definitions, not merely close numbers.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { barsToGrid, computeMoments, readBarsFile, returnsAt } from '../../../../src/analysis/moments/index.js';

const FIXTURE = fileURLToPath(new URL('../../../fixtures/data/btcusdt_1m_calm_2021-04-02_2021-04-16.csv.gz', import.meta.url));

// stats.py on the calm window (full precision); README rounds them to 7.94 bp, 6.13 / 4.69 / 3.56 / 3.87, ...
const STATS_PY: Record<string, number> = {
  vol_1m_bp: 7.941757508811863,
  kurt_1m: 6.13154020607853,
  kurt_5m: 4.688261505542631,
  kurt_15m: 3.5599325884088193,
  kurt_60m: 3.868487089322394,
  acf_r_1m_lag1: -0.02041077828005756,
  acf_r_1m_lag2: -0.029440173375017902,
  acf_r_1m_lag5: -0.00968865920930249,
  acf_r_1m_lag10: -0.006971755210797023,
  acf_abs_1m_lag1: 0.23674581595152336,
  acf_abs_1m_lag10: 0.1402134061213337,
  acf_abs_1m_lag30: 0.11927131558889155,
  acf_abs_1m_lag60: 0.08126945120722255,
  acf_abs_1m_lag100: 0.054253412702047726,
};

describe('moments of the real calm window match stats.py', () => {
  const grid = barsToGrid(readBarsFile(FIXTURE));
  const m = computeMoments({ mid: grid });

  it('has the window stats.py describes', () => {
    expect(grid.values.length).toBe(21_600);
    expect(grid.stepMs).toBe(60_000);
    expect(returnsAt(grid, 60_000).all.length).toBe(21_599);
    expect(returnsAt(grid, 5 * 60_000).all.length).toBe(4_319);
    expect(returnsAt(grid, 15 * 60_000).all.length).toBe(1_439);
    expect(returnsAt(grid, 60 * 60_000).all.length).toBe(359);
  });

  for (const [name, want] of Object.entries(STATS_PY)) {
    it(`${name} = ${want.toPrecision(4)}`, () => {
      expect(Math.abs((m[name] as number) - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want));
    });
  }

  it('1 s moments are NaN from 1-min bars, taker and book moments NaN without those inputs', () => {
    expect(m.vol_1s_bp).toBeNaN();
    expect(m.acf_r_10s_lag1).toBeNaN();
    expect(m.taker_sign_acf_lag1).toBeNaN();
    expect(m.depth_10bp_median).toBeNaN();
  });

  it('the derived moments are in the ranges theory.md 5b gives for BTC', () => {
    // Hill alpha of BTC |r| 2 < alpha < 4 (Begusic et al. 2018; Takaishi 2020); volume-volatility correlation positive (Cont fact 10)
    expect(m.hill_1m).toBeGreaterThan(2);
    expect(m.hill_1m).toBeLessThan(5);
    expect(m.volume_absret_corr_5m).toBeGreaterThan(0.3);
    // the lag-1 return ACF (-0.020) is inside its robust band: no linear predictability
    expect(Math.abs(m.acf_r_1m_lag1 as number)).toBeLessThan(m.acf_r_1m_band_lag1 as number);
  });
});
