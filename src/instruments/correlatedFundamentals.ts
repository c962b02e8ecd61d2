/**
 * Several correlated underlyings (BTC, ETH, ...), each with its own Merton fundamental
 * (fundamental.ts), their diffusive shocks correlated through a correlation matrix.
 *
 * The correlation matrix C (in the assets' declared order) must be symmetric with a unit
 * diagonal and entries in [-1, 1], and positive semi-definite; {@link choleskyPsd} factors it as
 * C = L L^T (L lower triangular) row by row and reports the first asset at which it is not,
 * so a scenario error can name the offending entry. Asset i's normal is
 * Z_i = sum_{j<=i} L_ij eps_j with eps_j asset j's own draw from its own named stream
 * (`world/fundamental` for the first asset, as a single-asset world always had, then
 * `world/fundamental/<name>`). Row i of L depends only on C's leading (i+1) x (i+1) block, so
 * appending an asset leaves every existing asset's path unchanged (test/unit/instruments/
 * correlatedFundamentals.test.ts), and a one-asset world is byte-identical to before.
 *
 * Semi-definite (a zero pivot, e.g. two assets with correlation 1) is allowed: that asset then
 * has no own noise (its L_ii is 0) and the column below is 0. Units: prices quote currency.
 */
import type { RandomStream } from '../engine/rng.js';
import { FundamentalPath, type FundamentalConfig } from './fundamental.js';

/** Pivots below this (relative to 1, the unit diagonal) count as zero; below minus it, not PSD. */
const PSD_TOLERANCE = 1e-10;

/** Result of {@link choleskyPsd}: the factor, or the first row where C is not PSD and why. */
export type CholeskyResult =
  | { readonly ok: true; readonly lower: readonly (readonly number[])[] }
  | { readonly ok: false; readonly row: number; readonly col: number; readonly message: string };

/**
 * Lower Cholesky factor of a correlation matrix, allowing semi-definite (zero pivots), with the
 * first failing entry located: `row`, `col` name the entry (row >= col) to blame.
 */
export function choleskyPsd(c: readonly (readonly number[])[]): CholeskyResult {
  const n = c.length;
  for (let i = 0; i < n; i++) {
    const ri = c[i] as readonly number[];
    if (ri.length !== n) return { ok: false, row: i, col: 0, message: `row ${i} has ${ri.length} entries, expected ${n}` };
    if (ri[i] !== 1) return { ok: false, row: i, col: i, message: `diagonal must be 1, got ${ri[i]}` };
    for (let j = 0; j < n; j++) {
      const v = ri[j] as number;
      if (!(Number.isFinite(v) && v >= -1 && v <= 1)) return { ok: false, row: Math.max(i, j), col: Math.min(i, j), message: `correlation must be in [-1, 1], got ${v}` };
      if (v !== (c[j] as readonly number[])[i]) return { ok: false, row: Math.max(i, j), col: Math.min(i, j), message: `not symmetric: ${v} vs ${(c[j] as readonly number[])[i]}` };
    }
  }
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const li = l[i] as number[];
    for (let j = 0; j <= i; j++) {
      const lj = l[j] as number[];
      let s = (c[i] as readonly number[])[j] as number;
      for (let k = 0; k < j; k++) s -= (li[k] as number) * (lj[k] as number);
      if (i === j) {
        if (s < -PSD_TOLERANCE) {
          // Name the entry that made the leading minor negative: the largest |C_ij|, j < i.
          let col = 0;
          for (let k = 1; k < i; k++) if (Math.abs((c[i] as readonly number[])[k] as number) > Math.abs((c[i] as readonly number[])[col] as number)) col = k;
          return { ok: false, row: i, col, message: `not positive semi-definite: adding asset ${i} leaves a residual variance of ${s.toPrecision(3)} < 0` };
        }
        li[i] = s > PSD_TOLERANCE ? Math.sqrt(s) : 0;
      } else {
        const d = lj[j] as number;
        if (d === 0) {
          // Zero pivot: the rest of this column must be consistent (residual covariance 0).
          if (Math.abs(s) > 1e-8) return { ok: false, row: i, col: j, message: 'not positive semi-definite: inconsistent with a perfectly correlated asset' };
          li[j] = 0;
        } else li[j] = s / d;
      }
    }
  }
  return { ok: true, lower: l };
}

/** One underlying: its name (stream suffix) and fundamental parameters. */
export interface UnderlyingSpec {
  readonly name: string;
  readonly config: FundamentalConfig;
}

/**
 * Builds the correlated paths of `assets` (declared order) with correlation `corr` (null or
 * empty: independent). `stream(i, name)` returns asset i's stream (the world derives
 * `world/fundamental` for i = 0, `world/fundamental/<name>` after). Throws RangeError with the
 * located entry when `corr` is not a valid correlation matrix (callers validate earlier for a
 * scenario path error).
 */
export function correlatedFundamentals(assets: readonly UnderlyingSpec[], corr: readonly (readonly number[])[] | null, stream: (i: number, name: string) => RandomStream): FundamentalPath[] {
  const paths = assets.map((a, i) => new FundamentalPath(a.config, stream(i, a.name)));
  if (corr === null || corr.length === 0 || assets.length < 2) return paths;
  if (corr.length !== assets.length) throw new RangeError(`correlation is ${corr.length}x${corr.length} for ${assets.length} underlyings`);
  const f = choleskyPsd(corr);
  if (!f.ok) throw new RangeError(`correlation ${assets[f.row]?.name}/${assets[f.col]?.name}: ${f.message}`);
  for (let i = 1; i < paths.length; i++) {
    const row = f.lower[i] as readonly number[];
    (paths[i] as FundamentalPath).correlated(paths.slice(0, i), row.slice(0, i + 1));
  }
  return paths;
}
