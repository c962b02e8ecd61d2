/** DexVenue in a tiny kernel world: block-time execution, same-block cancel, fee order, expiry, oracle-gated liquidations. */
import { describe, expect, it } from 'vitest';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { MsgKind, OrderType, Reason } from '../../../src/model/messages.js';
import { Side } from '../../../src/model/side.js';
import { LIQUIDATIONS, ORDERS, TRADES, ORDER_EVENTS } from '../../../src/model/tables.js';
import { DEFAULT_DEX_CHAIN, TxOutcome } from '../../../src/venue/dex/index.js';
import { DEX, makeDexWorld, order, type DexWorld, type ScriptedTrader as T } from './harness.js';

const S = NS_PER_SEC;
const MS = 1_000_000;
/** 1 s blocks, no funding: round numbers. */
const chain1s = { ...DEFAULT_DEX_CHAIN, blockTimeNs: S, defaultDeadlineNs: 60 * S };
const PX = 500_000; // 50,000.0 at tick 0.1

function spotWorld(extra: Parameters<typeof makeDexWorld>[0] = {}): DexWorld {
  return makeDexWorld({ traders: 2, instruments: ['spot'], dex: { chain: chain1s, funding: null }, ...extra });
}

describe('DexVenue: orders execute at blocks', () => {
  it('an order rests only at the next block, and a taker fills only at the block after its arrival', () => {
    const w = spotWorld();
    const [maker, taker] = w.traders as [T, T];
    const seen: [number, number][] = [];
    maker.at(100 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Sell, OrderType.Limit, PX + 10, 1000, 1)));
    for (const t of [900 * MS, 1500 * MS]) maker.at(t, (c) => seen.push([c.now, c.market(DEX, 0).askLots]));
    taker.at(1300 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Buy, OrderType.Market, 0, 10, 2)));
    w.kernel.runUntil(3 * S);
    expect(seen).toEqual([[900 * MS, 0], [1500 * MS, 1000]]);
    const inc = maker.got(MsgKind.TxIncluded);
    expect(inc).toMatchObject([{ t: S, clientOrderId: 1, aux0: TxOutcome.Included, aux1: 900 * MS, aux2: 1, aux3: MsgKind.SubmitOrder }]);
    expect(maker.got(MsgKind.OrderAccepted).map((m) => m.t)).toEqual([S]);
    // TxIncluded reaches the sender before the command's own replies.
    expect(maker.inbox.map((m) => m.kind).slice(0, 2)).toEqual([MsgKind.TxIncluded, MsgKind.OrderAccepted]);
    expect(taker.got(MsgKind.OrderFilled)).toMatchObject([{ t: 2 * S, priceTicks: PX + 10, sizeLots: 10 }]);
    expect(w.table(TRADES).col('t_ns')).toEqual([2 * S]);
  });

  it('a cancel sent after its order executes in the same block: nothing ever rests', () => {
    const w = spotWorld();
    const [a, b] = w.traders as [T, T];
    a.at(200 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Sell, OrderType.Limit, PX, 5, 7)));
    a.at(300 * MS, (_c, me) => me.send(DEX, MsgKind.CancelOrder, (m) => { m.instrument = 0; m.clientOrderId = 7; }));
    b.at(1200 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Buy, OrderType.Market, 0, 1, 1)));
    w.kernel.runUntil(3 * S);
    expect(a.got(MsgKind.OrderAccepted).map((m) => m.t)).toEqual([S]);
    expect(a.got(MsgKind.OrderCanceled)).toMatchObject([{ t: S, clientOrderId: 7, sizeLots: 5 }]);
    expect(a.got(MsgKind.TxIncluded).map((m) => [m.aux3, m.aux2])).toEqual([[MsgKind.SubmitOrder, 1], [MsgKind.CancelOrder, 1]]);
    expect(b.got(MsgKind.OrderRejected)).toMatchObject([{ t: 2 * S, reason: Reason.NoLiquidity }]);
  });

  it('a cancel paying a higher fee runs first in the block: it misses, and the order rests', () => {
    const w = spotWorld();
    const a = w.traders[0] as T;
    a.at(200 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Sell, OrderType.Limit, PX, 5, 7)));
    a.at(300 * MS, (_c, me) => me.send(DEX, MsgKind.CancelOrder, (m) => { m.instrument = 0; m.clientOrderId = 7; m.aux0 = 5; }));
    w.kernel.runUntil(2 * S);
    expect(a.got(MsgKind.OrderRejected)).toMatchObject([{ t: S, clientOrderId: 7, reason: Reason.UnknownOrder }]);
    expect(a.got(MsgKind.OrderAccepted)).toHaveLength(1);
    expect(w.dex.snapshotAt(0, 2 * S, { tNs: 0, bidTicks: 0, bidLots: 0, askTicks: 0, askLots: 0, lastTicks: 0, indexTicks: 0, markTicks: 0, halted: false }).askLots).toBe(5);
  });
});

