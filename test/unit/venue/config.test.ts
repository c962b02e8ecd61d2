import { describe, expect, it } from 'vitest';
import { buildInstrumentInfo } from '../../../src/venue/instrumentInfo.js';
import { btcInstruments, makeWorld } from './harness.js';

describe('CexVenue config', () => {
  const bad: { name: string; tick: number; lot: number; price: number; msg: RegExp }[] = [
    { name: 'tick * lot below one quote unit', tick: 0.01, lot: 0.001, price: 1, msg: /whole number/ },
    { name: 'tick * lot off the quote-unit grid', tick: 0.15, lot: 0.001, price: 1, msg: /whole number/ },
    { name: 'zero tick', tick: 0, lot: 0.001, price: 1, msg: /must be > 0/ },
    { name: 'negative initial price', tick: 0.1, lot: 0.001, price: -1, msg: /must be > 0/ },
  ];
  it.each(bad)('rejects $name', (c) => {
    const [i] = btcInstruments(['spot']);
    expect(() => buildInstrumentInfo(0, [{ ...(i as NonNullable<typeof i>), tickSize: c.tick, lotSize: c.lot, initialPrice: c.price }])).toThrow(c.msg);
  });

  it('describes its instruments and system agents', () => {
    const w = makeWorld({ traders: 0 });
    expect(w.venue.instruments().map((i) => [i.symbol, i.kind, i.quotePerTickLot])).toEqual([['BTCUSDT', 'spot', 1], ['BTCUSDT-PERP', 'perp', 1]]);
    expect(w.venue.systemAgentIds()).toEqual({ venue: 0, liquidationEngine: 1, insuranceFund: 2 });
    expect(() => w.venue.instrumentInfo(9)).toThrow(/unknown instrument/);
  });
});
