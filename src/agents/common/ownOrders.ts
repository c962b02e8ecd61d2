/**
 * A fixed-capacity set of an agent's live orders (client id and side), swap-remove, no
 * allocation. Unlike LiveOrders.takeRandom, {@link OwnOrders.takeAt} picks with a uniform the
 * caller has ALREADY drawn, so a cancel decision consumes the same random numbers whether or not
 * the agent has live orders (common random numbers).
 */
export class OwnOrders {
  private readonly ids: Float64Array;
  private readonly sides: Int8Array;
  private n = 0;

  constructor(capacity: number) {
    this.ids = new Float64Array(Math.max(1, capacity));
    this.sides = new Int8Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.n;
  }
  get full(): boolean {
    return this.n === this.ids.length;
  }

  /** Adds an order (ignored when full or id 0). */
  add(clientOrderId: number, side: number): void {
    if (clientOrderId === 0 || this.n === this.ids.length) return;
    this.ids[this.n] = clientOrderId;
    this.sides[this.n] = side;
    this.n++;
  }

  /** Removes an id; returns whether it was there. */
  remove(clientOrderId: number): boolean {
    for (let i = 0; i < this.n; i++) {
      if (this.ids[i] === clientOrderId) {
        this.drop(i);
        return true;
      }
    }
    return false;
  }

  /** Removes and returns the order at quantile `u` in [0, 1) of the current list (0 when empty). */
  takeAt(u: number): number {
    if (this.n === 0) return 0;
    const i = Math.min(this.n - 1, Math.floor(u * this.n));
    const id = this.ids[i] as number;
    this.drop(i);
    return id;
  }

  /** Side (+1 buy, -1 sell) of the order at index i (for tests and diagnostics). */
  sideAt(i: number): number {
    return this.sides[i] as number;
  }

  clear(): void {
    this.n = 0;
  }

  private drop(i: number): void {
    const last = --this.n;
    this.ids[i] = this.ids[last] as number;
    this.sides[i] = this.sides[last] as number;
  }
}