describe('DexVenue: congestion and deadlines', () => {
  // Window [0, 10 s): 2 s blocks and a fee floor of 50 units.
  const congested = { chain: chain1s, funding: null, congestion: [{ startNs: 0, endNs: 10 * S, blockTimeNs: 2 * S, minPriorityFee: 50 }] };

  it('a low-fee transaction past its deadline is reported expired; a high-fee one is included; a patient one lands late', () => {
    const w = makeDexWorld({ traders: 3, instruments: ['spot'], dex: congested });
    const [low, high, patient] = w.traders as [T, T, T];
    low.at(500 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, (m) => { order(0, Side.Sell, OrderType.Limit, PX + 50, 3, 11)(m); m.aux1 = 3 * S; }));
    high.at(500 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, (m) => { order(0, Side.Sell, OrderType.Limit, PX + 60, 4, 12)(m); m.aux0 = 60; m.aux2 = 3 * S; }));
    patient.at(500 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Sell, OrderType.Limit, PX + 70, 5, 13)));
    w.kernel.runUntil(12 * S);
    // Blocks at 2, 4, 6, 8, 10 (2 s inside the window), then every second: 11, 12.
    // The high-fee one targets 3 s (included in time); the patient one targets arrival + 1 s.
    expect(high.got(MsgKind.TxIncluded)).toMatchObject([{ t: 2 * S, aux0: TxOutcome.Included, aux1: 1500 * MS, aux2: 1 }]);
    expect(low.got(MsgKind.OrderExpired)).toMatchObject([{ t: 4 * S, clientOrderId: 11, reason: Reason.DeadlineMissed, aux0: TxOutcome.Dropped, aux1: 3500 * MS }]);
    expect(low.got(MsgKind.OrderAccepted)).toHaveLength(0);
    expect(patient.got(MsgKind.TxIncluded)).toMatchObject([{ t: 10 * S, aux0: TxOutcome.Late, aux1: 9500 * MS, aux2: 5 }]);
    const expired = w.table(ORDERS).objects().filter((r) => r.event === ORDER_EVENTS.indexOf('expired'));
    expect(expired).toMatchObject([{ t_ns: 4 * S, agent: w.id(0), client_order_id: 11, reason: Reason.DeadlineMissed }]);
    expect(expired[0]?.size).toBeCloseTo(0.003, 12);
    expect([w.dex.producer.blockNumber, w.dex.producer.includedTotal, w.dex.producer.expiredTotal]).toEqual([7, 2, 1]);
  });

  it('drops arrivals in a drop window (Reason.Dropped) and is reproducible', () => {
    const run = (): number[] => {
      const w = makeDexWorld({ traders: 1, instruments: ['spot'], dex: { chain: chain1s, funding: null, congestion: [{ startNs: 0, endNs: 100 * S, dropProbability: 0.5 }] } });
      const t = w.traders[0] as T;
      for (let i = 1; i <= 40; i++) t.at(i * 100 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Sell, OrderType.Limit, PX + i, 1, i)));
      w.kernel.runUntil(6 * S);
      const dropped = t.got(MsgKind.OrderExpired);
      expect(dropped.every((m) => m.reason === Reason.Dropped && m.aux1 === 0)).toBe(true);
      expect(dropped.length + t.got(MsgKind.OrderAccepted).length).toBe(40);
      return dropped.map((m) => m.clientOrderId);
    };
    const a = run();
    expect(a.length).toBeGreaterThan(8);
    expect(a.length).toBeLessThan(32);
    expect(run()).toEqual(a);
  });
});

