/**
 * Struct-of-arrays storage of resting orders, indexed by slot, with a free list. Slots are
 * internal: callers name orders by their venue order id, never by slot, so a late cancel can
 * never hit a reused slot. `next` doubles as the free-list link. Prices in ticks, sizes in lots.
 */

/** No slot / end of a list. */
export const NIL = -1;

/** Order slots. Fields are public arrays for the matching loop's speed; only the book writes them. */
export class OrderPool {
  orderId: Float64Array;
  clientOrderId: Float64Array;
  owner: Int32Array;
  side: Int8Array;
  priceTicks: Float64Array;
  remainingLots: Float64Array;
  /** FIFO links within a price level (and the free list through `next`). */
  prev: Int32Array;
  next: Int32Array;
  /** Links within the owner's list of live orders. */
  ownerPrev: Int32Array;
  ownerNext: Int32Array;
  private freeHead = NIL;
  private used = 0;

  constructor(initialCapacity: number) {
    const n = Math.max(16, initialCapacity | 0);
    this.orderId = new Float64Array(n);
    this.clientOrderId = new Float64Array(n);
    this.owner = new Int32Array(n);
    this.side = new Int8Array(n);
    this.priceTicks = new Float64Array(n);
    this.remainingLots = new Float64Array(n);
    this.prev = new Int32Array(n);
    this.next = new Int32Array(n);
    this.ownerPrev = new Int32Array(n);
    this.ownerNext = new Int32Array(n);
  }

  get capacity(): number {
    return this.orderId.length;
  }

  /** Slots ever handed out: every live slot is below this (free ones have remainingLots 0). */
  get highWater(): number {
    return this.used;
  }

  /** Takes a slot (growing by doubling when full); the caller fills every field. */
  alloc(): number {
    const f = this.freeHead;
    if (f !== NIL) {
      this.freeHead = this.next[f] as number;
      return f;
    }
    if (this.used === this.orderId.length) this.grow();
    return this.used++;
  }

  /** Returns a slot to the free list. */
  free(slot: number): void {
    this.remainingLots[slot] = 0;
    this.next[slot] = this.freeHead;
    this.freeHead = slot;
  }

  private grow(): void {
    const n = this.orderId.length * 2;
    this.orderId = growF64(this.orderId, n);
    this.clientOrderId = growF64(this.clientOrderId, n);
    this.owner = growI32(this.owner, n);
    const side = new Int8Array(n);
    side.set(this.side);
    this.side = side;
    this.priceTicks = growF64(this.priceTicks, n);
    this.remainingLots = growF64(this.remainingLots, n);
    this.prev = growI32(this.prev, n);
    this.next = growI32(this.next, n);
    this.ownerPrev = growI32(this.ownerPrev, n);
    this.ownerNext = growI32(this.ownerNext, n);
  }
}

export function growF64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

export function growI32(a: Int32Array, n: number, fill?: number): Int32Array {
  const b = new Int32Array(n);
  if (fill !== undefined) b.fill(fill, a.length);
  b.set(a);
  return b;
}
