/**
 * Keeps resting reduce-only perp orders reduce-only as positions change (Binance behaviour): after
 * fills touch an account's position, its resting reduce-only orders on that instrument are
 * cancelled when they are on the position's side (or the account is flat), and the newest ones are
 * shrunk so their total never exceeds |position|. Checks run after a book command completes
 * (a book may not be called from inside its own sink), in the order the orders were placed.
 *
 * Units: lots.
 */
import { Reason } from '../../model/messages.js';
import type { VenueBook } from './venueBook.js';

export class ReduceOnlyGuard {
  /** Resting reduce-only orders in placement order: orderId -> [owner, inst, side]. */
  private readonly orders = new Map<number, readonly [number, number, number]>();
  /** (owner, inst) pairs touched by fills since the last {@link enforce}. */
  private readonly touched: number[] = [];
  private readonly scratch: number[] = [];

  constructor(private readonly books: readonly VenueBook[], private readonly instSpan: number) {}

  get size(): number {
    return this.orders.size;
  }

  add(orderId: number, owner: number, inst: number, side: number): void {
    this.orders.set(orderId, [owner, inst, side]);
  }

  /** True when `orderId` is a resting reduce-only order. */
  has(orderId: number): boolean {
    return this.orders.has(orderId);
  }

  remove(orderId: number): void {
    this.orders.delete(orderId);
  }

  /** A fill changed `owner`'s position in `inst`. */
  touch(owner: number, inst: number): void {
    if (this.orders.size > 0) this.touched.push(owner * this.instSpan + inst);
  }

  /** Cancels or shrinks what is no longer reduce-only; `position(owner, inst)` in signed lots. */
  enforce(position: (owner: number, inst: number) => number): void {
    if (this.touched.length === 0) return;
    const keys = this.scratch;
    keys.length = 0;
    for (const k of this.touched) if (!keys.includes(k)) keys.push(k);
    this.touched.length = 0;
    for (const key of keys) {
      const inst = key % this.instSpan;
      const owner = (key - inst) / this.instSpan;
      const pos = position(owner, inst);
      const vb = this.books[inst] as VenueBook;
      let allowed = Math.abs(pos);
      for (const [orderId, [o, i, side]] of [...this.orders]) {
        if (o !== owner || i !== inst) continue;
        const rem = vb.book.remainingLots(orderId);
        if (rem === 0) {
          this.orders.delete(orderId);
          continue;
        }
        if (pos === 0 || Math.sign(pos) === side || allowed === 0) {
          vb.book.cancel(owner, orderId, Reason.ReduceOnlyWouldIncrease);
        } else if (rem > allowed) {
          vb.book.reduce(owner, orderId, rem - allowed);
          allowed = 0;
        } else {
          allowed -= rem;
        }
      }
    }
  }
}
