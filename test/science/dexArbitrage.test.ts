/**
 * Issue 6 acceptance (c): with the arbitrageur on, the CEX-DEX price gap stays within fees plus
 * its threshold most of the time; with it off, it does not.
 *
 * World: scenarios/dex-hedge-congestion.yaml run for 15 minutes with no schedule (no jump, no
 * congestion), fundamental vol 100 %, the dealers not hedging, and the DEX makers quoting around
 * their own book (`reference: mid`, no inventory skew, room for 2000 BTC): nothing but the
 * arbitrageur ties the DEX to the CEX, whose makers quote around the fundamental. "Off" is the
 * same world with an unreachable threshold (same agents and ids, so the pair shares its random
 * streams).
 *
 * The gap is the executable one the arbitrageur trades on, sampled every second from both
 * venues' `book` rows: max(0, dex bid - cex ask, cex bid - dex ask) in bps of the mean mid. The
 * bound is the arbitrageur's taker fees plus its threshold (4 + 5 + 5 = 14 bps).
 * Measured on seeds 1-10 when written: share of seconds within the bound 0.83-0.96 (mean 0.93)
 * with the arbitrageur, 0.06-0.57 (mean 0.31) without.
 */
import { describe, expect, test } from 'vitest';
import { BOOK } from '../../src/model/tables.js';
import { runInMemory, type MemRun } from './dexRuns.js';

const FILE = 'scenarios/science/dex-hedge-congestion-gaussian.yaml';
const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);
const WORLD = [
  'clock.duration=15m',
  'schedule=[]',
  'underlying.fundamental.vol=1',
  'agents.dealers.hedge={policy: none}',
  'agents.dex_makers.reference=mid',
  'agents.dex_makers.inventory_skew_bps=0',
  'agents.dex_makers.max_inventory=2000',
  'agents.arb.max_position=2000',
];
const ARB_OFF = 'agents.arb.threshold_bps=100000';

/** "Most of the time": the share of seconds within the bound with the arbitrageur on, every seed. */
const MIN_SHARE_ON = 0.75;
/**
 * Without it the share stays below this on average over the seeds (and below the arbitrageur's in
 * every seed). There is no per-seed ceiling: without the arbitrageur the share varies from 0.02
 * to 0.87 across seeds 1-20 (4 of 20 above 0.65 on the draws of the time, 2 of 20 after the
 * 53-bit, fixed-draws-per-decision change), so a per-seed bound would be a statement about which
 * seeds were picked, not about the mechanism.
 */
const MAX_MEAN_SHARE_OFF = 0.45;

/** Executable CEX-DEX gap (bps of the mean mid) at each sampled second with both books two-sided. */
function gapsBps(run: MemRun): number[] {
  const cex = run.id('cex');
  const dex = run.id('dex');
  const at = new Map<number, { c?: Record<string, number>; d?: Record<string, number> }>();
  for (const r of run.table(BOOK).objects()) {
    const e = at.get(r.t_ns as number) ?? {};
    if (r.venue === cex) e.c = r;
    else if (r.venue === dex) e.d = r;
    at.set(r.t_ns as number, e);
  }
  const out: number[] = [];
  for (const [, { c, d }] of [...at.entries()].sort((a, b) => a[0] - b[0])) {
    if (c === undefined || d === undefined) continue;
    const ref = ((c.mid as number) + (d.mid as number)) / 2;
    if (!(ref > 0)) continue; // a side empty (mid NaN)
    const gap = Math.max(0, (d.bid as number) - (c.ask as number), (c.bid as number) - (d.ask as number));
    out.push((gap / ref) * 10_000);
  }
  return out;
}

describe('dex arbitrage: the arbitrageur keeps the CEX-DEX gap within fees plus its threshold', () => {
  test('on: within the bound most of the time; off: not (10 paired seeds)', () => {
    const first = runInMemory(FILE, [BOOK], { seed: 1, set: WORLD });
    const arb = first.scenario.agents.find((g) => g.group === 'arb')?.params as unknown as { taker_fee_bps: number; other_taker_fee_bps: number; threshold_bps: number };
    const boundBps = arb.taker_fee_bps + arb.other_taker_fee_bps + arb.threshold_bps;
    expect(boundBps).toBe(14);
    const within = (g: number[]): number => g.filter((x) => x <= boundBps).length / g.length;
    const shares = SEEDS.map((seed) => {
      const on = seed === 1 ? first : runInMemory(FILE, [BOOK], { seed, set: WORLD });
      const off = runInMemory(FILE, [BOOK], { seed, set: [...WORLD, ARB_OFF] });
      const gOn = gapsBps(on);
      const gOff = gapsBps(off);
      // Both books are two-sided for most of the run (so the shares are over the run).
      expect(gOn.length).toBeGreaterThan(800);
      expect(gOff.length).toBeGreaterThan(800);
      return { seed, on: within(gOn), off: within(gOff) };
    });
    for (const s of shares) {
      expect(s.on, `seed ${s.seed} on`).toBeGreaterThan(MIN_SHARE_ON);
      expect(s.on, `seed ${s.seed} on vs off`).toBeGreaterThan(s.off);
    }
    expect(shares.reduce((a, s) => a + s.off, 0) / shares.length).toBeLessThan(MAX_MEAN_SHARE_OFF);
  }, 60_000);
});
