/**
 * VenueFunding: perp funding of one venue (CEX or DEX, used by ../venueCore.ts): the premium
 * average of each perp, premium sampling against the venue's index, settlement at funding times
 * and the wake-ups both need. A venue without funding (a DEX with `funding: null`) has none.
 *
 * Units: times ns, premiums and rates dimensionless, prices quote currency, money quote units.
 */
import type { AgentContext } from '../../model/context.js';
import type { SimClock } from '../../model/clock.js';
import type { Message } from '../../model/messages.js';
import type { Appender } from '../../model/tables.js';
import type { ClearingHouse } from '../clearing/index.js';
import type { CexInstrumentConfig, FundingConfig } from '../cexConfig.js';
import type { VenueBook } from '../trading/venueBook.js';
import { FundingSettler } from './fundingSettler.js';
import { moneyUnitsOf } from '../instrumentInfo.js';
import { PremiumAverage, nextFundingNs } from './fundingSchedule.js';
import { PremiumSampler } from './premiumSampler.js';

export class VenueFunding {
  private readonly settler: FundingSettler;
  private readonly premiums: PremiumAverage[];
  private readonly sampler: PremiumSampler;

  constructor(
    venueId: number,
    private readonly cfg: FundingConfig,
    private readonly instruments: readonly CexInstrumentConfig[],
    house: ClearingHouse,
    private readonly clock: SimClock,
  ) {
    this.settler = new FundingSettler(venueId, cfg, house, moneyUnitsOf(instruments));
    this.premiums = instruments.map(() => new PremiumAverage());
    this.sampler = new PremiumSampler(cfg.impactNotional);
  }

  /** Premium sampling step (ns). */
  get premiumSampleNs(): number {
    return this.cfg.premiumSampleNs;
  }

  /** When a perp is listed: the first premium sample (`premiumTag`) and each perp's first funding time (`fundingTag(inst)`). */
  schedule(ctx: AgentContext, premiumTag: number, fundingTag: (inst: number) => number): void {
    const now = ctx.now;
    if (!this.instruments.some((i) => i.kind === 'perp')) return;
    ctx.wakeAt(now + this.cfg.premiumSampleNs, premiumTag);
    this.instruments.forEach((ins, i) => {
      if (ins.kind !== 'perp') return;
      const t = nextFundingNs(this.clock, this.cfg, now);
      if (t !== null) ctx.wakeAt(t, fundingTag(i));
    });
  }

  /** Adds one premium sample per perp book over its underlying's index (`indexPriceOf(inst)`, quote currency). */
  samplePremiums(books: readonly VenueBook[], indexPriceOf: (inst: number) => number): void {
    for (let i = 0; i < books.length; i++) {
      const c = this.instruments[i];
      if (c === undefined || c.kind !== 'perp') continue;
      (this.premiums[i] as PremiumAverage).add(this.sampler.sample(books[i] as VenueBook, c.tickSize, c.lotSize, indexPriceOf(i)));
    }
  }

  /**
   * Settles perp `inst` on the interval's average premium and wakes again with `tag` at the next
   * funding time; false (nothing done) when `inst` is not listed.
   */
  settle(ctx: AgentContext, inst: number, tag: number, indexPrice: number, send: (to: number, m: Readonly<Message>) => void, recorder: Appender): boolean {
    const ins = this.instruments[inst];
    if (ins === undefined) return false;
    this.settler.settle(ctx.now, inst, ins, (this.premiums[inst] as PremiumAverage).take(), indexPrice, send, recorder);
    const t = nextFundingNs(this.clock, this.cfg, ctx.now);
    if (t !== null) ctx.wakeAt(t, tag);
    return true;
  }
}
