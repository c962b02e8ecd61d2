/**
 * Nelder-Mead simplex minimisation of an asynchronous objective (Nelder & Mead 1965, with the
 * standard coefficients reflection 1, expansion 2, contraction 0.5, shrink 0.5 and the
 * Lagarias et al. 1998 ordering rules). Written here rather than taken from npm because every
 * evaluation is a batch of simulations in worker processes, so the objective must be async; the
 * maintained JS packages (fmin, numeric, optimization-js) take synchronous functions only.
 *
 * Deterministic: the sequence of points asked for depends only on the values returned, so a
 * caller that memoises f (calibrate's evaluation journal) can replay a killed run up to where it
 * stopped and continue to the same result. Coordinates are unitless (calibrate works in the
 * unbounded logit coordinates of the parameter box).
 */

export interface NelderMeadOptions {
  /** Stop after this many evaluations of f (default 200). */
  readonly maxEvals?: number;
  /** Stop when max |f_i - f_best| over the simplex is at most this (default 1e-8). */
  readonly fTolerance?: number;
  /** Stop when every vertex is within this of the best in every coordinate (default 1e-6). */
  readonly xTolerance?: number;
  /** Called after each iteration with the best point so far. */
  readonly onIteration?: (it: { iteration: number; evals: number; best: Float64Array; fBest: number }) => void;
  /** Polled before each evaluation; true stops the search (result marked stopped). */
  readonly shouldStop?: () => boolean;
}

export interface NelderMeadResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly evals: number;
  readonly iterations: number;
  /** Why it ended. */
  readonly reason: 'converged' | 'max_evals' | 'stopped';
}

interface Vertex {
  x: Float64Array;
  f: number;
}

class Stop extends Error {}

/**
 * Minimises `f` from `x0` with an initial simplex of x0 and x0 + steps[i] e_i. A non-finite
 * f counts as +Infinity (the simplex moves away from it).
 */
export async function nelderMead(f: (x: Float64Array) => Promise<number>, x0: ArrayLike<number>, steps: ArrayLike<number>, opts: NelderMeadOptions = {}): Promise<NelderMeadResult> {
  const n = x0.length;
  const maxEvals = opts.maxEvals ?? 200;
  const fTol = opts.fTolerance ?? 1e-8;
  const xTol = opts.xTolerance ?? 1e-6;
  let evals = 0;
  const evaluate = async (x: Float64Array): Promise<Vertex> => {
    if (opts.shouldStop?.() === true || evals >= maxEvals) throw new Stop();
    evals++;
    const v = await f(x);
    return { x, f: Number.isFinite(v) ? v : Number.POSITIVE_INFINITY };
  };
  const simplex: Vertex[] = [];
  let iterations = 0;
  let reason: NelderMeadResult['reason'] = 'converged';
  try {
    simplex.push(await evaluate(Float64Array.from(x0)));
    for (let i = 0; i < n; i++) {
      const x = Float64Array.from(x0);
      x[i] = (x[i] as number) + (steps[i] as number);
      simplex.push(await evaluate(x));
    }
    for (;;) {
      // stable sort: ties keep the older vertex first (Lagarias et al.)
      simplex.sort((a, b) => a.f - b.f);
      const best = simplex[0] as Vertex;
      const worst = simplex[n] as Vertex;
      if (converged(simplex, fTol, xTol)) break;
      iterations++;
      const c = new Float64Array(n);
      for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) c[i] = (c[i] as number) + ((simplex[k] as Vertex).x[i] as number) / n;
      const along = (t: number): Float64Array => c.map((ci, i) => ci + t * (ci - (worst.x[i] as number)));
      const r = await evaluate(along(1));
      const second = simplex[n - 1] as Vertex;
      if (r.f < best.f) {
        const e = await evaluate(along(2));
        simplex[n] = e.f < r.f ? e : r;
      } else if (r.f < second.f) {
        simplex[n] = r;
      } else {
        const outside = r.f < worst.f;
        const k = await evaluate(along(outside ? 0.5 : -0.5));
        if (outside ? k.f <= r.f : k.f < worst.f) {
          simplex[n] = k;
        } else {
          for (let j = 1; j <= n; j++) {
            const v = simplex[j] as Vertex;
            simplex[j] = await evaluate(v.x.map((xi, i) => (best.x[i] as number) + 0.5 * (xi - (best.x[i] as number))));
          }
        }
      }
      simplex.sort((a, b) => a.f - b.f);
      opts.onIteration?.({ iteration: iterations, evals, best: (simplex[0] as Vertex).x, fBest: (simplex[0] as Vertex).f });
    }
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    reason = opts.shouldStop?.() === true ? 'stopped' : 'max_evals';
  }
  simplex.sort((a, b) => a.f - b.f);
  const best = simplex[0];
  if (best === undefined) return { x: Float64Array.from(x0), f: Number.NaN, evals, iterations, reason };
  return { x: best.x, f: best.f, evals, iterations, reason };
}

function converged(s: readonly Vertex[], fTol: number, xTol: number): boolean {
  const b = s[0] as Vertex;
  let fSpread = 0;
  let xSpread = 0;
  for (const v of s) {
    fSpread = Math.max(fSpread, Math.abs(v.f - b.f));
    for (let i = 0; i < v.x.length; i++) xSpread = Math.max(xSpread, Math.abs((v.x[i] as number) - (b.x[i] as number)));
  }
  return fSpread <= fTol && xSpread <= xTol;
}
