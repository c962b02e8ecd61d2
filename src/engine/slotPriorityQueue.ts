/**
 * An alternative event queue with the same contract as {@link EventQueue}: fastpriorityqueue
 * (the package the design card names) over integer event slots, with a comparator that reads
 * the keys from typed arrays indexed by slot. Ordering is (timeNs, priority, seq) with a
 * per-queue seq, so equal keys pop FIFO and the order is total.
 *
 * Memory: 16 B of keys per slot ever used (time + packed priority/seq) plus the library's
 * array of small-integer slots (4-8 B each with doubling slack). bench/queue.ts measures it
 * against EventQueue; the kernel uses whichever is faster (docs/architecture.md says which).
 */
import FastPriorityQueue from 'fastpriorityqueue';
import { MAX_PRIORITY } from './eventQueue.js';

const SEQ_SPAN = 2 ** 44; // as in EventQueue: priority * SEQ_SPAN + seq < 2^53

export class SlotPriorityQueue {
  private timeBySlot: Float64Array;
  private orderBySlot: Float64Array;
  private readonly heap: FastPriorityQueue<number>;
  private seq = 0;

  constructor(initialSlots = 1024) {
    const cap = Math.max(16, initialSlots);
    this.timeBySlot = new Float64Array(cap);
    this.orderBySlot = new Float64Array(cap);
    // The comparator reads the current arrays through `this` (they are replaced when grown).
    this.heap = new FastPriorityQueue<number>((a, b) => {
      const ta = this.timeBySlot[a] as number;
      const tb = this.timeBySlot[b] as number;
      return ta < tb || (ta === tb && (this.orderBySlot[a] as number) < (this.orderBySlot[b] as number));
    });
  }

  get size(): number {
    return this.heap.size;
  }

  /** Events pushed so far (the next seq). */
  get pushed(): number {
    return this.seq;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTimeNs(): number {
    const s = this.heap.peek();
    return s === undefined ? Infinity : (this.timeBySlot[s] as number);
  }

  /** Slot of the earliest event; -1 when empty. */
  peekSlot(): number {
    return this.heap.peek() ?? -1;
  }

  /** Queues `slot` (a non-negative integer not already pending) at (timeNs, priority). */
  push(timeNs: number, priority: number, slot: number): void {
    if (!(priority >= 0 && priority <= MAX_PRIORITY) || (priority | 0) !== priority) {
      throw new RangeError(`event priority must be an integer in 0..${MAX_PRIORITY}, got ${priority}`);
    }
    if (this.seq >= SEQ_SPAN) throw new RangeError(`event queue exhausted its ${SEQ_SPAN} sequence numbers`);
    if (slot >= this.timeBySlot.length) this.grow(slot + 1);
    this.timeBySlot[slot] = timeNs;
    this.orderBySlot[slot] = priority * SEQ_SPAN + this.seq++;
    this.heap.add(slot);
  }

  /** Removes the earliest event and returns its slot; -1 when empty. */
  pop(): number {
    return this.heap.poll() ?? -1;
  }

  /** Bytes of key storage per slot (the heap array of slots comes on top). */
  static readonly KEY_BYTES_PER_SLOT = 16;

  private grow(minSlots: number): void {
    let cap = this.timeBySlot.length * 2;
    while (cap < minSlots) cap *= 2;
    const t = new Float64Array(cap);
    t.set(this.timeBySlot);
    const o = new Float64Array(cap);
    o.set(this.orderBySlot);
    this.timeBySlot = t;
    this.orderBySlot = o;
  }
}
