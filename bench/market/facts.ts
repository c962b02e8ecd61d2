/**
 * The stylized facts of issue 13's acceptance, as checks on one seed's moments, and a runner that
 * measures them on one run of a scenario. Each band is the issue's, with its source; nothing here
 * is tuned to the simulator. Real values: the Binance BTCUSDT calm (2021-04-02..16) and stressed
 * (2021-05-06..20) 1-minute windows and the perp trade captures (../shared/data/README.md,
 * sections 1 and 2). Moments come from src/analysis/moments (the same code applied to real bars).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { momentsFromRun, runScenario } from '../../src/run/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { impactSlope, readParents, type Parent } from './impact.js';

/** What one seed measured: the moments plus the metaorder impact slope and run cost. */
export interface SeedMeasure {
  readonly seed: number;
  readonly m: Readonly<Record<string, number>>;
  readonly events: number;
  readonly wallS: number;
  readonly simHours: number;
  /** The metaorder parents read back from the trades (for pooling across seeds). */
  readonly parents: readonly Parent[];
}

/** One acceptance fact: a predicate on a seed's measures, and the numbers shown beside it. */
export interface Fact {
  readonly name: string;
  /** The band, as the issue states it. */
  readonly band: string;
  /** Moment names printed for this fact. */
  readonly shows: readonly string[];
  readonly holds: (m: Readonly<Record<string, number>>) => boolean;
}

/** Real perp depth within 10 bp (README section 2): 293.2 BTC (2024-08-08) and 539.1 BTC (2024-07-18/19). */
export const REAL_DEPTH_10BP = [293.2, 539.1] as const;
/** Calm-window 1-min std (README section 1), bp. */
export const CALM_VOL_1M_BP = 7.94;

const g = (m: Readonly<Record<string, number>>, k: string): number => m[k] ?? Number.NaN;

/** The acceptance facts (issue 13, "Acceptance"). */
export const FACTS: readonly Fact[] = [
  { name: 'vol 1m within 25% of 7.94 bp', band: '[5.96, 9.93] bp', shows: ['vol_1m_bp'], holds: (m) => Math.abs(g(m, 'vol_1m_bp') / CALM_VOL_1M_BP - 1) <= 0.25 },
  { name: 'kurtosis 1m in [3, 15], 60m <= 1m', band: '3 <= k1 <= 15, k60 <= k1', shows: ['kurt_1m', 'kurt_5m', 'kurt_15m', 'kurt_60m'], holds: (m) => g(m, 'kurt_1m') >= 3 && g(m, 'kurt_1m') <= 15 && g(m, 'kurt_60m') <= g(m, 'kurt_1m') },
  { name: '|ACF(1)| of returns', band: '1m < 0.05, 10s < 0.1', shows: ['acf_r_1m_lag1', 'acf_r_10s_lag1'], holds: (m) => Math.abs(g(m, 'acf_r_1m_lag1')) < 0.05 && Math.abs(g(m, 'acf_r_10s_lag1')) < 0.1 },
  { name: 'ACF of |r| (1m)', band: 'lag1 in [0.12, 0.40], lag10 > 0.05, lag60 > 0, lag100 > 0', shows: ['acf_abs_1m_lag1', 'acf_abs_1m_lag10', 'acf_abs_1m_lag60', 'acf_abs_1m_lag100'], holds: (m) => g(m, 'acf_abs_1m_lag1') >= 0.12 && g(m, 'acf_abs_1m_lag1') <= 0.4 && g(m, 'acf_abs_1m_lag10') > 0.05 && g(m, 'acf_abs_1m_lag60') > 0 && g(m, 'acf_abs_1m_lag100') > 0 },
  { name: 'Hill index of |r| (top 2.5%)', band: '[2, 5]', shows: ['hill_1m'], holds: (m) => g(m, 'hill_1m') >= 2 && g(m, 'hill_1m') <= 5 },
  { name: 'taker-sign ACF', band: 'lag1 in [0.1, 0.5], lag100 > 0', shows: ['taker_sign_acf_lag1', 'taker_sign_acf_lag100'], holds: (m) => g(m, 'taker_sign_acf_lag1') >= 0.1 && g(m, 'taker_sign_acf_lag1') <= 0.5 && g(m, 'taker_sign_acf_lag100') > 0 },
  { name: 'metaorder impact log-log slope', band: '[0.3, 0.7]', shows: ['impact_slope'], holds: (m) => g(m, 'impact_slope') >= 0.3 && g(m, 'impact_slope') <= 0.7 },
  // "Within a factor of 2 of the real perp figure": within 2x of either captured window.
  { name: 'median depth within 10 bp', band: '[146.6, 1078.2] BTC', shows: ['depth_10bp_median'], holds: (m) => g(m, 'depth_10bp_median') >= REAL_DEPTH_10BP[0] / 2 && g(m, 'depth_10bp_median') <= REAL_DEPTH_10BP[1] * 2 },
];

/** Longest gap between two children of one parent (1.5 x child_interval) is below this, ns. */
export const PARENT_GAP_NS = 4e9;

/** Runs `scenario` on `seed` with overrides and measures every moment plus the impact slope. */
export async function measureSeed(scenario: string, seed: number, set: readonly string[], metaGroup = 'meta'): Promise<SeedMeasure> {
  const loaded = loadScenario(scenario, { seed, set });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gammaloop-market-'));
  try {
    const t0 = process.hrtime.bigint();
    const run = await runScenario({ loaded, outDir: dir, wallClockMs: () => Number(process.hrtime.bigint()) / 1e6, writeManifest: false });
    const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
    if (run.status !== 'complete') throw new Error(`market facts: ${scenario} seed ${seed} ended ${run.status}`);
    const fileOf = (t: string): string => run.files[t] ?? path.join(dir, `${t}.arrow`);
    const m: Record<string, number> = { ...momentsFromRun(loaded.scenario, fileOf) };
    const parents = readParents(fileOf('trades'), fileOf('book'), metaGroup, PARENT_GAP_NS);
    m['impact_slope'] = impactSlope(parents);
    m['parents'] = parents.length;
    return { seed, m, events: run.events, wallS, simHours: run.simTimeNs / 3.6e12, parents };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
