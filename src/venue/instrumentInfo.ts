/**
 * Static facts of a venue's listed instruments (model/market.ts InstrumentInfo) from its config,
 * checking the grids: tick, lot and initial price > 0, and one tick times one lot a whole number
 * of quote units (10^-4 of the quote currency), so every notional is an exact integer.
 */
import type { InstrumentInfo } from '../model/market.js';
import { COIN_UNITS_PER_COIN, QUOTE_UNITS_PER_QUOTE } from '../model/units.js';
import { inverseScale } from '../instruments/contract.js';
import type { CexInstrumentConfig } from './cexConfig.js';

/** True for instruments cleared by the venue's clearing house (perps and futures), false for spot. */
export function isMargined(c: { readonly kind: string }): boolean {
  return c.kind !== 'spot';
}

/** Integer money units per unit of the venue's settlement currency: the coin's (10^8) when its margined instruments are inverse, else 10^4. */
export function moneyUnitsOf(instruments: readonly CexInstrumentConfig[]): number {
  return instruments.some((c) => c.contract === 'inverse') ? COIN_UNITS_PER_COIN : QUOTE_UNITS_PER_QUOTE;
}

export function buildInstrumentInfo(venueId: number, instruments: readonly CexInstrumentConfig[]): InstrumentInfo[] {
  const inverse = instruments.filter((c) => isMargined(c) && c.contract === 'inverse').length;
  const margined = instruments.filter(isMargined).length;
  if (inverse > 0 && inverse < margined) throw new RangeError('a venue settles in one currency: its perps and futures must be all linear or all inverse');
  return instruments.map((c, i) => {
    if (!(c.tickSize > 0) || !(c.lotSize > 0) || !(c.initialPrice > 0)) throw new RangeError(`instrument ${c.symbol}: tickSize, lotSize and initialPrice must be > 0`);
    const expiry = c.future === undefined ? {} : { expiryUtcMs: c.future.expiryUtcMs };
    if (c.contract === 'inverse') {
      // A lot is one contract of lotSize USD; its value is K / P coin units, never a tick multiple.
      return { venueId, instrumentId: i, symbol: c.symbol, kind: c.kind, tickSize: c.tickSize, lotSize: c.lotSize, quotePerTickLot: 1, inverseScale: inverseScale(c.lotSize, COIN_UNITS_PER_COIN, c.tickSize), ...expiry };
    }
    const exact = c.tickSize * c.lotSize * QUOTE_UNITS_PER_QUOTE;
    const q = Math.round(exact);
    if (q < 1 || Math.abs(q - exact) > 1e-6) {
      throw new RangeError(`instrument ${c.symbol}: tickSize * lotSize must be a whole number of 10^-4 quote units, got ${c.tickSize * c.lotSize}`);
    }
    return { venueId, instrumentId: i, symbol: c.symbol, kind: c.kind, tickSize: c.tickSize, lotSize: c.lotSize, quotePerTickLot: q, ...expiry };
  });
}
