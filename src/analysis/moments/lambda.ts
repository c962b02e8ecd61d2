/**
 * Price impact per unit of signed taker flow (Kyle's lambda), measured the same way on real
 * captures and on simulated runs: cut the mid grid into consecutive windows of `horizonMs`
 * (grid-aligned, non-overlapping), sum the signed taker size of the fills whose time falls in
 * each window, and regress the window's mid log return (bp) on that flow by least squares. The
 * slope is bp per base unit; its 95 % interval is slope +- 1.96 SE (homoskedastic OLS). Windows
 * with a missing mid at either end are skipped. Fill times must be on the grid's clock (UTC ms):
 * for the hftbacktest captures that is the receive clock, the one the bookTicker mid is on, not
 * the exchange trade time (they differ by about 1.3-1.5 s, data README section 2).
 *
 * Why it matters: theory.md 1b and 6c predict feedback from lambda x gamma and lambda x rho, so
 * a market whose lambda is off by a factor makes a given open interest act that factor larger.
 */
import type { PriceGrid } from './grid.js';

export interface LambdaEstimate {
  /** Impact slope, bp of mid return per base unit of signed taker flow. */
  readonly bpPerUnit: number;
  readonly lo95: number;
  readonly hi95: number;
  /** Windows used. */
  readonly n: number;
  /** Mean absolute signed flow per window (base). */
  readonly meanAbsFlow: number;
}

/**
 * Regression of `horizonMs` mid returns on the signed flow in the same window. `fillMs` need not
 * be sorted. Returns NaN fields when fewer than 3 windows or no flow variance.
 */
export function kyleLambda(fillMs: ArrayLike<number>, signedSize: ArrayLike<number>, mid: PriceGrid, horizonMs: number): LambdaEstimate {
  const step = Math.round(horizonMs / mid.stepMs);
  if (step < 1 || Math.abs(step * mid.stepMs - horizonMs) > 1e-9) throw new RangeError(`horizon ${horizonMs} ms is not a whole multiple of the grid step ${mid.stepMs} ms`);
  const windows = Math.floor((mid.values.length - 1) / step);
  const flow = new Float64Array(Math.max(0, windows));
  const spanMs = windows * horizonMs;
  for (let i = 0; i < Math.min(fillMs.length, signedSize.length); i++) {
    const dt = (fillMs[i] as number) - mid.startMs;
    if (!(dt >= 0 && dt < spanMs)) continue;
    const k = Math.floor(dt / horizonMs);
    flow[k] = (flow[k] as number) + (signedSize[i] as number);
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < windows; k++) {
    const p0 = mid.values[k * step] as number;
    const p1 = mid.values[(k + 1) * step] as number;
    if (!(p0 > 0 && p1 > 0)) continue;
    xs.push(flow[k] as number);
    ys.push(1e4 * Math.log(p1 / p0));
  }
  const n = xs.length;
  const nan = { bpPerUnit: Number.NaN, lo95: Number.NaN, hi95: Number.NaN, n, meanAbsFlow: Number.NaN };
  if (n < 3) return nan;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) { mx += xs[i] as number; my += ys[i] as number; }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let absFlow = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - my);
    absFlow += Math.abs(xs[i] as number);
  }
  if (!(sxx > 0)) return nan;
  const b = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const e = (ys[i] as number) - my - b * ((xs[i] as number) - mx);
    rss += e * e;
  }
  const se = Math.sqrt(rss / (n - 2) / sxx);
  return { bpPerUnit: b, lo95: b - 1.96 * se, hi95: b + 1.96 * se, n, meanAbsFlow: absFlow / n };
}
