/**
 * `kind: dex` venues through the scenario layer (issue 6): resolve (presets, oracle source,
 * congestion entries), the world builder (a DexVenue with the scheduled windows, the arbitrageur's
 * accounts on both venues, the oracle reading the CEX) and a short run of
 * test/fixtures/scenarios/good/dex.yaml in memory: both books trade, the schedule table records
 * the window, a dealer paying above the window's fee floor lands its hedges inside it (outcome
 * included/late) while the default fee is dropped, and the same seed gives the same trades.
 */
import { describe, expect, test } from 'vitest';
import { NS_PER_MS, NS_PER_SEC } from '../../../src/engine/time.js';
import { HEDGES, HEDGE_EVENTS, HEDGE_OUTCOMES, SCHEDULE, TRADES } from '../../../src/model/tables.js';
import { AGENT_KINDS } from '../../../src/scenario/agentKinds.js';
import { canonicalJson } from '../../../src/scenario/canonical.js';
import { loadScenario } from '../../../src/scenario/load.js';
import type { ResolvedScenario, ResolvedVenue } from '../../../src/scenario/resolvedTypes.js';
import { scheduledWindowsOf } from '../../../src/scenario/venueConfig.js';
import { DexVenue } from '../../../src/venue/dex/index.js';
import { CexVenue } from '../../../src/venue/cexVenue.js';
import { runInMemory } from '../../science/dexRuns.js';

const FILE = 'test/fixtures/scenarios/good/dex.yaml';
const load = (set: string[] = []): ResolvedScenario => loadScenario(FILE, { kinds: AGENT_KINDS, set }).scenario;
const dexOf = (s: ResolvedScenario): Extract<ResolvedVenue, { kind: 'dex' }> => {
  const v = s.venues.find((x) => x.kind === 'dex');
  if (v === undefined || v.kind !== 'dex') throw new Error('no dex venue');
  return v;
};

describe('resolve: kind dex', () => {
  test('presets and overrides become the chain, oracle and windows in ns and fee units', () => {
    const s = load();
    const d = dexOf(s).dex;
    // arbitrum preset (100 per block, no base fee) with block_time overridden; defaults 1 fee unit / 300 s.
    expect(d.chain).toEqual({ blockTimeNs: 500 * NS_PER_MS, blockCapacity: 100, minPriorityFee: 0, defaultPriorityFee: 1, defaultDeadlineNs: 300 * NS_PER_SEC });
    // pyth preset: 400 ms pull updates; the source names the CEX mid.
    expect(d.oracle.heartbeatNs).toBeGreaterThan(0);
    expect(d.source).toEqual({ venue: 'cex', instrument: 'BTC-PERP', field: 'mid' });
    expect(d.congestion).toEqual([]);
    expect(dexOf(s).options).toBeNull();
  });

  test('the ethereum preset: 12 s blocks with the EIP-1559 base fee', () => {
    const d = dexOf(load(['venues.dex.chain={preset: ethereum}'])).dex;
    expect(d.chain.blockTimeNs).toBe(12 * NS_PER_SEC);
    expect(d.chain.eip1559).toBeDefined();
  });

  test('a cex venue resolves with its own keys and no dex key', () => {
    const cex = load().venues[0] as ResolvedVenue;
    expect(cex.kind).toBe('cex');
    expect(Object.keys(cex).sort()).toEqual(['index', 'instruments', 'kind', 'latency', 'liquidation', 'marketProtectionBps', 'name', 'options']);
  });

  test.each([
    ['extra_latency adds to the chain block time', '{at: 10s, action: congestion, venue: dex, duration: 5s, extra_latency: 1500ms}', { startNs: 10 * NS_PER_SEC, endNs: 15 * NS_PER_SEC, blockTimeNs: 2000 * NS_PER_MS }],
    ['block_time overrides extra_latency', '{at: 10s, action: congestion, venue: dex, duration: 5s, extra_latency: 1s, block_time: 12s}', { startNs: 10 * NS_PER_SEC, endNs: 15 * NS_PER_SEC, blockTimeNs: 12 * NS_PER_SEC }],
    [
      'fee floor, capacity and drops pass through',
      '{at: 1s, action: congestion, venue: dex, duration: 2s, min_priority_fee: 50, block_capacity: 0, drop_probability: 0.25}',
      { startNs: NS_PER_SEC, endNs: 3 * NS_PER_SEC, minPriorityFee: 50, blockCapacity: 0, dropProbability: 0.25 },
    ],
  ])('schedule congestion -> DEX window: %s', (_name, entry, window) => {
    const s = load([`schedule=[${entry}]`]);
    expect(scheduledWindowsOf(s, dexOf(s))).toEqual([window]);
  });
});

