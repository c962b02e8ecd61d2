/**
 * Threshold subscriptions on a book's mid ("wake me when the mid leaves [low, high]"), one shot
 * each. Agents that react to moves subscribe here instead of polling every change (DESIGN 2b).
 *
 * Units: mid and bounds in (fractional) ticks of the instrument. The venue calls {@link check}
 * after each L1 change with the live mid; crossed subscriptions are removed and reported through
 * the `fire` callback in the order they were made (ascending handle), which is deterministic.
 * A per-instrument cache of the tightest bounds makes the common "nothing crossed" case O(1).
 */

/** Called once per crossed subscription. */
export type MidWatchFire = (agentId: number, tag: number, handle: number) => void;

export class MidWatchSet {
  private nextHandle = 1;
  // Struct of arrays over slots, with a free list.
  private handleOf: number[] = [];
  private agentOf: number[] = [];
  private tagOf: number[] = [];
  private lowOf: number[] = [];
  private highOf: number[] = [];
  private instrumentOf: number[] = [];
  private readonly free: number[] = [];
  private readonly slotByHandle = new Map<number, number>();
  /** Active slots per instrument, ascending by handle. */
  private readonly active: number[][];
  /** Largest low and smallest high of each instrument's active subscriptions. */
  private readonly maxLow: Float64Array;
  private readonly minHigh: Float64Array;
  private readonly fired: number[] = [];

  constructor(instrumentCount: number) {
    this.active = Array.from({ length: instrumentCount }, () => []);
    this.maxLow = new Float64Array(instrumentCount).fill(Number.NEGATIVE_INFINITY);
    this.minHigh = new Float64Array(instrumentCount).fill(Number.POSITIVE_INFINITY);
  }

  /** Number of live subscriptions. */
  get size(): number {
    return this.slotByHandle.size;
  }

  /** Adds a one-shot subscription and returns its handle (> 0). */
  add(instrument: number, lowTicks: number, highTicks: number, agentId: number, tag: number): number {
    const list = this.active[instrument];
    if (list === undefined) throw new RangeError(`watchMid: unknown instrument ${instrument}`);
    if (Number.isNaN(lowTicks) || Number.isNaN(highTicks) || lowTicks > highTicks) {
      throw new RangeError(`watchMid: bad band [${lowTicks}, ${highTicks}]`);
    }
    const handle = this.nextHandle++;
    const slot = this.free.length > 0 ? (this.free.pop() as number) : this.handleOf.length;
    this.handleOf[slot] = handle;
    this.agentOf[slot] = agentId;
    this.tagOf[slot] = tag;
    this.lowOf[slot] = lowTicks;
    this.highOf[slot] = highTicks;
    this.instrumentOf[slot] = instrument;
    this.slotByHandle.set(handle, slot);
    list.push(slot);
    if (lowTicks > (this.maxLow[instrument] as number)) this.maxLow[instrument] = lowTicks;
    if (highTicks < (this.minHigh[instrument] as number)) this.minHigh[instrument] = highTicks;
    return handle;
  }

  /** Removes a subscription; unknown or already fired handles are ignored. */
  remove(handle: number): void {
    const slot = this.slotByHandle.get(handle);
    if (slot === undefined) return;
    const inst = this.instrumentOf[slot] as number;
    const list = this.active[inst] as number[];
    list.splice(list.indexOf(slot), 1);
    this.release(slot);
    this.recomputeBounds(inst);
  }

  /**
   * Fires (and removes) every subscription of `instrument` whose band excludes `midTicks`.
   * A NaN mid (no price at all) fires nothing.
   */
  check(instrument: number, midTicks: number, fire: MidWatchFire): void {
    if (!(midTicks < (this.maxLow[instrument] as number) || midTicks > (this.minHigh[instrument] as number))) return;
    const list = this.active[instrument] as number[];
    const fired = this.fired;
    fired.length = 0;
    let w = 0;
    for (let r = 0; r < list.length; r++) {
      const slot = list[r] as number;
      if (midTicks < (this.lowOf[slot] as number) || midTicks > (this.highOf[slot] as number)) fired.push(slot);
      else list[w++] = slot;
    }
    list.length = w;
    this.recomputeBounds(instrument);
    for (const slot of fired) {
      const agent = this.agentOf[slot] as number;
      const tag = this.tagOf[slot] as number;
      const handle = this.handleOf[slot] as number;
      this.release(slot);
      fire(agent, tag, handle);
    }
    fired.length = 0;
  }

  private release(slot: number): void {
    this.slotByHandle.delete(this.handleOf[slot] as number);
    this.handleOf[slot] = 0;
    this.free.push(slot);
  }

  private recomputeBounds(instrument: number): void {
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    for (const slot of this.active[instrument] as number[]) {
      const l = this.lowOf[slot] as number;
      const h = this.highOf[slot] as number;
      if (l > lo) lo = l;
      if (h < hi) hi = h;
    }
    this.maxLow[instrument] = lo;
    this.minHigh[instrument] = hi;
  }
}
