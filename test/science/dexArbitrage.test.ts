import { describe, test } from 'vitest';
import { BOOK } from '../../src/model/tables.js';
import { runInMemory, type MemRun } from './dexRuns.js';

const FILE = 'scenarios/dex-hedge-congestion.yaml';
const BOUND_BPS = 4 + 5 + 5;

function gaps(run: MemRun): number[] {
  const cex = run.id('cex');
  const dex = run.id('dex');
  const byT = new Map<number, { c?: Record<string, number>; d?: Record<string, number> }>();
  for (const r of run.table(BOOK).objects()) {
    const e = byT.get(r.t_ns as number) ?? {};
    if (r.venue === cex) e.c = r;
    if (r.venue === dex) e.d = r;
    byT.set(r.t_ns as number, e);
  }
  const out: number[] = [];
  for (const [, { c, d }] of [...byT.entries()].sort((a, b) => a[0] - b[0])) {
    if (!c || !d) continue;
    const ref = ((c.mid as number) + (d.mid as number)) / 2;
    if (!(ref > 0)) continue;
    const g = Math.max(0, (d.bid as number) - (c.ask as number), (c.bid as number) - (d.ask as number));
    out.push((g / ref) * 1e4);
  }
  return out;
}

describe('explore arb', () => {
  test('numbers', () => {
    const base = (process.env.XSET ?? '').split(';').filter(Boolean);
    for (let seed = 1; seed <= 10; seed++) {
      const on = gaps(runInMemory(FILE, [BOOK], { seed, set: base }));
      const off = gaps(runInMemory(FILE, [BOOK], { seed, set: [...base, 'agents.arb.threshold_bps=100000'] }));
      const frac = (g: number[]) => g.filter((x) => x <= BOUND_BPS).length / g.length;
      const mean = (g: number[]) => g.reduce((a, b) => a + b, 0) / g.length;
      console.log(seed, frac(on).toFixed(3), frac(off).toFixed(3), mean(on).toFixed(1), mean(off).toFixed(1), on.length);
    }
  }, 120_000);
});
