/**
 * Several underlyings (issue 18 part 3): `underlyings:` as a map with a correlation, each venue
 * following the underlying its instruments name. A BTC venue and an ETH venue, indexes on the
 * fundamental (external_weight 1), correlation 0.8. Threshold: 360 ten-second returns give a
 * sample correlation with standard error (1 - 0.64)/sqrt(360) = 0.019; we accept 0.8 +- 0.1
 * (5 s.e.). A scripted jump of ETH moves the ETH index only. Bad correlations and bad
 * underlying references are located errors; the old single `underlying:` is unchanged (golden).
 * One cex venue may list both (one index and mark per underlying): the same BTC/ETH market on one
 * venue gives each perp its own index, on its own fundamental, and a cross account holding both
 * is liquidated as a whole by the ETH jump (both legs go to the liquidation engine).
 */
import { describe, expect, it } from 'vitest';
import { BOOK, LIQUIDATIONS } from '../../../src/model/tables.js';
import { runInMemory } from '../../science/dexRuns.js';
import type { FundamentalPath } from '../../../src/instruments/index.js';

const TWO = `
name: two-assets
seed: 5
clock: { start_utc: "2026-03-27T00:00:00Z", duration: 1h }
underlyings:
  BTC: { initial_price: 60000, fundamental: { vol: 0.5 } }
  ETH: { initial_price: 3000, fundamental: { vol: 0.7 } }
correlation: { ETH: { BTC: 0.8 } }
venues:
  btc:
    kind: cex
    instruments: [{ symbol: BTC-PERP, type: perp, tick_size: 0.5, lot_size: 0.001 }]
    index: { method: ema, window: 1s, external_weight: 1 }
  eth:
    kind: cex
    instruments: [{ symbol: ETH-PERP, underlying: ETH, type: perp, tick_size: 0.05, lot_size: 0.01 }]
    index: { method: ema, window: 1s, external_weight: 1 }
agents:
  btc_makers: { kind: liquidity_provider, count: 1, venue: btc, instrument: BTC-PERP }
  eth_makers: { kind: liquidity_provider, count: 1, venue: eth, instrument: ETH-PERP, size: 5 }
  eth_noise: { kind: noise, count: 5, venue: eth, instrument: ETH-PERP, rate: 0.2 }
schedule:
  - { at: 50m, action: fundamental_jump, underlying: ETH, log_return: -0.1 }
output: { book_interval: 10s }
`;

