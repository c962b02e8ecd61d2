/**
 * Issue 13, CI-sized subset of the stylized-fact acceptance (the full run is `npm run bench --
 * market`: 20 seeds of 6.5 h). Two seeds of 2 h of scenarios/btc-calibrated.yaml (no dealers,
 * constant-vol GBM fundamental), checked against bands reduced to what 120 one-minute returns
 * per seed can resolve; and the pre-issue Gaussian baseline market
 * (test/fixtures/scenarios/baseline-gaussian.yaml, 1 seed, 2 h) must FAIL the same checks, so
 * the test fails when a fact disappears.
 *
 * Reduced thresholds (n = 120 one-minute returns per seed, 240 over both; 720 ten-second
 * returns per seed), each from the sampling error of the statistic under the null it guards:
 * - vol_1m_bp within 40% of 7.94 (the issue's 25% plus 2 SE of a sample SD with excess kurtosis
 *   about 5 at n = 240: sqrt((k + 2) / 4n) = 0.085);
 * - mean kurt_1m > 1 (3 SE above a Gaussian's 0: SE = sqrt(24 / n) / sqrt(2) = 0.32); the issue's
 *   [3, 15] needs the long sample, sample kurtosis of fat tails is biased low at n = 120;
 * - mean |acf_r_10s_lag1| < 0.18 (the issue's 0.1 plus 3 / sqrt(1440)); the Gaussian market has +0.4;
 * - mean acf_abs_1m_lag1 > 0.1 (the issue's 0.12 less 0.3 SE; iid |r| give 0 +- 0.065);
 * - taker_sign_acf_lag1 in [0.1, 0.5] and taker_sign_acf_lag100 > 0.01 in each seed (the issue's
 *   lag-1 band; at lag 100, 2 SE above 0 for about 30 000 taker events, SE = 1 / sqrt(N) = 0.006);
 * - depth_10bp_median in [146.6, 1078.2] BTC in each seed (the issue's factor 2 of the perp captures);
 * - metaorder impact grows with size: log-log slope > 0.3 over both seeds' parents pooled (about
 *   370; one seed's 2 h slope alone ranges from -0.7 to 1.2, too noisy). NOT the issue's concavity band
 *   [0.3, 0.7]: the 20-seed run measures 0.88 +- 0.06 (near-linear impact, a known FAIL written
 *   up in docs/market.md), so this only guards that impact still rises with size.
 * Not checked here: the Hill index (3 points in the top 2.5% of 120) and the ACF of |r| beyond
 * lag 1 (below its SE at this length; also a known FAIL of the 20-seed run, docs/market.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CALM_VOL_1M_BP, measureSeed, type SeedMeasure } from '../../bench/market/facts.js';
import { impactSlope } from '../../bench/market/impact.js';

const DURATION = ['clock.duration=2h'];
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The reduced checks, each true when the fact is present in these seeds. */
function checks(runs: readonly SeedMeasure[]): Record<string, boolean> {
  const m = (k: string): number[] => runs.map((r) => r.m[k] ?? Number.NaN);
  return {
    vol: Math.abs(mean(m('vol_1m_bp')) / CALM_VOL_1M_BP - 1) < 0.4,
    kurtosis: mean(m('kurt_1m')) > 1,
    acf10s: Math.abs(mean(m('acf_r_10s_lag1'))) < 0.18,
    clustering: mean(m('acf_abs_1m_lag1')) > 0.1,
    signMemory: runs.every((r) => (r.m['taker_sign_acf_lag1'] ?? Number.NaN) >= 0.1 && (r.m['taker_sign_acf_lag1'] ?? Number.NaN) <= 0.5 && (r.m['taker_sign_acf_lag100'] ?? Number.NaN) > 0.01),
    depth: m('depth_10bp_median').every((x) => x >= 146.6 && x <= 1078.2),
    impactGrows: impactSlope(runs.flatMap((r) => r.parents)) > 0.3,
  };
}

let calibrated: SeedMeasure[] = [];
let gaussian: SeedMeasure[] = [];

describe('science: the calibrated market shows the stylized facts, the Gaussian baseline does not (issue 13)', () => {
  beforeAll(async () => {
    calibrated = [await measureSeed('scenarios/btc-calibrated.yaml', 1, DURATION), await measureSeed('scenarios/btc-calibrated.yaml', 2, DURATION)];
    gaussian = [await measureSeed('test/fixtures/scenarios/baseline-gaussian.yaml', 1, DURATION, 'none')];
  }, 170_000);

  it('calibrated market: every reduced check holds', () => {
    const c = checks(calibrated);
    const detail = JSON.stringify(calibrated.map((r) => r.m));
    for (const [name, ok] of Object.entries(c)) expect(ok, `${name}: ${detail}`).toBe(true);
  });

  it('Gaussian baseline: fat tails, clustering, 10 s efficiency, sign memory and real depth are missing', () => {
    // Measured (seed 1, 2 h, 53-bit draws): kurtosis 0.34, ACF|r| lag 1 +0.01, 10 s ACF +0.41, sign ACF lag 100 -0.020, depth 24 BTC.
    const c = checks(gaussian);
    expect(c.kurtosis).toBe(false);
    expect(c.clustering).toBe(false);
    expect(c.acf10s).toBe(false);
    expect(c.signMemory).toBe(false);
    expect(c.depth).toBe(false);
  });
});
