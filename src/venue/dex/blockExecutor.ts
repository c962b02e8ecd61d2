/**
 * What a DEX block does to each transaction (the mempool's {@link TxSink}): an included order
 * command first tells its sender (MsgKind.TxIncluded: outcome included or late, inclusion delay,
 * block number) and then executes through the shared order router exactly as a CEX message would
 * (acks, fills, trades and orders rows); a transaction that leaves the mempool unincluded is
 * reported to its sender as MsgKind.OrderExpired (reason DeadlineMissed or Dropped, outcome
 * dropped) and logged in `orders` as event `expired`.
 *
 * Units: times ns, prices ticks (real units in tables), sizes lots.
 */
import { MsgKind, OrderType, newMessage, resetMessage, type Message } from '../../model/messages.js';
import { ORDER_EVENTS, ORDERS, nullAppender, sideIndex, type Appender } from '../../model/tables.js';
import type { CexInstrumentConfig } from '../cexConfig.js';
import { TxOutcome, type TxSink, type TxView } from './mempool.js';

/** The order router's entry point (src/venue/trading/orderRouter.ts `handle`). */
export interface CommandHandler {
  handle(msg: Readonly<Message>, from: number): boolean;
}

const EXPIRED = ORDER_EVENTS.indexOf('expired');

export class BlockExecutor implements TxSink {
  private readonly out = newMessage();
  /** The `orders` appender (set when the kernel starts the venue). */
  orders: Appender = nullAppender(ORDERS);
  /** Counts by outcome (index TxOutcome). */
  readonly outcomes = new Float64Array(4);

  constructor(
    private readonly venueId: number,
    private readonly instruments: readonly CexInstrumentConfig[],
    private readonly notifyInclusion: boolean,
    private readonly send: (to: number, msg: Readonly<Message>) => void,
    private readonly router: CommandHandler,
  ) {}

  onIncluded(tx: Readonly<TxView>, outcome: TxOutcome, blockNumber: number, blockTimeNs: number): void {
    this.outcomes[outcome] = (this.outcomes[outcome] as number) + 1;
    const msg = tx.msg;
    if (this.notifyInclusion) {
      const m = resetMessage(this.out, MsgKind.TxIncluded);
      m.instrument = msg.instrument;
      m.clientOrderId = msg.clientOrderId;
      m.orderId = msg.orderId;
      m.side = msg.side;
      m.sizeLots = msg.sizeLots;
      m.aux0 = outcome;
      m.aux1 = blockTimeNs - tx.arrivalNs;
      m.aux2 = blockNumber;
      m.aux3 = msg.kind;
      this.send(tx.from, m);
    }
    this.router.handle(msg, tx.from);
  }

  onExpired(tx: Readonly<TxView>, reason: number, tNs: number): void {
    this.outcomes[TxOutcome.Dropped] = (this.outcomes[TxOutcome.Dropped] as number) + 1;
    const msg = tx.msg;
    const m = resetMessage(this.out, MsgKind.OrderExpired);
    m.instrument = msg.instrument;
    m.clientOrderId = msg.clientOrderId;
    m.orderId = msg.orderId;
    m.side = msg.side;
    m.sizeLots = msg.sizeLots;
    m.reason = reason;
    m.aux0 = TxOutcome.Dropped;
    m.aux1 = tNs - tx.arrivalNs;
    m.aux3 = msg.kind;
    this.send(tx.from, m);
    const o = this.orders;
    if (!o.enabled) return;
    const c = this.instruments[msg.instrument];
    const col = ORDERS.col;
    const isSubmit = msg.kind === MsgKind.SubmitOrder;
    o.begin(tNs);
    o.set(col.venue, this.venueId);
    o.set(col.instrument, c === undefined ? -1 : c.dictIndex);
    o.set(col.agent, tx.from);
    o.set(col.event, EXPIRED);
    o.set(col.order_id, msg.orderId);
    o.set(col.client_order_id, msg.clientOrderId);
    o.set(col.side, sideIndex(isSubmit ? msg.side : 0));
    o.set(col.order_type, isSubmit ? msg.orderType : 0);
    o.set(col.price, c === undefined || !isSubmit || msg.orderType === OrderType.Market ? Number.NaN : msg.priceTicks * c.tickSize);
    o.set(col.size, c === undefined ? msg.sizeLots : msg.sizeLots * c.lotSize);
    o.set(col.reason, reason);
    o.end();
  }
}
