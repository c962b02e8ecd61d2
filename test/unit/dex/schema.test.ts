/** The zod fields of a `kind: dex` venue (defaults, presets, overrides, errors, the config they build) and the shared venue interface. */
import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_SEC } from '../../../src/engine/time.js';
import { CHAINLINK_L1, PYTH_PULL } from '../../../src/instruments/oracle.js';
import { ARBITRUM_L2, DexVenue, ETHEREUM_L1, dexConfig, dexOverridesOf, dexPartsOf, dexVenuePartSchema, type VenueWorldApi } from '../../../src/venue/dex/index.js';
import { CexVenue } from '../../../src/venue/cexVenue.js';
import { cexConfig } from '../../../src/venue/cexDefaults.js';
import { SimClock } from '../../../src/model/clock.js';
import { btcInstruments } from '../venue/harness.js';

const S = NS_PER_SEC;

describe('dex venue fields', () => {
  it('defaults: an Arbitrum-like chain, no congestion, a Chainlink oracle on the fundamental', () => {
    const parts = dexPartsOf(dexVenuePartSchema.parse({}));
    expect(dexPartsOf(dexVenuePartSchema.parse({ chain: { preset: 'ethereum', eip1559: false } })).chain.eip1559).toBeUndefined();
    expect(dexPartsOf(dexVenuePartSchema.parse({ chain: { eip1559: true } })).chain.eip1559).toEqual(ETHEREUM_L1.eip1559);
    expect(parts.chain).toEqual({ blockTimeNs: ARBITRUM_L2.blockTimeNs, blockCapacity: ARBITRUM_L2.blockCapacity, minPriorityFee: 0, defaultPriorityFee: 1, defaultDeadlineNs: 300 * S });
    expect(parts.congestion).toEqual([]);
    expect(parts.oracle).toEqual({ deviation: CHAINLINK_L1.deviation, heartbeatNs: CHAINLINK_L1.heartbeatNs, delayNs: CHAINLINK_L1.delayNs, minIntervalNs: 0, observeIntervalNs: S });
    expect(parts.source).toBe('fundamental');
    expect(parts.notifyInclusion).toBe(true);
  });

  const cases = [
    {
      name: 'ethereum preset with a block time override and a congestion window',
      input: {
        chain: { preset: 'ethereum', block_capacity: 50 },
        congestion: [{ start: '10m', duration: '5m', block_time: '24s', min_priority_fee: 40, drop_probability: 0.1 }],
      },
      check: (p: ReturnType<typeof dexPartsOf>) => {
        expect(p.chain.blockTimeNs).toBe(ETHEREUM_L1.blockTimeNs);
        expect(p.chain.blockCapacity).toBe(50);
        expect(p.chain.eip1559).toEqual(ETHEREUM_L1.eip1559);
        expect(p.congestion).toEqual([{ startNs: 600 * S, endNs: 900 * S, blockTimeNs: 24 * S, minPriorityFee: 40, dropProbability: 0.1 }]);
      },
    },
    {
      name: 'pyth preset, a CEX index source and a custom delay',
      input: { oracle: { preset: 'pyth', delay: '1s', source: { venue: 'cex', instrument: 'BTC-PERP' } } },
      check: (p: ReturnType<typeof dexPartsOf>) => {
        expect(p.oracle).toMatchObject({ deviation: 0, heartbeatNs: PYTH_PULL.heartbeatNs, delayNs: S, minIntervalNs: 400 * NS_PER_MS });
        expect(p.source).toEqual({ venue: 'cex', instrument: 'BTC-PERP', field: 'index' });
      },
    },
  ];
  for (const c of cases) it(c.name, () => c.check(dexPartsOf(dexVenuePartSchema.parse(c.input))));

  const bad = [
    { name: 'unknown key', input: { chain: { block_tme: '1s' } }, path: ['chain'] },
    { name: 'zero block time', input: { chain: { block_time: '0' } }, path: ['chain', 'block_time'] },
    { name: 'zero-length window', input: { congestion: [{ start: '1m', duration: '0' }] }, path: ['congestion', 0, 'duration'] },
    { name: 'drop probability above 1', input: { congestion: [{ start: '1m', duration: '1m', drop_probability: 1.5 }] }, path: ['congestion', 0, 'drop_probability'] },
    { name: 'unknown oracle preset', input: { oracle: { preset: 'band' } }, path: ['oracle', 'preset'] },
    { name: 'zero observe interval', input: { oracle: { observe_interval: '0' } }, path: ['oracle', 'observe_interval'] },
  ];
  for (const b of bad) {
    it(`rejects ${b.name}`, () => {
      const r = dexVenuePartSchema.safeParse(b.input);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(b.path);
    });
  }

  it('dexOverridesOf resolves the source venue and builds a full DexVenueConfig', () => {
    const p = dexVenuePartSchema.parse({ oracle: { source: { venue: 'cex', instrument: 'BTC-PERP', field: 'mid' } } });
    const o = dexOverridesOf(p, (v, i) => (v === 'cex' && i === 'BTC-PERP' ? { venueId: 4, instrumentId: 1 } : { venueId: -1, instrumentId: -1 }));
    expect(o.oracle.source).toEqual({ kind: 'venue', venueId: 4, instrumentId: 1, field: 'mid' });
    const cfg = dexConfig({ name: 'dex', instruments: [], liquidationEngineId: 1, insuranceFundId: 2 }, o);
    expect(cfg.chain.blockTimeNs).toBe(ARBITRUM_L2.blockTimeNs);
    expect(cfg.oracle.observeIntervalNs).toBe(S);
  });
});

describe('VenueWorldApi', () => {
  it('both venue actors satisfy the world-builder interface (a compile-time check, run as a test)', () => {
    const fits = (v: VenueWorldApi): number => v.instruments().length;
    const cex = new CexVenue(cexConfig({ name: 'cex', instruments: btcInstruments(['perp']), liquidationEngineId: 1, insuranceFundId: 2 }), { venueId: 0, clock: new SimClock(0), wakeAgent: () => {} });
    const dex = new DexVenue(dexConfig({ name: 'dex', instruments: btcInstruments(['spot', 'perp']), liquidationEngineId: 1, insuranceFundId: 2 }), { venueId: 0, clock: new SimClock(0), wakeAgent: () => {} });
    expect([fits(cex), fits(dex)]).toEqual([1, 2]);
    expect(dex.optionSeries()).toEqual([]);
  });
});
