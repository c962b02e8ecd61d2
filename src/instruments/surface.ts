/**
 * Implied-vol surface: a quadratic smile per tenor with linear-in-T total-variance
 * interpolation of the ATM level across tenors, sticky-moneyness or sticky-strike dynamics, and
 * a parallel shift for scheduled vol shocks.
 *
 * Smile (crypto-mechanics 4.4, per tenor T; k = ln(K/F), x = k / (sigmaAtm * sqrt(T))):
 *   sigma(K) = clamp(sigmaAtm + skew * x + curvature * x^2 + shift, floorVol, capVol)
 * x is log-moneyness in standard deviations, so skew and curvature are in vol per standard
 * deviation and short tenors get steeper smiles in strike, as observed. T is floored at
 * `minTenorYears` inside x so the smile stays bounded as expiry approaches.
 * Vols are annualized fractions (0.5 = 50 %); tenors in ACT/365 years. Queries allocate nothing.
 */

/** Smile parameters of one tenor. */
export interface SmileNode {
  /** Tenor in years (> 0). */
  readonly tenorYears: number;
  /** ATM vol (at K = F). */
  readonly atmVol: number;
  /** Linear coefficient in standardized moneyness x (vol per standard deviation). */
  readonly skew: number;
  /** Quadratic coefficient in x (vol per standard deviation squared). */
  readonly curvature: number;
}

/** How the smile moves when the forward moves. */
export type SmileDynamics = 'sticky_moneyness' | 'sticky_strike';

/** Surface configuration. */
export interface VolSurfaceConfig {
  /** One or more tenors; sorted internally. Default: one flat-term node from {@link DEFAULT_SMILE}. */
  readonly nodes?: readonly SmileNode[];
  /** Default `sticky_moneyness`. */
  readonly dynamics?: SmileDynamics;
  /** Forward the smile is anchored to under sticky-strike (required for that mode). */
  readonly anchorForward?: number;
  /** Lowest vol returned. Default 0.05. */
  readonly floorVol?: number;
  /** Highest vol returned. Default 5 (500 %). */
  readonly capVol?: number;
  /** Floor on T inside the standardized moneyness. Default 1 day (1/365). */
  readonly minTenorYears?: number;
}

/** Standardized moneyness of a 25-delta option, N^{-1}(0.75). */
const X25 = 0.6744897501960817;

/**
 * Skew and curvature that reproduce a 25-delta risk reversal and butterfly (in vol, e.g.
 * -0.02 = -2 vol points) with the quadratic smile, using |x| = N^{-1}(0.75) for the 25-delta
 * strikes (a first-order approximation that ignores the sigma^2 T / 2 drift term).
 */
export function smileFromRrBf(tenorYears: number, atmVol: number, rr25: number, bf25: number): SmileNode {
  return { tenorYears, atmVol, skew: rr25 / (2 * X25), curvature: bf25 / (X25 * X25) };
}

/**
 * Default BTC-like smile: ATM 50 %, 25-delta risk reversal -2 vols, butterfly +1.5 vols, flat
 * term structure (crypto-mechanics 4.4 and 4.6: surface.atm_vol, surface.rr25, surface.bf25).
 */
export const DEFAULT_SMILE: SmileNode = smileFromRrBf(30 / 365, 0.5, -0.02, 0.015);

/** A vol surface. Mutable only through {@link shiftBy}, {@link setShift} and {@link reanchor}. */
export class VolSurface {
  private readonly tenors: Float64Array;
  private readonly totalVar: Float64Array;
  private readonly skews: Float64Array;
  private readonly curvatures: Float64Array;
  readonly dynamics: SmileDynamics;
  readonly floorVol: number;
  readonly capVol: number;
  readonly minTenorYears: number;
  private anchor: number;
  private shift = 0;

