/**
 * The dealer's options book: signed contracts per listed series (typed arrays indexed like
 * the desk's series list), valued on the dealer's own vol surface with Black-Scholes at r = 0
 * on the index (v1 options are linear and quote-settled). Greeks are in base units: delta in
 * base, gamma in base per quote currency, vega in quote per vol point, value in quote currency.
 * Premiums and settlements are integer quote units (10^-4). Time to expiry is ACT/365 over
 * 24/7 time, floored at `tauFloorYears` for the greeks (the near-expiry safeguard).
 * A series that settles on the index TWAP over a window before expiry is valued as such
 * (instruments/twapOption.ts): the book keeps its own time-weighted average of the spots it is
 * computed at inside each window (its delayed view of what the desk averages), so delta decays
 * to 0 through the window instead of jumping at expiry.
 *
 * Coin-settled series (OptionSeriesInfo.settlement = 'coin', Deribit style): premiums and
 * payoffs are coin money units (`moneyUnits` per coin) and the dealer keeps its books in the
 * coin, so its delta is the premium-adjusted delta Delta - V/S (in coin: the BTC-equivalent of
 * the inverse hedge that flattens its coin P&L; instruments/inverseOption.ts) and its gamma the
 * derivative of that, Gamma - Delta/S + V/S^2. `value` stays in quote currency (V) for reports;
 * `valueSettle` is the book value in the settlement currency (V/S for coin series).
 */
import type { SimClock } from '../../model/clock.js';
import type { OptionSeriesInfo } from '../../model/market.js';
import { bsGreeks, newGreeks, type Greeks } from '../../instruments/black.js';
import type { VolSurface } from '../../instruments/surface.js';
import { WindowTwap } from '../../instruments/twap.js';
import { twapGreeks } from '../../instruments/twapOption.js';
import { NS_PER_YEAR_365 } from '../../engine/time.js';

export class OptionBook {
  /** Signed contracts per series (index into `series`). */
  readonly contracts: Float64Array;
  private readonly indexById = new Map<number, number>();
  private readonly g: Greeks = newGreeks();
  /** Per series: the own TWAP of its settlement window (null: settles at expiry, or not built yet). */
  private readonly fixings: (WindowTwap | null)[];
  /** Premiums and settlements received minus paid, quote units. */
  cashUnits = 0;
  // Results of the last compute():
  delta = 0;
  gamma = 0;
  vega = 0;
  value = 0;
  /** Book value in the settlement currency: quote (= value) or coin (sum of V/S). */
  valueSettle = 0;
  /** True when the series settle in the coin (all series of one venue share a settlement currency). */
  readonly coin: boolean;
  /** Money units per unit of the settlement currency (10^4 quote, 10^8 coin). */
  readonly moneyUnits: number;

  constructor(
    readonly series: readonly OptionSeriesInfo[],
    readonly surface: VolSurface,
    readonly tauFloorYears: number,
  ) {
    this.contracts = new Float64Array(series.length);
    series.forEach((s, i) => this.indexById.set(s.seriesId, i));
    this.coin = series.some((s) => s.settlement === 'coin');
    this.refPrice = new Float64Array(series.length).fill(Number.NaN);
    this.moneyUnits = series.find((s) => s.moneyUnits !== undefined)?.moneyUnits ?? 10_000;
    this.fixings = series.map(() => null);
  }

  /** Feeds `spot` at `nowNs` into the window averages of the series it falls in. */
  private observe(i: number, s: OptionSeriesInfo, spot: number, nowNs: number, clock: SimClock): WindowTwap | null {
    if (s.settlementWindowNs <= 0) return null;
    let w = this.fixings[i] ?? null;
    if (w === null) {
      const expiryNs = clock.simNsAt(s.expiryUtcMs);
      if (expiryNs === null || expiryNs <= 0) return null;
      w = new WindowTwap(Math.max(0, expiryNs - s.settlementWindowNs), expiryNs);
      this.fixings[i] = w;
    }
    if (nowNs >= w.startNs) w.add(nowNs, spot);
    return w;
  }

  /**
   * Greeks per unit of series `s` at `spot` into `g`: on the TWAP of its settlement window (the
   * average so far in `w`, the rest still to come) when it settles on one and the window has
   * begun, else Black-Scholes to expiry. `t` is the raw tenor, `tg` the floored one.
   */
  private unitGreeks(s: OptionSeriesInfo, spot: number, t: number, tg: number, w: WindowTwap | null, nowNs: number, g: Greeks): void {
    if (w !== null) {
      const fixed = w.value(nowNs) ?? spot;
      twapGreeks(s.isCall, spot, s.strike, t, s.settlementWindowNs / NS_PER_YEAR_365, fixed, this.surface.vol(s.strike, spot, tg), this.tauFloorYears, g);
    } else {
      bsGreeks(s.isCall, spot, s.strike, tg, 0, 0, this.surface.vol(s.strike, spot, tg), g);
    }
  }

  /** Index of a series id, -1 when unknown. */
  indexOf(seriesId: number): number {
    return this.indexById.get(seriesId) ?? -1;
  }

  /** Index of a series by symbol, -1 when unknown (world build only). */
  indexOfSymbol(symbol: string): number {
    return this.series.findIndex((s) => s.symbol === symbol);
  }

  /**
   * Underlying price of series `i` when it references a listed perp or future (its mark), set by
   * the dealer before compute/premium; NaN = use the spot passed in (the index).
   */
  readonly refPrice: Float64Array;

