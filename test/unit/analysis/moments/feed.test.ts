/**
 * Tick data (hftbacktest collector format): the taker-sign moments of the real Binance perp
 * capture match stats.py (data README section 2: 0.199 / 0.118 / 0.024 at lags 1 / 10 / 100,
 * 5 436 taker events from 21 313 fills), and bookTicker lines become the 1 s mid grid and the
 * 100 ms spread samples stats.py uses.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeMoments, feedMomentInputs, parseHftFeed, readHftFeed, takerEvents } from '../../../../src/analysis/moments/index.js';

const TRADES = fileURLToPath(new URL('../../../fixtures/data/usdm_btcusdt_20240808_trades.gz', import.meta.url));

// stats.py (read_feed, event merge, acf_segments) on the same file, full precision
const STATS_PY = { lag1: 0.19884193330637912, lag10: 0.11823771692043626, lag100: 0.024280158752284613 };

describe('hftbacktest feed', () => {
  it('taker events and their sign ACF match stats.py on the 2024-08-08 perp capture', () => {
    const feed = readHftFeed([TRADES]);
    expect(feed.fills.t.length).toBe(21_313);
    expect(takerEvents(feed.fills).sign.length).toBe(5_436);
    const m = computeMoments(feedMomentInputs(feed), ['taker_sign_acf_lag1', 'taker_sign_acf_lag10', 'taker_sign_acf_lag100']);
    expect(Math.abs((m.taker_sign_acf_lag1 as number) - STATS_PY.lag1)).toBeLessThan(1e-12);
    expect(Math.abs((m.taker_sign_acf_lag10 as number) - STATS_PY.lag10)).toBeLessThan(1e-12);
    expect(Math.abs((m.taker_sign_acf_lag100 as number) - STATS_PY.lag100)).toBeLessThan(1e-12);
  });

  const T0 = 1_723_161_600_000; // 2024-08-09 00:00 UTC in ms; receive times are ns integers above 2^53
  it('bookTicker: previous-tick 1 s mid grid from the first whole second, spread every 100 ms', () => {
    const ns = (ms: number): string => `${BigInt(ms) * 1_000_000n}`;
    const line = (t: string, b: number, a: number): string => `${t} {"stream":"btcusdt@bookTicker","data":{"b":"${b}","B":"1","a":"${a}","A":"1"}}`;
    const trade = (t: string, T: number, m: boolean): string => `${t} {"stream":"btcusdt@trade","data":{"T":${T},"p":"100","q":"0.5","m":${m}}}`;
    const text = [line(ns(T0 + 500), 99, 101), trade(ns(T0 + 600), 7, true), line(ns(T0 + 1200), 100, 102), line(ns(T0 + 2050), 101, 103), trade(ns(T0 + 700), 5, false)].join('\n');
    const f = parseHftFeed(text);
    expect([...f.fills.t]).toEqual([5, 7]); // sorted by exchange time
    expect([...f.fills.sign]).toEqual([1, -1]); // isBuyerMaker false = buyer-initiated
    const inputs = feedMomentInputs(f);
    expect(inputs.mid?.startMs).toBe(T0 + 1000);
    expect([...(inputs.mid?.values ?? [])]).toEqual([100, 101]);
    // 100 ms samples from T0 + 500 ms to T0 + 2 050 ms: 16 samples; first 7 at spread 2/100, next 9 at 2/101
    const s = Array.from(inputs.spreadBp ?? []);
    expect(s.length).toBe(16);
    expect(s[0]).toBeCloseTo(200, 12);
    expect(s[7]).toBeCloseTo(1e4 * (2 / 101), 12);
  });
});
