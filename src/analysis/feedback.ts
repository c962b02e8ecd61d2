/**
 * The feedback loop as a regression: dealer hedge flow in one time bucket against the mid's log
 * return over the NEXT bucket. Short-gamma dealers buy after rises and sell after falls; if their
 * flow moves the price, flow in bucket k predicts the return of bucket k+1 with a positive slope
 * (the Frey-Stremme feedback); long-gamma hedging trades against moves and predicts reversal.
 * Units: flow in base units (signed, + bought), returns in bps, slope in bps per base unit.
 */

/** Ordinary least squares of y on x with an intercept. */
export interface Ols {
  readonly n: number;
  readonly slope: number;
  readonly intercept: number;
  /** Standard error of the slope (NaN under 3 points). */
  readonly slopeSe: number;
  readonly r2: number;
}

/** OLS over the pairs where both values are finite; NaN fields when fewer than 2 pairs or no x variance. */
export function ols(x: ArrayLike<number>, y: ArrayLike<number>): Ols {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    n++;
    sx += a;
    sy += b;
  }
  if (n < 2) return { n, slope: NaN, intercept: NaN, slopeSe: NaN, r2: NaN };
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    sxx += (a - mx) * (a - mx);
    sxy += (a - mx) * (b - my);
    syy += (b - my) * (b - my);
  }
  if (sxx === 0) return { n, slope: NaN, intercept: NaN, slopeSe: NaN, r2: NaN };
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const sse = Math.max(0, syy - slope * sxy);
  const slopeSe = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : NaN;
  const r2 = syy === 0 ? NaN : 1 - sse / syy;
  return { n, slope, intercept, slopeSe, r2 };
}

/** Per bucket k: hedge flow in k and the mid's log return over k+1 (bps). */
export interface FlowReturnPairs {
  readonly bucketNs: number;
  /** Start of bucket k, ns since start. */
  readonly tNs: Float64Array;
  readonly flow: Float64Array;
  readonly nextReturnBps: Float64Array;
  /** The return over bucket k itself (bps): flow against it is the contemporaneous impact. */
  readonly sameReturnBps: Float64Array;
}

/**
 * Buckets `[0, endNs)` into `bucketNs` slices; flow = sum of signed hedge fill sizes in the slice;
 * the mid at a bucket boundary is the last finite mid sampled at or before it. Pairs whose next
 * return is unknown (no mid) are NaN and skipped by {@link ols}.
 */
export function flowVsNextReturn(
  hedgeTNs: ArrayLike<number>, hedgeSize: ArrayLike<number>,
  bookTNs: ArrayLike<number>, mid: ArrayLike<number>, endNs: number, bucketNs: number,
): FlowReturnPairs {
  const buckets = Math.max(0, Math.floor(endNs / bucketNs));
  const flow = new Float64Array(buckets);
  for (let i = 0; i < hedgeTNs.length; i++) {
    const k = Math.floor((hedgeTNs[i] as number) / bucketNs);
    if (k >= 0 && k < buckets) flow[k] = (flow[k] as number) + (hedgeSize[i] as number);
  }
  // Mid at each boundary 0, b, 2b, ... buckets*b.
  const at = new Float64Array(buckets + 1).fill(NaN);
  let j = 0;
  let last = NaN;
  for (let k = 0; k <= buckets; k++) {
    const t = k * bucketNs;
    while (j < bookTNs.length && (bookTNs[j] as number) <= t) {
      const m = mid[j] as number;
      if (Number.isFinite(m) && m > 0) last = m;
      j++;
    }
    at[k] = last;
  }
  const pairs = Math.max(0, buckets - 1);
  const tNs = new Float64Array(pairs);
  const outFlow = new Float64Array(pairs);
  const next = new Float64Array(pairs);
  const same = new Float64Array(pairs);
  for (let k = 0; k < pairs; k++) {
    tNs[k] = k * bucketNs;
    outFlow[k] = flow[k] as number;
    next[k] = 1e4 * Math.log((at[k + 2] as number) / (at[k + 1] as number));
    same[k] = 1e4 * Math.log((at[k + 1] as number) / (at[k] as number));
  }
  return { bucketNs, tNs, flow: outFlow, nextReturnBps: next, sameReturnBps: same };
}
