/**
 * Random command streams for property and model-based tests of the book: a fast-check
 * arbitrary of short streams and a runner that applies one stream to anything with the book's
 * command methods (the real OrderBook or the naive reference book). Order ids are 1, 2, 3... in
 * submit order; cancels and reduces pick an earlier id (mostly with its true owner).
 */
import fc from 'fast-check';
import { OrderType } from '../../../src/model/messages.js';

export type Command =
  | { kind: 'submit'; owner: number; side: number; type: number; priceTicks: number; sizeLots: number }
  | { kind: 'cancel'; pick: number; wrongOwner: boolean }
  | { kind: 'reduce'; pick: number; byLots: number }
  | { kind: 'cancelAll'; owner: number }
  | { kind: 'amend'; pick: number; wrongOwner: boolean; priceTicks: number; sizeLots: number };

/** The command surface shared by OrderBook and the reference book. */
export interface BookCommands {
  submit(orderId: number, owner: number, clientOrderId: number, side: number, orderType: number, priceTicks: number, sizeLots: number): number;
  cancel(owner: number, orderId: number, reason?: number): number;
  reduce(owner: number, orderId: number, reduceByLots: number): number;
  cancelAll(owner: number, reason?: number): number;
  amend(owner: number, orderId: number, newPriceTicks: number, newSizeLots: number): number;
}

const owners = fc.integer({ min: 0, max: 3 });
const price = fc.oneof({ arbitrary: fc.integer({ min: 96, max: 104 }), weight: 12 }, { arbitrary: fc.integer({ min: 1, max: 400 }), weight: 1 }, { arbitrary: fc.constantFrom(0, -1, 2.5), weight: 1 });
const size = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 6 }), weight: 20 }, { arbitrary: fc.constantFrom(0, -2, 1.5, Number.NaN), weight: 1 });

const submit = fc.record({
  kind: fc.constant('submit' as const),
  owner: owners,
  side: fc.constantFrom(1, -1),
  type: fc.constantFrom(OrderType.Limit, OrderType.Limit, OrderType.Limit, OrderType.Market, OrderType.IOC, OrderType.PostOnly),
  priceTicks: price,
  sizeLots: size,
}).map((c) => (c.type === OrderType.Market && c.priceTicks > 50 && c.priceTicks % 3 !== 0 ? { ...c, priceTicks: 0 } : c));

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: submit, weight: 10 },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(), wrongOwner: fc.integer({ min: 0, max: 9 }).map((x) => x === 0) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('reduce' as const), pick: fc.nat(), byLots: fc.integer({ min: 0, max: 7 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('cancelAll' as const), owner: owners }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('amend' as const), pick: fc.nat(), wrongOwner: fc.integer({ min: 0, max: 9 }).map((x) => x === 0), priceTicks: price, sizeLots: size }),
    weight: 3,
  },
);

/** Short streams: long enough to build a few levels and queues, short enough for 10^4 runs. */
export const streamArb = (maxLength = 30): fc.Arbitrary<Command[]> => fc.array(commandArb, { minLength: 1, maxLength });

/** Tracks issued ids and owners while a stream runs. */
export class StreamState {
  readonly ownerOf: number[] = [0];
  nextId = 1;
  /** An earlier id chosen by `pick` (0 when none was issued yet: never live). */
  pickId(pick: number): number {
    const n = this.ownerOf.length - 1;
    return n === 0 ? 0 : 1 + (pick % n);
  }
}

/** Applies one command; returns the order id it concerned (0 for cancelAll). */
export function applyCommand(book: BookCommands, st: StreamState, c: Command): number {
  switch (c.kind) {
    case 'submit': {
      const id = st.nextId++;
      st.ownerOf.push(c.owner);
      book.submit(id, c.owner, 500 + id, c.side, c.type, c.priceTicks, c.sizeLots);
      return id;
    }
    case 'cancel': {
      const id = st.pickId(c.pick);
      const owner = st.ownerOf[id] ?? 0;
      book.cancel(c.wrongOwner ? (owner + 1) % 4 : owner, id);
      return id;
    }
    case 'reduce': {
      const id = st.pickId(c.pick);
      book.reduce(st.ownerOf[id] ?? 0, id, c.byLots);
      return id;
    }
    case 'cancelAll':
      book.cancelAll(c.owner);
      return 0;
    case 'amend': {
      const id = st.pickId(c.pick);
      const owner = st.ownerOf[id] ?? 0;
      book.amend(c.wrongOwner ? (owner + 1) % 4 : owner, id, c.priceTicks, c.sizeLots);
      return id;
    }
  }
}
