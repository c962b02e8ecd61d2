/**
 * Static facts of a venue's listed instruments (model/market.ts InstrumentInfo) from its config,
 * checking the grids: tick, lot and initial price > 0, and one tick times one lot a whole number
 * of quote units (10^-4 of the quote currency), so every notional is an exact integer.
 */
import type { InstrumentInfo } from '../model/market.js';
import { QUOTE_UNITS_PER_QUOTE } from '../model/units.js';
import type { CexInstrumentConfig } from './cexConfig.js';

export function buildInstrumentInfo(venueId: number, instruments: readonly CexInstrumentConfig[]): InstrumentInfo[] {
  return instruments.map((c, i) => {
    if (!(c.tickSize > 0) || !(c.lotSize > 0) || !(c.initialPrice > 0)) throw new RangeError(`instrument ${c.symbol}: tickSize, lotSize and initialPrice must be > 0`);
    const exact = c.tickSize * c.lotSize * QUOTE_UNITS_PER_QUOTE;
    const q = Math.round(exact);
    if (q < 1 || Math.abs(q - exact) > 1e-6) {
      throw new RangeError(`instrument ${c.symbol}: tickSize * lotSize must be a whole number of 10^-4 quote units, got ${c.tickSize * c.lotSize}`);
    }
    return { venueId, instrumentId: i, symbol: c.symbol, kind: c.kind, tickSize: c.tickSize, lotSize: c.lotSize, quotePerTickLot: q };
  });
}
