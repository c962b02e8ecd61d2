/**
 * The exposure tables (gex, gex_profile, open_interest) of a real short-gamma run, read back by
 * nodejs-polars: per dealer and time, gex sums over series equal the greeks row (same book, same
 * spot, so equal to rounding: 1e-9 relative); the profile's middle point is the book's gamma now;
 * open interest nets to zero per series (every trade books both sides) and the dealers' holdings
 * equal their gex contracts; output.greeks_interval sets the sampling of all three.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIn, tempDir } from '../../golden/runs.js';

const SHORT = ['clock.duration=10m', 'output.greeks_interval=1m', 'schedule=[]'];
const read = (dir: string, t: string): pl.DataFrame => pl.readIPC(fs.readFileSync(path.join(dir, `${t}.arrow`)));
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('exposure tables of scenarios/science/short-gamma-squeeze-gaussian.yaml (10 min)', () => {
  let tmp = '';
  let dir = '';
  beforeAll(async () => {
    tmp = tempDir('exposure');
    dir = path.join(tmp, 'run');
    // The scenario sets output.greeks_interval 10s; the dealer group has none of its own.
    await runIn('scenarios/science/short-gamma-squeeze-gaussian.yaml', dir, { set: SHORT });
  }, 60_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('output.greeks_interval sets the sampling of greeks, gex, gex_profile and open_interest', () => {
    // 10 min at 1 min: samples at 0, 1, ..., 10 min = 11 times.
    for (const t of ['greeks', 'gex', 'gex_profile', 'open_interest']) {
      const times = (read(dir, t).getColumn('t_ns').unique().sort().toArray() as unknown[]).map(Number);
      expect(times, t).toEqual(Array.from({ length: 11 }, (_, i) => i * 60e9));
    }
  });

  it('gex summed over series equals the greeks row of the same dealer and time', () => {
    const g = read(dir, 'greeks').select('t_ns', 'dealer', 'gamma', 'gex_per_pct');
    const sums = read(dir, 'gex').groupBy(['t_ns', 'dealer']).agg(pl.col('gamma').sum().alias('g_sum'), pl.col('gex_per_pct').sum().alias('gex_sum'));
    const joined = g.join(sums, { on: ['t_ns', 'dealer'], how: 'inner' });
    expect(joined.height).toBe(g.height);
    let negative = 0;
    for (const r of joined.toRecords() as unknown as { gamma: number; gex_per_pct: number; g_sum: number; gex_sum: number }[]) {
      expect(close(r.g_sum, r.gamma), `${r.g_sum} vs ${r.gamma}`).toBe(true);
      expect(close(r.gex_sum, r.gex_per_pct)).toBe(true);
      if (r.gex_per_pct < 0) negative++;
    }
    // The dealers are short the straddle: short gamma, negative GEX, at every sample.
    expect(negative).toBe(joined.height);
  });

  it('gex_profile: an odd grid of 21 points over +/- 10 %, the middle point equals greeks.gamma', () => {
    const p = read(dir, 'gex_profile');
    const perSample = p.groupBy(['t_ns', 'dealer']).agg(pl.len().alias('n'), pl.col('offset').min().alias('lo'), pl.col('offset').max().alias('hi'));
    for (const r of perSample.toRecords() as unknown as { n: number; lo: number; hi: number }[]) {
      expect(r.n).toBe(21);
      expect(r.lo).toBeCloseTo(-0.1, 12);
      expect(r.hi).toBeCloseTo(0.1, 12);
    }
    const mid = p.filter(pl.col('offset').eq(0)).select('t_ns', 'dealer', pl.col('gamma').alias('g0'), 'spot_level', 'spot');
    const joined = read(dir, 'greeks').join(mid, { on: ['t_ns', 'dealer'] });
    expect(joined.height).toBe(read(dir, 'greeks').height);
    for (const r of joined.toRecords() as unknown as { gamma: number; g0: number; spot: number; spot_level: number }[]) {
      expect(close(r.g0, r.gamma)).toBe(true);
      expect(r.spot_level).toBe(r.spot);
    }
    // An ATM straddle's gamma peaks near the strike and falls away from it on both sides.
    const first = p.filter(pl.col('t_ns').eq(0)).sort('offset');
    const gam = first.getColumn('gamma').toArray() as number[];
    expect(Math.abs(gam[10]!)).toBeGreaterThan(Math.abs(gam[0]!));
    expect(Math.abs(gam[10]!)).toBeGreaterThan(Math.abs(gam[20]!));
  });

  it('open_interest nets to zero per series and the dealer rows match the dealers\' gex contracts', () => {
    const oi = read(dir, 'open_interest');
    const net = oi.groupBy(['t_ns', 'series']).agg(pl.col('long_contracts').sum().alias('l'), pl.col('short_contracts').sum().alias('s'));
    for (const r of net.toRecords() as unknown as { l: number; s: number }[]) expect(r.l).toBe(r.s);
    // Initial open interest 200 calls + 200 puts at 60000, all short by the dealers at t = 0.
    const t0 = oi.filter(pl.col('t_ns').eq(0).and(pl.col('strike').eq(60000)));
    const dealerShort = t0.filter(pl.col('holder_kind').eq(pl.lit('dealer'))).getColumn('short_contracts').sum();
    expect(dealerShort).toBe(400);
    const dealerNet = oi.filter(pl.col('holder_kind').eq(pl.lit('dealer')))
      .select('t_ns', 'series', pl.col('long_contracts').minus(pl.col('short_contracts')).alias('net'))
      .filter(pl.col('net').neq(0));
    const gexNet = read(dir, 'gex').groupBy(['t_ns', 'series']).agg(pl.col('contracts').sum().alias('c'));
    const j = dealerNet.join(gexNet, { on: ['t_ns', 'series'], how: 'left' });
    expect(j.height).toBeGreaterThan(0);
    // The desk samples first at each time (venues come before agents), so a trade between the
    // two samples at the same time is not possible: both read the same positions.
    for (const r of j.toRecords() as unknown as { net: number; c: number }[]) expect(r.c).toBe(r.net);
  });

  it('a dealer group\'s own greeks_interval overrides output.greeks_interval for that group', async () => {
    const d2 = path.join(tmp, 'own');
    await runIn('scenarios/science/short-gamma-squeeze-gaussian.yaml', d2, { set: [...SHORT, 'clock.duration=2m', 'agents.dealers.greeks_interval=30s'] });
    expect(read(d2, 'greeks').getColumn('t_ns').unique().len()).toBe(5);
    expect(read(d2, 'open_interest').getColumn('t_ns').unique().len()).toBe(3);
  }, 60_000);
});
