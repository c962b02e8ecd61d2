/**
 * The Monte Carlo behind `discrete-hedging-error`: a short European call on an exogenous GBM
 * (no price impact, zero rates, no costs in the P&L), delta-hedged with the dealer's own rules
 * (agents/dealer/policy.ts `hedgeTrade`) and greeks (instruments/black.ts `bsGreeks`), either
 * every T/N (`time`) or whenever the net delta leaves the Whalley-Wilmott band, checked on a fine
 * grid. Per seed it returns the standard deviation of the terminal hedging error (quote
 * currency per option on one unit of underlying), the traded volume (base units) and the
 * number of trades, for each N and each risk aversion. Every arm of a seed sees the same paths
 * (common random numbers: the fine path is drawn once, time hedgers sample it every fine/N steps).
 */
import { RandomStream } from '../../engine/rng.js';
import { bsGreeks, newGreeks } from '../../instruments/black.js';
import { hedgeTrade } from '../../agents/dealer/policy.js';
import type { HedgePolicyParams } from '../../agents/dealer/schema.js';

/** Inputs of one seed's experiment. */
export interface HedgingSetup {
  readonly spot: number;
  readonly strike: number;
  /** Annualized GBM vol, also the hedger's implied vol (no vol mis-specification). */
  readonly vol: number;
  readonly tenorYears: number;
  readonly paths: number;
  /** Fine monitoring steps over the tenor (every N must divide it). */
  readonly fineSteps: number;
  /** Rebalance counts of the time hedger. */
  readonly counts: readonly number[];
  /** Whalley-Wilmott risk aversions (per quote currency). */
  readonly riskAversions: readonly number[];
  /** Proportional cost the WW band is sized with (fraction). */
  readonly costFrac: number;
  /**
   * The hedge rule (default the dealer's `hedgeTrade`); tests pass a broken one to show the
   * check fails.
   */
  readonly rule?: typeof hedgeTrade;
}

/** Per-seed results: `sd_time_<N>`, `turnover_time_<N>`, `trades_time_<N>`, and `*_ww_<i>`. */
export type HedgingResult = Record<string, number>;

interface Hedger {
  readonly policy: HedgePolicyParams;
  /** Check every `every` fine steps. */
  readonly every: number;
  readonly key: string;
  position: number;
  cash: number;
  turnover: number;
  trades: number;
  sum: number;
  sumSq: number;
}

/** Runs `setup.paths` GBM paths on `seed` and returns the per-arm statistics. */
export function runHedgingExperiment(setup: HedgingSetup, seed: number): HedgingResult {
  const { spot: s0, strike, vol, tenorYears, fineSteps } = setup;
  const rule = setup.rule ?? hedgeTrade;
  const rng = RandomStream.derive(seed, 'science/discrete-hedging-error/gbm');
  const g = newGreeks();
  const dt = tenorYears / fineSteps;
  const drift = -0.5 * vol * vol * dt;
  const diff = vol * Math.sqrt(dt);
  const hedgers: Hedger[] = [];
  for (const n of setup.counts) {
    if (fineSteps % n !== 0) throw new RangeError(`rebalance count ${n} does not divide ${fineSteps} fine steps`);
    hedgers.push(newHedger({ policy: 'time', interval: 1 }, fineSteps / n, `time_${n}`));
  }
  setup.riskAversions.forEach((a, i) => {
    hedgers.push(newHedger({ policy: 'whalley_wilmott', check_interval: 1, cost_bps: setup.costFrac * 10_000, include_half_spread: false, risk_aversion: a, min_band: 0, to: 'edge' }, 1, `ww_${i}`));
  });
  const premium = bsGreeks(true, s0, strike, tenorYears, 0, 0, vol, g).price;
  for (let p = 0; p < setup.paths; p++) {
    for (const h of hedgers) {
      h.position = 0;
      h.cash = premium; // the short call's premium, received at t = 0
    }
    let s = s0;
    for (let k = 0; k < fineSteps; k++) {
      const tau = tenorYears - k * dt;
      bsGreeks(true, s, strike, tau, 0, 0, vol, g);
      // The dealer is short one call: option delta -delta, book gamma -gamma.
      const optionDelta = -g.delta;
      const bookGamma = -g.gamma;
      for (const h of hedgers) {
        if (k % h.every !== 0) continue;
        const trade = rule(h.policy, optionDelta + h.position, bookGamma, s, setup.costFrac);
        if (trade !== 0) {
          h.position += trade;
          h.cash -= trade * s;
          h.turnover += Math.abs(trade);
          h.trades++;
        }
      }
      s *= Math.exp(drift + diff * rng.normal());
    }
    const payoff = Math.max(0, s - strike);
    for (const h of hedgers) {
      const err = h.cash + h.position * s - payoff;
      h.sum += err;
      h.sumSq += err * err;
    }
  }
  const out: HedgingResult = {};
  const m = setup.paths;
  for (const h of hedgers) {
    const meanErr = h.sum / m;
    out[`sd_${h.key}`] = Math.sqrt(Math.max(0, (h.sumSq - m * meanErr * meanErr) / (m - 1)));
    out[`mean_${h.key}`] = meanErr;
    out[`turnover_${h.key}`] = h.turnover / m;
    out[`trades_${h.key}`] = h.trades / m;
  }
  out['premium'] = premium;
  out['vega'] = bsGreeks(true, s0, strike, tenorYears, 0, 0, vol, g).vega;
  return out;
}

function newHedger(policy: HedgePolicyParams, every: number, key: string): Hedger {
  return { policy, every, key, position: 0, cash: 0, turnover: 0, trades: 0, sum: 0, sumSq: 0 };
}

/**
 * Turnover of the time hedger at the error `sd`, interpolated linearly in log-log between the
 * two measured counts whose errors bracket it; NaN when `sd` lies outside the measured range
 * (no extrapolation: the comparison is then not made and the check fails).
 */
export function turnoverAtError(sds: readonly number[], turnovers: readonly number[], sd: number): number {
  for (let i = 0; i + 1 < sds.length; i++) {
    const a = sds[i] as number;
    const b = sds[i + 1] as number;
    if ((sd <= a && sd >= b) || (sd >= a && sd <= b)) {
      const w = a === b ? 0 : (Math.log(sd) - Math.log(a)) / (Math.log(b) - Math.log(a));
      return Math.exp((1 - w) * Math.log(turnovers[i] as number) + w * Math.log(turnovers[i + 1] as number));
    }
  }
  return Number.NaN;
}
