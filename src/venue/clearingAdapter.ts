/**
 * Adapter from the venue's order entry to the clearing house (src/venue/clearing): pre-trade
 * margin checks with open-order reservations, fill booking (the liquidation engine's own fills go
 * to `onLiquidationFill` of the liquidation the venue is currently closing), and cover of flat
 * accounts left with a negative wallet.
 *
 * Reservations: the initial margin of every resting perp order (at its limit price, for the
 * account's leverage) is held against new orders (`checkOrder(..., reservedUnits)`), and released
 * as the order fills, shrinks or leaves the book. Reservations are float thresholds, not money.
 *
 * Units: money quote units, lots, ticks.
 */
import type { ClearingHouse, LiquidationSink } from './clearing/index.js';
import { OrderCheck } from './clearing/index.js';
import type { PerpClearingPort } from './trading/orderRouter.js';

const INST_SPAN = 1024;

export class ClearingAdapter implements PerpClearingPort {
  /** Liquidation id of the close order the venue is sending now (0 = none). */
  currentLiquidationId = 0;
  private reserved = new Float64Array(16);
  /** orderId -> price * INST_SPAN + inst, and orderId -> reserved units. */
  private readonly orderKey = new Map<number, number>();
  private readonly orderUnits = new Map<number, number>();

  constructor(readonly house: ClearingHouse, private readonly sink: LiquidationSink) {}

  position(acct: number, inst: number): number {
    return this.house.ledger.position(acct, inst);
  }

  /** Margin held for `acct`'s resting orders (quote units, float). */
  reservedUnits(acct: number): number {
    return acct < this.reserved.length ? (this.reserved[acct] as number) : 0;
  }

  canPlace(acct: number, inst: number, side: number, sizeLots: number, priceTicks: number): boolean {
    return this.house.checkOrder(acct, inst, side, sizeLots, priceTicks, false, this.reservedUnits(acct)) === OrderCheck.Ok;
  }

  applyFill(acct: number, inst: number, side: number, sizeLots: number, priceTicks: number, feeUnits: number): void {
    const h = this.house;
    if (acct === h.liquidatorAccount) {
      if (this.currentLiquidationId === 0) throw new Error('liquidation engine filled with no liquidation in progress');
      h.onLiquidationFill(this.currentLiquidationId, sizeLots, priceTicks, this.sink);
      return;
    }
    h.applyFill(acct, inst, side, sizeLots, priceTicks, feeUnits);
    // A close far from mark can leave a flat account owing money: the fund covers it.
    if (h.ledger.openPositions[acct] === 0 && (h.ledger.wallet[acct] as number) < 0) h.coverNegative(acct, inst, this.sink);
  }

  /** A perp order of `acct` now rests with `lots` at `priceTicks`: hold its initial margin. */
  reserve(acct: number, inst: number, orderId: number, lots: number, priceTicks: number): void {
    if (acct === this.house.liquidatorAccount) return;
    const units = this.house.orderMargin(acct, inst, lots, priceTicks);
    this.orderKey.set(orderId, priceTicks * INST_SPAN + inst);
    this.orderUnits.set(orderId, units);
    this.add(acct, units);
  }

  /** A resting order now has `remainingLots` (0: gone): resize its reservation. */
  resize(acct: number, orderId: number, remainingLots: number): void {
    const key = this.orderKey.get(orderId);
    if (key === undefined) return;
    const old = this.orderUnits.get(orderId) as number;
    if (remainingLots <= 0) {
      this.orderKey.delete(orderId);
      this.orderUnits.delete(orderId);
      this.add(acct, -old);
      return;
    }
    const inst = key % INST_SPAN;
    const price = (key - inst) / INST_SPAN;
    const units = this.house.orderMargin(acct, inst, remainingLots, price);
    this.orderUnits.set(orderId, units);
    this.add(acct, units - old);
  }

  private add(acct: number, units: number): void {
    if (acct >= this.reserved.length) {
      const r = new Float64Array(Math.max(acct + 1, this.reserved.length * 2));
      r.set(this.reserved);
      this.reserved = r;
    }
    const v = (this.reserved[acct] as number) + units;
    // Float residue of many adds and removes: an account with nothing resting holds nothing.
    this.reserved[acct] = Math.abs(v) < 1e-6 ? 0 : v;
  }
}