  /** The price series `i` is valued on: its reference's mark when known, else `spot`. */
  underlyingOf(i: number, spot: number): number {
    const r = this.refPrice[i] as number;
    return r > 0 ? r : spot;
  }

  /**
   * Recomputes delta, gamma, vega and value at `spot` (quote currency) and time `nowNs`; a series
   * with a reference price (refPrice) is valued on it, its greeks taken per unit of it (a perp's or
   * future's basis to the spot is treated as constant over a hedge interval).
   */
  compute(spot0: number, nowNs: number, clock: SimClock): void {
    let delta = 0;
    let gamma = 0;
    let vega = 0;
    let value = 0;
    let valueSettle = 0;
    const g = this.g;
    for (let i = 0; i < this.series.length; i++) {
      const n = this.contracts[i] as number;
      if (n === 0) continue;
      const s = this.series[i] as OptionSeriesInfo;
      const units = n * s.contractSize;
      const spot = this.underlyingOf(i, spot0);
      const t = clock.yearsUntil(nowNs, s.expiryUtcMs);
      if (t <= 0) {
        // Expired, awaiting OptionSettled: worth intrinsic, no risk left.
        const intrinsic = units * Math.max(0, s.isCall ? spot - s.strike : s.strike - spot);
        value += intrinsic;
        valueSettle += this.coin ? intrinsic / spot0 : intrinsic;
        continue;
      }
      const tg = t > this.tauFloorYears ? t : this.tauFloorYears;
      this.unitGreeks(s, spot, t, tg, this.observe(i, s, spot, nowNs, clock), nowNs, g);
      if (this.coin) {
        // Premium-adjusted: the coin-settled option's own coin premium is a coin position. The
        // coin is worth the index (spot0), also when the series is valued on a future's mark.
        const pc = g.price / spot0;
        delta += units * (g.delta - pc);
        gamma += units * (g.gamma - g.delta / spot0 + pc / spot0);
        valueSettle += units * pc;
      } else {
        delta += units * g.delta;
        gamma += units * g.gamma;
        valueSettle += units * g.price;
      }
      vega += units * g.vega * 0.01;
      value += units * g.price;
    }
    this.delta = delta;
    this.gamma = gamma;
    this.vega = vega;
    this.value = value;
    this.valueSettle = valueSettle;
  }

  /**
   * Greeks of the position in series `i` at `spot` into `g` (per position, base units: delta in
   * base, gamma in base per quote); returns the tenor in years, or -1 when the position is empty
   * or expired (then `g` is untouched). The tenor is the raw one; greeks use the floored one.
   */
  positionGreeks(i: number, spot: number, nowNs: number, clock: SimClock, g: Greeks): number {
    const n = this.contracts[i] as number;
    const s = this.series[i];
    if (n === 0 || s === undefined) return -1;
    const t = clock.yearsUntil(nowNs, s.expiryUtcMs);
    if (t <= 0) return -1;
    const tg = t > this.tauFloorYears ? t : this.tauFloorYears;
    // The settlement window's average so far, read without adding to it (compute() feeds it).
    this.unitGreeks(s, spot, t, tg, this.fixings[i] ?? null, nowNs, g);
    if (this.coin) {
      // Premium-adjusted, as in compute(): the coin premium is a coin position.
      const pc = g.price / spot;
      g.gamma = g.gamma - g.delta / spot + pc / spot;
      g.delta = g.delta - pc;
    }
    const units = n * s.contractSize;
    g.delta *= units;
    g.gamma *= units;
    g.vega *= units;
    g.price *= units;
    return t;
  }

  /** Book gamma (base per quote) if spot were `spot` at `nowNs`; state of the last compute() unchanged. */
  gammaAt(spot: number, nowNs: number, clock: SimClock): number {
    let gamma = 0;
    for (let i = 0; i < this.series.length; i++) {
      if (this.positionGreeks(i, spot, nowNs, clock, this.g) >= 0) gamma += this.g.gamma;
    }
    return gamma;
  }

  /**
   * Premium per contract in the settlement currency (quote; the coin for coin-settled series,
   * V / S) at vol + `volBump` for series index `i`; NaN when the series has expired.
   */
  premium(i: number, spot0: number, nowNs: number, clock: SimClock, volBump: number): number {
    const s = this.series[i] as OptionSeriesInfo;
    const spot = this.underlyingOf(i, spot0);
    const t = clock.yearsUntil(nowNs, s.expiryUtcMs);
    if (t <= 0) return NaN;
    const vol = Math.max(0.01, this.surface.vol(s.strike, spot, t) + volBump);
    bsGreeks(s.isCall, spot, s.strike, t, 0, 0, vol, this.g);
    // A coin premium is the USD price at the index (Deribit "Inverse Options": USD price via the latest index).
    return this.coin ? (this.g.price * s.contractSize) / spot0 : this.g.price * s.contractSize;
  }

  /** A trade of `signedContracts` at `premiumUnits` per contract (quote units). */
  trade(i: number, signedContracts: number, premiumUnits: number): void {
    this.contracts[i] = (this.contracts[i] as number) + signedContracts;
    this.cashUnits -= signedContracts * premiumUnits;
  }

  /** Cash settlement: the position is paid `payoffUnits` per contract and leaves the book. */
  settle(i: number, signedContracts: number, payoffUnits: number): void {
    this.cashUnits += signedContracts * payoffUnits;
    this.contracts[i] = 0;
  }
}
