/**
 * The exogenous fundamental price path: geometric Brownian motion with drift plus compound
 * Poisson jumps with lognormal sizes (Merton 1976), drawn on a FIXED time grid from one named
 * random stream (the world passes `world/fundamental`). Grid values are generated lazily and in
 * order, so when or how often anyone queries the path never changes it (DESIGN 3).
 *
 * Per grid step dt (years, ACT/365 of `gridNs`), in log price:
 *   dlogS = (mu - sigma^2/2 - lambda * kappa) dt + sigma sqrt(dt) Z + sum_{j=1..N} Y_j
 *   Z ~ N(0,1), N ~ Poisson(lambda dt), Y_j ~ N(jumpMeanLog, jumpStdLog^2),
 *   kappa = E[e^Y] - 1 = exp(jumpMeanLog + jumpStdLog^2 / 2) - 1
 * so `driftPerYear` (mu) is the total expected return including jumps. Draw order per step is
 * fixed: Z, then N, then the N jump sizes.
 * Between grid points {@link FundamentalPath.valueAt} interpolates linearly in log price
 * (geometric interpolation; continuous in t). Scripted jumps ({@link FundamentalPath.addJump})
 * multiply every value at or after their time by e^logReturn and draw no random numbers.
 * Prices in quote currency, times in SimTime ns.
 *
 * Correlated assets ({@link FundamentalPath.correlated}, built by correlatedFundamentals.ts):
 * asset i's diffusive normal is Z_i = sum_{j<=i} L_ij eps_j, with L the lower Cholesky factor of
 * the correlation matrix and eps_j the own normal of asset j, drawn from asset j's stream at the
 * Z position of its fixed per-step order (eps, then N, then the jump sizes). Asset i forces its
 * parents j < i to generate step k before it uses eps_j(k), so each stream's draw order never
 * depends on who asks first, and appending an asset (a new last row of L) changes no earlier path.
 * A lone asset (no parents, weight 1) uses its own normal exactly as before.
 */
import { assertTimeNs, NS_PER_SEC, NS_PER_YEAR_365 } from '../engine/time.js';
import type { RandomStream } from '../engine/rng.js';

/** Parameters of the fundamental process (annualized). */
export interface FundamentalConfig {
  /** Price at t = 0 (> 0). */
  readonly initialPrice: number;
  /** Expected total return per year (mu), including jumps. Default 0. */
  readonly driftPerYear?: number;
  /** Diffusive volatility per sqrt(year). Default 0.5 (BTC-like; crypto-mechanics 4.4). */
  readonly volPerYear?: number;
  /** Jump intensity per year. Default 0 (no random jumps). */
  readonly jumpRatePerYear?: number;
  /** Mean of the log jump size. Default 0. */
  readonly jumpMeanLog?: number;
  /** Standard deviation of the log jump size. Default 0. */
  readonly jumpStdLog?: number;
  /** Grid spacing (ns). Default 1 s. */
  readonly gridNs?: number;
}

/** Grid values live in fixed chunks of 2^16 (512 KB), so a long path grows without copying. */
const CHUNK = 65_536;

export class FundamentalPath {
  readonly gridNs: number;
  private readonly driftStep: number;
  private readonly volStep: number;
  private readonly jumpMeanPerStep: number;
  private readonly jumpMeanLog: number;
  private readonly jumpStdLog: number;
  /** Log price at grid index i (chunked), generated up to `generated - 1`. */
  private readonly chunks: Float64Array[] = [];
  private generated = 1;
  /** Scripted jumps, sorted by time (ties keep insertion order), with running sums. */
  private readonly jumpTimes: number[] = [];
  private readonly jumpLogs: number[] = [];
  private readonly jumpCumLog: number[] = [];
  /** Own normal eps per grid step (chunked; step k at index k), kept when other assets mix it in. */
  private readonly epsChunks: Float64Array[] = [];
  private keepEps = false;
  /** Correlated parents (assets before this one) and this row of the Cholesky factor (length parents + 1). */
  private parents: readonly FundamentalPath[] = [];
  private weights: readonly number[] = [];

  constructor(config: FundamentalConfig, private readonly stream: RandomStream) {
    const mu = config.driftPerYear ?? 0;
    const sigma = config.volPerYear ?? 0.5;
    const lambda = config.jumpRatePerYear ?? 0;
    this.jumpMeanLog = config.jumpMeanLog ?? 0;
    this.jumpStdLog = config.jumpStdLog ?? 0;
    this.gridNs = config.gridNs ?? NS_PER_SEC;
    for (const [name, v] of [['initialPrice', config.initialPrice], ['driftPerYear', mu], ['volPerYear', sigma],
      ['jumpRatePerYear', lambda], ['jumpMeanLog', this.jumpMeanLog], ['jumpStdLog', this.jumpStdLog]] as const) {
      if (!Number.isFinite(v)) throw new RangeError(`fundamental ${name} must be finite, got ${v}`);
    }
    if (!(config.initialPrice > 0 && sigma >= 0 && lambda >= 0 && this.jumpStdLog >= 0)) {
      throw new RangeError('fundamental needs initialPrice > 0 and non-negative vol, jump rate and jump std');
    }
    if (!(Number.isSafeInteger(this.gridNs) && this.gridNs > 0)) throw new RangeError(`fundamental grid must be positive ns, got ${this.gridNs}`);
    const dt = this.gridNs / NS_PER_YEAR_365;
    const kappa = Math.exp(this.jumpMeanLog + 0.5 * this.jumpStdLog * this.jumpStdLog) - 1;
    this.driftStep = (mu - 0.5 * sigma * sigma - lambda * kappa) * dt;
    this.volStep = sigma * Math.sqrt(dt);
    this.jumpMeanPerStep = lambda * dt;
    this.chunks.push(new Float64Array(CHUNK));
    (this.chunks[0] as Float64Array)[0] = Math.log(config.initialPrice);
  }

