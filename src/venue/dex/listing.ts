/**
 * Two small helpers of the DEX venue: the static facts of a listed instrument (with the CEX
 * venue's grid checks: tick * lot must be a whole number of 10^-4 quote units), and one oracle
 * observation of the off-chain price (the scenario fundamental, or another venue's index or mid
 * as this venue sees it through ctx.market). Prices quote currency.
 */
import type { AgentContext } from '../../model/context.js';
import { midTicks, type InstrumentInfo } from '../../model/market.js';
import { QUOTE_UNITS_PER_QUOTE } from '../../model/units.js';
import type { Oracle } from '../../instruments/oracle.js';
import type { CexInstrumentConfig } from '../cexConfig.js';
import type { DexOracleConfig } from './dexConfig.js';

/** Static facts of one listed instrument, with the CEX venue's grid checks. */
export function instrumentInfoOf(venueId: number, i: number, c: CexInstrumentConfig): InstrumentInfo {
  if (!(c.tickSize > 0) || !(c.lotSize > 0) || !(c.initialPrice > 0)) throw new RangeError(`instrument ${c.symbol}: tickSize, lotSize and initialPrice must be > 0`);
  const q = Math.round(c.tickSize * c.lotSize * QUOTE_UNITS_PER_QUOTE);
  if (q < 1 || Math.abs(q - c.tickSize * c.lotSize * QUOTE_UNITS_PER_QUOTE) > 1e-6) {
    throw new RangeError(`instrument ${c.symbol}: tickSize * lotSize must be a whole number of 10^-4 quote units, got ${c.tickSize * c.lotSize}`);
  }
  return { venueId, instrumentId: i, symbol: c.symbol, kind: c.kind, tickSize: c.tickSize, lotSize: c.lotSize, quotePerTickLot: q };
}

/** Reads the off-chain price now and hands it to the oracle (ignored when not a positive finite price). */
export function observeOffchain(ctx: AgentContext, cfg: DexOracleConfig, oracle: Oracle): void {
  const src = cfg.source;
  let p: number;
  if (src.kind === 'fundamental') p = ctx.fundamental();
  else {
    const s = ctx.market(src.venueId, src.instrumentId);
    const ticks = src.field === 'index' ? s.indexTicks : midTicks(s);
    p = ticks * ctx.instrument(src.venueId, src.instrumentId).tickSize;
  }
  if (p > 0 && Number.isFinite(p)) oracle.update(ctx.now, p);
}
