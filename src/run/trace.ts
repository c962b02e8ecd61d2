/**
 * `run --trace <glob>`: records every message in and out of the matching agents in the optional
 * `events` table. A pure observer: the kernel calls it after it has decided everything, so
 * tracing never changes another table's bytes.
 */
import type { KernelTracer } from '../engine/kernel.js';
import type { Message } from '../model/messages.js';
import { EVENTS, type Appender } from '../model/tables.js';

/** Agent ids whose names match `glob` (`*` any run of characters, `?` one character). */
export function matchAgents(names: readonly string[], glob: string): number[] {
  const re = new RegExp('^' + glob.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('') + '$');
  const ids: number[] = [];
  names.forEach((n, i) => {
    if (re.test(n)) ids.push(i);
  });
  return ids;
}

/** A kernel tracer that appends to the `events` table. */
export function eventsTracer(rec: Appender): KernelTracer<Message> {
  const c = EVENTS.col;
  return {
    onMessage(direction, timeNs, actorId, m) {
      rec.begin(timeNs);
      rec.set(c.agent, actorId);
      rec.set(c.direction, direction === 'out' ? 0 : 1);
      rec.set(c.kind, m.kind);
      rec.set(c.instrument, m.instrument);
      rec.set(c.client_order_id, m.clientOrderId);
      rec.set(c.order_id, m.orderId);
      rec.set(c.price_ticks, m.priceTicks);
      rec.set(c.size_lots, m.sizeLots);
      rec.set(c.side, m.side);
      rec.set(c.order_type, m.orderType);
      rec.set(c.flags, m.flags);
      rec.set(c.reason, m.reason);
      rec.set(c.aux0, m.aux0);
      rec.set(c.aux1, m.aux1);
      rec.end();
    },
  };
}
