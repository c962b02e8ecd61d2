/**
 * Expiry of a venue's dated futures (linear or inverse). Each future's index is sampled every
 * `settlementSampleNs` over [expiry - window, expiry] into a settlement TWAP (instruments layer
 * `settlementTwap`, the Deribit convention of crypto-mechanics.md §4.1: time-weighted average of
 * the index over the last 30 minutes, also Binance's delivery price = average index over the
 * last 30 minutes before delivery). At expiry the venue cancels every resting order in the book,
 * settles all positions at the TWAP rounded to a tick (clearing `settleExpiry`: exact for linear,
 * inverse rounded against each holder with the residue to `Rounding`), tells every holder
 * (FutureSettled: instrument, side and size of the closing trade, priceTicks = settlement price,
 * aux0 = the holder's collateral change in money units) and accepts no more orders.
 *
 * Units: times ns, prices quote currency (index) and ticks (settlement), money settlement units.
 */
import { settlementTwap, type WindowTwap } from '../../instruments/index.js';
import { MsgKind, Reason, newMessage, resetMessage, type Message } from '../../model/messages.js';
import type { ClearingHouse, LiquidationSink } from '../clearing/index.js';
import type { CexInstrumentConfig } from '../cexConfig.js';
import type { VenueBook } from '../trading/venueBook.js';

interface FutureState {
  readonly inst: number;
  readonly expiryNs: number;
  readonly stepNs: number;
  readonly windowNs: number;
  readonly twap: WindowTwap | null;
  settled: boolean;
}

export class FutureExpiries {
  private readonly futures: FutureState[] = [];
  private readonly out: Message = newMessage();
  /** Settlement price in ticks per instrument (NaN until settled), for tests and summaries. */
  readonly settledTicks: Float64Array;

  constructor(
    private readonly cfg: readonly CexInstrumentConfig[],
    private readonly house: ClearingHouse,
    private readonly books: readonly VenueBook[],
    private readonly send: (to: number, m: Readonly<Message>) => void,
    private readonly sink: LiquidationSink,
  ) {
    this.settledTicks = new Float64Array(cfg.length).fill(Number.NaN);
    cfg.forEach((c, inst) => {
      const f = c.future;
      if (c.kind !== 'future' || f === undefined) return;
      if (!(f.settlementSampleNs > 0) || !Number.isSafeInteger(f.settlementSampleNs)) throw new RangeError(`${c.symbol}: settlementSampleNs must be an integer > 0`);
      if (!(f.settlementWindowNs >= 0) || !Number.isSafeInteger(f.settlementWindowNs)) throw new RangeError(`${c.symbol}: settlementWindowNs must be an integer >= 0`);
      this.futures.push({
        inst, expiryNs: f.expiryNs, stepNs: f.settlementSampleNs, windowNs: f.settlementWindowNs,
        twap: f.settlementWindowNs > 0 ? settlementTwap(f.expiryNs, f.settlementWindowNs) : null, settled: false,
      });
    });
  }

  /** True when the venue lists at least one dated future. */
  get any(): boolean {
    return this.futures.length > 0;
  }

  /**
   * First sample time >= fromNs of `inst` (null once past expiry): samples at expiry - j * step,
   * j = floor(window / step) .. 0, so the last one is at expiry itself.
   */
  nextSampleNs(inst: number, fromNs: number): number | null {
    const s = this.find(inst);
    if (s === undefined || s.settled || fromNs > s.expiryNs) return null;
    const n = Math.floor(s.windowNs / s.stepNs);
    const first = s.expiryNs - n * s.stepNs;
    if (fromNs <= first) return first;
    return first + Math.ceil((fromNs - first) / s.stepNs) * s.stepNs;
  }

  /** Instruments that are dated futures (venue-local ids). */
  instruments(): number[] {
    return this.futures.map((f) => f.inst);
  }

  /** One index sample of `inst` at `nowNs`; settles at expiry. Returns true when it settled now. */
  onSample(nowNs: number, inst: number, indexPrice: number): boolean {
    const s = this.find(inst);
    if (s === undefined || s.settled) return false;
    s.twap?.add(nowNs, indexPrice);
    if (nowNs < s.expiryNs) return false;
    this.settle(nowNs, s, indexPrice);
    return true;
  }

  private settle(nowNs: number, s: FutureState, indexPrice: number): void {
    const c = this.cfg[s.inst] as CexInstrumentConfig;
    const price = s.twap?.value(nowNs) ?? indexPrice;
    const ticks = Math.max(1, Math.round(price / c.tickSize));
    const h = this.house;
    const L = h.ledger;
    const book = (this.books[s.inst] as VenueBook).book;
    for (let a = 0; a < L.accountCount; a++) book.cancelAll(a, Reason.Expired);
    const n = L.accountCount;
    const pos: number[] = [];
    const before: number[] = [];
    for (let a = 0; a < n; a++) {
      pos.push(L.position(a, s.inst));
      before.push(this.collateral(a, s.inst));
    }
    h.settleExpiry(s.inst, ticks, this.sink);
    s.settled = true;
    this.settledTicks[s.inst] = ticks;
    const m = resetMessage(this.out, MsgKind.FutureSettled);
    for (let a = 0; a < n; a++) {
      const p = pos[a] as number;
      if (p === 0 || a === h.liquidatorAccount) continue;
      resetMessage(m, MsgKind.FutureSettled);
      m.instrument = s.inst;
      m.side = p > 0 ? -1 : 1;
      m.sizeLots = Math.abs(p);
      m.priceTicks = ticks;
      // Collateral change: wallet (cross) or the released bucket plus wallet (isolated).
      m.aux0 = this.collateral(a, s.inst) - (before[a] as number);
      this.send(a, m);
    }
  }

  private collateral(acct: number, inst: number): number {
    const L = this.house.ledger;
    return (L.wallet[acct] as number) + (this.house.margin.isIsolated(acct) ? (L.isoMargin[L.slot(acct, inst)] as number) : 0);
  }

  private find(inst: number): FutureState | undefined {
    return this.futures.find((f) => f.inst === inst);
  }
}
