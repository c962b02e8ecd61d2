/**
 * A multivariate Hawkes process with a kernel that is one exponential or a sum of exponentials
 * approximating a power law, simulated EXACTLY by the time-change method: the next event comes
 * when the compensator (integrated total intensity) since the last event reaches a unit
 * exponential E drawn from one uniform. Between events every component decays as e^{-t/tau}, so
 * the compensator has a closed form and a safeguarded Newton step finds the time (it is concave
 * and increasing, so Newton from the left never overshoots). Excitation from outside (e.g. price
 * moves) between events keeps the unused part of E: no extra draws, common random numbers.
 *
 * Units: time in seconds (double) inside this file, intensities in events per second.
 * Kernel: phi_ij(t) = alpha_ij * sum_k w_k e^{-t/tau_k} / tau_k, sum_k w_k = 1, so alpha_ij is
 * the mean number of type-j events one type-i event triggers (the branching matrix). Power law
 * (Hardiman, Bercot, Bouchaud 2013; Bacry, Mastromatteo, Muzy 2015): log-spaced tau_k between
 * min and max timescale with w_k proportional to tau_k^(-exponent) gives phi(t) ~ t^-(1+exponent)
 * on [tau_min, tau_max].
 */
import { z } from 'zod';
import { duration } from '../../model/schema.js';
import { NS_PER_SEC } from '../../engine/time.js';

export const hawkesKernelSchema = z
  .discriminatedUnion('shape', [
    z
      .object({
        shape: z.literal('exponential'),
        timescale: duration('Decay time of the kernel (mean delay of a triggered event).'),
      })
      .strict(),
    z
      .object({
        shape: z.literal('power_law'),
        min_timescale: duration('Shortest exponential component.'),
        max_timescale: duration('Longest exponential component (the power law is cut off beyond it).'),
        exponent: z.number().min(0.01).max(3).describe('Tail exponent epsilon: phi(t) ~ t^-(1+epsilon) between the timescales.'),
        components: z.number().int().min(2).max(12).prefault(6).describe('Number of exponentials approximating the power law. Default 6.'),
      })
      .strict()
      .refine((k) => k.max_timescale > k.min_timescale, 'max_timescale must exceed min_timescale'),
  ])
  .describe('Hawkes kernel shape: {shape: exponential, timescale} or {shape: power_law, min_timescale, max_timescale, exponent, components}.');
export type HawkesKernel = z.output<typeof hawkesKernelSchema>;

/** Decay times (s) and weights (sum 1) of a kernel's exponential components. */
export function kernelComponents(k: HawkesKernel): { tauSec: Float64Array; weight: Float64Array } {
  if (k.shape === 'exponential') return { tauSec: Float64Array.of(Math.max(1, k.timescale) / NS_PER_SEC), weight: Float64Array.of(1) };
  const n = k.components;
  const tauSec = new Float64Array(n);
  const weight = new Float64Array(n);
  const lo = Math.log(k.min_timescale / NS_PER_SEC);
  const hi = Math.log(k.max_timescale / NS_PER_SEC);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    tauSec[i] = Math.exp(lo + ((hi - lo) * i) / (n - 1));
    weight[i] = Math.pow(tauSec[i] as number, -k.exponent);
    sum += weight[i] as number;
  }
  for (let i = 0; i < n; i++) weight[i] = (weight[i] as number) / sum;
  return { tauSec, weight };
}

/** Spectral radius of a square non-negative matrix (rows of equal length), by power iteration. */
export function spectralRadius(m: readonly (readonly number[])[]): number {
  const n = m.length;
  let v = new Array<number>(n).fill(1);
  let logSum = 0;
  let counted = 0;
  for (let it = 0; it < 400; it++) {
    const w = new Array<number>(n).fill(0);
    // v' = M^T v would give the same radius; use M v.
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[i] = (w[i] as number) + (m[i]?.[j] ?? 0) * (v[j] as number);
    const s = Math.max(...w);
    if (!(s > 0)) return 0;
    if (it >= 200) {
      logSum += Math.log(s);
      counted++;
    }
    v = w.map((x) => x / s);
  }
  return Math.exp(logSum / counted);
}

