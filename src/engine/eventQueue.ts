/**
 * The kernel's event queue: a binary min-heap over integer event slots, ordered by
 * (timeNs, priority, seq). Keys are kept in heap order in typed arrays (no objects, no pointer
 * chasing): 8 B time + 8 B packed (priority, seq) + 4 B slot = 20 B per pending event.
 * `seq` is a per-queue counter, so equal (time, priority) pops in push order (FIFO), and the
 * order is total. The benchmark in bench/queue.ts compares this against fastpriorityqueue over
 * the same slots; see docs/architecture.md for why the kernel uses this one.
 */

/** Priorities are small integers; lower runs first at the same timestamp. */
export const MAX_PRIORITY = 255;
const SEQ_SPAN = 2 ** 44; // priority * SEQ_SPAN + seq stays below 2^53 for 1.7e13 events
const INITIAL_CAPACITY = 1024;

export class EventQueue {
  private timeNs: Float64Array;
  private order: Float64Array;
  private slot: Int32Array;
  private count = 0;
  private seq = 0;

  constructor(initialCapacity = INITIAL_CAPACITY) {
    const cap = Math.max(16, initialCapacity);
    this.timeNs = new Float64Array(cap);
    this.order = new Float64Array(cap);
    this.slot = new Int32Array(cap);
  }

  get size(): number {
    return this.count;
  }

  /** Events pushed so far (the next seq). */
  get pushed(): number {
    return this.seq;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTimeNs(): number {
    return this.count === 0 ? Infinity : (this.timeNs[0] as number);
  }

  /** Slot of the earliest event; -1 when empty. */
  peekSlot(): number {
    return this.count === 0 ? -1 : (this.slot[0] as number);
  }

  push(timeNs: number, priority: number, slot: number): void {
    if (priority < 0 || priority > MAX_PRIORITY || (priority | 0) !== priority) {
      throw new RangeError(`event priority must be an integer in 0..${MAX_PRIORITY}, got ${priority}`);
    }
    if (this.seq >= SEQ_SPAN) throw new RangeError(`event queue exhausted its ${SEQ_SPAN} sequence numbers`);
    if (this.count === this.timeNs.length) this.grow();
    const ord = priority * SEQ_SPAN + this.seq++;
    const times = this.timeNs;
    const orders = this.order;
    const slots = this.slot;
    let i = this.count++;
    // Sift up: move parents down until the hole fits.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p] as number;
      if (pt < timeNs || (pt === timeNs && (orders[p] as number) < ord)) break;
      times[i] = pt;
      orders[i] = orders[p] as number;
      slots[i] = slots[p] as number;
      i = p;
    }
    times[i] = timeNs;
    orders[i] = ord;
    slots[i] = slot;
  }

  /** Removes the earliest event and returns its slot; -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const times = this.timeNs;
    const orders = this.order;
    const slots = this.slot;
    const top = slots[0] as number;
    const n = --this.count;
    if (n === 0) return top;
    const t = times[n] as number;
    const o = orders[n] as number;
    const s = slots[n] as number;
    let i = 0;
    const half = n >> 1;
    // Sift down the last element from the root.
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      let ct = times[c] as number;
      let co = orders[c] as number;
      if (r < n) {
        const rt = times[r] as number;
        const ro = orders[r] as number;
        if (rt < ct || (rt === ct && ro < co)) {
          c = r;
          ct = rt;
          co = ro;
        }
      }
      if (t < ct || (t === ct && o < co)) break;
      times[i] = ct;
      orders[i] = co;
      slots[i] = slots[c] as number;
      i = c;
    }
    times[i] = t;
    orders[i] = o;
    slots[i] = s;
    return top;
  }

  /** Bytes held per pending-event capacity (for the memory target). */
  static readonly BYTES_PER_EVENT = 20;

  private grow(): void {
    const cap = this.timeNs.length * 2;
    const t = new Float64Array(cap);
    t.set(this.timeNs);
    const o = new Float64Array(cap);
    o.set(this.order);
    const s = new Int32Array(cap);
    s.set(this.slot);
    this.timeNs = t;
    this.order = o;
    this.slot = s;
  }
}
