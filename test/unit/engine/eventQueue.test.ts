import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue, MAX_PRIORITY } from '../../../src/engine/eventQueue.js';
import { SlotPriorityQueue } from '../../../src/engine/slotPriorityQueue.js';

/** The contract both queue implementations keep (the kernel may use either). */
type Queue = Pick<EventQueue, 'size' | 'pushed' | 'push' | 'pop' | 'peekTimeNs' | 'peekSlot'>;
const implementations: ReadonlyArray<readonly [string, (initialCapacity?: number) => Queue]> = [
  ['EventQueue', (c) => new EventQueue(c)],
  ['SlotPriorityQueue', (c) => new SlotPriorityQueue(c)],
];

interface Ref {
  timeNs: number;
  priority: number;
  seq: number;
  slot: number;
}
const byKey = (a: Ref, b: Ref): number => a.timeNs - b.timeNs || a.priority - b.priority || a.seq - b.seq;

function drain(q: Queue): number[] {
  const out: number[] = [];
  for (let s = q.pop(); s !== -1; s = q.pop()) out.push(s);
  return out;
}

describe.each(implementations)('%s', (_name, newQueue) => {
  it('is empty at first: pop -1, peek Infinity', () => {
    const q = newQueue();
    expect(q.size).toBe(0);
    expect(q.pop()).toBe(-1);
    expect(q.peekSlot()).toBe(-1);
    expect(q.peekTimeNs()).toBe(Infinity);
  });

  it('orders by time, then priority, then push order', () => {
    const q = newQueue();
    const pushes: ReadonlyArray<readonly [number, number, number]> = [
      [10, 5, 0],
      [5, 9, 1],
      [10, 1, 2],
      [5, 9, 3],
      [0, 200, 4],
      [10, 1, 5],
    ];
    for (const [t, p, s] of pushes) q.push(t, p, s);
    expect(q.peekTimeNs()).toBe(0);
    expect(q.peekSlot()).toBe(4);
    expect(drain(q)).toEqual([4, 1, 3, 2, 5, 0]);
  });

  it('is FIFO among 5000 events with one key', () => {
    const q = newQueue(16);
    for (let i = 0; i < 5000; i++) q.push(7, 3, i);
    expect(drain(q)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('grows from a small capacity and keeps every event', () => {
    const q = newQueue(16);
    const n = 100_000;
    for (let i = 0; i < n; i++) q.push((i * 7919) % 1000, 0, i);
    expect(q.size).toBe(n);
    expect(q.pushed).toBe(n);
    const out = drain(q);
    expect(out.length).toBe(n);
    expect(new Set(out).size).toBe(n);
  });

  it.each([-1, MAX_PRIORITY + 1, 1.5, NaN])('rejects priority %d', (p) => {
    expect(() => newQueue().push(0, p, 0)).toThrow(RangeError);
  });

  it('matches a sorted reference under random interleaved push/pop', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), timeNs: fc.integer({ min: 0, max: 50 }), priority: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const q = newQueue(16);
        const ref: Ref[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            const slot = seq;
            ref.push({ timeNs: o.timeNs, priority: o.priority, seq: seq++, slot });
            q.push(o.timeNs, o.priority, slot);
          } else {
            ref.sort(byKey);
            const expected = ref.shift();
            expect(q.peekTimeNs()).toBe(expected?.timeNs ?? Infinity);
            expect(q.pop()).toBe(expected?.slot ?? -1);
          }
          expect(q.size).toBe(ref.length);
        }
        ref.sort(byKey);
        expect(drain(q)).toEqual(ref.map((r) => r.slot));
      }),
      { numRuns: 300 },
    );
  });
});