describe('DexVenue: liquidations follow the oracle', () => {
  /**
   * Two leveraged longs buy at 50,000 at 2 s; the fundamental drops to 45,000 at 10 s and a
   * seller dumps into the maker's 44,000 bid at the 11 s block. The oracle observes every second
   * and publishes `delayNs` after a 0.5 % move.
   */
  function liqWorld(delayNs: number): DexWorld {
    const w = makeDexWorld({
      traders: 4,
      instruments: ['perp'],
      dex: { chain: chain1s, funding: null, oracle: { deviation: 0.005, heartbeatNs: 3600 * S, delayNs, source: { kind: 'fundamental' }, observeIntervalNs: S } },
      fundamental: (t) => (t >= 10 * S ? 45_000 : 50_000),
    });
    w.dex.openAccount(w.id(0), { leverage: 10, collateralUnits: 10_000_000 * 10_000 });
    w.dex.openAccount(w.id(1), { leverage: 50, collateralUnits: 1_500 * 10_000 });
    w.dex.openAccount(w.id(2), { leverage: 50, collateralUnits: 2_000 * 10_000 });
    w.dex.openAccount(w.id(3), { leverage: 10, collateralUnits: 1_000_000 * 10_000 });
    const [maker, l1, l2, dumper] = w.traders as [T, T, T, T];
    maker.at(100 * MS, (_c, me) => {
      me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Sell, OrderType.Limit, PX, 2000, 1));
      me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Buy, OrderType.Limit, 440_000, 5000, 2));
    });
    l1.at(1100 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Buy, OrderType.Market, 0, 1000, 1)));
    l2.at(1100 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Buy, OrderType.Market, 0, 1000, 1)));
    dumper.at(10_500 * MS, (_c, me) => me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Sell, OrderType.Market, 0, 100, 1)));
    return w;
  }

  const cases = [
    // The drop is observed at 10 s; the round lands at 15 s: first block at or after it.
    { name: 'stale oracle (5 s delay): both fire together at 15 s, not when the book trades at 44,000 (11 s)', delayNs: 5 * S, wantNs: 15 * S },
    // No delay: blocks run last at their instant, so the 10 s observation makes the 10 s block.
    { name: 'fresh oracle (no delay): both fire at the 10 s block', delayNs: 0, wantNs: 10 * S },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const w = liqWorld(c.delayNs);
      w.kernel.runUntil(20 * S);
      const [, l1, l2, dumper] = w.traders as [T, T, T, T];
      expect(l1.got(MsgKind.OrderFilled)).toMatchObject([{ t: 2 * S, sizeLots: 1000 }]);
      expect(l2.got(MsgKind.OrderFilled)).toMatchObject([{ t: 2 * S, sizeLots: 1000 }]);
      expect(dumper.got(MsgKind.OrderFilled)).toMatchObject([{ t: 11 * S, priceTicks: 440_000 }]);
      expect(w.dex.oracle.publishedAtNs).toBe(10 * S + c.delayNs);
      expect(l1.got(MsgKind.PositionLiquidated).map((m) => m.t)).toEqual([c.wantNs]);
      expect(l2.got(MsgKind.PositionLiquidated).map((m) => m.t)).toEqual([c.wantNs]);
      const triggered = w.table(LIQUIDATIONS).objects().filter((r) => r.event === 0);
      expect(triggered.map((r) => [r.t_ns, r.account])).toEqual([[c.wantNs, w.id(1)], [c.wantNs, w.id(2)]]);
      expect(triggered.every((r) => r.mark === 45_000)).toBe(true);
    });
  }

  it('is deterministic: two runs give the same messages', () => {
    const dump = (w: DexWorld): string => JSON.stringify(w.traders.map((t) => t.inbox));
    const a = liqWorld(5 * S);
    a.kernel.runUntil(20 * S);
    const b = liqWorld(5 * S);
    b.kernel.runUntil(20 * S);
    expect(dump(b)).toBe(dump(a));
  });
});
