/**
 * Coin-settled (inverse) European options, Deribit style: strike in USD, premium quoted and paid
 * in the coin, payoff at expiry in the coin (crypto-mechanics.md §4.1):
 *
 *   call payoff = max(S_T - K, 0) / S_T coin,   put payoff = max(K - S_T, 0) / S_T coin
 *
 * (Deribit "Options explained": a 300 call settled at 400 pays 100 USD = 0.25 BTC; a 300 put
 * settled at 200 pays 0.5 BTC.) Its coin price is the USD Black-Scholes price divided by the
 * underlying price, V_c = V / S (Deribit prices inverse options in BTC from the USD price at the
 * index, its "Inverse Options" page), since the coin is worth S USD at every date.
 *
 * Greeks in coin terms for one option on one coin ({@link CoinGreeks}), from the USD greeks
 * (black.ts) of the same option:
 *   price      V / S                              coin
 *   delta      S dV_c/dS = Delta - V / S          coin: the premium-adjusted delta (below)
 *   gamma      d(delta)/dS = Gamma - Delta/S + V/S^2   coin per USD
 *   vega       Vega / S, theta Theta / S, rho Rho / S   coin per 1.00 of vol / per year / per 1.00 of rate
 *   vanna      d(delta)/dsigma = Vanna - Vega / S
 *   charm      d(delta)/dt     = Charm - Theta / S   per year of calendar time
 *
 * Premium-adjusted delta. A dealer who keeps its books in the coin (a BTC-margined Deribit desk)
 * loses or gains V_c coin on the option; its coin P&L for dS is (dV_c/dS) dS. A coin-margined
 * (inverse) perp or future long of N USD has coin P&L N (1/E - 1/S), slope N / S^2, i.e. a long
 * of N/S "BTC-equivalent". Flattening the coin P&L to first order needs a hedge of
 * S^2 dV_c/dS USD = S (Delta - V/S) USD = (Delta - V/S) BTC-equivalent: the premium-adjusted
 * delta, which is what Deribit shows (its FAQ: a call of delta 0.50 bought for 0.10 BTC raises
 * "DeltaTotal" by 0.40). A dealer quoting USD-settled options hedges Delta instead. The
 * difference, V/S coin per option, is the premium itself: the coin received (or paid) for the
 * option is itself a position in the coin. docs/instruments.md works an example.
 *
 * Units: S, K in quote currency (USD) per coin; tYears ACT/365; rates and vol annualized;
 * coin amounts per one option on one coin.
 */
import { bsGreeks, newGreeks, type Greeks } from './black.js';
import { assertInt, assertMoney } from '../model/units.js';

/** Greeks of one coin-settled option on one coin, in coin terms (see the file header). */
export interface CoinGreeks {
  /** Premium in coin. */
  price: number;
  /** Premium-adjusted delta, in coin (BTC-equivalent of an inverse hedge). */
  delta: number;
  /** d(delta)/dS, coin per USD. */
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
  vanna: number;
  charm: number;
}

/** A zeroed {@link CoinGreeks} to reuse as `out`. */
export function newCoinGreeks(): CoinGreeks {
  return { price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0, vanna: 0, charm: 0 };
}

/** Coin payoff of one option on one coin at settlement price `s` (USD). */
export function inverseOptionPayoff(isCall: boolean, s: number, k: number): number {
  if (!(s > 0 && k > 0)) throw new RangeError(`inverse option payoff needs S, K > 0, got ${s}, ${k}`);
  return (isCall ? Math.max(s - k, 0) : Math.max(k - s, 0)) / s;
}

/**
 * Exact integer coin payoff of `contracts` options at integer settlement and strike ticks: the
 * payoff of one contract of `coinPerContract` coin is rounded once to a coin unit (half away from
 * zero) and multiplied by the contracts, so every holder of the series is paid by the same rule
 * and longs receive exactly what shorts pay. `unitsPerCoin` = the venue's money units per coin.
 */
export function inverseOptionPayoffUnits(isCall: boolean, settleTicks: number, strikeTicks: number, contracts: number, coinPerContract: number, unitsPerCoin: number): number {
  assertInt(settleTicks, 'settlement ticks');
  assertInt(strikeTicks, 'strike ticks');
  assertInt(contracts, 'contracts');
  if (!(settleTicks > 0)) throw new RangeError('settlement price must be > 0');
  const perContract = Math.round((inverseOptionPayoff(isCall, settleTicks, strikeTicks) * coinPerContract * unitsPerCoin));
  return assertMoney(perContract * contracts + 0, 'inverse option payoff');
}

/** Premium-adjusted delta from a Black-Scholes delta and the option's coin price: Delta - V/S. */
export function premiumAdjustedDelta(deltaBs: number, priceCoin: number): number {
  return deltaBs - priceCoin;
}

/**
 * Coin greeks of a coin-settled option on underlying price `s` (index, perp or future price:
 * pass the forward with q = r for a future, as Deribit's IV uses the forward). Writes `out`.
 */
export function coinGreeks(isCall: boolean, s: number, k: number, tYears: number, r: number, q: number, sigma: number, out: CoinGreeks, scratch: Greeks = newGreeks()): CoinGreeks {
  const g = bsGreeks(isCall, s, k, tYears, r, q, sigma, scratch);
  const pc = g.price / s;
  out.price = pc;
  out.delta = g.delta - pc;
  out.gamma = g.gamma - g.delta / s + pc / s;
  out.vega = g.vega / s;
  out.theta = g.theta / s;
  out.rho = g.rho / s;
  out.vanna = g.vanna - g.vega / s;
  out.charm = g.charm - g.theta / s;
  return out;
}
