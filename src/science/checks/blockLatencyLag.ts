/**
 * `block-latency-lag` (theory.md 1b with a delayed hedge; docs/dex.md): on a DEX, orders execute
 * only in blocks, and "blocks run after every other event at their instant". A dealer that
 * rebalances at each block instant k therefore sees the book after block k-1 (as of its
 * market-data delay) and answers the increment d_{k-1}; a hedge that arrives j - 0.5 blocks
 * later is included in block k + j and moves d_{k+j}. The AR(1) feedback of theory.md 1b then
 * acts at lag m = j + 1 instead of lag 1: d_{k+m} = a d_k + ..., a = -lambda G, so the
 * autocorrelation that the hedger adds (arm minus control, paired seeds) peaks at lag m.
 *
 * Market: one DEX perp with 1 s blocks (chain preset dydx), makers, noise and value traders,
 * all replayed from each seed's no-hedge control (counterfactual replay), plus a short-gamma
 * constant-gamma dealer with lambda_hat G = -0.3 (lambda from probe trades on the replayed
 * control), whose order-entry latency is j - 0.5 s, j = 1, 2, 3.
 *
 * Tolerance (set before measuring): for every j, the lag in 1..6 with the largest mean change of
 * the autocorrelation is m = j + 1, and that change's 95 % CI is above 0.
 */
import type { CheckReport, Measured, ScienceCheck, ScienceJob, SeedRow } from '../check.js';
import { sig } from '../format.js';
import { meanCI } from '../ar1.js';
import { calibrate } from './calibrate.js';

/** Inclusion delays after the decision, in blocks. */
export const DELAYS_BLOCKS = [1, 2, 3] as const;
export const MAX_LAG = 6;
const DOSE = -0.3;
const OTHERS = 'makers/*,noise/*,value/*';

/** The DEX world of this check (inline: a science fixture, not a reference scenario). */
export const BLOCK_LATENCY_YAML = `
name: science-block-latency
description: One DEX perp (1 s blocks) with makers, noise and value traders; a constant-gamma dealer whose hedges land j blocks after it decides.
seed: 1
clock: { start_utc: "2026-03-27T00:00:00Z", duration: 12m }
underlying: { symbol: BTC, initial_price: 60000, fundamental: { vol: 0.5, grid: 1s } }
venues:
  dex:
    kind: dex
    instruments:
      - { symbol: BTC-PERP, type: perp, tick_size: 0.5, lot_size: 0.001, maker_fee_bps: 0, taker_fee_bps: 4 }
    latency: { order_entry: 50ms, response: 50ms, market_data: 100ms }
    chain: { preset: dydx }
    oracle: { preset: pyth, source: fundamental }
agents:
  makers: { kind: liquidity_provider, count: 2, venue: dex, instrument: BTC-PERP, reference: fundamental, levels: 5, half_spread_bps: 2, level_spacing_bps: 2, size: 0.5, size_growth: 1.5, max_inventory: 50, requote_interval: 1s }
  noise: { kind: noise, count: 50, venue: dex, instrument: BTC-PERP, rate: 0.2 }
  value: { kind: fundamental, count: 10, venue: dex, instrument: BTC-PERP, rate: 0.5, threshold_bps: 3, size_per_bps: 0.02, order_type: market }
  dealers: { kind: option_dealer, venue: dex, instrument: BTC-PERP, spot_source: mid, hedge: { policy: constant_gamma, gamma: 0, interval: 1s }, execution: { style: market } }
  probe: { kind: probe, venue: dex, instrument: BTC-PERP, interval: 1s, start: 1000h, size: { dist: uniform, min: 0.1, max: 2 } }
output: { book_interval: 100ms }
`;

/** Per delay: mean change of the autocorrelation at lags 1..MAX_LAG, the peak and its CI (exported for the unit test). */
export function judgeLag(arms: readonly (readonly Measured[])[], control: readonly Measured[]): { peaks: { m: number; peak: number; change: ReturnType<typeof meanCI>; changes: number[] }[]; pass: boolean } {
  const peaks = DELAYS_BLOCKS.map((j, a) => {
    const arm = arms[a] as Measured[];
    const cis = Array.from({ length: MAX_LAG }, (_, k) => meanCI(arm.map((m, i) => (m[`acf_${k + 1}`] as number) - ((control[i] as Measured)[`acf_${k + 1}`] as number))));
    const changes = cis.map((c) => c.mean);
    const peak = changes.indexOf(Math.max(...changes)) + 1;
    return { m: j + 1, peak, change: cis[j] as ReturnType<typeof meanCI>, changes };
  });
  return { peaks, pass: peaks.every((p) => p.peak === p.m && p.change.lo95 > 0) };
}

