/**
 * Model-based test: OrderBook against the naive ReferenceBook over 10,000 short random command
 * streams (pinned seed), for each self-trade prevention mode. After every stream the full event
 * logs (accepts, rejects, fills, cancels, reduces, top-of-book) and the final L2 must agree.
 * cancelAll's cancels are compared as a set (the real book walks the owner list newest first).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook, type SelfTradePrevention } from '../../src/book/index.js';
import { applyCommand, StreamState, streamArb } from '../unit/book/commands.js';
import { levelsOf, RecordingSink, type BookEvent } from '../unit/book/fixtures.js';
import { ReferenceBook } from '../unit/book/referenceBook.js';

/** Sorts the cancel events emitted by one cancelAll by order id. */
function normalize(events: BookEvent[], marks: number[]): BookEvent[] {
  const out = events.slice();
  for (let k = 0; k + 1 < marks.length; k += 2) {
    const a = marks[k] as number;
    const b = marks[k + 1] as number;
    const run = out.slice(a, b);
    const cancels = run.filter((e) => e.type === 'canceled').sort((x, y) => (x.type === 'canceled' && y.type === 'canceled' ? x.orderId - y.orderId : 0));
    const rest = run.filter((e) => e.type !== 'canceled');
    out.splice(a, b - a, ...cancels, ...rest);
  }
  return out;
}

const modes: Array<{ mode: SelfTradePrevention; seed: number }> = [
  { mode: 'cancel_resting', seed: 20261125 },
  { mode: 'cancel_taker', seed: 7 },
  { mode: 'none', seed: 424242 },
];

describe('OrderBook agrees with the reference book', () => {
  it.each(modes)('10,000 random streams with $mode', ({ mode, seed }) => {
    fc.assert(
      fc.property(streamArb(24), (stream) => {
        const realSink = new RecordingSink();
        const refSink = new RecordingSink();
        const real = new OrderBook(realSink, { selfTradePrevention: mode, initialLevels: 16, initialOrders: 4 });
        const ref = new ReferenceBook(refSink, mode);
        const stReal = new StreamState();
        const stRef = new StreamState();
        const realMarks: number[] = [];
        const refMarks: number[] = [];
        for (const c of stream) {
          if (c.kind === 'cancelAll') {
            realMarks.push(realSink.events.length);
            refMarks.push(refSink.events.length);
          }
          applyCommand(real, stReal, c);
          applyCommand(ref, stRef, c);
          if (c.kind === 'cancelAll') {
            realMarks.push(realSink.events.length);
            refMarks.push(refSink.events.length);
          }
        }
        expect(normalize(realSink.events, realMarks)).toEqual(normalize(refSink.events, refMarks));
        expect(levelsOf(real, 1000)).toEqual(ref.levels());
        expect(real.liveOrderCount()).toBe(ref.orders.length);
      }),
      { seed, numRuns: 10_000 },
    );
  }, 60_000);
});
