import { describe, test } from 'vitest';
import { NS_PER_SEC } from '../../src/engine/time.js';
import { LIQUIDATIONS, LIQUIDATION_EVENTS } from '../../src/model/tables.js';
import { runInMemory } from './dexRuns.js';

const YAML = (oracle: string): string => `
name: dex_oracle_lag
seed: 1
clock: { start_utc: "2026-03-27T00:00:00Z", duration: 2m }
underlying: { symbol: BTC, initial_price: 60000, fundamental: { vol: 0.2, grid: 1s } }
venues:
  cex:
    kind: cex
    instruments: [{ symbol: BTC-PERP, type: perp, tick_size: 0.5, lot_size: 0.001, maker_fee_bps: 0, taker_fee_bps: 4 }]
    index: { method: ema, window: 5s }
  dex:
    kind: dex
    instruments: [{ symbol: BTC-PERP, type: perp, tick_size: 0.5, lot_size: 0.001, maker_fee_bps: 0, taker_fee_bps: 5 }]
    latency: { order_entry: 50ms, response: 50ms, market_data: 100ms }
    chain: { preset: arbitrum }
    oracle: ${oracle}
agents:
  cex_makers: { kind: liquidity_provider, count: 2, venue: cex, instrument: BTC-PERP, reference: fundamental, levels: 10, size: 5, size_growth: 1.2, max_inventory: 1000, vol_threshold: 100 }
  dex_makers: { kind: liquidity_provider, count: 2, venue: dex, instrument: BTC-PERP, reference: fundamental, levels: 10, size: 5, size_growth: 1.2, max_inventory: 1000, vol_threshold: 100 }
  cex_longs: { kind: retail, count: 60, venue: cex, instrument: BTC-PERP, signal: random, long_probability: 1, entry_rate: 0.5, take_profit: 0, stop_loss: 0, leverage: { dist: lognormal, median: 30, sigma: 0.4 }, max_leverage: 50 }
  dex_longs: { kind: retail, count: 60, venue: dex, instrument: BTC-PERP, signal: random, long_probability: 1, entry_rate: 0.5, take_profit: 0, stop_loss: 0, leverage: { dist: lognormal, median: 30, sigma: 0.4 }, max_leverage: 50 }
schedule:
  - { at: 60s, action: fundamental_jump, log_return: -0.04 }
`;

describe('explore oracle', () => {
  test('numbers', () => {
    const TRIG = LIQUIDATION_EVENTS.indexOf('triggered');
    for (const [name, oracle] of [['chainlink', '{ preset: chainlink, source: fundamental }'], ['pyth', '{ preset: pyth, source: fundamental }']] as const) {
      for (let seed = 1; seed <= 3; seed++) {
        const run = runInMemory('mem/dex_oracle.yaml', [LIQUIDATIONS], { seed, text: YAML(oracle) });
        const rows = run.table(LIQUIDATIONS).objects().filter((r) => r.event === TRIG);
        const t = (v: string) => rows.filter((r) => r.venue === run.id(v)).map((r) => ((r.t_ns as number) - 60 * NS_PER_SEC) / 1e9);
        console.log(name, seed, 'cex', t('cex').length, JSON.stringify(t('cex').slice(0, 40).map((x) => +x.toFixed(2))), 'dex', t('dex').length, JSON.stringify(t('dex').slice(0, 40).map((x) => +x.toFixed(2))));
      }
    }
  }, 60_000);
});
