/**
 * Drives the clearing house's liquidation engine from the venue (crypto-mechanics.md §3.1):
 * on each mark change, for every perp, the trigger index names the accounts whose liquidation
 * price was crossed; each one that is exactly liquidatable has all its orders cancelled (reason
 * Liquidation) and its position taken over by the liquidation engine's account; then the engine's
 * close orders go into the SAME book as IOC orders from the liquidation engine's agent id, so every
 * close is a trade with a real counterparty. Unfilled lots are auto-deleveraged inside clearing.
 *
 * Each step is a `liquidations` row (real units); the liquidated trader gets PositionLiquidated
 * (instrument, side of the closing trade, sizeLots, priceTicks = mark, aux0 = bankruptcy ticks,
 * aux1 = fee units) and each deleveraged counterparty PositionDeleveraged (instrument, side of its
 * closing trade, sizeLots, priceTicks = bankruptcy price ticks).
 */
import { MsgFlag, MsgKind, OrderType, Reason, newMessage, resetMessage, type Message } from '../model/messages.js';
import { LIQUIDATIONS, sideIndex, type Appender } from '../model/tables.js';
import { LiqEvent, type ClearingHouse, type LiquidationOrder, type LiquidationStep } from './clearing/index.js';
import type { ClearingAdapter } from './clearingAdapter.js';
import type { CexInstrumentConfig } from './cexConfig.js';
import { isMargined, moneyUnitsOf } from './instrumentInfo.js';
import type { OrderRouter } from './trading/orderRouter.js';

/** Largest number of close orders sent in one pass (a runaway guard; the rest go on the next mark). */
const MAX_ORDERS_PER_PASS = 10_000;

export class LiquidationDriver {
  private readonly buf: Int32Array;
  private readonly order: LiquidationOrder = { liquidationId: 0, instrument: 0, side: 0, sizeLots: 0, limitTicks: 0 };
  private readonly out = newMessage();
  recorder: Appender | null = null;
  /** Number of liquidations started so far. */
  started = 0;

  constructor(
    private readonly venueId: number,
    private readonly cfg: readonly CexInstrumentConfig[],
    private readonly house: ClearingHouse,
    private readonly adapter: ClearingAdapter,
    private readonly router: OrderRouter,
    private readonly send: (to: number, msg: Readonly<Message>) => void,
    private readonly nowNs: () => number,
    maxTriggered = 4096,
  ) {
    this.buf = new Int32Array(maxTriggered);
    this.moneyUnits = moneyUnitsOf(cfg);
  }

  /** Money units per unit of the settlement currency (table columns are in the currency). */
  private readonly moneyUnits: number;

  /** Pushes new marks (fractional ticks) into clearing and liquidates what they trigger. */
  onMarks(markTicks: Float64Array): void {
    const h = this.house;
    for (let i = 0; i < this.cfg.length; i++) if (isMargined(this.cfg[i] as CexInstrumentConfig) && h.expired[i] === 0) h.setMark(i, markTicks[i] as number);
    for (let i = 0; i < this.cfg.length; i++) {
      if (!isMargined(this.cfg[i] as CexInstrumentConfig) || h.expired[i] === 1) continue;
      // The trigger index pops what it returns: loop until the mark crosses nothing more.
      for (;;) {
        const n = h.triggered(i, this.buf);
        for (let k = 0; k < n; k++) {
          const acct = this.buf[k] as number;
          if (!h.isLiquidatable(acct, i)) {
            h.reindex(acct);
            continue;
          }
          this.router.cancelAllEverywhere(acct, Reason.Liquidation);
          this.started += h.liquidate(acct, i, this.step);
        }
        if (n < this.buf.length) break;
      }
    }
    this.sendCloseOrders();
  }

  /** Sends the engine's pending close orders into the books. */
  sendCloseOrders(): void {
    const h = this.house;
    const o = this.order;
    let sent = 0;
    while (sent < MAX_ORDERS_PER_PASS && h.nextLiquidationOrder(o)) {
      sent++;
      const id = o.liquidationId;
      this.adapter.currentLiquidationId = id;
      if (o.limitTicks >= 1) {
        this.router.submit(h.liquidatorAccount, o.instrument, id, o.side, OrderType.IOC, o.limitTicks, o.sizeLots, MsgFlag.Liquidation);
      }
      this.adapter.currentLiquidationId = 0;
      h.onLiquidationOrderDone(id, this.step);
    }
  }

  /** The clearing sink: one table row per step plus the trader notifications. */
  readonly step = (s: Readonly<LiquidationStep>): void => {
    const c = this.cfg[s.instrument] as CexInstrumentConfig;
    if (s.event === LiqEvent.Triggered) {
      const m = resetMessage(this.out, MsgKind.PositionLiquidated);
      m.instrument = s.instrument;
      m.side = -s.side;
      m.sizeLots = s.sizeLots;
      m.priceTicks = s.markTicks;
      m.aux0 = s.bankruptcyTicks;
      m.aux1 = s.feeUnits;
      m.flags = MsgFlag.Liquidation;
      this.send(s.account, m);
    } else if (s.event === LiqEvent.Adl) {
      const m = resetMessage(this.out, MsgKind.PositionDeleveraged);
      m.instrument = s.instrument;
      m.side = s.side;
      m.sizeLots = s.sizeLots;
      m.priceTicks = s.fillTicks;
      this.send(s.account, m);
    }
    const r = this.recorder;
    if (r === null || !r.enabled) return;
    const col = LIQUIDATIONS.col;
    r.begin(this.nowNs());
    r.set(col.venue, this.venueId);
    r.set(col.instrument, c.dictIndex);
    r.set(col.account, s.account);
    r.set(col.event, s.event);
    r.set(col.liquidation_id, s.liquidationId);
    r.set(col.side, sideIndex(s.side));
    r.set(col.size, s.sizeLots * c.lotSize);
    r.set(col.mark, s.markTicks * c.tickSize);
    r.set(col.bankruptcy_price, s.bankruptcyTicks * c.tickSize);
    r.set(col.fill_price, s.fillTicks * c.tickSize);
    r.set(col.fee, s.feeUnits / this.moneyUnits);
    r.set(col.insurance_draw, s.insuranceDrawUnits / this.moneyUnits);
    r.set(col.insurance_fund, s.insuranceFundUnits / this.moneyUnits);
    r.set(col.socialized_loss, s.socializedLossUnits / this.moneyUnits);
    r.end();
  };
}
