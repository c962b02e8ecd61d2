/**
 * A small fixed-capacity set of an agent's live order client ids (typed array, swap-remove),
 * so zero-intelligence agents can cancel a random own order without allocating (the uniform is
 * theirs to draw: {@link LiveOrders.takeAt}).
 */
export class LiveOrders {
  private readonly ids: Float64Array;
  private n = 0;

  constructor(capacity: number) {
    this.ids = new Float64Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.n;
  }
  get full(): boolean {
    return this.n === this.ids.length;
  }

  /** Adds an id (ignored when full or 0). */
  add(clientOrderId: number): void {
    if (clientOrderId === 0 || this.n === this.ids.length) return;
    this.ids[this.n++] = clientOrderId;
  }

  has(clientOrderId: number): boolean {
    for (let i = 0; i < this.n; i++) if (this.ids[i] === clientOrderId) return true;
    return false;
  }

  /** Removes an id; returns whether it was there. */
  remove(clientOrderId: number): boolean {
    for (let i = 0; i < this.n; i++) {
      if (this.ids[i] === clientOrderId) {
        this.ids[i] = this.ids[--this.n] as number;
        return true;
      }
    }
    return false;
  }

  /**
   * Removes and returns the id at `u` (a uniform in [0, 1), drawn by the caller whatever the
   * size), 0 when empty: the caller's draws then do not depend on how many orders are live.
   */
  takeAt(u: number): number {
    if (this.n === 0) return 0;
    const i = Math.min(this.n - 1, Math.floor(u * this.n));
    const id = this.ids[i] as number;
    this.ids[i] = this.ids[--this.n] as number;
    return id;
  }

  clear(): void {
    this.n = 0;
  }
}
