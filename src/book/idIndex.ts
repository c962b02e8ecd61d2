/**
 * orderId -> slot index: an open-addressing hash table over typed arrays (linear probing,
 * backward-shift deletion, so no tombstones), load factor <= 1/2, grown by doubling. It replaces
 * a `Map<number, number>` on the hot path: no allocation per insert/delete and about half the
 * cost. Keys are order ids (positive safe integers; 0 marks an empty cell).
 */

/** Value returned by {@link IdIndex.get} for an absent key. */
export const ABSENT = -1;

export class IdIndex {
  private keys: Float64Array;
  private vals: Int32Array;
  private mask: number;
  private shift: number;
  private count = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
  }

  get size(): number {
    return this.count;
  }

  /** Home cell of `key`: Fibonacci hashing of its low and high 32-bit halves. */
  private home(key: number): number {
    // Multiplying by 2^-32 is exact and avoids a slow division.
    const hi = (key * 2.3283064365386963e-10) | 0;
    return Math.imul((key | 0) ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) >>> this.shift;
  }

  /** The slot stored for `key`, or {@link ABSENT}. */
  get(key: number): number {
    const keys = this.keys;
    const mask = this.mask;
    for (let i = this.home(key); ; i = (i + 1) & mask) {
      const k = keys[i] as number;
      if (k === 0) return ABSENT;
      if (k === key) return this.vals[i] as number;
    }
  }

  has(key: number): boolean {
    return this.get(key) !== ABSENT;
  }

  /** Inserts or overwrites `key`. `key` must be a positive safe integer. */
  set(key: number, val: number): void {
    const keys = this.keys;
    const mask = this.mask;
    let i = this.home(key);
    for (;;) {
      const k = keys[i] as number;
      if (k === key) {
        this.vals[i] = val;
        return;
      }
      if (k === 0) break;
      i = (i + 1) & mask;
    }
    keys[i] = key;
    this.vals[i] = val;
    if (++this.count * 2 > keys.length) this.grow();
  }

  /** Removes `key`; returns false when it was absent. */
  delete(key: number): boolean {
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    let i = this.home(key);
    for (;;) {
      const k = keys[i] as number;
      if (k === 0) return false;
      if (k === key) break;
      i = (i + 1) & mask;
    }
    // Backward-shift: pull later members of the probe run into the hole when their home allows.
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = keys[j] as number;
      if (k === 0) break;
      const h = this.home(k);
      const movable = i <= j ? h <= i || h > j : h <= i && h > j;
      if (movable) {
        keys[i] = k;
        vals[i] = vals[j] as number;
        i = j;
      }
    }
    keys[i] = 0;
    this.count--;
    return true;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const cap = oldKeys.length * 2;
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] as number;
      if (k !== 0) this.set(k, oldVals[i] as number);
    }
  }
}

/**
 * orderId -> slot index tuned for the venue's increasing order ids: the `2^windowBits` most
 * recently inserted ids sit in a direct-mapped ring (`id & mask`, one compare), and an id still
 * live when a newer id takes its ring cell moves to an {@link IdIndex} overflow. Most orders die
 * young, so nearly every lookup is one array read; old resting orders cost a hash probe.
 */
export class OrderIdIndex {
  private readonly ringKeys: Float64Array;
  private readonly ringVals: Int32Array;
  private readonly mask: number;
  private ringCount = 0;
  private readonly overflow: IdIndex;

  constructor(windowBits = 16, overflowCapacity = 1024) {
    const n = 1 << windowBits;
    // NaN marks an empty cell: it equals no key, not even a NaN key.
    this.ringKeys = new Float64Array(n).fill(Number.NaN);
    this.ringVals = new Int32Array(n);
    this.mask = n - 1;
    this.overflow = new IdIndex(overflowCapacity);
  }

  get size(): number {
    return this.ringCount + this.overflow.size;
  }

  /** The slot stored for `key`, or {@link ABSENT}. */
  get(key: number): number {
    const pos = key & this.mask;
    if (this.ringKeys[pos] === key) return this.ringVals[pos] as number;
    return this.overflow.size === 0 ? ABSENT : this.overflow.get(key);
  }

  /**
   * Inserts `key` (a positive safe integer) which must be absent: the book only inserts fresh,
   * increasing order ids, so no overflow probe is needed here.
   */
  set(key: number, val: number): void {
    const pos = key & this.mask;
    const old = this.ringKeys[pos] as number;
    if (old === old) this.overflow.set(old, this.ringVals[pos] as number);
    else this.ringCount++;
    this.ringKeys[pos] = key;
    this.ringVals[pos] = val;
  }


  /** Removes `key`; returns false when it was absent. */
  delete(key: number): boolean {
    const pos = key & this.mask;
    if (this.ringKeys[pos] === key) {
      this.ringKeys[pos] = Number.NaN;
      this.ringCount--;
      return true;
    }
    return this.overflow.size === 0 ? false : this.overflow.delete(key);
  }
}
