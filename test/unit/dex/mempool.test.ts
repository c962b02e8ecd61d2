/** Mempool, congestion schedule and block producer: ordering, capacity, fee floor, deadlines, determinism. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MsgKind, Reason, newMessage, resetMessage, type Message } from '../../../src/model/messages.js';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { RandomStream } from '../../../src/engine/rng.js';
import { Mempool, TxOutcome, type TxSink, type TxView } from '../../../src/venue/dex/mempool.js';
import { CongestionSchedule, ETHEREUM_EIP1559, nextBaseFee } from '../../../src/venue/dex/congestion.js';
import { BlockProducer } from '../../../src/venue/dex/blockProducer.js';

interface Ev {
  what: 'in' | 'out';
  txId: number;
  from: number;
  coid: number;
  outcome: number;
  reason: number;
  block: number;
  t: number;
}

/** A sink that records every event (copying the reused view). */
function recorder(): TxSink & { evs: Ev[] } {
  const evs: Ev[] = [];
  return {
    evs,
    onIncluded(tx: Readonly<TxView>, outcome: number, block: number, t: number) {
      evs.push({ what: 'in', txId: tx.txId, from: tx.from, coid: tx.msg.clientOrderId, outcome, reason: 0, block, t });
    },
    onExpired(tx: Readonly<TxView>, reason: number, t: number) {
      evs.push({ what: 'out', txId: tx.txId, from: tx.from, coid: tx.msg.clientOrderId, outcome: TxOutcome.Dropped, reason, block: 0, t });
    },
  };
}

const msg: Message = newMessage();
function submit(coid: number): Message {
  resetMessage(msg, MsgKind.SubmitOrder);
  msg.clientOrderId = coid;
  return msg;
}

const FAR = 1e15;

describe('Mempool ordering', () => {
  it('includes by priority fee (highest first), then by arrival', () => {
    const mp = new Mempool(2);
    // [coid, fee]; arrivals in this order.
    const txs: [number, number][] = [[1, 5], [2, 9], [3, 5], [4, 0], [5, 9], [6, 7]];
    for (const [coid, fee] of txs) mp.add(0, 10 + coid, submit(coid), fee, FAR, FAR);
    const s = recorder();
    expect(mp.include(1, 1, 0, 100, s)).toBe(6);
    expect(s.evs.map((e) => e.coid)).toEqual([2, 5, 6, 1, 3, 4]);
    expect(s.evs.map((e) => e.from)).toEqual([12, 15, 16, 11, 13, 14]);
    expect(mp.size).toBe(0);
  });

  it('property: inclusion order equals a sort by (fee desc, arrival) over any fees, capacities and block splits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (fees, capacity) => {
          const mp = new Mempool(1);
          fees.forEach((f, i) => mp.add(i, 0, submit(i + 1), f, FAR, FAR));
          const s = recorder();
          let block = 0;
          while (mp.size > 0) {
            const n = mp.include(1000 + block, ++block, 0, capacity, s);
            expect(n).toBe(Math.min(capacity, fees.length - (block - 1) * capacity));
          }
          const want = fees.map((f, i) => ({ f, coid: i + 1 })).sort((a, b) => b.f - a.f || a.coid - b.coid).map((x) => x.coid);
          expect(s.evs.map((e) => e.coid)).toEqual(want);
          // tx ids are the arrival sequence, unique and increasing
          expect([...s.evs.map((e) => e.txId)].sort((a, b) => a - b)).toEqual(fees.map((_, i) => i + 1));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stops at the fee floor and keeps the rest pending', () => {
    const mp = new Mempool();
    [3, 10, 1, 10].forEach((fee, i) => mp.add(0, 0, submit(i + 1), fee, FAR, FAR));
    const s = recorder();
    expect(mp.include(5, 1, 4, 100, s)).toBe(2);
    expect(s.evs.map((e) => e.coid)).toEqual([2, 4]);
    expect(mp.size).toBe(2);
    expect(mp.include(6, 2, 0, 100, s)).toBe(2);
    expect(s.evs.map((e) => e.coid)).toEqual([2, 4, 1, 3]);
  });

  it('expires pending transactions past their deadline, in deadline order, and never includes them', () => {
    const mp = new Mempool();
    mp.add(0, 0, submit(1), 1, 50, FAR);
    mp.add(0, 0, submit(2), 1, 20, FAR);
    mp.add(0, 0, submit(3), 1, 100, FAR);
    const s = recorder();
    expect(mp.expireBefore(50, s)).toBe(1); // deadline 50 is still valid at t = 50
    expect(s.evs).toMatchObject([{ what: 'out', coid: 2, reason: Reason.DeadlineMissed, t: 50 }]);
    expect(mp.expireBefore(51, s)).toBe(1);
    expect(mp.include(51, 1, 0, 10, s)).toBe(1);
    expect(s.evs.map((e) => [e.what, e.coid])).toEqual([['out', 2], ['out', 1], ['in', 3]]);
    expect(mp.expireBefore(1000, s)).toBe(0); // the included one is not expired later
  });

  it('marks inclusion after the target time as late', () => {
    const mp = new Mempool();
    mp.add(0, 0, submit(1), 0, FAR, 10);
    mp.add(0, 0, submit(2), 0, FAR, 9);
    const s = recorder();
    mp.include(10, 1, 0, 10, s);
    expect(s.evs.map((e) => e.outcome)).toEqual([TxOutcome.Included, TxOutcome.Late]);
  });

  it('reuses slots after both heaps let go (no growth over many blocks)', () => {
    const mp = new Mempool(4);
    const s = recorder();
    for (let b = 1; b <= 500; b++) {
      for (let k = 0; k < 3; k++) mp.add(b, 0, submit(k), k, b + 1, FAR);
      mp.expireBefore(b, s);
      mp.include(b, b, 0, 2, s);
    }
    // Each block leaves its fee-0 transaction pending (deadline b + 1): it is outbid in block
    // b + 1 and expires at block b + 2, so blocks 3..500 expire one each and two stay pending.
    expect(s.evs.filter((e) => e.what === 'in')).toHaveLength(1000);
    expect(s.evs.filter((e) => e.what === 'out')).toHaveLength(498);
    expect(mp.size).toBe(2);
    // Stale heap entries are compacted once they outnumber the pending by 32: slots stay bounded.
    expect((mp as unknown as { highWater: number }).highWater).toBeLessThanOrEqual(64);
  });
});