/** The state of a Hawkes process with `nTypes` event types. Allocation-free after construction. */
export class HawkesState {
  private readonly k: number;
  private readonly tau: Float64Array;
  /** Jump of component (j, k) per unit of branching: w_k / tau_k. */
  private readonly jump: Float64Array;
  /** Intensity contributions S[j * K + k] at time {@link tSec}. */
  private readonly s: Float64Array;
  private readonly mu: Float64Array;
  private readonly mu0: Float64Array;
  private readonly alpha: Float64Array;
  private muTotal: number;
  /** Time of the state, seconds. */
  tSec = 0;

  /**
   * @param baseRates mu_j, events/s per type
   * @param branching alpha[i][j]: mean type-j children of a type-i event
   * @param maxRateHz cap on the total intensity; an excitation that would exceed it is scaled down
   */
  constructor(readonly nTypes: number, baseRates: readonly number[], branching: readonly (readonly number[])[], kernel: HawkesKernel, readonly maxRateHz: number) {
    const c = kernelComponents(kernel);
    this.k = c.tauSec.length;
    this.tau = c.tauSec;
    this.jump = new Float64Array(this.k);
    for (let i = 0; i < this.k; i++) this.jump[i] = (c.weight[i] as number) / (c.tauSec[i] as number);
    this.s = new Float64Array(nTypes * this.k);
    this.mu = Float64Array.from(baseRates);
    this.mu0 = Float64Array.from(baseRates);
    this.alpha = new Float64Array(nTypes * nTypes);
    for (let i = 0; i < nTypes; i++) for (let j = 0; j < nTypes; j++) this.alpha[i * nTypes + j] = branching[i]?.[j] ?? 0;
    this.muTotal = this.mu.reduce((a, b) => a + b, 0);
  }

  /**
   * Sets every component to its stationary mean, so the process starts at its long-run rate
   * instead of ramping up over several kernel timescales: the mean rates solve
   * Lambda = mu + A^T Lambda, and component (j, k) then averages w_k * sum_i Lambda_i alpha_ij.
   * Solved by fixed-point iteration (it converges because the branching ratio is < 1).
   */
  startStationary(): void {
    const n = this.nTypes;
    const lam = Float64Array.from(this.mu);
    const next = new Float64Array(n);
    for (let it = 0; it < 10_000; it++) {
      let delta = 0;
      for (let j = 0; j < n; j++) {
        let x = this.mu[j] as number;
        for (let i = 0; i < n; i++) x += (lam[i] as number) * (this.alpha[i * n + j] as number);
        next[j] = x;
        delta = Math.max(delta, Math.abs(x - (lam[j] as number)));
      }
      lam.set(next);
      if (delta < 1e-12) break;
    }
    for (let j = 0; j < n; j++) {
      let children = 0;
      for (let i = 0; i < n; i++) children += (lam[i] as number) * (this.alpha[i * n + j] as number);
      for (let kk = 0; kk < this.k; kk++) this.s[j * this.k + kk] = children * (this.jump[kk] as number) * (this.tau[kk] as number);
    }
  }

  /**
   * Scales the base rates to `scale` x their configured values from now on (the caller first
   * integrates the old rates up to now: compensator, then decayTo).
   */
  setBaseScale(scale: number): void {
    let t = 0;
    for (let j = 0; j < this.nTypes; j++) {
      this.mu[j] = (this.mu0[j] as number) * scale;
      t += this.mu[j] as number;
    }
    this.muTotal = t;
  }

  /** Decays every component to time `tSec` (>= the state's time). */
  decayTo(tSec: number): void {
    const dt = tSec - this.tSec;
    if (dt > 0) {
      for (let kk = 0; kk < this.k; kk++) {
        const f = Math.exp(-dt / (this.tau[kk] as number));
        for (let j = 0; j < this.nTypes; j++) this.s[j * this.k + kk] = (this.s[j * this.k + kk] as number) * f;
      }
    }
    this.tSec = tSec;
  }