describe('world: kind dex', () => {
  const run = runInMemory(FILE, [TRADES, HEDGES, SCHEDULE]);

  test('builds a DexVenue with the scheduled window and the oracle on the CEX mid', () => {
    const [cex, dex] = run.world.venues;
    expect(cex).toBeInstanceOf(CexVenue);
    expect(dex).toBeInstanceOf(DexVenue);
    const cfg = (dex as DexVenue).cfg;
    expect(cfg.congestion).toEqual([{ startNs: 30 * NS_PER_SEC, endNs: 60 * NS_PER_SEC, blockTimeNs: 2000 * NS_PER_MS, minPriorityFee: 20 }]);
    expect(cfg.oracle.source).toEqual({ kind: 'venue', venueId: run.id('cex'), instrumentId: 0, field: 'mid' });
  });

  test('the arbitrageur trades on both venues (accounts opened at each)', () => {
    const t = run.table(TRADES).objects();
    const arb = run.id('arb/0');
    const venuesTraded = new Set(t.filter((r) => r.maker === arb || r.taker === arb).map((r) => r.venue));
    expect([...venuesTraded].sort()).toEqual([run.id('cex'), run.id('dex')].sort());
  });

  test('the schedule table records the window start and end at their times', () => {
    const rows = run.table(SCHEDULE).objects();
    const actions = (SCHEDULE.columns[SCHEDULE.col.action]?.type as { values: readonly string[] }).values;
    const congestion = rows.filter((r) => (actions[r.action as number] ?? '').startsWith('congestion'));
    expect(congestion.map((r) => [r.t_ns, actions[r.action as number], r.target])).toEqual([
      [30 * NS_PER_SEC, 'congestion_start', run.id('dex')],
      [60 * NS_PER_SEC, 'congestion_end', run.id('dex')],
    ]);
  });

  const inWindow = (r: Record<string, number>): boolean => (r.t_ns as number) >= 30 * NS_PER_SEC && (r.t_ns as number) < 60 * NS_PER_SEC;
  const ev = (name: (typeof HEDGE_EVENTS)[number]): number => HEDGE_EVENTS.indexOf(name);
  const out = (name: (typeof HEDGE_OUTCOMES)[number]): number => HEDGE_OUTCOMES.indexOf(name);

  test('default-fee hedges are dropped inside the fee-floor window; fills outside carry included/late', () => {
    const h = run.table(HEDGES).objects();
    expect(h.filter((r) => r.event === ev('fill') && inWindow(r))).toEqual([]);
    const expired = h.filter((r) => r.event === ev('expire') && inWindow(r));
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.every((r) => r.outcome === out('dropped'))).toBe(true);
    const fills = h.filter((r) => r.event === ev('fill'));
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.every((r) => r.outcome === out('included') || r.outcome === out('late'))).toBe(true);
  });

  test('a dealer paying above the floor (execution.priority_fee) lands hedges inside the window', () => {
    const paid = runInMemory(FILE, [HEDGES], { set: ['agents.dealer.execution={deadline: 5s, priority_fee: 50}'] });
    const h = paid.table(HEDGES).objects();
    const fills = h.filter((r) => r.event === ev('fill') && inWindow(r));
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.every((r) => r.outcome === out('included') || r.outcome === out('late'))).toBe(true);
    expect(h.filter((r) => r.event === ev('expire'))).toEqual([]);
  });

  test('same seed, same trades (and a different seed differs)', () => {
    const again = runInMemory(FILE, [TRADES]);
    expect(canonicalJson(again.table(TRADES).rows)).toBe(canonicalJson(run.table(TRADES).rows));
    const other = runInMemory(FILE, [TRADES], { seed: 4 });
    expect(canonicalJson(other.table(TRADES).rows)).not.toBe(canonicalJson(run.table(TRADES).rows));
  });
});