  constructor(config: VolSurfaceConfig = {}) {
    const nodes = [...(config.nodes ?? [DEFAULT_SMILE])].sort((a, b) => a.tenorYears - b.tenorYears);
    if (nodes.length === 0) throw new RangeError('vol surface needs at least one node');
    const n = nodes.length;
    this.tenors = new Float64Array(n);
    this.totalVar = new Float64Array(n);
    this.skews = new Float64Array(n);
    this.curvatures = new Float64Array(n);
    nodes.forEach((node, i) => {
      if (!(node.tenorYears > 0 && node.atmVol > 0 && Number.isFinite(node.tenorYears) && Number.isFinite(node.atmVol)
        && Number.isFinite(node.skew) && Number.isFinite(node.curvature))) {
        throw new RangeError(`bad smile node ${JSON.stringify(node)}`);
      }
      if (i > 0 && node.tenorYears === nodes[i - 1]?.tenorYears) throw new RangeError(`duplicate tenor ${node.tenorYears}`);
      this.tenors[i] = node.tenorYears;
      this.totalVar[i] = node.atmVol * node.atmVol * node.tenorYears;
      this.skews[i] = node.skew;
      this.curvatures[i] = node.curvature;
    });
    for (let i = 1; i < n; i++) {
      // Decreasing total variance admits calendar arbitrage; reject it at construction.
      if ((this.totalVar[i] as number) < (this.totalVar[i - 1] as number)) {
        throw new RangeError(`ATM total variance must not decrease with tenor (node ${i})`);
      }
    }
    this.dynamics = config.dynamics ?? 'sticky_moneyness';
    this.floorVol = config.floorVol ?? 0.05;
    this.capVol = config.capVol ?? 5;
    this.minTenorYears = config.minTenorYears ?? 1 / 365;
    if (!(this.floorVol > 0 && this.capVol > this.floorVol && this.minTenorYears > 0)) {
      throw new RangeError('vol surface needs 0 < floorVol < capVol and minTenorYears > 0');
    }
    this.anchor = config.anchorForward ?? NaN;
    if (this.dynamics === 'sticky_strike' && !(this.anchor > 0 && Number.isFinite(this.anchor))) {
      throw new RangeError('sticky_strike surface needs a positive anchorForward');
    }
  }

  /**
   * ATM vol at tenor T before the shift: total variance sigma^2 T linear in T between nodes,
   * flat vol outside the node range.
   */
  atmVol(tenorYears: number): number {
    const ts = this.tenors;
    const n = ts.length;
    const t0 = ts[0] as number;
    const tn = ts[n - 1] as number;
    if (tenorYears <= t0) return Math.sqrt((this.totalVar[0] as number) / t0);
    if (tenorYears >= tn) return Math.sqrt((this.totalVar[n - 1] as number) / tn);
    const i = this.segment(tenorYears);
    const ta = ts[i] as number;
    const tb = ts[i + 1] as number;
    const wa = this.totalVar[i] as number;
    const wb = this.totalVar[i + 1] as number;
    const w = wa + ((wb - wa) * (tenorYears - ta)) / (tb - ta);
    return Math.sqrt(w / tenorYears);
  }

  /**
   * Implied vol at strike K for the current forward F and tenor T, after dynamics, shift, floor
   * and cap. Under sticky-strike the moneyness is measured from the anchor forward, so the vol
   * at a fixed strike does not change when F moves.
   */
  vol(strike: number, forward: number, tenorYears: number): number {
    const ref = this.dynamics === 'sticky_strike' ? this.anchor : forward;
    const atm = this.atmVol(tenorYears);
    const t = tenorYears > this.minTenorYears ? tenorYears : this.minTenorYears;
    const x = Math.log(strike / ref) / (atm * Math.sqrt(t));
    const v = atm + this.interp(this.skews, tenorYears) * x + this.interp(this.curvatures, tenorYears) * x * x + this.shift;
    if (!(v >= this.floorVol)) return this.floorVol; // also maps a NaN from bad input to the floor
    return v < this.capVol ? v : this.capVol;
  }

  /** Adds `dVol` (e.g. +0.1 = +10 vol points) to every vol: a scheduled parallel vol shock. */
  shiftBy(dVol: number): void {
    if (!Number.isFinite(dVol)) throw new RangeError(`vol shift must be finite, got ${dVol}`);
    this.shift += dVol;
  }

  /** Sets the total parallel shift. */
  setShift(shiftVol: number): void {
    if (!Number.isFinite(shiftVol)) throw new RangeError(`vol shift must be finite, got ${shiftVol}`);
    this.shift = shiftVol;
  }

  /** Current parallel shift. */
  get shiftVol(): number {
    return this.shift;
  }

  /** Re-centres a sticky-strike smile on a new forward (e.g. a daily re-mark). */
  reanchor(forward: number): void {
    if (!(forward > 0 && Number.isFinite(forward))) throw new RangeError(`anchor forward must be positive, got ${forward}`);
    this.anchor = forward;
  }

  /** The sticky-strike anchor (NaN under sticky-moneyness unless one was given). */
  get anchorForward(): number {
    return this.anchor;
  }

  /** Index i with tenors[i] <= T < tenors[i+1] (T strictly inside the node range). */
  private segment(tenorYears: number): number {
    let lo = 0;
    let hi = this.tenors.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((this.tenors[mid] as number) <= tenorYears) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** Linear interpolation of a per-node parameter in T, flat outside the node range. */
  private interp(values: Float64Array, tenorYears: number): number {
    const ts = this.tenors;
    const n = ts.length;
    if (tenorYears <= (ts[0] as number)) return values[0] as number;
    if (tenorYears >= (ts[n - 1] as number)) return values[n - 1] as number;
    const i = this.segment(tenorYears);
    const ta = ts[i] as number;
    const a = values[i] as number;
    return a + (((values[i + 1] as number) - a) * (tenorYears - ta)) / ((ts[i + 1] as number) - ta);
  }
}