  /**
   * Makes this path the correlated asset whose diffusive normal is
   * `weights[parents.length] * eps_own + sum_j weights[j] * eps_j(parents[j])` (one row of the
   * lower Cholesky factor). Call before the first query; the parents keep their own normals.
   */
  correlated(parents: readonly FundamentalPath[], weights: readonly number[]): void {
    if (this.generated !== 1) throw new Error('correlated() must be called before the path is queried');
    if (weights.length !== parents.length + 1 || !weights.every(Number.isFinite)) throw new RangeError('correlated(): one finite weight per parent plus one for the asset itself');
    for (const p of parents) {
      if (p.gridNs !== this.gridNs) throw new RangeError('correlated assets must share one grid');
      p.keepEps = true;
    }
    this.parents = parents;
    this.weights = weights;
  }

  /** This asset's own normal of grid step k >= 1 (the step from k-1 to k), generating the path up to it. */
  epsAt(k: number): number {
    if (!this.keepEps) throw new Error('epsAt() needs a path that other assets mix in');
    this.gridLog(k);
    return (this.epsChunks[Math.floor(k / CHUNK)] as Float64Array)[k % CHUNK] as number;
  }

  /** Log price at grid index `i` before scripted jumps, generating the grid up to it in order. */
  private gridLog(i: number): number {
    while (this.generated <= i) {
      const s = this.stream;
      const k = this.generated;
      const eps = s.normal();
      let z = eps;
      if (this.parents.length > 0) {
        const w = this.weights;
        z = (w[this.parents.length] as number) * eps;
        for (let j = 0; j < this.parents.length; j++) z += (w[j] as number) * (this.parents[j] as FundamentalPath).epsAt(k);
      }
      if (this.keepEps) {
        const c = Math.floor(k / CHUNK);
        while (this.epsChunks.length <= c) this.epsChunks.push(new Float64Array(CHUNK));
        (this.epsChunks[c] as Float64Array)[k % CHUNK] = eps;
      }
      let x = this.stored(this.generated - 1) + this.driftStep + this.volStep * z;
      const n = this.jumpMeanPerStep > 0 ? s.poisson(this.jumpMeanPerStep) : 0;
      for (let j = 0; j < n; j++) x += this.jumpMeanLog + this.jumpStdLog * s.normal();
      const c = Math.floor(this.generated / CHUNK);
      if (c === this.chunks.length) this.chunks.push(new Float64Array(CHUNK));
      (this.chunks[c] as Float64Array)[this.generated % CHUNK] = x;
      this.generated++;
    }
    return this.stored(i);
  }

  private stored(i: number): number {
    return (this.chunks[Math.floor(i / CHUNK)] as Float64Array)[i % CHUNK] as number;
  }

  /** Sum of scripted log jumps with time <= tNs. */
  private scriptedLog(tNs: number): number {
    const times = this.jumpTimes;
    let lo = 0;
    let hi = times.length; // first index with time > tNs
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((times[mid] as number) <= tNs) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : (this.jumpCumLog[lo - 1] as number);
  }

  /** Log of the fundamental at `tNs` (geometric interpolation between grid points, plus scripted jumps). */
  logValueAt(tNs: number): number {
    assertTimeNs(tNs, 'fundamental query time');
    const i = Math.floor(tNs / this.gridNs);
    const frac = (tNs - i * this.gridNs) / this.gridNs;
    const a = this.gridLog(i);
    const base = frac === 0 ? a : a + (this.gridLog(i + 1) - a) * frac;
    return base + this.scriptedLog(tNs);
  }

  /** The fundamental price at `tNs`. */
  valueAt(tNs: number): number {
    return Math.exp(this.logValueAt(tNs));
  }

  /**
   * A scripted shock: every value at or after `tNs` is multiplied by e^logReturn (e.g. -0.1
   * for about a 9.5 % drop). Draws nothing from the stream, so the random path is unchanged.
   */
  addJump(tNs: number, logReturn: number): void {
    assertTimeNs(tNs, 'jump time');
    if (!Number.isFinite(logReturn)) throw new RangeError(`jump log return must be finite, got ${logReturn}`);
    // Insert after any jump at the same time (stable), then rebuild the running sums (jumps are few).
    let k = this.jumpTimes.length;
    while (k > 0 && (this.jumpTimes[k - 1] as number) > tNs) k--;
    this.jumpTimes.splice(k, 0, tNs);
    this.jumpLogs.splice(k, 0, logReturn);
    let cum = 0;
    for (let j = 0; j < this.jumpLogs.length; j++) {
      cum += this.jumpLogs[j] as number;
      this.jumpCumLog[j] = cum;
    }
  }
}
