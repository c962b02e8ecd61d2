/**
 * Metaorder impact from a run's tables: parents of the `metaorder` agents are read back from the
 * trades table (consecutive child fills of one agent with one sign and gaps shorter than
 * `maxGapNs`; src/agents/metaorder.ts guarantees a longer rest between parents), and each
 * parent's impact is I = sign * ln(mid after the last child / mid before the first), the mids
 * taken from the 1 s book table (last sample strictly before the first fill, first sample at or
 * after the last fill). Concavity is the log-log slope of mean impact against mean size over
 * quantile bins of size (the square-root law has slope 0.5: Toth et al. 2011, Phys. Rev. X 1;
 * the band is 0.3-0.7). Units: sizes in base, impact in log return (bp = 1e4 x).
 */
import { readArrowFile } from '../../src/output/index.js';

/** One parent order as read back from the trades. */
export interface Parent {
  readonly sizeBase: number;
  readonly impact: number;
}

/** Parents of agents whose name starts with `group + '/'`. */
export function readParents(tradesFile: string, bookFile: string, group: string, maxGapNs: number): Parent[] {
  const tr = readArrowFile(tradesFile);
  const book = readArrowFile(bookFile);
  const bt = book.numbers('t_ns');
  const mid = book.numbers('mid');
  const t = tr.numbers('t_ns');
  const size = tr.numbers('size');
  const side = tr.column('aggressor_side');
  const taker = tr.column('taker');
  const prefix = `${group}/`;
  const open = new Map<string, { t0: number; t1: number; sign: number; q: number }>();
  const done: { t0: number; t1: number; sign: number; q: number }[] = [];
  for (let i = 0; i < t.length; i++) {
    const who = String(taker[i]);
    if (!who.startsWith(prefix)) continue;
    const sign = side[i] === 'buy' ? 1 : -1;
    const ti = t[i] as number;
    const cur = open.get(who);
    if (cur !== undefined && cur.sign === sign && ti - cur.t1 <= maxGapNs) {
      cur.t1 = ti;
      cur.q += size[i] as number;
    } else {
      if (cur !== undefined) done.push(cur);
      open.set(who, { t0: ti, t1: ti, sign, q: size[i] as number });
    }
  }
  // A parent still open at the end may be cut short: leave it out.
  const before = (tn: number): number => {
    let lo = 0;
    let hi = bt.length - 1;
    while (lo < hi) {
      const m = (lo + hi + 1) >> 1;
      if ((bt[m] as number) < tn) lo = m;
      else hi = m - 1;
    }
    return mid[lo] as number;
  };
  const atOrAfter = (tn: number): number => {
    let lo = 0;
    let hi = bt.length - 1;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if ((bt[m] as number) >= tn) hi = m;
      else lo = m + 1;
    }
    return mid[lo] as number;
  };
  const out: Parent[] = [];
  for (const p of done) {
    const a = before(p.t0);
    const b = atOrAfter(p.t1);
    if (a > 0 && b > 0) out.push({ sizeBase: p.q, impact: p.sign * Math.log(b / a) });
  }
  return out;
}

/**
 * Log-log slope of mean impact on mean size over `bins` quantile bins (bins whose mean impact is
 * not positive are dropped; NaN with fewer than 3 usable bins).
 */
export function impactSlope(parents: readonly Parent[], bins = 6): number {
  const s = [...parents].sort((a, b) => a.sizeBase - b.sizeBase);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let b = 0; b < bins; b++) {
    const sel = s.slice(Math.floor((b * s.length) / bins), Math.floor(((b + 1) * s.length) / bins));
    if (sel.length < 3) continue;
    const mi = sel.reduce((a, p) => a + p.impact, 0) / sel.length;
    const mq = sel.reduce((a, p) => a + p.sizeBase, 0) / sel.length;
    if (mi > 0 && mq > 0) {
      xs.push(Math.log(mq));
      ys.push(Math.log(mi));
    }
  }
  if (xs.length < 3) return Number.NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] as number) - my);
    sxx += (x - mx) * (x - mx);
  });
  return sxy / sxx;
}