describe('several underlyings', () => {
  it('each venue follows its own correlated fundamental; a jump of ETH moves only ETH', () => {
    const r = runInMemory('two.yaml', [BOOK], { text: TWO });
    const b = r.table(BOOK);
    const col = (n: string): number => b.spec.columns.findIndex((c) => c.name === n);
    const series = (sym: string): number[] => b.rows.filter((x) => x[col('instrument')] === r.instrument(sym)).map((x) => x[col('index')] as number);
    const btc = series('BTC-PERP');
    const eth = series('ETH-PERP');
    expect(btc[0]).toBeCloseTo(60_000, -2);
    expect(eth[0]).toBeCloseTo(3_000, -1);
    // Returns up to 49 min (before the jump).
    const n = 49 * 6;
    const ra: number[] = [];
    const rb: number[] = [];
    for (let k = 1; k <= n; k++) {
      ra.push(Math.log((btc[k] as number) / (btc[k - 1] as number)));
      rb.push(Math.log((eth[k] as number) / (eth[k - 1] as number)));
    }
    const mean = (x: number[]): number => x.reduce((t, v) => t + v, 0) / x.length;
    const ma = mean(ra);
    const mb = mean(rb);
    let sab = 0, saa = 0, sbb = 0;
    for (let k = 0; k < n; k++) {
      sab += ((ra[k] as number) - ma) * ((rb[k] as number) - mb);
      saa += ((ra[k] as number) - ma) ** 2;
      sbb += ((rb[k] as number) - mb) ** 2;
    }
    expect(Math.abs(sab / Math.sqrt(saa * sbb) - 0.8)).toBeLessThan(0.1);
    // ETH jumps -10 % at 50 min; BTC does not (compare 49:50 -> 50:30).
    const at = (x: number[], min: number): number => x[Math.round(min * 6)] as number;
    expect(at(eth, 50.5) / at(eth, 49.8) - 1).toBeLessThan(-0.07);
    expect(Math.abs(at(btc, 50.5) / at(btc, 49.8) - 1)).toBeLessThan(0.02);
  }, 60_000);

  it('liquidation.maintenance_valuation: entry and step_down reach the venue clearing house; mark and all-or-nothing are the defaults', () => {
    const short = TWO.replace('duration: 1h', 'duration: 1m').replace('schedule:\n  - { at: 50m, action: fundamental_jump, underlying: ETH, log_return: -0.1 }\n', '');
    const entry = short.replace("    index: { method: ema, window: 1s, external_weight: 1 }\n  eth:", "    index: { method: ema, window: 1s, external_weight: 1 }\n    liquidation: { maintenance_valuation: entry }\n  eth:");
    const a = runInMemory('a.yaml', [], { text: short });
    const b = runInMemory('b.yaml', [], { text: entry });
    expect((a.world.venues[0] as unknown as { house: { margin: { maintenanceAtEntry: boolean } } }).house.margin.maintenanceAtEntry).toBe(false);
    expect((b.world.venues[0] as unknown as { house: { margin: { maintenanceAtEntry: boolean } } }).house.margin.maintenanceAtEntry).toBe(true);
    expect((b.world.venues[1] as unknown as { house: { margin: { maintenanceAtEntry: boolean } } }).house.margin.maintenanceAtEntry).toBe(false);
    // liquidation.step_down reaches the house the same way (partial liquidation down the brackets).
    const step = runInMemory('c.yaml', [], { text: entry.replace('liquidation: { maintenance_valuation: entry }', 'liquidation: { maintenance_valuation: entry, step_down: true }') });
    expect((step.world.venues[0] as unknown as { house: { stepDown: boolean } }).house.stepDown).toBe(true);
    expect((a.world.venues[0] as unknown as { house: { stepDown: boolean } }).house.stepDown).toBe(false);
  }, 60_000);

  it('locates bad correlations and bad references', () => {
    const load = (text: string): (() => unknown) => () => runInMemory('bad.yaml', [], { text });
    expect(load(TWO.replace('correlation: { ETH: { BTC: 0.8 } }', 'correlation: { ETH: { BTC: 0.8 }, BTC: { ETH: 0.7 } }'))).toThrow(/correlation\.BTC\.ETH.*conflicts/s);
    expect(load(TWO.replace('correlation: { ETH: { BTC: 0.8 } }', 'correlation: { ETH: { DOGE: 0.8 } }'))).toThrow(/correlation\.ETH\.DOGE.*unknown underlying "DOGE"/s);
    const three = TWO.replace('  ETH: { initial_price: 3000, fundamental: { vol: 0.7 } }', '  ETH: { initial_price: 3000, fundamental: { vol: 0.7 } }\n  SOL: { initial_price: 150 }')
      .replace('correlation: { ETH: { BTC: 0.8 } }', 'correlation: { ETH: { BTC: 0.9 }, SOL: { BTC: -0.9, ETH: 0.9 } }');
    expect(load(three)).toThrow(/correlation\.SOL\.(BTC|ETH).*not positive semi-definite/s);
    expect(load(TWO.replace('underlying: ETH, type: perp', 'underlying: XRP, type: perp'))).toThrow(/venues\.eth\.instruments\.0\.underlying.*unknown underlying "XRP"/s);
    expect(load(TWO.replace('underlyings:', 'underlying: { symbol: BTC, initial_price: 60000 }\nunderlyings:'))).toThrow(/exactly one of `underlying`/);
  });

  const ONE = `
name: one-venue-two-assets
seed: 5
clock: { start_utc: "2026-03-27T00:00:00Z", duration: 30m }
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
    index: { method: ema, window: 1s, external_weight: 1 }
agents:
  btc_makers: { kind: liquidity_provider, count: 1, venue: cex, instrument: BTC-PERP }
  eth_makers: { kind: liquidity_provider, count: 1, venue: cex, instrument: ETH-PERP, size: 5 }
  retail:
    kind: retail
    count: 3
    venue: cex
    instrument: ETH-PERP
    margin_mode: cross
    initial_position: { size: 1, liquidation_distance: { lo: 0.02, hi: 0.04 }, maintenance_rate: 0.005 }
    other_positions: [{ instrument: BTC-PERP, size: 0.05 }]
    entry_rate: 0
    take_profit: 0
    stop_loss: 0
schedule:
  - { at: 20m, action: fundamental_jump, underlying: ETH, log_return: -0.15 }
output: { book_interval: 10s }
`;

  it('one venue lists BTC and ETH perps: an index per underlying, and a cross account liquidated on both legs by the ETH jump', () => {
    const r = runInMemory('one.yaml', [BOOK, LIQUIDATIONS], { text: ONE });
    const b = r.table(BOOK);
    const col = (n: string): number => b.spec.columns.findIndex((c) => c.name === n);
    const index = (sym: string): number[] => b.rows.filter((x) => x[col('instrument')] === r.instrument(sym)).map((x) => x[col('index')] as number);
    const btc = index('BTC-PERP');
    const eth = index('ETH-PERP');
    // Each perp's index follows its own fundamental (external weight 1), in its own price range.
    const fund = r.world.fundamentals;
    const at = (k: number): number => k * 10e9;
    for (const k of [30, 60, 119]) {
      expect(Math.abs((btc[k] as number) / (fund[0] as FundamentalPath).valueAt(at(k)) - 1)).toBeLessThan(0.002);
      expect(Math.abs((eth[k] as number) / (fund[1] as FundamentalPath).valueAt(at(k)) - 1)).toBeLessThan(0.002);
    }
    expect(eth[125] as number).toBeLessThan(0.9 * (eth[119] as number));
    expect(Math.abs((btc[125] as number) / (btc[119] as number) - 1)).toBeLessThan(0.02);
    // All three cross accounts: triggered on both legs after the jump, none before.
    const l = r.table(LIQUIDATIONS);
    const lc = (n: string): number => l.spec.columns.findIndex((c) => c.name === n);
    const retail = new Set(r.plan.groupMembers.get('retail'));
    const trig = l.rows.filter((x) => x[lc('event')] === 0 && retail.has(x[lc('account')] as number));
    expect(trig.every((x) => (x[0] as number) >= 20 * 60e9)).toBe(true);
    for (const sym of ['BTC-PERP', 'ETH-PERP']) expect(new Set(trig.filter((x) => x[lc('instrument')] === r.instrument(sym)).map((x) => x[lc('account')])).size).toBe(3);
  }, 60_000);

  it('isolated legs: the ETH jump liquidates the ETH legs only', () => {
    const r = runInMemory('one.yaml', [LIQUIDATIONS], { text: ONE.replace('margin_mode: cross', 'margin_mode: isolated') });
    const l = r.table(LIQUIDATIONS);
    const lc = (n: string): number => l.spec.columns.findIndex((c) => c.name === n);
    const trig = l.rows.filter((x) => x[lc('event')] === 0);
    expect(trig.filter((x) => x[lc('instrument')] === r.instrument('ETH-PERP')).length).toBe(3);
    expect(trig.filter((x) => x[lc('instrument')] === r.instrument('BTC-PERP')).length).toBe(0);
  }, 60_000);

  it('a dex follows one underlying; options follow the first instrument\'s; a coin venue settles in one coin', () => {
    const load = (text: string): (() => unknown) => () => runInMemory('bad.yaml', [], { text });
    const dex = ONE.replace('    kind: cex\n', '    kind: dex\n').replace('    index: { method: ema, window: 1s, external_weight: 1 }\n', '');
    expect(load(dex)).toThrow(/venues\.cex\.instruments.*a dex venue follows one underlying/s);
    const opts = ONE.replace('    index: { method: ema, window: 1s, external_weight: 1 }\n', '    index: { method: ema, window: 1s, external_weight: 1 }\n    options: { underlying: ETH-PERP, expiries: ["2026-04-03T08:00:00Z"], strikes: [60000] }\n');
    expect(load(opts)).toThrow(/options\.underlying.*ETH-PERP follows ETH, but the options at cex follow BTC/s);
    // A coin-settled venue's money is one coin: an inverse ETH perp next to an inverse BTC perp would settle in ETH.
    const coin = ONE.replace('{ symbol: BTC-PERP, type: perp, tick_size: 0.5, lot_size: 0.001 }', '{ symbol: BTC-PERP, type: inverse_perp, tick_size: 0.5, contract_size: 10 }')
      .replace('{ symbol: ETH-PERP, underlying: ETH, type: perp, tick_size: 0.05, lot_size: 0.01 }', '{ symbol: ETH-PERP, underlying: ETH, type: inverse_perp, tick_size: 0.05, contract_size: 10 }');
    expect(load(coin)).toThrow(/venues\.cex\.instruments\.1\.underlying.*settles in one coin \(BTC\)/s);
  });
});
