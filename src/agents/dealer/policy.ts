/**
 * Hedge rules as pure functions of the dealer's state, so each rule can be tested alone.
 * Inputs: net delta (options + hedge position) and gamma in base units (gamma per quote
 * currency), spot in quote currency, proportional cost as a fraction. Output: the signed size
 * to trade in base units (+ buy), 0 for no trade.
 */
import type { HedgePolicyParams } from './schema.js';

/** Policy names in the order of the `hedges.policy` enum (model/tables.ts). */
export const POLICY_NAMES = ['none', 'time', 'band', 'whalley_wilmott', 'partial', 'constant_gamma'] as const;

/**
 * Whalley–Wilmott no-trade half-width around the Black–Scholes hedge (Whalley and Wilmott
 * 1997, "An asymptotic analysis of an optimal hedging model for option pricing with
 * transaction costs", Mathematical Finance 7(3); as written in crypto-mechanics 4.5 with r = 0):
 *   H = (3 * cost * S * gamma^2 / (2 * riskAversion))^(1/3).
 * Bands grow as gamma^(2/3) and as cost^(1/3).
 */
export function whalleyWilmottHalfWidth(costFrac: number, spot: number, gamma: number, riskAversion: number): number {
  return Math.cbrt((3 * costFrac * spot * gamma * gamma) / (2 * riskAversion));
}

/** Half-width of the `band` policy: max(band, |gamma| * S * band_move) (crypto-mechanics 4.5). */
export function bandHalfWidth(band: number, bandMove: number, spot: number, gamma: number): number {
  return Math.max(band, Math.abs(gamma) * spot * bandMove);
}

/** Trade that brings `net` back to 0 (`target`) or to the nearest edge of [-h, h] (`edge`) when outside it. */
function breach(net: number, h: number, to: 'target' | 'edge'): number {
  if (!(Math.abs(net) > h)) return 0;
  return to === 'edge' ? -(net - Math.sign(net) * h) : -net;
}

/**
 * Signed hedge trade (base units) a policy asks for. `costFrac` is the proportional cost used
 * by whalley_wilmott (fee plus, when configured, the half spread). `time` and
 * `constant_gamma` return the full gap (constant_gamma: times its hedge_ratio, outside its band); the caller calls them only on their timer.
 */
export function hedgeTrade(p: HedgePolicyParams, net: number, gamma: number, spot: number, costFrac: number): number {
  switch (p.policy) {
    case 'none':
      return 0;
    case 'time':
      return -net;
    case 'constant_gamma':
      // Outside the band, trade hedge_ratio of the way to the band edge (band 0: to zero delta).
      return Math.abs(net) > p.band ? -p.hedge_ratio * (net - Math.sign(net) * p.band) : 0;
    case 'band':
      return breach(net, bandHalfWidth(p.band, p.band_move, spot, gamma), p.to);
    case 'whalley_wilmott':
      return breach(net, Math.max(p.min_band, whalleyWilmottHalfWidth(costFrac, spot, gamma, p.risk_aversion)), p.to);
    case 'partial':
      return Math.abs(net) > p.band ? -p.fraction * net : 0;
  }
}

/** The rule's timer in ns (0 for `none`). */
export function policyIntervalNs(p: HedgePolicyParams): number {
  switch (p.policy) {
    case 'none':
      return 0;
    case 'time':
    case 'constant_gamma':
      return p.interval;
    default:
      return p.check_interval;
  }
}