describe('CongestionSchedule', () => {
  const chain = { blockTimeNs: 12 * NS_PER_SEC, blockCapacity: 100, minPriorityFee: 0 };
  const cases = [
    { name: 'before any window', t: 0, want: { blockTimeNs: 12 * NS_PER_SEC, blockCapacity: 100, minPriorityFee: 0, dropProbability: 0, congested: false } },
    { name: 'inside window A', t: 65 * NS_PER_SEC, want: { blockTimeNs: 24 * NS_PER_SEC, blockCapacity: 100, minPriorityFee: 50, dropProbability: 0, congested: true } },
    { name: 'A and B overlap: worst of each', t: 95 * NS_PER_SEC, want: { blockTimeNs: 24 * NS_PER_SEC, blockCapacity: 10, minPriorityFee: 80, dropProbability: 0.5, congested: true } },
    { name: 'end is exclusive', t: 120 * NS_PER_SEC, want: { blockTimeNs: 12 * NS_PER_SEC, blockCapacity: 10, minPriorityFee: 80, dropProbability: 0.5, congested: true } },
    { name: 'after all windows', t: 200 * NS_PER_SEC, want: { blockTimeNs: 12 * NS_PER_SEC, blockCapacity: 100, minPriorityFee: 0, dropProbability: 0, congested: false } },
  ];
  const sched = new CongestionSchedule(chain, [
    { startNs: 90 * NS_PER_SEC, endNs: 150 * NS_PER_SEC, blockCapacity: 10, minPriorityFee: 80, dropProbability: 0.5 },
    { startNs: 60 * NS_PER_SEC, endNs: 120 * NS_PER_SEC, blockTimeNs: 24 * NS_PER_SEC, minPriorityFee: 50 },
  ]);
  for (const c of cases) it(c.name, () => expect(sched.paramsAt(c.t)).toEqual(c.want));

  it('rejects bad windows and chains', () => {
    expect(() => new CongestionSchedule(chain, [{ startNs: 10, endNs: 10 }])).toThrow(/start < end/);
    expect(() => new CongestionSchedule({ ...chain, blockTimeNs: 0 })).toThrow(/block time/);
    expect(() => new CongestionSchedule(chain, [{ startNs: 0, endNs: 10, dropProbability: 2 }])).toThrow(/drop probability/);
  });
});

