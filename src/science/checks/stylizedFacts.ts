/**
 * `stylized-facts`: issue 13's acceptance facts on the calibrated background market
 * (scenarios/btc-calibrated.yaml, no dealers), as a check of the suite. Moments come from
 * src/analysis/moments (measures/moments.ts); the bands are those of bench/market/facts.ts
 * (issue 13 "Acceptance", real values from ../shared/data/README.md: Binance BTCUSDT calm window
 * 2021-04-02..16 and the 2024 perp captures). A unit test asserts the two lists agree, so they
 * cannot drift apart. The metaorder-impact fact is the `sqrt-impact` check.
 *
 * Threshold, stated before measuring (issue 13): each fact holds in at least 80 % of seeds.
 * Size: 6.5 h per seed (the scenario's own day); issue 13 asks for 20 seeds of 24 h or an
 * equivalent number of 6.5 h days, which `npm run bench -- market` runs; here 20 x 6.5 h.
 */
import type { CheckReport, Measured, ScienceCheck, ScienceContext, SeedRow } from '../check.js';
import { fmt } from '../stats.js';

/** Calm-window 1-min std, bp (README section 1). */
const CALM_VOL_1M_BP = 7.94;
/** Real perp depth within 10 bp (README section 2), BTC. */
const REAL_DEPTH_10BP = [293.2, 539.1] as const;
const PASS_SHARE = 0.8;

/** One fact: its name and band as the issue states them, and the predicate. */
export interface FactBand {
  readonly name: string;
  readonly band: string;
  readonly shows: readonly string[];
  readonly holds: (m: Measured) => boolean;
}

const g = (m: Measured, k: string): number => m[k] ?? Number.NaN;

/** Issue 13's facts, in bench/market/facts.ts order (without the impact slope). */
export const STYLIZED_FACTS: readonly FactBand[] = [
  { name: 'vol 1m within 25% of 7.94 bp', band: '[5.96, 9.93] bp', shows: ['vol_1m_bp'], holds: (m) => Math.abs(g(m, 'vol_1m_bp') / CALM_VOL_1M_BP - 1) <= 0.25 },
  { name: 'kurtosis 1m in [3, 15], 60m <= 1m', band: '3 <= k1 <= 15, k60 <= k1', shows: ['kurt_1m', 'kurt_60m'], holds: (m) => g(m, 'kurt_1m') >= 3 && g(m, 'kurt_1m') <= 15 && g(m, 'kurt_60m') <= g(m, 'kurt_1m') },
  { name: '|ACF(1)| of returns', band: '1m < 0.05, 10s < 0.1', shows: ['acf_r_1m_lag1', 'acf_r_10s_lag1'], holds: (m) => Math.abs(g(m, 'acf_r_1m_lag1')) < 0.05 && Math.abs(g(m, 'acf_r_10s_lag1')) < 0.1 },
  { name: 'ACF of |r| (1m)', band: 'lag1 in [0.12, 0.40], lag10 > 0.05, lag60 > 0, lag100 > 0', shows: ['acf_abs_1m_lag1', 'acf_abs_1m_lag10', 'acf_abs_1m_lag60', 'acf_abs_1m_lag100'], holds: (m) => g(m, 'acf_abs_1m_lag1') >= 0.12 && g(m, 'acf_abs_1m_lag1') <= 0.4 && g(m, 'acf_abs_1m_lag10') > 0.05 && g(m, 'acf_abs_1m_lag60') > 0 && g(m, 'acf_abs_1m_lag100') > 0 },
  { name: 'Hill index of |r| (top 2.5%)', band: '[2, 5]', shows: ['hill_1m'], holds: (m) => g(m, 'hill_1m') >= 2 && g(m, 'hill_1m') <= 5 },
  { name: 'taker-sign ACF', band: 'lag1 in [0.1, 0.5], lag100 > 0', shows: ['taker_sign_acf_lag1', 'taker_sign_acf_lag100'], holds: (m) => g(m, 'taker_sign_acf_lag1') >= 0.1 && g(m, 'taker_sign_acf_lag1') <= 0.5 && g(m, 'taker_sign_acf_lag100') > 0 },
  { name: 'median depth within 10 bp', band: '[146.6, 1078.2] BTC', shows: ['depth_10bp_median'], holds: (m) => g(m, 'depth_10bp_median') >= REAL_DEPTH_10BP[0] / 2 && g(m, 'depth_10bp_median') <= REAL_DEPTH_10BP[1] * 2 },
];

/** Verdict from per-seed moments. */
export function evaluateFacts(perSeed: readonly Measured[], seeds: readonly number[]): CheckReport {
  const rows: SeedRow[] = [];
  const details: string[] = [];
  let pass = perSeed.length > 0;
  let worst = 1;
  for (const f of STYLIZED_FACTS) {
    const holds = perSeed.map((m) => f.holds(m));
    const share = holds.filter(Boolean).length / Math.max(1, holds.length);
    worst = Math.min(worst, share);
    if (share < PASS_SHARE) pass = false;
    const med = f.shows.map((k) => {
      const xs = perSeed.map((m) => g(m, k)).filter(Number.isFinite).sort((a, b) => a - b);
      return `${k} median ${xs.length > 0 ? fmt(xs[xs.length >> 1] as number) : 'n/a'}`;
    });
    details.push(`${share >= PASS_SHARE ? 'holds' : 'FAILS'} ${fmt(100 * share)} % of seeds: ${f.name} (${f.band}); ${med.join(', ')}`);
  }
  perSeed.forEach((m, i) => {
    for (const f of STYLIZED_FACTS) for (const k of f.shows) if (Number.isFinite(g(m, k))) rows.push({ arm: 'btc-calibrated', seed: seeds[i] as number, metric: k, value: g(m, k) });
  });
  return {
    name: 'stylized-facts',
    title: 'Issue 13 stylized facts on the calibrated market',
    theory: 'Cont (2001) facts with BTC bands from real Binance data (issue 13 acceptance; theory.md 5)',
    inputs: { seeds: perSeed.length, pass_share: PASS_SHARE },
    predicted: PASS_SHARE,
    measured: { statistic: 'share of seeds where the weakest fact holds', mean: worst, lo95: Number.NaN, hi95: Number.NaN, n: perSeed.length },
    tolerance: 'every fact in >= 80 % of seeds (issue 13)',
    pass,
    details,
    rows,
  };
}

export const stylizedFacts: ScienceCheck = {
  name: 'stylized-facts',
  title: 'Stylized facts of the calibrated background market',
  quick: false,
  seeds: { quick: 2, full: 20 },
  async run(ctx: ScienceContext): Promise<CheckReport> {
    const duration = ctx.profile === 'quick' ? '1h' : '6h30m';
    const out = await ctx.runJobs(ctx.seeds.map((seed) => ({ scenario: { file: 'scenarios/btc-calibrated.yaml' }, set: [`clock.duration=${duration}`], seed, arm: 'btc-calibrated', measure: 'moments' })));
    return evaluateFacts(out, ctx.seeds);
  },
};
