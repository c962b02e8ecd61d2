/**
 * Issue 6 acceptance (b): a stale oracle delays DEX liquidations relative to the CEX ones, and
 * the delayed ones arrive together when the oracle updates.
 *
 * World (inline below): a CEX perp and a DEX perp, both quoted around the fundamental; on each,
 * five groups of ten leveraged longs (1 BTC, cross margin) whose collateral puts their
 * liquidation about 1, 1.5, 2, 2.5 and 3 % under the entry; a -4 % fundamental jump at 60 s.
 * The CEX liquidates on its mark (EMA index of its mid), so the groups go one after another as
 * the mark slides. The DEX liquidates on its oracle, which reads the CEX index:
 * - stale: a Chainlink push feed with a 2 % deviation threshold (as the cbBTC/USD feed), 1 h
 *   heartbeat and 12 s from round to chain. Its first round starts when the index is 2 % down and
 *   lands 12 s later: every group within 2 % is liquidated in the same block;
 * - fresh (control): a Pyth-like pull oracle (400 ms), where the DEX follows the CEX closely.
 * Measured when written (every seed alike: the move is scripted): CEX groups at +2, 3, 5, 6, 8 s;
 * stale DEX: the first three groups (30 accounts) together at +19 s, the other two never (the
 * feed stays at -2 %); fresh DEX: groups at +3.5 ... +10.5 s, 1.5-2.5 s behind the CEX.
 */
import { describe, expect, test } from 'vitest';
import { NS_PER_SEC } from '../../src/engine/time.js';
import { BOOK, LIQUIDATIONS, LIQUIDATION_EVENTS } from '../../src/model/tables.js';
import { runInMemory, type MemRun } from './dexRuns.js';

const JUMP_NS = 60 * NS_PER_SEC;
/** Liquidation distances of the groups and the cross-margin collateral that gives them (mmr 0.5 %). */
const GROUPS = [0.01, 0.015, 0.02, 0.025, 0.03];
const collateral = (d: number): number => Math.round(60_000 * (d + 0.005));

const YAML = (oracle: string): string => `
name: dex_oracle_lag
seed: 1
clock: { start_utc: "2026-03-27T00:00:00Z", duration: 2m }
underlying: { symbol: BTC, initial_price: 60000, fundamental: { vol: 0.2, grid: 1s } }
venues:
  cex:
    kind: cex
    instruments: [{ symbol: BTC-PERP, type: perp, tick_size: 0.5, lot_size: 0.001, maker_fee_bps: 0, taker_fee_bps: 4, max_leverage: 100 }]
    index: { method: ema, window: 5s }
  dex:
    kind: dex
    instruments: [{ symbol: BTC-PERP, type: perp, tick_size: 0.5, lot_size: 0.001, maker_fee_bps: 0, taker_fee_bps: 5, max_leverage: 100 }]
    latency: { order_entry: 50ms, response: 50ms, market_data: 100ms }
    chain: { preset: arbitrum }
    oracle: ${oracle}
agents:
  cex_makers: { kind: liquidity_provider, count: 2, venue: cex, instrument: BTC-PERP, reference: fundamental, levels: 10, size: 5, size_growth: 1.2, max_inventory: 1000, vol_threshold: 100 }
  dex_makers: { kind: liquidity_provider, count: 2, venue: dex, instrument: BTC-PERP, reference: fundamental, levels: 10, size: 5, size_growth: 1.2, max_inventory: 1000, vol_threshold: 100 }
${GROUPS.flatMap((d, g) =>
  ['cex', 'dex'].map(
    (v) => `  ${v}_longs_${g}: { kind: shock, count: 10, venue: ${v}, instrument: BTC-PERP, collateral: ${collateral(d)}, leverage: 100, margin_mode: cross, orders: [{ at: 5s, side: buy, size: 1 }] }`,
  ),
).join('\n')}
schedule:
  - { at: 60s, action: fundamental_jump, log_return: -0.04 }
`;

const STALE = '{ preset: chainlink, deviation: 0.02, source: { venue: cex, instrument: BTC-PERP } }';
const FRESH = '{ preset: pyth, source: { venue: cex, instrument: BTC-PERP } }';
const SEEDS = [1, 2, 3];

interface Liquidation {
  readonly group: number;
  /** Seconds after the jump. */
  readonly tS: number;
  readonly mark: number;
}

