/**
 * (owner, clientOrderId) -> live orderId, for cancels by the agent's own id: an open-addressing
 * hash table over typed arrays (linear probing, backward-shift deletion, load <= 1/2, grown by
 * doubling). It replaces a Map of Maps whose set/delete churn allocated on every accepted order.
 * Keys: owner an integer in 0..2^31-1, clientOrderId any finite number but 0; values order ids
 * (positive safe integers). 0 is never a stored value, so it doubles as "absent".
 */
export class ClientOrderIndex {
  private owners: Int32Array;
  /** Client order ids; 0 marks an empty cell. */
  private coids: Float64Array;
  private orderIds: Float64Array;
  private mask: number;
  /** 32 - log2(capacity): the hash's top bits pick the home cell (Fibonacci hashing). */
  private shift: number;
  private count = 0;

  constructor(initialCapacity = 256) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.owners = new Int32Array(cap);
    this.coids = new Float64Array(cap);
    this.orderIds = new Float64Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
  }

  get size(): number {
    return this.count;
  }

  private home(owner: number, coid: number): number {
    // Mix the owner with the low and high 32-bit halves of the client id (exact: * 2^-32).
    const hi = (coid * 2.3283064365386963e-10) | 0;
    return Math.imul((coid | 0) ^ Math.imul(owner ^ hi, 0x27d4eb2d), 0x9e3779b1) >>> this.shift;
  }

  /** The live order id of (owner, coid), 0 when none. */
  get(owner: number, coid: number): number {
    const coids = this.coids;
    const mask = this.mask;
    for (let i = this.home(owner, coid); ; i = (i + 1) & mask) {
      const c = coids[i] as number;
      if (c === 0) return 0;
      if (c === coid && this.owners[i] === owner) return this.orderIds[i] as number;
    }
  }

  /** Maps (owner, coid) to `orderId` (overwrites). `coid` must be finite and not 0. */
  set(owner: number, coid: number, orderId: number): void {
    const coids = this.coids;
    const mask = this.mask;
    let i = this.home(owner, coid);
    for (;;) {
      const c = coids[i] as number;
      if (c === 0) break;
      if (c === coid && this.owners[i] === owner) {
        this.orderIds[i] = orderId;
        return;
      }
      i = (i + 1) & mask;
    }
    coids[i] = coid;
    this.owners[i] = owner;
    this.orderIds[i] = orderId;
    if (++this.count * 2 > coids.length) this.grow();
  }

  /** Removes (owner, coid) when it maps to `orderId` (a newer order reusing the id is kept); returns whether it did. */
  deleteIf(owner: number, coid: number, orderId: number): boolean {
    const coids = this.coids;
    const owners = this.owners;
    const ids = this.orderIds;
    const mask = this.mask;
    let i = this.home(owner, coid);
    for (;;) {
      const c = coids[i] as number;
      if (c === 0) return false;
      if (c === coid && owners[i] === owner) break;
      i = (i + 1) & mask;
    }
    if (ids[i] !== orderId) return false;
    // Backward shift: pull later members of the probe run into the hole when their home allows.
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const c = coids[j] as number;
      if (c === 0) break;
      const h = this.home(owners[j] as number, c);
      const movable = i <= j ? h <= i || h > j : h <= i && h > j;
      if (movable) {
        coids[i] = c;
        owners[i] = owners[j] as number;
        ids[i] = ids[j] as number;
        i = j;
      }
    }
    coids[i] = 0;
    this.count--;
    return true;
  }

  private grow(): void {
    const oldCoids = this.coids;
    const oldOwners = this.owners;
    const oldIds = this.orderIds;
    const cap = oldCoids.length * 2;
    this.coids = new Float64Array(cap);
    this.owners = new Int32Array(cap);
    this.orderIds = new Float64Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.count = 0;
    for (let i = 0; i < oldCoids.length; i++) {
      const c = oldCoids[i] as number;
      if (c !== 0) this.set(oldOwners[i] as number, c, oldIds[i] as number);
    }
  }
}