export const blockLatencyLag: ScienceCheck = {
  name: 'block-latency-lag',
  title: 'DEX hedges landing m blocks after the price they answer move the feedback autocorrelation to lag m',
  // Out of --quick: the full suite (12 seeds, 20 min, at 91eba1b) FAILed for m = 2, whose largest
  // change was at lag 5 (+0.255), 0.010 above lag 2 (+0.245 [0.218, 0.273]); the quick profile
  // had passed. A real FAIL stays out of --quick (issue 14).
  quick: false,
  seeds: { quick: 6, full: 12 },
  async run(ctx): Promise<CheckReport> {
    const duration = ctx.profile === 'quick' ? '10m' : '20m';
    const params = { tau_ns: 1e9, n: 20, lags: MAX_LAG, warmup_ns: 60e9 };
    const tape = (s: number): string => `${ctx.scratchDir}/control-${s}.tape`;
    const job = (arm: string, seed: number, set: string[], measure: string, extra: Partial<ScienceJob> = {}): ScienceJob => ({ scenario: { yaml: BLOCK_LATENCY_YAML }, set: [`clock.duration=${duration}`, ...set], seed, arm, measure, params, ...extra });
    const cal = await calibrate(
      ctx,
      (s) => job('control', s, [], 'interval-returns', { record: { agents: OTHERS, file: tape(s) } }),
      (s) => job('probe', s, ['agents.probe.start=1m'], 'probe-impact', { replay: { agents: OTHERS, file: tape(s) } }),
    );
    const g = DOSE / cal.lambda.mean;
    const out = await ctx.runJobs(ctx.seeds.flatMap((s) => DELAYS_BLOCKS.map((j) => job(`m=${j + 1}`, s, [`agents.dealers.hedge.gamma=${g}`, `agents.dealers.latency={order_entry: ${(j - 0.5) * 1000}ms}`], 'interval-returns', { replay: { agents: OTHERS, file: tape(s) } }))));
    const arms = DELAYS_BLOCKS.map((_, a) => ctx.seeds.map((_, i) => out[i * DELAYS_BLOCKS.length + a] as Measured));
    const j = judgeLag(arms, cal.control);
    const mid = j.peaks[1] as (typeof j.peaks)[number];
    const rows: SeedRow[] = [];
    const add = (arm: string, ms: readonly Measured[]): void => ms.forEach((m, i) => {
      for (let k = 1; k <= MAX_LAG; k++) rows.push({ arm, seed: ctx.seeds[i] as number, metric: `acf_${k}`, value: m[`acf_${k}`] as number });
      rows.push({ arm, seed: ctx.seeds[i] as number, metric: 'hedge_latency_s', value: m['hedge_latency_s'] as number });
    });
    add('control', cal.control);
    cal.lambdaBySeed.forEach((v, i) => rows.push({ arm: 'probe', seed: ctx.seeds[i] as number, metric: 'lambda_usd_per_btc', value: v }));
    DELAYS_BLOCKS.forEach((d, a) => add(`m=${d + 1}`, arms[a] as Measured[]));
    return {
      name: this.name,
      title: this.title,
      theory: 'a hedge answering block k-1 and included in block k+j feeds back at lag m = j+1: the autocorrelation added by the hedger peaks at lag m with value about a = -lambda G = +0.3 (theory.md 1b; docs/dex.md block ordering)',
      inputs: { lambda_usd_per_btc: cal.lambda.mean, lambda_lo95: cal.lambda.lo95, lambda_hi95: cal.lambda.hi95, gamma_btc_per_usd: g, block_time_s: 1 },
      predicted: mid.m,
      measured: { statistic: `change of acf at lag ${mid.m} (m = ${mid.m} arm; peak found at lag ${mid.peak})`, ...mid.change },
      tolerance: `for m = ${DELAYS_BLOCKS.map((d) => d + 1).join(', ')}: the largest mean autocorrelation change over lags 1..${MAX_LAG} is at lag m, its 95 % CI above 0`,
      pass: j.pass,
      details: j.peaks.map((p, a) => {
        const lat = meanCI((arms[a] as Measured[]).map((m) => m['hedge_latency_s'] as number)).mean;
        return `m = ${p.m} (hedge decision to fill ${sig(lat)} s): acf change by lag ${p.changes.map(sig).join(', ')}; peak at lag ${p.peak}; at lag m ${sig(p.change.mean)} [${sig(p.change.lo95)}, ${sig(p.change.hi95)}]`;
      }),
      rows,
    };
  },
};
