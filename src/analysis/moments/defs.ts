/**
 * The documented list of moments for calibration and stylized-fact checks: each has a stable
 * name, a unit and a definition (docs/calibration.md lists the same), and is computed by one
 * function from {@link MomentInputs}, which both real data (bars, trade captures) and a
 * simulated run (its Arrow tables) map to. A moment whose input is absent, or whose horizon is
 * finer than the grid (1 s from 1-min bars), is NaN.
 */
import { returnsAt, type HorizonReturns, type PriceGrid } from './grid.js';
import { acfSegments, hillTailIndex, median, pearson, robustAcfBand, sampleMoments } from './stats.js';
import { takerEvents, type Fills } from './takers.js';

/** What the moments are computed from. Every field is optional; missing inputs give NaN moments. */
export interface MomentInputs {
  /** Mid (or bar close) on a fixed UTC grid, with optional per-interval volume for volume moments. */
  readonly mid?: PriceGrid;
  /** Fills in time order with aggressor sign (taker-sign moments). */
  readonly fills?: Fills;
  /** Quoted spread samples in bp of the mid (two-sided samples only). */
  readonly spreadBp?: ArrayLike<number>;
  /** Resting size within 10 bp of the mid, bid + ask (base), one value per book sample. */
  readonly depth10bp?: ArrayLike<number>;
}

/** Cached derived series, shared by the moments of one computation. */
class Derived {
  private readonly returns = new Map<number, HorizonReturns>();
  private signs: Int8Array | null = null;
  constructor(readonly inputs: MomentInputs) {}
  ret(horizonMs: number): HorizonReturns | null {
    const g = this.inputs.mid;
    if (g === undefined) return null;
    let r = this.returns.get(horizonMs);
    if (r === undefined) {
      r = returnsAt(g, horizonMs);
      this.returns.set(horizonMs, r);
    }
    return r;
  }
  takerSigns(): Int8Array | null {
    if (this.inputs.fills === undefined) return null;
    this.signs ??= takerEvents(this.inputs.fills).sign;
    return this.signs;
  }
}