  /** Intensity of type j now (events/s). */
  intensity(j: number): number {
    let x = this.mu[j] as number;
    for (let kk = 0; kk < this.k; kk++) x += this.s[j * this.k + kk] as number;
    return x;
  }

  /** Total intensity now (events/s). */
  total(): number {
    let x = this.muTotal;
    for (let i = 0; i < this.s.length; i++) x += this.s[i] as number;
    return x;
  }

  /** Adds the children intensity of one type-`source` event (call after decayTo(event time)). */
  exciteFrom(source: number): void {
    let add = 0;
    for (let j = 0; j < this.nTypes; j++) add += (this.alpha[source * this.nTypes + j] as number);
    const scale = this.capScale(add);
    for (let j = 0; j < this.nTypes; j++) {
      const a = (this.alpha[source * this.nTypes + j] as number) * scale;
      if (a > 0) for (let kk = 0; kk < this.k; kk++) this.s[j * this.k + kk] = (this.s[j * this.k + kk] as number) + a * (this.jump[kk] as number);
    }
  }

  /** Adds `children[j]` expected type-j events (an outside excitation, e.g. one price move). */
  exciteBy(children: readonly number[]): void {
    let add = 0;
    for (let j = 0; j < this.nTypes; j++) add += children[j] ?? 0;
    const scale = this.capScale(add);
    for (let j = 0; j < this.nTypes; j++) {
      const a = (children[j] ?? 0) * scale;
      if (a > 0) for (let kk = 0; kk < this.k; kk++) this.s[j * this.k + kk] = (this.s[j * this.k + kk] as number) + a * (this.jump[kk] as number);
    }
  }

  /** Scale in [0, 1] keeping the total intensity right after a jump of `children` under the cap. */
  private capScale(children: number): number {
    if (!(children > 0)) return 0;
    let peak = 0;
    for (let kk = 0; kk < this.k; kk++) peak += this.jump[kk] as number;
    const room = this.maxRateHz - this.total();
    if (room <= 0) return 0;
    return Math.min(1, room / (children * peak));
  }

  /** Integrated total intensity over (t, t + dtSec] from the current state. */
  compensator(dtSec: number): number {
    let x = this.muTotal * dtSec;
    for (let kk = 0; kk < this.k; kk++) {
      let a = 0;
      for (let j = 0; j < this.nTypes; j++) a += this.s[j * this.k + kk] as number;
      const t = this.tau[kk] as number;
      x += a * t * -Math.expm1(-dtSec / t);
    }
    return x;
  }

  /** Total intensity at t + dtSec without excitation in between. */
  private intensityAfter(dtSec: number): number {
    let x = this.muTotal;
    for (let kk = 0; kk < this.k; kk++) {
      let a = 0;
      for (let j = 0; j < this.nTypes; j++) a += this.s[j * this.k + kk] as number;
      x += a * Math.exp(-dtSec / (this.tau[kk] as number));
    }
    return x;
  }

  /**
   * Seconds until the compensator reaches `e` (> 0); Infinity when it never does (no base rate
   * and not enough excitation left). Newton from the lower bound e / lambda(now).
   */
  timeToMass(e: number): number {
    const l0 = this.total();
    if (!(l0 > 0)) return Infinity;
    if (this.muTotal <= 0 && this.compensator(1e12) < e) return Infinity;
    let dt = e / l0;
    for (let it = 0; it < 60; it++) {
      const f = this.compensator(dt) - e;
      if (f >= -1e-12 * e) return dt;
      const d = this.intensityAfter(dt);
      if (!(d > 0)) return Infinity;
      const step = -f / d;
      dt += step;
      if (step < 1e-9 * dt) return dt;
    }
    return dt;
  }
}
