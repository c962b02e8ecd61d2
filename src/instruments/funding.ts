/**
 * Linear perpetual funding: the rate per interval and the integer payments between longs and
 * shorts. Rates are fractions per stated interval; money in integer quote units (10^-4 of the
 * quote currency, model/units.ts); positions in signed lots; mark in integer ticks.
 *
 * Rate (Binance USDS-M / Hyperliquid docs; crypto-mechanics 1.4), with P the average premium
 * index over the interval (e.g. a WindowTwap of premiumIndex samples):
 *   F8 = P + clamp(I - P, -clamp, +clamp);   F_N = F8 * N / 8h;   F = clamp(F_N, -cap, +cap)
 * Longs pay shorts when F > 0: payment = -position * mark * F.
 */
import { NS_PER_HOUR } from '../engine/time.js';
import { assertInt, assertMoney, type QuoteUnits } from '../model/units.js';

/** Funding parameters. */
export interface FundingParams {
  /** Interval between payments (ns). */
  readonly intervalNs: number;
  /** Interest component I per 8 h. */
  readonly interestPer8h: number;
  /** Clamp on (I - P) per 8 h. */
  readonly clampPer8h: number;
  /** Cap on |F| per interval. */
  readonly capPerInterval: number;
}

const EIGHT_HOURS_NS = 8 * NS_PER_HOUR;

/** Defaults for a CEX linear perp (crypto-mechanics 0, 1.4, 1.6). */
export const DEFAULT_FUNDING: FundingParams = {
  // 8 h: Binance USDS-M funding interval (Binance "Introduction to funding rates", [doc]).
  intervalNs: EIGHT_HOURS_NS,
  // 0.01 % per 8 h: Binance and Hyperliquid interest component (venue funding docs, [doc]).
  interestPer8h: 0.0001,
  // +-0.05 %: Binance / Hyperliquid clamp on (I - P) (venue funding docs, [doc]).
  clampPer8h: 0.0005,
  // 0.30 %: Binance BTCUSDT cap 0.75 * (IMR - MMR) at max leverage = 0.75 * (0.8 % - 0.4 %)
  // (Binance funding docs, [doc][?]; crypto-mechanics 1.4 table).
  capPerInterval: 0.003,
};

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Funding rate for one interval from the interval's average premium index (a fraction). */
export function fundingRate(avgPremium: number, params: FundingParams = DEFAULT_FUNDING): number {
  if (!Number.isFinite(avgPremium)) throw new RangeError(`average premium must be finite, got ${avgPremium}`);
  const f8 = avgPremium + clamp(params.interestPer8h - avgPremium, -params.clampPer8h, params.clampPer8h);
  const fN = (f8 * params.intervalNs) / EIGHT_HOURS_NS;
  return clamp(fN, -params.capPerInterval, params.capPerInterval);
}

/**
 * Funding payments for one interval. `out[i]` receives the cash flow of account i in integer
 * quote units (positive = receives, negative = pays): -positionsLots[i] * markTicks *
 * quotePerTickLot * rate, rounded toward minus infinity, so payers pay the rounded-up amount
 * and receivers get the rounded-down one. The returned residue (>= 0) goes to the `rounding`
 * account; sum(out) + residue = 0 exactly. Positions must net to zero (longs equal shorts,
 * including the venue's own accounts): anything else is a broken invariant and throws.
 */
export function fundingPayments(positionsLots: ArrayLike<number>, markTicks: number, rate: number, quotePerTickLot: number,
  out: { length: number; [i: number]: number }): QuoteUnits {
  assertInt(markTicks, 'mark ticks');
  assertInt(quotePerTickLot, 'quotePerTickLot');
  if (!Number.isFinite(rate)) throw new RangeError(`funding rate must be finite, got ${rate}`);
  const n = positionsLots.length;
  if (out.length < n) throw new RangeError(`funding out has ${out.length} slots for ${n} positions`);
  let net = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const lots = assertInt(positionsLots[i] as number, 'position lots');
    net += lots;
    const notional = assertMoney(lots * markTicks * quotePerTickLot, 'position notional');
    const pay = assertMoney(Math.floor(-notional * rate) + 0, 'funding payment');
    out[i] = pay;
    sum += pay;
  }
  if (net !== 0) throw new RangeError(`funding needs positions that net to zero, got ${net} lots`);
  return assertMoney(-sum + 0, 'funding residue');
}
