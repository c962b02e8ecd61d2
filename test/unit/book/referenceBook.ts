/**
 * A deliberately naive reference book for model-based testing: one flat array of resting orders,
 * re-scanned for the best maker at every step. Same commands and the same event contract as
 * OrderBook (documented in src/book/types.ts), written for obviousness, not speed.
 */
import type { BookSink, SelfTradePrevention } from '../../../src/book/index.js';
import { OrderType, Reason } from '../../../src/model/messages.js';
import type { BookCommands } from './commands.js';

interface RefOrder {
  id: number;
  owner: number;
  coid: number;
  side: number;
  price: number;
  rem: number;
  seq: number;
}

export class ReferenceBook implements BookCommands {
  orders: RefOrder[] = [];
  private seq = 0;
  private lastTop = [0, 0, 0, 0];

  constructor(private readonly sink: BookSink, private readonly stp: SelfTradePrevention = 'cancel_resting') {}

  submit(id: number, owner: number, coid: number, side: number, type: number, price: number, size: number): number {
    const isMarket = type === OrderType.Market;
    const priceOk = Number.isSafeInteger(price) && (price > 0 || (isMarket && price === 0));
    if (!priceOk) return this.reject(id, owner, coid, Reason.InvalidPrice);
    if (!Number.isSafeInteger(size) || size <= 0) return this.reject(id, owner, coid, Reason.InvalidSize);
    const limit = isMarket && price === 0 ? (side > 0 ? Infinity : 0) : price;
    const crosses = (o: RefOrder): boolean => o.side === -side && (side > 0 ? o.price <= limit : o.price >= limit);
    if (isMarket && !this.orders.some(crosses)) return this.reject(id, owner, coid, Reason.NoLiquidity);
    if (type === OrderType.PostOnly && this.orders.some(crosses)) return this.reject(id, owner, coid, Reason.PostOnlyWouldCross);
    this.sink.onAccepted(id, owner, coid, side, type, price, size);
    const { rem, killed } = type === OrderType.PostOnly ? { rem: size, killed: false } : this.match(id, owner, coid, side, limit, size);
    if (rem > 0) {
      if (killed) this.sink.onCanceled(id, owner, coid, rem, Reason.SelfTrade);
      else if (type === OrderType.Limit || type === OrderType.PostOnly) this.orders.push({ id, owner, coid, side, price, rem, seq: this.seq++ });
      else this.sink.onCanceled(id, owner, coid, rem, Reason.IocRemainder);
    }
    this.top();
    return size - rem;
  }

  /** Matches an incoming order against the best makers; returns what is left and whether STP killed it. */
  private match(id: number, owner: number, coid: number, side: number, limit: number, size: number): { rem: number; killed: boolean } {
    const crosses = (o: RefOrder): boolean => o.side === -side && (side > 0 ? o.price <= limit : o.price >= limit);
    let rem = size;
    let killed = false;
    {
      while (rem > 0) {
        const makers = this.orders.filter(crosses).sort((a, b) => (a.price - b.price) * side || a.seq - b.seq);
        const m = makers[0];
        if (m === undefined) break;
        if (m.owner === owner && this.stp !== 'none') {
          if (this.stp === 'cancel_taker') {
            killed = true;
            break;
          }
          this.remove(m);
          this.sink.onCanceled(m.id, m.owner, m.coid, m.rem, Reason.SelfTrade);
          continue;
        }
        const q = Math.min(m.rem, rem);
        m.rem -= q;
        rem -= q;
        if (m.rem === 0) this.remove(m);
        this.sink.onFilled(m.id, m.owner, m.coid, id, owner, coid, side, m.price, q, m.rem, rem);
      }
    }
    return { rem, killed };
  }

  /** Amend by the documented rule (OrderBook.amend): a decrease at the same price reduces; else out and back in. */
  amend(owner: number, id: number, price: number, size: number): number {
    const o = this.orders.find((x) => x.id === id && x.owner === owner);
    if (o === undefined) return this.reject(id, owner, 0, Reason.UnknownOrder);
    if (!Number.isSafeInteger(price) || price <= 0) return this.reject(id, owner, o.coid, Reason.InvalidPrice);
    if (!Number.isSafeInteger(size) || size <= 0) return this.reject(id, owner, o.coid, Reason.InvalidSize);
    if (price === o.price && size <= o.rem) return size === o.rem ? o.rem : this.reduce(owner, id, o.rem - size);
    this.remove(o);
    this.sink.onAmended(id, owner, o.coid, o.side, price, size);
    const { rem, killed } = this.match(id, owner, o.coid, o.side, price, size);
    let resting = 0;
    if (rem > 0) {
      if (killed) this.sink.onCanceled(id, owner, o.coid, rem, Reason.SelfTrade);
      else {
        this.orders.push({ id, owner, coid: o.coid, side: o.side, price, rem, seq: this.seq++ });
        resting = rem;
      }
    }
    this.top();
    return resting;
  }

  cancel(owner: number, id: number, reason: number = Reason.None): number {
    const o = this.orders.find((x) => x.id === id && x.owner === owner);
    if (o === undefined) {
      this.sink.onRejected(id, owner, 0, Reason.UnknownOrder);
      return 0;
    }
    this.remove(o);
    this.sink.onCanceled(o.id, o.owner, o.coid, o.rem, reason);
    this.top();
    return o.rem;
  }

  reduce(owner: number, id: number, by: number): number {
    const o = this.orders.find((x) => x.id === id && x.owner === owner);
    if (o === undefined) {
      this.sink.onRejected(id, owner, 0, Reason.UnknownOrder);
      return 0;
    }
    if (!Number.isSafeInteger(by) || by <= 0) {
      this.sink.onRejected(id, owner, o.coid, Reason.InvalidSize);
      return 0;
    }
    if (by >= o.rem) {
      this.remove(o);
      this.sink.onCanceled(o.id, o.owner, o.coid, o.rem, Reason.None);
      this.top();
      return 0;
    }
    o.rem -= by;
    this.sink.onReduced(o.id, o.owner, o.coid, by, o.rem);
    this.top();
    return o.rem;
  }

  cancelAll(owner: number, reason: number = Reason.None): number {
    const mine = this.orders.filter((o) => o.owner === owner);
    for (const o of mine) {
      this.remove(o);
      this.sink.onCanceled(o.id, o.owner, o.coid, o.rem, reason);
    }
    this.top();
    return mine.length;
  }

  /** L2 as `[[priceTicks, lots]]` per side, best first. */
  levels(): { bids: Array<[number, number]>; asks: Array<[number, number]> } {
    const agg = (side: number): Array<[number, number]> => {
      const m = new Map<number, number>();
      for (const o of this.orders) if (o.side === side) m.set(o.price, (m.get(o.price) ?? 0) + o.rem);
      return [...m.entries()].sort((a, b) => (b[0] - a[0]) * side);
    };
    return { bids: agg(1), asks: agg(-1) };
  }

  private remove(o: RefOrder): void {
    this.orders = this.orders.filter((x) => x !== o);
  }

  private reject(id: number, owner: number, coid: number, reason: number): number {
    this.sink.onRejected(id, owner, coid, reason);
    return 0;
  }

  private top(): void {
    const { bids, asks } = this.levels();
    const t = [bids[0]?.[0] ?? 0, bids[0]?.[1] ?? 0, asks[0]?.[0] ?? 0, asks[0]?.[1] ?? 0];
    if (t.every((v, i) => v === this.lastTop[i])) return;
    this.lastTop = t;
    this.sink.onTopOfBook(t[0] ?? 0, t[1] ?? 0, t[2] ?? 0, t[3] ?? 0);
  }
}
