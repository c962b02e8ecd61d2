/**
 * One funding settlement of one perp at a venue: rate from the interval's average premium, exact
 * zero-sum settlement in clearing (residue to the rounding account), a `funding` row, and a
 * FundingSettled message to every account that held a position (aux0 = payment in quote units,
 * + received / - paid; aux1 = rate * 1e8). Per-account payments are read as the change of each
 * holder's collateral (wallet, or its isolated bucket) across the settlement.
 */
import { MsgKind, newMessage, resetMessage, type Message } from '../../model/messages.js';
import { FUNDING, type Appender } from '../../model/tables.js';
import { QUOTE_UNITS_PER_QUOTE } from '../../model/units.js';
import type { ClearingHouse, FundingResult } from '../clearing/index.js';
import type { CexInstrumentConfig, FundingConfig } from '../cexConfig.js';
import { fundingRate } from '../../instruments/index.js';

export class FundingSettler {
  private readonly result: FundingResult = { paidByLongsUnits: 0, roundingUnits: 0, openInterestLots: 0 };
  private readonly out = newMessage();
  private holders: number[] = [];
  private before: number[] = [];

  constructor(
    private readonly venueId: number,
    private readonly cfg: FundingConfig,
    private readonly house: ClearingHouse,
    /** Money units per unit of the settlement currency (10^4 quote; 10^8 at an inverse venue). */
    private readonly moneyUnits: number = QUOTE_UNITS_PER_QUOTE,
  ) {}

  /**
   * Settles `inst` at the current clearing mark. Returns the rate used.
   * @param avgPremium the interval's average premium (NaN: none sampled -> the interest rate).
   */
  settle(tNs: number, inst: number, c: CexInstrumentConfig, avgPremium: number, indexPrice: number, send: (to: number, msg: Readonly<Message>) => void, rec: Appender): number {
    const h = this.house;
    const L = h.ledger;
    // No premium sample in the interval: premium 0, so the rate is the interest component.
    const rate = fundingRate(Number.isFinite(avgPremium) ? avgPremium : 0, this.cfg);
    this.holders.length = 0;
    this.before.length = 0;
    for (let a = 0; a < L.accountCount; a++) {
      if (L.position(a, inst) === 0) continue;
      this.holders.push(a);
      this.before.push(this.collateral(a, inst));
    }
    const r = h.settleFunding(inst, rate, this.result);
    const m = resetMessage(this.out, MsgKind.FundingSettled);
    m.instrument = inst;
    m.aux1 = Math.round(rate * 1e8);
    for (let k = 0; k < this.holders.length; k++) {
      const a = this.holders[k] as number;
      if (a === h.liquidatorAccount) continue;
      m.aux0 = this.collateral(a, inst) - (this.before[k] as number);
      send(a, m);
    }
    if (rec.enabled) {
      const col = FUNDING.col;
      rec.begin(tNs);
      rec.set(col.venue, this.venueId);
      rec.set(col.instrument, c.dictIndex);
      rec.set(col.rate, rate);
      rec.set(col.premium, avgPremium);
      rec.set(col.mark, (h.marks[inst] as number) * c.tickSize);
      rec.set(col.index, indexPrice);
      rec.set(col.open_interest, r.openInterestLots * c.lotSize);
      rec.set(col.paid_by_longs, r.paidByLongsUnits / this.moneyUnits);
      rec.set(col.rounding, r.roundingUnits / this.moneyUnits);
      rec.end();
    }
    return rate;
  }

  private collateral(acct: number, inst: number): number {
    const L = this.house.ledger;
    return this.house.margin.isIsolated(acct) ? (L.isoMargin[L.slot(acct, inst)] as number) : (L.wallet[acct] as number);
  }
}
