/**
 * The real-data side of `calibrate`: the moments of the bars file (in its --from/--to window),
 * of the tick files, and the values given with --target, merged in that order (later wins).
 * Input problems are usage errors naming the flag and file.
 */
import { BarsFormatError, barsToGrid, computeMoments, MOMENT_NAMES, feedMomentInputs, momentDef, readBarsFile, readHftFeed } from '../../analysis/moments/index.js';
import { usageError } from '../errors.js';

export interface RealTargets {
  readonly values: Record<string, number>;
  /** Human description (file names, window) for the outputs. */
  readonly source: string;
}

const dateFlag = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (!Number.isFinite(t)) throw usageError(`--${name} ${text}: expected an ISO-8601 UTC time such as 2021-04-02 or 2021-04-02T12:00:00Z`);
  return t;
};

/** Computes every moment the given real data can measure. */
export function realTargets(bars: string | undefined, from: string | undefined, to: string | undefined, trades: readonly string[], given: readonly string[]): RealTargets {
  const values: Record<string, number> = {};
  const source: string[] = [];
  const keep = (m: Record<string, number>): void => {
    for (const [k, v] of Object.entries(m)) if (Number.isFinite(v)) values[k] = v;
  };
  if (bars !== undefined) {
    const lo = dateFlag('from', from);
    const hi = dateFlag('to', to);
    let grid;
    try {
      grid = barsToGrid(readBarsFile(bars), lo, hi);
    } catch (err) {
      if (err instanceof BarsFormatError) throw usageError(`--bars: ${err.message}`);
      throw usageError(`--bars ${bars}: ${(err as Error).message}`);
    }
    if (grid.values.length < 2) throw usageError(`--bars ${bars}: fewer than 2 bars${lo !== undefined || hi !== undefined ? ` in the window ${from ?? '...'} .. ${to ?? '...'}` : ''}`);
    keep(computeMoments({ mid: grid }));
    source.push(`${bars}${from !== undefined || to !== undefined ? ` [${from ?? ''}, ${to ?? ''})` : ''}`);
  } else if (from !== undefined || to !== undefined) {
    throw usageError('--from and --to select a window of --bars: give --bars');
  }
  if (trades.length > 0) {
    let feed;
    try {
      feed = readHftFeed(trades);
    } catch (err) {
      throw usageError(`--trades ${trades.join(' ')}: ${(err as Error).message}`);
    }
    const m = computeMoments(feedMomentInputs(feed));
    // 1-min and longer moments come from the bars: a few minutes of ticks cannot measure them
    for (const k of Object.keys(m)) if (!/^(vol_1s|acf_r_1s|acf_r_10s|spread|taker_sign)/.test(k)) delete m[k];
    keep(m);
    source.push(trades.join('+'));
  }
  for (const raw of given) {
    const eq = raw.indexOf('=');
    const name = eq < 0 ? raw : raw.slice(0, eq).trim();
    const v = Number(raw.slice(eq + 1));
    if (eq < 0 || raw.slice(eq + 1).trim() === '' || !Number.isFinite(v)) throw usageError(`--target ${raw}: expected moment=number, e.g. depth_10bp_median=293.2`);
    if (momentDef(name) === undefined) throw usageError(`--target ${name}: unknown moment (known: ${MOMENT_NAMES.join(', ')})`);
    values[name] = v;
    source.push(`${name}=${v}`);
  }
  if (source.length === 0) throw usageError('give the real data: --bars FILE (and/or --trades FILE, --target moment=value)');
  return { values, source: source.join('; ') };
}