describe('BlockProducer', () => {
  const chain = { blockTimeNs: 10, blockCapacity: 2, minPriorityFee: 0 };

  it('produces blocks every block time and a window lengthens them', () => {
    const bp = new BlockProducer(new CongestionSchedule(chain, [{ startNs: 30, endNs: 100, blockTimeNs: 25 }]));
    const times: number[] = [];
    const s = recorder();
    while (bp.lastBlockNs < 150) {
      const t = bp.nextBlockNs();
      bp.produce(t, s);
      times.push(t);
    }
    expect(times).toEqual([10, 20, 30, 55, 80, 105, 115, 125, 135, 145, 155]);
    expect(bp.blockNumber).toBe(times.length);
  });

  it('holds low-fee transactions during a fee-floor window until their deadline, and includes high-fee ones', () => {
    const bp = new BlockProducer(new CongestionSchedule(chain, [{ startNs: 15, endNs: 45, minPriorityFee: 20 }]));
    const s = recorder();
    const rng = RandomStream.derive(1, 'test');
    bp.submit(12, 1, submit(1), 0, 35, 20, rng, s); // default fee, deadline 35
    bp.submit(13, 2, submit(2), 25, 1000, 20, rng, s); // pays above the floor
    bp.submit(14, 3, submit(3), 0, 1000, 20, rng, s); // default fee, long deadline
    for (let t = 20; t <= 60; t += 10) bp.produce(t, s);
    expect(s.evs.map((e) => [e.what, e.coid, e.t, e.outcome])).toEqual([
      ['in', 2, 20, TxOutcome.Included],
      ['out', 1, 40, TxOutcome.Dropped],
      ['in', 3, 50, TxOutcome.Late],
    ]);
    expect(s.evs[1]?.reason).toBe(Reason.DeadlineMissed);
    expect([bp.includedTotal, bp.expiredTotal, bp.droppedTotal]).toEqual([2, 1, 0]);
  });

  it('enforces the block capacity', () => {
    const bp = new BlockProducer(new CongestionSchedule(chain));
    const s = recorder();
    const rng = RandomStream.derive(1, 'test');
    for (let i = 1; i <= 5; i++) bp.submit(1, 0, submit(i), 0, FAR, FAR, rng, s);
    expect([bp.produce(10, s), bp.produce(20, s), bp.produce(30, s), bp.produce(40, s)]).toEqual([2, 2, 1, 0]);
    expect(s.evs.map((e) => e.block)).toEqual([1, 1, 2, 2, 3]);
  });

  it('drops arrivals in a drop window with one draw each, reproducibly', () => {
    const run = (): number[] => {
      const bp = new BlockProducer(new CongestionSchedule(chain, [{ startNs: 0, endNs: 1000, dropProbability: 0.5 }]));
      const s = recorder();
      const rng = RandomStream.derive(42, 'dex/mempool');
      const ids: number[] = [];
      for (let i = 1; i <= 200; i++) ids.push(bp.submit(i, 0, submit(i), 0, FAR, FAR, rng, s));
      expect(s.evs.every((e) => e.reason === Reason.Dropped)).toBe(true);
      expect(s.evs.length).toBe(bp.droppedTotal);
      return ids;
    };
    const a = run();
    const dropped = a.filter((id) => id === 0).length;
    expect(dropped).toBeGreaterThan(70);
    expect(dropped).toBeLessThan(130);
    expect(run()).toEqual(a);
  });

  it('EIP-1559: the base fee rises 12.5 % after a full block and prices out default-fee transactions', () => {
    const bp = new BlockProducer(new CongestionSchedule({ ...chain, blockCapacity: 10, eip1559: ETHEREUM_EIP1559 }));
    const s = recorder();
    const rng = RandomStream.derive(1, 'test');
    for (let i = 1; i <= 40; i++) bp.submit(1, 0, submit(i), 1, FAR, FAR, rng, s);
    const counts: number[] = [];
    const fees: number[] = [];
    for (let t = 10; t <= 60; t += 10) {
      if (t === 20) bp.submit(15, 0, submit(99), 2, FAR, FAR, rng, s);
      fees.push(bp.feeFloorAt(t));
      counts.push(bp.produce(t, s));
    }
    // Block 1 is full: base 1 -> 1.125, so fee-1 bids wait while the fee-2 one goes (block 2,
    // 1 of a target of 5: x0.9 -> 1.0125, still above 1); the empty block 3 brings it back to
    // the minimum, and the cycle repeats.
    expect(counts).toEqual([10, 1, 0, 10, 0, 10]);
    expect(fees.map((f) => Math.round(f * 1e6) / 1e6)).toEqual([1, 1.125, 1.0125, 1, 1.125, 1]);
    expect(s.evs.find((e) => e.coid === 99)?.block).toBe(2);
  });

  const baseFeeCases = [
    { name: 'full block', used: 10, want: 1.125 },
    { name: 'at target', used: 5, want: 1 },
    { name: 'empty block', used: 0, want: 0.875 },
    { name: '3/4 full', used: 7.5, want: 1.0625 },
  ];
  for (const c of baseFeeCases) {
    it(`nextBaseFee: ${c.name}`, () => expect(nextBaseFee({ ...ETHEREUM_EIP1559, minBaseFee: 0 }, 1, c.used, 10)).toBeCloseTo(c.want, 12));
  }

  it('nextBaseFee: x2 after six full blocks (1.125^6 = 2.03), never below the minimum', () => {
    let f = 1;
    for (let k = 0; k < 6; k++) f = nextBaseFee(ETHEREUM_EIP1559, f, 10, 10);
    expect(f).toBeCloseTo(1.125 ** 6, 12);
    expect(nextBaseFee(ETHEREUM_EIP1559, 1, 0, 10)).toBe(1);
  });

  it('rejects a block before the last one', () => {
    const bp = new BlockProducer(new CongestionSchedule(chain));
    bp.produce(10, recorder());
    expect(() => bp.produce(5, recorder())).toThrow(/before the last block/);
  });
});
