/**
 * Named fixtures for book tests: a sink that records every event as a plain object, and
 * `bookWith({ bids: [[priceTicks, [lots...]]], asks })`, which rests the given queues (bids
 * first, then asks, each queue in array order) with order ids 1, 2, 3... and clientOrderId =
 * 1000 + orderId, all owned by `makerOwner` (default 1).
 */
import { L2Snapshot, OrderBook, type BookOptions, type BookSink } from '../../../src/book/index.js';
import { OrderType } from '../../../src/model/messages.js';
import { Side } from '../../../src/model/side.js';

export type BookEvent =
  | { type: 'accepted'; orderId: number; owner: number; clientOrderId: number; side: number; orderType: number; priceTicks: number; sizeLots: number }
  | { type: 'rejected'; orderId: number; owner: number; clientOrderId: number; reason: number }
  | {
      type: 'filled';
      makerOrderId: number;
      makerOwner: number;
      makerClientOrderId: number;
      takerOrderId: number;
      takerOwner: number;
      takerClientOrderId: number;
      aggressorSide: number;
      priceTicks: number;
      sizeLots: number;
      makerRemainingLots: number;
      takerRemainingLots: number;
    }
  | { type: 'canceled'; orderId: number; owner: number; clientOrderId: number; canceledLots: number; reason: number }
  | { type: 'reduced'; orderId: number; owner: number; clientOrderId: number; reducedLots: number; remainingLots: number }
  | { type: 'amended'; orderId: number; owner: number; clientOrderId: number; side: number; priceTicks: number; sizeLots: number }
  | { type: 'top'; bidTicks: number; bidLots: number; askTicks: number; askLots: number };

/** A sink that appends every event to `events` (tests only: it allocates). */
export class RecordingSink implements BookSink {
  readonly events: BookEvent[] = [];
  onAccepted(orderId: number, owner: number, clientOrderId: number, side: number, orderType: number, priceTicks: number, sizeLots: number): void {
    this.events.push({ type: 'accepted', orderId, owner, clientOrderId, side, orderType, priceTicks, sizeLots });
  }
  onRejected(orderId: number, owner: number, clientOrderId: number, reason: number): void {
    this.events.push({ type: 'rejected', orderId, owner, clientOrderId, reason });
  }
  onFilled(
    makerOrderId: number,
    makerOwner: number,
    makerClientOrderId: number,
    takerOrderId: number,
    takerOwner: number,
    takerClientOrderId: number,
    aggressorSide: number,
    priceTicks: number,
    sizeLots: number,
    makerRemainingLots: number,
    takerRemainingLots: number,
  ): void {
    this.events.push({
      type: 'filled',
      makerOrderId,
      makerOwner,
      makerClientOrderId,
      takerOrderId,
      takerOwner,
      takerClientOrderId,
      aggressorSide,
      priceTicks,
      sizeLots,
      makerRemainingLots,
      takerRemainingLots,
    });
  }
  onCanceled(orderId: number, owner: number, clientOrderId: number, canceledLots: number, reason: number): void {
    this.events.push({ type: 'canceled', orderId, owner, clientOrderId, canceledLots, reason });
  }
  onReduced(orderId: number, owner: number, clientOrderId: number, reducedLots: number, remainingLots: number): void {
    this.events.push({ type: 'reduced', orderId, owner, clientOrderId, reducedLots, remainingLots });
  }
  onAmended(orderId: number, owner: number, clientOrderId: number, side: number, priceTicks: number, sizeLots: number): void {
    this.events.push({ type: 'amended', orderId, owner, clientOrderId, side, priceTicks, sizeLots });
  }
  onTopOfBook(bidTicks: number, bidLots: number, askTicks: number, askLots: number): void {
    this.events.push({ type: 'top', bidTicks, bidLots, askTicks, askLots });
  }
  /** Events of one type, narrowed. */
  of<T extends BookEvent['type']>(type: T): Array<Extract<BookEvent, { type: T }>> {
    return this.events.filter((e): e is Extract<BookEvent, { type: T }> => e.type === type);
  }
  clear(): void {
    this.events.length = 0;
  }
}

/** One side of a fixture: `[priceTicks, [lots of each order, in queue order]]`. */
export type Queues = ReadonlyArray<readonly [number, readonly number[]]>;

export interface BookFixture {
  readonly bids?: Queues;
  readonly asks?: Queues;
  /** Owner of every fixture order (default 1). */
  readonly makerOwner?: number;
  readonly options?: BookOptions;
}

export interface FixtureBook {
  readonly book: OrderBook;
  readonly sink: RecordingSink;
  /** Order ids resting at `priceTicks`, in queue order, as placed by the fixture. */
  idsAt(priceTicks: number): number[];
  /** A fresh order id above every fixture id. */
  nextId(): number;
}

/** Builds a book holding the given queues and clears the recorded set-up events. */
export function bookWith(f: BookFixture = {}): FixtureBook {
  const sink = new RecordingSink();
  const book = new OrderBook(sink, f.options ?? {});
  const owner = f.makerOwner ?? 1;
  const placed = new Map<number, number[]>();
  let id = 0;
  const place = (side: number, queues: Queues | undefined): void => {
    for (const [priceTicks, sizes] of queues ?? []) {
      for (const lots of sizes) {
        id++;
        book.submit(id, owner, 1000 + id, side, OrderType.Limit, priceTicks, lots);
        const list = placed.get(priceTicks) ?? [];
        list.push(id);
        placed.set(priceTicks, list);
      }
    }
  };
  place(Side.Buy, f.bids);
  place(Side.Sell, f.asks);
  if (sink.of('filled').length > 0 || sink.of('rejected').length > 0) throw new Error('bookWith: fixture queues cross or are invalid');
  sink.clear();
  return {
    book,
    sink,
    idsAt: (p) => [...(placed.get(p) ?? [])],
    nextId: () => ++id,
  };
}

/** The book's L2 as `{ bids: [[priceTicks, lots]], asks }`, best first (tests only). */
export function levelsOf(book: OrderBook, depth = 50): { bids: Array<[number, number]>; asks: Array<[number, number]> } {
  const snap = new L2Snapshot(depth);
  book.snapshotL2(snap);
  const bids: Array<[number, number]> = [];
  const asks: Array<[number, number]> = [];
  for (let i = 0; i < snap.bidLevels; i++) bids.push([snap.bidTicks[i] as number, snap.bidLots[i] as number]);
  for (let i = 0; i < snap.askLevels; i++) asks.push([snap.askTicks[i] as number, snap.askLots[i] as number]);
  return { bids, asks };
}

/** Fills as compact `[makerOrderId, priceTicks, sizeLots]` triples, in order. */
export function fillsOf(sink: RecordingSink): Array<[number, number, number]> {
  return sink.of('filled').map((f) => [f.makerOrderId, f.priceTicks, f.sizeLots]);
}
