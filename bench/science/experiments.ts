/**
 * The cascade and pinning experiments, defined once for the acceptance tests (test/science,
 * short runs, pinned seeds) and the validation script (bench/science.ts). Each is a reference
 * scenario, shared `--set` overrides and the arms compared on paired seeds; the insurance fund
 * path through liquidations is read from the run's tables (theory.md 6). The feedback
 * experiments moved to `gammaloop science` (src/science/checks, docs/science.md).
 */
import { readArrowFile } from '../../src/output/index.js';
import type { RunResult } from '../../src/run/index.js';
import type { Experiment } from './harness.js';
import { cascadeMeasure } from '../../src/science/measures/cascade.js';

/** The insurance fund through the liquidations: first and lowest balance, distinct balances, draws. */
export function insuranceFundPath(run: RunResult): Record<string, number> {
  const file = run.files['liquidations'];
  if (file === undefined) return { fund_first: Number.NaN, fund_distinct: 0, fund_draws: 0 };
  const liq = readArrowFile(file);
  const fund = liq.numbers('insurance_fund');
  const event = liq.column('event');
  const distinct = new Set<number>();
  let first = Number.NaN;
  let draws = 0;
  for (let i = 0; i < fund.length; i++) {
    const f = fund[i] as number;
    if (Number.isFinite(f)) {
      distinct.add(f);
      if (Number.isNaN(first)) first = f;
    }
    if (event[i] === 'insurance_draw') draws++;
  }
  return { fund_first: first, fund_distinct: distinct.size, fund_draws: draws };
}

const NO_HEDGE = 'agents.dealers.hedge={policy: none}';

/**
 * Cascade: liquidation-cascade (positions held from t = 0) with the density of liquidation prices
 * and the book depth varied. `shock: 'news'` is the scenario as written (a 3 % fundamental drop
 * plus 60 BTC sold in 120 children from 20 min); `'flow'` removes the fundamental drop
 * (`schedule.0` is the fundamental_jump entry), leaving the order-flow shock of theory.md 6c
 * test 1, where only the book's own impact carries the cascade. Density arms: 0.1 and 0.5 BTC per
 * account instead of 0.25 (rho 0.0071 and 0.035 BTC per USD instead of 0.018).
 */
export function cascade(duration = '30m', shock: 'news' | 'flow' = 'news', withDepth = true): Experiment {
  const size = (btc: number): string => `agents.retail.initial_position.size=${btc}`;
  return {
    name: `cascade-${shock}`,
    scenario: 'scenarios/science/liquidation-cascade-gaussian.yaml',
    base: [`clock.duration=${duration}`, ...(shock === 'flow' ? ['schedule.0.log_return=0'] : [])],
    arms: [
      { name: 'reference', set: [] },
      { name: 'density-low', set: [size(0.1)] },
      { name: 'density-high', set: [size(0.5)] },
      ...(withDepth ? [{ name: 'depth-x3', set: ['agents.makers.size=0.6'] }] : []),
    ],
    extract: (run) => ({ ...insuranceFundPath(run), ...cascadeMeasure(run) }),
  };
}

/**
 * Pinning: long-gamma-pin, dealers long 150 + 150 contracts at 60,000 expiring at 08:00 UTC,
 * band hedging vs none. `start` shortens the run (the expiry stays at 08:00; the run ends
 * `after` it). Short-gamma arm optional (anti-pinning, theory.md 2b).
 */
export function pinning(start = '07:15', duration = '50m', withShort = false): Experiment {
  const short = ['open_interest.0.dealer_side=short', 'open_interest.1.dealer_side=short'];
  return {
    name: 'pinning',
    scenario: 'scenarios/science/long-gamma-pin-gaussian.yaml',
    base: [`clock.start_utc=2026-03-27T${start}:00Z`, `clock.duration=${duration}`],
    arms: [
      { name: 'none', set: [NO_HEDGE] },
      { name: 'long-band', set: [] },
      ...(withShort ? [{ name: 'short-band', set: short }] : []),
    ],
  };
}
