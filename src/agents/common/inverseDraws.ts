/**
 * Draws that consume exactly ONE uniform each (inverse CDF), for agents whose n-th decision must
 * read the same random numbers whatever the market state (common random numbers, issue 13
 * deliverable 5). RandomStream.normal() uses the polar method, which consumes a variable number
 * of uniforms; these never do. Values are in the unit of the field the distribution came from.
 */
import type { Distribution } from './schema.js';

/**
 * Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9 on (0, 1);
 * published by P. J. Acklam, 2003). `u` outside (0, 1) is clamped to 1e-16 / 1 - 1e-16.
 */
export function normalQuantile(u: number): number {
  const p = u <= 0 ? 1e-16 : u >= 1 ? 1 - 1e-16 : u;
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
  }
  if (p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q) / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
}

const A1 = -3.969683028665376e1, A2 = 2.209460984245205e2, A3 = -2.759285104469687e2;
const A4 = 1.38357751867269e2, A5 = -3.066479806614716e1, A6 = 2.506628277459239;
const B1 = -5.447609879822406e1, B2 = 1.615858368580409e2, B3 = -1.556989798598866e2;
const B4 = 6.680131188771972e1, B5 = -1.328068155288572e1;
const C1 = -7.784894002430293e-3, C2 = -3.223964580411365e-1, C3 = -2.400758277161838;
const C4 = -2.549732539343734, C5 = 4.374664141464968, C6 = 2.938163982698783;
const D1 = 7.784695709041462e-3, D2 = 3.224671290700398e-1, D3 = 2.445134137142996, D4 = 3.754408661907416;

/** Exponential with `mean` from one uniform u in [0, 1). */
export function exponentialFrom(u: number, mean: number): number {
  return -mean * Math.log(1 - u);
}

/** Pareto (type I) with scale `min` and tail index `alpha` from one uniform: min * (1 - u)^(-1/alpha). */
export function paretoFrom(u: number, min: number, alpha: number): number {
  return min * Math.pow(1 - u, -1 / alpha);
}

/**
 * A compiled {@link Distribution} that maps one uniform to one value (inverse CDF for every
 * family, so a draw always consumes exactly one uniform; `fixed` ignores it). Allocates nothing.
 */
export class InverseSampler {
  private readonly code: number;
  private readonly a: number;
  private readonly b: number;

  constructor(d: Distribution) {
    switch (d.dist) {
      case 'fixed':
        [this.code, this.a, this.b] = [0, d.value, 0];
        break;
      case 'uniform':
        [this.code, this.a, this.b] = [1, d.min, d.max];
        break;
      case 'exponential':
        [this.code, this.a, this.b] = [2, d.mean, 0];
        break;
      case 'normal':
        [this.code, this.a, this.b] = [3, d.mean, d.sd];
        break;
      case 'lognormal':
        [this.code, this.a, this.b] = [4, Math.log(d.median), d.sigma];
        break;
      case 'pareto':
        [this.code, this.a, this.b] = [5, d.min, d.alpha];
        break;
    }
  }

  /** The value at quantile `u` in [0, 1). */
  at(u: number): number {
    switch (this.code) {
      case 0:
        return this.a;
      case 1:
        return this.a + (this.b - this.a) * u;
      case 2:
        return exponentialFrom(u, this.a);
      case 3:
        return this.a + this.b * normalQuantile(u);
      case 4:
        return Math.exp(this.a + this.b * normalQuantile(u));
      default:
        return paretoFrom(u, this.a, this.b);
    }
  }
}