/** Liquidation starts (`triggered` rows) per venue, with the account's group. */
function liquidations(run: MemRun, venue: 'cex' | 'dex'): Liquidation[] {
  const trig = LIQUIDATION_EVENTS.indexOf('triggered');
  const id = run.id(venue);
  return run
    .table(LIQUIDATIONS)
    .objects()
    .filter((r) => r.event === trig && r.venue === id)
    .map((r) => {
      const name = run.plan.agentNames[r.account as number] as string;
      const g = Number(/_longs_(\d+)\//.exec(name)?.[1]);
      return { group: g, tS: ((r.t_ns as number) - JUMP_NS) / NS_PER_SEC, mark: r.mark as number };
    });
}

const byGroup = (ls: readonly Liquidation[], g: number): number[] => ls.filter((l) => l.group === g).map((l) => l.tS);
const distinct = (xs: readonly number[]): number[] => [...new Set(xs)].sort((a, b) => a - b);

/** The DEX index (its oracle price) in the `book` row sampled at `tS` seconds after the jump. */
function dexIndexAt(run: MemRun, tS: number): number {
  const t = JUMP_NS + Math.round(tS) * NS_PER_SEC;
  const row = run.table(BOOK).objects().find((r) => r.venue === run.id('dex') && r.t_ns === t);
  if (row === undefined) throw new Error(`no dex book row at ${t}`);
  return row.index as number;
}

describe('dex oracle: a stale oracle delays DEX liquidations, then releases them together', () => {
  for (const seed of SEEDS) {
    test(`seed ${seed}`, () => {
      const stale = runInMemory('mem/dex_oracle_stale.yaml', [LIQUIDATIONS, BOOK], { seed, text: YAML(STALE) });
      const fresh = runInMemory('mem/dex_oracle_fresh.yaml', [LIQUIDATIONS], { seed, text: YAML(FRESH) });
      const cex = liquidations(stale, 'cex');
      const dex = liquidations(stale, 'dex');

      // The CEX liquidates every group, one after another as its mark slides (>= 3 instants over >= 3 s).
      expect(cex).toHaveLength(10 * GROUPS.length);
      const cexTimes = distinct(cex.map((l) => l.tS));
      expect(cexTimes.length).toBeGreaterThanOrEqual(3);
      expect((cexTimes.at(-1) as number) - (cexTimes[0] as number)).toBeGreaterThanOrEqual(3);

      // Delayed: each DEX liquidation comes at least 8 s (oracle delay 12 s) after its group's last CEX one.
      expect(dex.length).toBeGreaterThanOrEqual(20);
      for (const l of dex) expect(l.tS - Math.max(...byGroup(cex, l.group))).toBeGreaterThanOrEqual(8);

      // Together: groups the CEX took at different instants go in one DEX block, when the oracle updates.
      const dexTimes = distinct(dex.map((l) => l.tS));
      expect(dexTimes).toHaveLength(1);
      const batchS = dexTimes[0] as number;
      const groupsInBatch = distinct(dex.map((l) => l.group));
      expect(groupsInBatch.length).toBeGreaterThanOrEqual(2);
      expect(distinct(groupsInBatch.flatMap((g) => byGroup(cex, g))).length).toBeGreaterThanOrEqual(2);
      // The oracle price they were liquidated at is new: the DEX index a second before was >= 1.5 % higher.
      const markAtBatch = dex[0]?.mark as number;
      expect(dexIndexAt(stale, Math.floor(batchS) - 1)).toBeGreaterThan(markAtBatch * 1.015);
      // Stale: the feed never reaches -3 %, so the deepest group outlives the run on the DEX.
      expect(byGroup(dex, GROUPS.length - 1)).toEqual([]);

      // Control: with a fresh oracle the same DEX follows the CEX (within 4 s per group) and spreads out.
      const fdex = liquidations(fresh, 'dex');
      const fcex = liquidations(fresh, 'cex');
      expect(fdex).toHaveLength(10 * GROUPS.length);
      for (const l of fdex) expect(l.tS - Math.max(...byGroup(fcex, l.group))).toBeLessThan(4);
      expect(distinct(fdex.map((l) => l.tS)).length).toBeGreaterThanOrEqual(3);
    }, 20_000);
  }
});
