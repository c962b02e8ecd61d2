/**
 * The dealer's exposure tables: `gex` (one row per series held: contracts, gamma and GEX of the
 * position) and `gex_profile` (book gamma and GEX revalued over a grid of spot levels around the
 * current spot). Written at the dealer's greeks sampling times. GEX sign convention: the dealer's
 * own signed gamma (model/tables.ts). Units: gamma in base per quote, GEX in quote per 1 % move,
 * prices in quote currency. Nothing is allocated per row.
 */
import type { AgentContext } from '../../model/context.js';
import { GEX, GEX_PROFILE, type Appender } from '../../model/tables.js';
import { newGreeks } from '../../instruments/black.js';
import type { OptionBook } from './book.js';

/** GEX of gamma at spot S: gamma * S^2 / 100 (quote per 1 % move). */
const gexOf = (gamma: number, spot: number): number => (gamma * spot * spot) / 100;

export class GexSampler {
  private gex: Appender | null = null;
  private profile: Appender | null = null;
  /** Grid offsets (spot_level / spot - 1), symmetric, the middle one 0. */
  private readonly offsets: Float64Array;
  private readonly g = newGreeks();

  /** `range` (0..1) and `points` (odd) are output.gex_profile's. */
  constructor(range: number, points: number) {
    if (!(range > 0 && range < 1) || !Number.isInteger(points) || points < 1 || points % 2 !== 1) {
      throw new RangeError(`gex_profile grid needs 0 < range < 1 and an odd number of points, got ${range}, ${points}`);
    }
    const half = (points - 1) / 2;
    this.offsets = new Float64Array(points);
    for (let i = 0; i < points; i++) this.offsets[i] = half === 0 ? 0 : (range * (i - half)) / half;
  }

  attach(ctx: AgentContext): void {
    this.gex = ctx.recorder(GEX);
    this.profile = ctx.recorder(GEX_PROFILE);
  }

  /** True when either table is on. */
  get enabled(): boolean {
    return (this.gex?.enabled ?? false) || (this.profile?.enabled ?? false);
  }

  /**
   * Writes both tables at `ctx.now` for `book` at `spot`. `constantGamma` is NaN for a real
   * options book; a finite value (the constant_gamma policy) writes no `gex` rows and that gamma
   * at every profile spot.
   */
  record(ctx: AgentContext, book: OptionBook, spot: number, constantGamma: number): void {
    const constant = Number.isFinite(constantGamma);
    const a = this.gex;
    if (a !== null && a.enabled && !constant) {
      const c = GEX.col;
      const g = this.g;
      for (let i = 0; i < book.series.length; i++) {
        const tenor = book.positionGreeks(i, spot, ctx.now, ctx.clock, g);
        if (tenor < 0) continue;
        const info = book.series[i] as (typeof book.series)[number];
        const contracts = book.contracts[i] as number;
        a.begin(ctx.now);
        a.set(c.dealer, ctx.id);
        a.set(c.series, info.dictIndex ?? info.seriesId);
        a.set(c.is_call, info.isCall ? 1 : 0);
        a.set(c.strike, info.strike);
        a.set(c.tenor_years, tenor);
        a.set(c.contracts, contracts);
        a.set(c.position, contracts * info.contractSize);
        a.set(c.spot, spot);
        a.set(c.gamma, g.gamma);
        a.set(c.gex_per_pct, gexOf(g.gamma, spot));
        a.end();
      }
    }
    const p = this.profile;
    if (p === null || !p.enabled) return;
    const c = GEX_PROFILE.col;
    for (let i = 0; i < this.offsets.length; i++) {
      const off = this.offsets[i] as number;
      const level = spot * (1 + off);
      const gamma = constant ? constantGamma : book.gammaAt(level, ctx.now, ctx.clock);
      p.begin(ctx.now);
      p.set(c.dealer, ctx.id);
      p.set(c.spot, spot);
      p.set(c.offset, off);
      p.set(c.spot_level, level);
      p.set(c.gamma, gamma);
      p.set(c.gex_per_pct, gexOf(gamma, level));
      p.end();
    }
  }
}
