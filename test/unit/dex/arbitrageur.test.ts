/** Arbitrageur between a CEX and a DEX book: closes a gap above fees + threshold, idle below, position limits, schema. */
import { describe, expect, it } from 'vitest';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { RandomStream } from '../../../src/engine/rng.js';
import { MsgKind, OrderType } from '../../../src/model/messages.js';
import { Side } from '../../../src/model/side.js';
import { TRADES } from '../../../src/model/tables.js';
import type { AgentEnv } from '../../../src/agents/kind.js';
import { Arbitrageur, arbitrageurKind, arbitrageurSchema } from '../../../src/agents/arbitrageur.js';
import { DEFAULT_DEX_CHAIN } from '../../../src/venue/dex/index.js';
import { CEX, DEX, makeDexWorld, order, type DexWorld, type ScriptedTrader } from './harness.js';

const S = NS_PER_SEC;
const MS = 1_000_000;
const UNITS = 10_000;

/** Ticks of a price at tick 0.1. */
const tk = (price: number): number => Math.round(price * 10);

interface Quote {
  side: number;
  price: number;
  /** Base units (lot 0.001). */
  size: number;
}

interface Case {
  name: string;
  /** DEX maker's quotes; the CEX maker quotes 49,995 / 50,005, 10 BTC each. */
  dex: Quote[];
  params?: Record<string, unknown>;
  /** DEX congestion windows. */
  congestion?: { startNs: number; endNs: number; minPriorityFee: number }[];
}

function env(w: DexWorld, name: string): AgentEnv {
  return {
    group: 'arb',
    index: 0,
    name,
    groupSize: 1,
    output: { greeksIntervalNs: 60e9, gexProfileRange: 0.1, gexProfilePoints: 21 },
    venueId: (v) => (v === 'dex' ? DEX : CEX),
    instrument: (v) => (v === 'dex' ? w.dex : (w.cex as NonNullable<DexWorld['cex']>)).instrumentInfo(0),
    optionSeries: () => [],
    groupMembers: () => [],
    initialPrice: 50_000,
    stream: (purpose) => RandomStream.derive(7, `agent/${name}/${purpose}`),
  };
}

/** CEX maker (trader 0), DEX maker (trader 1) and the arbitrageur; runs 20 s. */
function run(c: Case): { w: DexWorld; arb: Arbitrageur } {
  const params = arbitrageurSchema.parse({
    kind: 'arbitrageur',
    venue: 'cex',
    instrument: 'BTCUSDT-PERP',
    other_venue: 'dex',
    other_instrument: 'BTCUSDT-PERP',
    ...c.params,
  });
  let arb: Arbitrageur | null = null;
  const w = makeDexWorld({
    traders: 2,
    instruments: ['perp'],
    withCex: true,
    orderLatencyNs: MS,
    dex: { chain: { ...DEFAULT_DEX_CHAIN, blockTimeNs: S }, funding: null, congestion: c.congestion ?? [] },
    actors: [['arb/0', { onStart: (ctx) => (arb as Arbitrageur).onStart(ctx), onWakeup: (ctx, tag) => (arb as Arbitrageur).onWakeup(ctx, tag), onMessage: (ctx, m, f) => (arb as Arbitrageur).onMessage(ctx, m, f) }]],
  });
  arb = arbitrageurKind.create(params, env(w, 'arb/0')) as Arbitrageur;
  const cex = w.cex as NonNullable<DexWorld['cex']>;
  for (const id of [w.id(0), w.id(1), w.actorId(0)]) {
    w.dex.openAccount(id, { leverage: 10, collateralUnits: 10_000_000 * UNITS });
    cex.openAccount(id, { leverage: 10, collateralUnits: 10_000_000 * UNITS });
  }
  const [cexMaker, dexMaker] = w.traders as [ScriptedTrader, ScriptedTrader];
  cexMaker.at(10 * MS, (_c, me) => {
    me.send(CEX, MsgKind.SubmitOrder, order(0, Side.Buy, OrderType.Limit, tk(49_995), 10_000, 1));
    me.send(CEX, MsgKind.SubmitOrder, order(0, Side.Sell, OrderType.Limit, tk(50_005), 10_000, 2));
  });
  dexMaker.at(10 * MS, (_c, me) => c.dex.forEach((q, i) => me.send(DEX, MsgKind.SubmitOrder, order(0, q.side, OrderType.Limit, tk(q.price), Math.round(q.size * 1000), i + 1))));
  w.kernel.runUntil(20 * S);
  return { w, arb };
}

