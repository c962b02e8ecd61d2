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
import { ABSENT, IdIndex } from '../book/idIndex.js';

const INST_SPAN = 1024;

export class ClearingAdapter implements PerpClearingPort {
  /** Liquidation id of the close order the venue is sending now (0 = none). */
  currentLiquidationId = 0;
  private reserved = new Float64Array(16);
  /**
   * Per resting perp order: orderId -> slot (an open-addressing table, no allocation per order,
   * where two Maps cost about 5% of a run), and per slot its price * INST_SPAN + inst and its
   * reserved units. Freed slots are reused.
   */
  private readonly slotOf = new IdIndex(1024);
  private slotKey = new Float64Array(1024);
  private slotUnits = new Float64Array(1024);
  private freeSlots = new Int32Array(1024);
  private freeCount = 0;
  private slotHighWater = 0;

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
    let slot = this.slotOf.get(orderId);
    if (slot === ABSENT) {
      slot = this.allocSlot();
      this.slotOf.set(orderId, slot);
    }
    this.slotKey[slot] = priceTicks * INST_SPAN + inst;
    this.slotUnits[slot] = units;
    this.add(acct, units);
  }

  /** A resting order now has `remainingLots` (0: gone): resize its reservation. */
  resize(acct: number, orderId: number, remainingLots: number): void {
    const slot = this.slotOf.get(orderId);
    if (slot === ABSENT) return;
    const old = this.slotUnits[slot] as number;
    if (remainingLots <= 0) {
      this.slotOf.delete(orderId);
      this.freeSlots[this.freeCount++] = slot;
      this.add(acct, -old);
      return;
    }
    const key = this.slotKey[slot] as number;
    const inst = key % INST_SPAN;
    const price = (key - inst) / INST_SPAN;
    const units = this.house.orderMargin(acct, inst, remainingLots, price);
    this.slotUnits[slot] = units;
    this.add(acct, units - old);
  }

  private allocSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount] as number;
    const slot = this.slotHighWater++;
    if (slot >= this.slotKey.length) {
      const n = this.slotKey.length * 2;
      const key = new Float64Array(n);
      key.set(this.slotKey);
      this.slotKey = key;
      const units = new Float64Array(n);
      units.set(this.slotUnits);
      this.slotUnits = units;
      const free = new Int32Array(n);
      free.set(this.freeSlots);
      this.freeSlots = free;
    }
    return slot;
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