export interface MomentDef {
  readonly name: string;
  readonly unit: string;
  readonly definition: string;
  /** Which input it needs (for docs and for telling a user why a moment is NaN). */
  readonly needs: 'mid' | 'mid+volume' | 'fills' | 'spread' | 'depth';
  /** @internal */
  readonly compute: (d: Derived) => number;
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const NAN = Number.NaN;
const label = (ms: number): string => (ms >= HOUR ? `${ms / HOUR}h` : ms >= MIN ? `${ms / MIN}m` : `${ms / SEC}s`);
const RET = 'log returns of the mid (bar close for real bars) at that horizon: non-overlapping, UTC-aligned, never spanning a gap';

const vol = (ms: number): MomentDef => ({
  name: `vol_${label(ms)}_bp`, unit: 'bp', needs: 'mid',
  definition: `1e4 x population std of ${label(ms)} ${RET}.`,
  compute: (d) => { const r = d.ret(ms); return r === null ? NAN : 1e4 * sampleMoments(r.all).std; },
});
const kurt = (ms: number): MomentDef => ({
  name: `kurt_${ms / MIN}m`, unit: '1', needs: 'mid',
  definition: `Excess kurtosis m4/m2^2 - 3 (population moments) of ${label(ms)} ${RET}.`,
  compute: (d) => { const r = d.ret(ms); return r === null ? NAN : sampleMoments(r.all).excessKurtosis; },
});
const acfR = (ms: number, lag: number): MomentDef => ({
  name: `acf_r_${label(ms)}_lag${lag}`, unit: '1', needs: 'mid',
  definition: `ACF at lag ${lag} of ${label(ms)} ${RET}; one mean and variance over all returns, lag pairs never cross a gap (stats.py acf_segments).`,
  compute: (d) => { const r = d.ret(ms); return r === null ? NAN : acfSegments(r.segments, lag); },
});
const acfAbs = (ms: number, lag: number): MomentDef => ({
  name: `acf_abs_${label(ms)}_lag${lag}`, unit: '1', needs: 'mid',
  definition: `ACF at lag ${lag} of |r| for ${label(ms)} ${RET} (as acf_r).`,
  compute: (d) => { const r = d.ret(ms); return r === null ? NAN : acfSegments(r.segments.map((s) => s.map(Math.abs)), lag); },
});
const band = (ms: number, lag: number): MomentDef => ({
  name: `acf_r_${label(ms)}_band_lag${lag}`, unit: '1', needs: 'mid',
  definition: `Half-width of the heteroskedasticity-robust 3-sigma band of acf_r_${label(ms)}_lag${lag}: 3 sqrt(sum d_t^2 d_{t+k}^2) / sum d_t^2, d = r - mean (theory.md 5b). An ACF inside +-band is not significant.`,
  compute: (d) => { const r = d.ret(ms); return r === null ? NAN : robustAcfBand(r.segments, lag); },
});
const takerAcf = (lag: number): MomentDef => ({
  name: `taker_sign_acf_lag${lag}`, unit: '1', needs: 'fills',
  definition: `ACF at lag ${lag} of the signs (+1 buy, -1 sell) of taker events: runs of consecutive fills with the same time and aggressor side (data README section 2).`,
  compute: (d) => { const s = d.takerSigns(); return s === null ? NAN : acfSegments([s], lag); },
});

/** Every moment, in output order. */
export const MOMENTS: readonly MomentDef[] = [
  vol(SEC), vol(MIN), vol(HOUR),
  kurt(MIN), kurt(5 * MIN), kurt(15 * MIN), kurt(60 * MIN),
  acfR(SEC, 1), acfR(10 * SEC, 1), acfR(MIN, 1), acfR(MIN, 2), acfR(MIN, 5), acfR(MIN, 10), band(MIN, 1),
  acfAbs(MIN, 1), acfAbs(MIN, 10), acfAbs(MIN, 30), acfAbs(MIN, 60), acfAbs(MIN, 100),
  {
    name: 'hill_1m', unit: '1', needs: 'mid',
    definition: `Hill tail index of |r| for 1m ${RET}, on the top 2.5 %: k = floor(0.025 n), alpha = k / sum ln(X_(i) / X_(k+1)).`,
    compute: (d) => { const r = d.ret(MIN); return r === null ? NAN : hillTailIndex(r.all, 0.025); },
  },
  {
    name: 'spread_median_bp', unit: 'bp', needs: 'spread',
    definition: 'Median quoted spread 1e4 (ask - bid) / mid over two-sided book samples.',
    compute: (d) => (d.inputs.spreadBp === undefined ? NAN : median(d.inputs.spreadBp)),
  },
  {
    name: 'depth_10bp_median', unit: 'base', needs: 'depth',
    definition: 'Median over book samples of the resting size with price within 10 bp of the mid, bid side (p >= mid (1 - 0.001)) plus ask side (p <= mid (1 + 0.001)).',
    compute: (d) => (d.inputs.depth10bp === undefined ? NAN : median(d.inputs.depth10bp)),
  },
  takerAcf(1), takerAcf(10), takerAcf(100),
  {
    name: 'volume_absret_corr_5m', unit: '1', needs: 'mid+volume',
    definition: `Pearson correlation of |r| and traded volume over the same interval, for 5m ${RET} (volume of the bars, or fills, strictly after the start and up to the end).`,
    compute: (d) => {
      const r = d.ret(5 * MIN);
      if (r === null || r.volume.length !== r.all.length) return NAN;
      return pearson(r.all.map(Math.abs), r.volume);
    },
  },
];

/** Moment names, in output order. */
export const MOMENT_NAMES: readonly string[] = MOMENTS.map((m) => m.name);

/** The definition of `name`, or undefined. */
export function momentDef(name: string): MomentDef | undefined {
  return MOMENTS.find((m) => m.name === name);
}

/**
 * Computes the named moments (default: all) from `inputs`. Unknown names throw, listing the
 * valid ones; a moment that cannot be computed from these inputs is NaN.
 */
export function computeMoments(inputs: MomentInputs, names: readonly string[] = MOMENT_NAMES): Record<string, number> {
  const d = new Derived(inputs);
  const out: Record<string, number> = {};
  for (const name of names) {
    const m = momentDef(name);
    if (m === undefined) throw new Error(`unknown moment '${name}' (known: ${MOMENT_NAMES.join(', ')})`);
    out[name] = m.compute(d);
  }
  return out;
}
