/**
 * A market maker's resting ladder, level by level, for makers that amend instead of
 * cancel-all-and-resubmit: per side and level the client order id, limit (ticks) and remaining
 * size (lots) of the live quote, kept from what the maker sent and from its fills and cancels.
 * `quote` sends only what changed: nothing when the level already rests at that price and size,
 * an amend otherwise (a decrease in place keeps the queue position; a price change or increase
 * loses it, as a cancel and resubmit would), a new order when the level is empty. A post-only
 * quote whose new price would cross the observed opposite touch is canceled and resubmitted
 * post-only instead (an amend re-enters as a plain limit and could take).
 */
import type { AgentContext } from '../../model/context.js';
import { OrderType } from '../../model/messages.js';
import type { OrderPort } from './port.js';

export class QuoteLadder {
  /** Index side * levels + level, side 0 = bids, 1 = asks. */
  private readonly coid: Float64Array;
  private readonly priceTicks: Float64Array;
  private readonly lots: Float64Array;

  constructor(readonly levels: number) {
    this.coid = new Float64Array(2 * levels);
    this.priceTicks = new Float64Array(2 * levels);
    this.lots = new Float64Array(2 * levels);
  }

  /** Number of live quotes. */
  get live(): number {
    let n = 0;
    for (let i = 0; i < this.coid.length; i++) if (this.coid[i] !== 0) n++;
    return n;
  }

  /**
   * Quotes `lots` at `priceTicks` on `side` (+1 bid, -1 ask) at `level`. `oppositeTouchTicks` is
   * the best opposite price as observed (0 when unknown), used only for post-only quotes.
   */
  quote(ctx: AgentContext, port: OrderPort, side: number, level: number, priceTicks: number, lots: number, orderType: number, oppositeTouchTicks: number): void {
    const k = (side > 0 ? 0 : this.levels) + level;
    const id = this.coid[k] as number;
    if (id === 0) {
      this.coid[k] = port.limit(ctx, side, priceTicks, lots, 0, orderType);
      this.priceTicks[k] = priceTicks;
      this.lots[k] = lots;
      return;
    }
    if (this.priceTicks[k] === priceTicks && this.lots[k] === lots) return;
    const wouldCross = oppositeTouchTicks > 0 && (side > 0 ? priceTicks >= oppositeTouchTicks : priceTicks <= oppositeTouchTicks);
    if (orderType === OrderType.PostOnly && wouldCross) {
      port.cancel(ctx, id);
      this.coid[k] = port.limit(ctx, side, priceTicks, lots, 0, orderType);
    } else {
      port.amend(ctx, id, priceTicks, lots);
    }
    this.priceTicks[k] = priceTicks;
    this.lots[k] = lots;
  }

  /** Cancels the quote at `level` on `side`, if any. */
  pull(ctx: AgentContext, port: OrderPort, side: number, level: number): void {
    const k = (side > 0 ? 0 : this.levels) + level;
    const id = this.coid[k] as number;
    if (id === 0) return;
    port.cancel(ctx, id);
    this.coid[k] = 0;
  }

  /** Every quote is gone (the maker canceled all, was liquidated or withdrew). */
  clear(): void {
    this.coid.fill(0);
  }

  /** A fill of one of the quotes: `remainingLots` left (0: gone). Unknown ids are ignored. */
  onFill(clientOrderId: number, remainingLots: number): void {
    const k = this.indexOf(clientOrderId);
    if (k < 0) return;
    if (remainingLots <= 0) this.coid[k] = 0;
    else this.lots[k] = remainingLots;
  }

  /** A quote left the book without trading (canceled, rejected, expired). */
  onGone(clientOrderId: number): void {
    const k = this.indexOf(clientOrderId);
    if (k >= 0) this.coid[k] = 0;
  }

  private indexOf(clientOrderId: number): number {
    if (clientOrderId === 0) return -1;
    for (let i = 0; i < this.coid.length; i++) if (this.coid[i] === clientOrderId) return i;
    return -1;
  }
}