/** Arbitrageur trades (as maker or taker) by venue: [venue, signed base size] per trade. */
function arbTrades(w: DexWorld): { venue: number; size: number }[] {
  const me = w.actorId(0);
  return w
    .table(TRADES)
    .objects()
    .filter((r) => r.taker === me || r.maker === me)
    .map((r) => ({ venue: r.venue as number, size: (r.taker === me ? (r.aggressor_side === 1 ? 1 : -1) : r.aggressor_side === 1 ? -1 : 1) * (r.size as number) }));
}

/** The best DEX bid and ask as the venue shows them at the end (quote currency). */
function dexTop(w: DexWorld): [number, number] {
  const s = w.dex.snapshotAt(0, 20 * S, { tNs: 0, bidTicks: 0, bidLots: 0, askTicks: 0, askLots: 0, lastTicks: 0, indexTicks: 0, markTicks: 0, halted: false });
  return [s.bidLots > 0 ? s.bidTicks / 10 : Number.NaN, s.askLots > 0 ? s.askTicks / 10 : Number.NaN];
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('Arbitrageur', () => {
  it('closes a DEX bid above the CEX ask by more than fees + threshold (20 bps), and stops inside it', () => {
    const { w, arb } = run({
      name: 'rich DEX bid',
      dex: [
        { side: Side.Buy, price: 50_400, size: 0.2 },
        { side: Side.Buy, price: 50_200, size: 0.2 },
        { side: Side.Buy, price: 50_050, size: 5 }, // 9 bps over the CEX ask: not worth it
        { side: Side.Sell, price: 50_500, size: 5 },
      ],
    });
    const t = arbTrades(w);
    const cexSize = sum(t.filter((x) => x.venue === CEX).map((x) => x.size));
    const dexSize = sum(t.filter((x) => x.venue === DEX).map((x) => x.size));
    // Bought 0.4 on the CEX, sold 0.4 on the DEX (0.1 per arbitrage, 4 of them).
    expect(cexSize).toBeCloseTo(0.4, 9);
    expect(dexSize).toBeCloseTo(-0.4, 9);
    expect(arb.arbitrages).toBe(4);
    expect(arb.netBase()).toBeCloseTo(0, 9);
    // The rich levels are gone; the gap left (50,050 vs 50,005) is under fees + threshold.
    const [bid] = dexTop(w);
    expect(bid).toBe(50_050);
    expect(((bid - 50_005) / 50_002.5) * 10_000).toBeLessThan(20);
  });

  it('buys the DEX and sells the CEX when the DEX ask is below the CEX bid', () => {
    const { w, arb } = run({ name: 'cheap DEX ask', dex: [{ side: Side.Sell, price: 49_700, size: 0.25 }, { side: Side.Buy, price: 49_500, size: 1 }] });
    const t = arbTrades(w);
    expect(sum(t.filter((x) => x.venue === DEX).map((x) => x.size))).toBeCloseTo(0.25, 9);
    expect(sum(t.filter((x) => x.venue === CEX).map((x) => x.size))).toBeCloseTo(-0.25, 9);
    expect(arb.arbitrages).toBe(3); // 0.1 + 0.1 + 0.05 (the visible size left)
  });

  const idle: Case[] = [
    { name: 'gap below fees + threshold (DEX bid 9 bps over the CEX ask)', dex: [{ side: Side.Buy, price: 50_050, size: 5 }, { side: Side.Sell, price: 50_060, size: 5 }] },
    { name: 'gap above fees but below fees + threshold (15 bps < 5 + 5 + 10)', dex: [{ side: Side.Buy, price: 50_080, size: 5 }, { side: Side.Sell, price: 50_090, size: 5 }] },
    { name: 'a one-sided DEX book', dex: [{ side: Side.Buy, price: 50_400, size: 5 }] },
  ];
  for (const c of idle) {
    it(`stays idle: ${c.name}`, () => {
      const { w, arb } = run(c);
      expect(arbTrades(w)).toEqual([]);
      expect(arb.arbitrages).toBe(0);
    });
  }

  it('trades a 15 bps gap when the threshold is 0', () => {
    const { arb } = run({ name: 'no threshold', dex: [{ side: Side.Buy, price: 50_080, size: 0.1 }, { side: Side.Sell, price: 50_090, size: 5 }], params: { threshold_bps: 0 } });
    expect(arb.arbitrages).toBe(1);
  });

  it('respects the position limit on each venue', () => {
    const { w, arb } = run({ name: 'deep rich bid', dex: [{ side: Side.Buy, price: 50_400, size: 50 }, { side: Side.Sell, price: 50_500, size: 5 }], params: { size: 0.3, max_position: 1 } });
    const t = arbTrades(w);
    expect(sum(t.filter((x) => x.venue === CEX).map((x) => x.size))).toBeCloseTo(1, 9);
    expect(sum(t.filter((x) => x.venue === DEX).map((x) => x.size))).toBeCloseTo(-1, 9);
    expect(arb.arbitrages).toBe(4); // 0.3 + 0.3 + 0.3 + 0.1
  });

  // From 1.5 s the DEX needs a priority fee of 5 (the makers' orders landed in the 1 s block).
  const floor = [{ startNs: 1500 * MS, endNs: 100 * S, minPriorityFee: 5 }];
  const rich = [{ side: Side.Buy, price: 50_400, size: 0.1 }, { side: Side.Sell, price: 50_500, size: 5 }];

  it('its DEX leg paying above the fee floor is included and the arbitrage completes', () => {
    const { w, arb } = run({ name: 'fee 7', dex: rich, congestion: floor, params: { priority_fee: 7, deadline: '3s' } });
    expect(sum(arbTrades(w).filter((x) => x.venue === DEX).map((x) => x.size))).toBeCloseTo(-0.1, 9);
    expect(arb.flattenings).toBe(0);
    expect(arb.netBase()).toBeCloseTo(0, 9);
  });

  it('its DEX leg below the fee floor expires at its deadline and the CEX leg is flattened', () => {
    const { w, arb } = run({ name: 'default fee', dex: rich, congestion: floor, params: { priority_fee: 0, deadline: '3s' } });
    expect(arbTrades(w).filter((x) => x.venue === DEX)).toEqual([]);
    expect(w.dex.executor.outcomes[3]).toBeGreaterThanOrEqual(1);
    expect(arb.flattenings).toBeGreaterThanOrEqual(1);
    // Each failed round trip buys on the CEX and sells back: never more than one leg open.
    expect(Math.abs(arb.netBase())).toBeLessThanOrEqual(0.1 + 1e-9);
  });

  it('schema: strict, with defaults, and rejects the same venue twice', () => {
    const p = arbitrageurSchema.parse({ kind: 'arbitrageur', venue: 'cex', instrument: 'X', other_venue: 'dex', other_instrument: 'X' });
    expect(p).toMatchObject({ count: 1, threshold_bps: 10, taker_fee_bps: 5, size: 0.1, max_position: 1, check_interval: 100 * MS, priority_fee: 0, deadline: 0 });
    expect(() => arbitrageurSchema.parse({ ...p, kind: 'arbitrageur', check_interval: '1s', leg_timeout: '1s', deadline: '0s', bogus: 1 })).toThrow();
    expect(() => arbitrageurSchema.parse({ kind: 'arbitrageur', venue: 'a', instrument: 'X', other_venue: 'a', other_instrument: 'X' })).toThrow(/differ/);
  });
});
