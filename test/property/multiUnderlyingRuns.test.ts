/**
 * Conservation in every asset at a venue listing several underlyings (issue 18 part 7): random
 * runs of a small BTC + ETH perp venue (random seed, margin mode, ETH and BTC jumps, with a
 * retail group holding both legs from t = 0, so cross accounts are liquidated across assets)
 * end with the venue's money (the one settlement currency, quote units) equal to the deposits,
 * the fund and the liquidation engine's cash non-negative, and the lots of every instrument
 * (each base asset: BTC, ETH) netting to zero over all accounts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SystemAccount } from '../../src/venue/clearing/index.js';
import type { CexVenue } from '../../src/venue/cexVenue.js';
import { runInMemory } from '../science/dexRuns.js';

const yaml = (mode: string, ethJump: number, btcJump: number): string => `
name: two-asset-conservation
seed: 1
clock: { start_utc: "2026-03-27T00:00:00Z", duration: 10m }
underlyings:
  BTC: { initial_price: 60000, fundamental: { vol: 0.5 } }
  ETH: { initial_price: 3000, fundamental: { vol: 0.7 } }
correlation: { ETH: { BTC: 0.8 } }
venues:
  cex:
    kind: cex
    instruments:
      - { symbol: BTC-PERP, type: perp, tick_size: 0.5, lot_size: 0.001 }
      - { symbol: ETH-PERP, underlying: ETH, type: perp, tick_size: 0.05, lot_size: 0.01 }
    index: { method: ema, window: 1s, external_weight: 0.5 }
    liquidation: { insurance_fund_initial: 2000 }
agents:
  btc_makers: { kind: liquidity_provider, count: 1, venue: cex, instrument: BTC-PERP }
  eth_makers: { kind: liquidity_provider, count: 1, venue: cex, instrument: ETH-PERP, size: 5 }
  btc_noise: { kind: noise, count: 5, venue: cex, instrument: BTC-PERP, rate: 0.5 }
  eth_noise: { kind: noise, count: 5, venue: cex, instrument: ETH-PERP, rate: 0.5, size: { dist: lognormal, median: 0.2, sigma: 1 } }
  traders: { kind: retail, count: 10, venue: cex, instrument: BTC-PERP, margin_mode: ${mode}, entry_rate: 0.05, signal: random, cooldown: 30s }
  holders:
    kind: retail
    count: 20
    venue: cex
    instrument: ETH-PERP
    margin_mode: ${mode}
    initial_position: { size: 1, liquidation_distance: { lo: 0.01, hi: 0.06 }, maintenance_rate: 0.005 }
    other_positions: [{ instrument: BTC-PERP, size: 0.05 }]
    entry_rate: 0
    take_profit: 0
    stop_loss: 0
schedule:
  - { at: 4m, action: fundamental_jump, underlying: ETH, log_return: ${ethJump} }
  - { at: 6m, action: fundamental_jump, log_return: ${btcJump} }
  - { at: 4m, action: market_order, venue: cex, instrument: ETH-PERP, side: sell, size: 20, slices: 10, interval: 1s }
`;

describe('conservation at a venue with several underlyings', () => {
  it('money and the lots of every instrument are conserved over random runs', () => {
    let liquidated = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom('cross', 'isolated'),
        fc.integer({ min: -150, max: 50 }),
        fc.integer({ min: -60, max: 60 }),
        (seed, mode, ethBp, btcBp) => {
          const r = runInMemory('c.yaml', [], { text: yaml(mode, ethBp / 1000, btcBp / 1000), seed });
          const v = r.world.venues[0] as unknown as CexVenue;
          const money = v.moneyCheck();
          expect(money.clearingTotalUnits).toBe(money.depositedUnits);
          expect(money.spotTotalUnits).toBe(0);
          const L = v.house.ledger;
          expect(L.system[SystemAccount.Insurance]).toBeGreaterThanOrEqual(0);
          expect(L.wallet[v.house.liquidatorAccount] ?? 0).toBe(0);
          for (let inst = 0; inst < 2; inst++) {
            let net = 0;
            for (let a = 0; a < L.accountCount; a++) net += L.position(a, inst);
            expect([inst, net]).toEqual([inst, 0]);
          }
          liquidated += v.liquidationsStarted;
        },
      ),
      { numRuns: 8 },
    );
    // The runs exercise liquidations (else the money check would only see trading).
    expect(liquidated).toBeGreaterThan(0);
  }, 120_000);
});
