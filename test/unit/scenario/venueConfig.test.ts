import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/index.js';
import type { ResolvedCexVenue } from '../../../src/scenario/resolvedTypes.js';
import { cexConfigOf } from '../../../src/scenario/venueConfig.js';
import { planWorld } from '../../../src/scenario/worldPlan.js';

const FILE = 'scenarios/baseline.yaml';

function cexConfig(set: string[] = []) {
  const s = loadScenario(FILE, { set }).scenario;
  const plan = planWorld(s);
  const v = s.venues[0] as ResolvedCexVenue;
  const ids = plan.venueIds[0] as { liquidationEngine: number; insuranceFund: number };
  return cexConfigOf(s, v, {
    liquidationEngineId: ids.liquidationEngine,
    insuranceFundId: ids.insuranceFund,
    instrumentDictIndex: plan.instrumentDictIndex[0] as number[],
    seriesDictIndex: plan.seriesDictIndex[0] as number[],
    dealerIds: [],
    maxMarketDataLatencyNs: 0,
  });
}

describe('scenario -> CEX venue config', () => {
  it('market_protection_bps defaults to 500 (Binance marketTakeBound 0.05) and passes through', () => {
    expect(cexConfig().marketProtectionBps).toBe(500);
    expect(cexConfig(['venues.cex.market_protection_bps=0']).marketProtectionBps).toBe(0);
    expect(cexConfig(['venues.cex.market_protection_bps=120']).marketProtectionBps).toBe(120);
  });

  it('rejects a protection band outside 0..10000 bps', () => {
    expect(() => cexConfig(['venues.cex.market_protection_bps=-1'])).toThrow(/market_protection_bps/);
    expect(() => cexConfig(['venues.cex.market_protection_bps=20000'])).toThrow(/market_protection_bps/);
  });
});
