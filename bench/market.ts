/**
 * `npm run bench -- market` (on request only, ~15-25 min at nice on 2 cores): the acceptance run
 * of issue 13. The calibrated scenario (scenarios/btc-calibrated.yaml: no dealers, no options,
 * constant-vol GBM fundamental) over N seeds of one 6.5 h day each (the scenario's own
 * duration; 20 x 6.5 h = 130 h, the "equivalent number of 6.5 h days"). Prints every
 * fact per seed, each fact's pass rate against the 80% rule, the real calm and stressed
 * values beside it (computed here by src/analysis/moments from the Binance bars in
 * ../shared/data, the same code as for the simulation), and the throughput of the calibrated
 * market against the pre-issue baseline market (test/fixtures/scenarios/baseline-gaussian.yaml)
 * run in this process. Seeds: GAMMALOOP_MARKET_SEEDS (default 20). GAMMALOOP_MARKET_SET: `--set`
 * overrides for the calibrated scenario, separated by ';' (to measure a variant the same way).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { barsToGrid, computeMoments, readBarsFile } from '../src/analysis/moments/index.js';
import { FACTS, measureSeed, type SeedMeasure } from './market/facts.js';
import { impactSlope } from './market/impact.js';
import type { BenchModule } from './run.js';

const SCENARIO = 'scenarios/btc-calibrated.yaml';
const GAUSSIAN = 'test/fixtures/scenarios/baseline-gaussian.yaml';
const BARS = '../shared/data/binance_spot_btcusdt_1m_2021q2';
/** Real taker-sign ACF of the perp captures (README section 2, computed by stats.py): 07-18/19 and 08-08. */
const REAL_SIGN = { taker_sign_acf_lag1: [0.248, 0.199], taker_sign_acf_lag100: [0.066, 0.024] } as const;
const REAL_DEPTH = [539.1, 293.2];

/**
 * The same facts on the REAL calm window cut into days of the simulated length (6.5 h = 390
 * one-minute bars; 55 such days in 2021-04-02..16): how often real BTC passes each per-day
 * band. Context for the 80% rule, not a band: the bands stay the issue's.
 */
function realDayPassRates(dayMinutes: number): { days: number; rate: number[] } | null {
  const a = path.join(BARS, 'BTC_USDT-1m.selskas_2021-04-02_2021-05-14.json');
  if (!existsSync(a)) return null;
  const bars = readBarsFile(a);
  const t0 = Date.parse('2021-04-02T00:00:00Z');
  const t1 = Date.parse('2021-04-17T00:00:00Z');
  const day = dayMinutes * 60_000;
  const days: Record<string, number>[] = [];
  // One bar more than the day, so the day has dayMinutes returns.
  for (let t = t0; t + day <= t1; t += day) {
    const m = computeMoments({ mid: barsToGrid(bars, t, t + day + 60_000) });
    // 10 s returns do not exist in 1-minute bars: only the 1-minute half of that fact is tested.
    m['acf_r_10s_lag1'] = 0;
    days.push(m);
  }
  return { days: days.length, rate: FACTS.map((fa) => days.filter((d) => fa.holds(d)).length / days.length) };
}

function realWindows(): { calm: Record<string, number>; stressed: Record<string, number> } | null {
  const a = path.join(BARS, 'BTC_USDT-1m.selskas_2021-04-02_2021-05-14.json');
  const b = path.join(BARS, 'BTC_USDT-1m.tooyipjee_2021-04-20_2021-05-20.json');
  if (!existsSync(a) || !existsSync(b)) return null;
  const ms = (s: string): number => Date.parse(s);
  const calm = computeMoments({ mid: barsToGrid(readBarsFile(a), ms('2021-04-02T00:00:00Z'), ms('2021-04-17T00:00:00Z')) });
  const stressed = computeMoments({ mid: barsToGrid(readBarsFile(b), ms('2021-05-06T00:00:00Z'), ms('2021-05-20T20:41:00Z')) });
  return { calm, stressed };
}

const f = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? 'NaN' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(3));

/** Mean and a 95% normal CI half-width over seeds. */
function meanCi(xs: readonly number[]): string {
  const v = xs.filter(Number.isFinite);
  if (v.length === 0) return 'NaN';
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
  return `${f(m)} ± ${f((1.96 * sd) / Math.sqrt(v.length))}`;
}

export const bench: BenchModule = {
  name: 'market',
  async run() {
    const n = Number(process.env['GAMMALOOP_MARKET_SEEDS'] ?? 20);
    const set = (process.env['GAMMALOOP_MARKET_SET'] ?? '').split(';').map((x) => x.trim()).filter((x) => x.length > 0);
    if (set.length > 0) console.log(`overrides: ${set.join(' ')}`);
    const real = realWindows();
    const realDays = realDayPassRates(390);
    // The first run warms the JIT; the second is the reference (a cold reference flatters the ratio 2x).
    await measureSeed(GAUSSIAN, 1, ['clock.duration=1h']);
    const gauss = await measureSeed(GAUSSIAN, 1, ['clock.duration=1h']);
    const gaussRate = gauss.events / gauss.wallS;
    console.log(`throughput reference: ${GAUSSIAN} (1 h, seed 1) ${(gauss.events / 1e6).toFixed(2)} M events in ${gauss.wallS.toFixed(1)} s = ${(gaussRate / 1e6).toFixed(2)} M ev/s`);
    const runs: SeedMeasure[] = [];
    for (let seed = 1; seed <= n; seed++) {
      const r = await measureSeed(SCENARIO, seed, set);
      runs.push(r);
      const cells = FACTS.map((fa) => `${fa.holds(r.m) ? 'ok' : 'NO'} ${fa.shows.map((k) => f(r.m[k])).join('/')}`);
      console.log(`seed ${String(seed).padStart(2)} ${r.simHours.toFixed(1)} h ${(r.events / 1e6).toFixed(2)} M ev ${r.wallS.toFixed(0)} s (${(r.events / r.wallS / 1e6).toFixed(2)} M ev/s) | ${cells.join(' | ')}`);
    }
    console.log(`\nfact | band | pass rate (>= 80% needed) | simulated mean ± 95% CI over seeds | real calm | real stressed | real calm 6.5 h days passing`);
    for (const fa of FACTS) {
      const pass = runs.filter((r) => fa.holds(r.m)).length / runs.length;
      const sim = fa.shows.map((k) => meanCi(runs.map((r) => r.m[k] ?? Number.NaN))).join(' / ');
      const calm = fa.shows.map((k) => (k in REAL_SIGN ? f(REAL_SIGN[k as keyof typeof REAL_SIGN][0]) : k === 'depth_10bp_median' ? f(REAL_DEPTH[0]) : f(real?.calm[k]))).join(' / ');
      const stressed = fa.shows.map((k) => (k in REAL_SIGN ? f(REAL_SIGN[k as keyof typeof REAL_SIGN][1]) : k === 'depth_10bp_median' ? f(REAL_DEPTH[1]) : f(real?.stressed[k]))).join(' / ');
      const i = FACTS.indexOf(fa);
      // Book and trade facts have no real 1-minute-bar counterpart (n/a).
      const rd = realDays === null || fa.shows.some((k) => k.startsWith('taker') || k.startsWith('depth') || k.startsWith('impact')) ? 'n/a' : `${((realDays.rate[i] ?? 0) * 100).toFixed(0)}% of ${realDays.days}`;
      console.log(`${fa.name} | ${fa.band} | ${(pass * 100).toFixed(0)}% ${pass >= 0.8 ? 'PASS' : 'FAIL'} | ${sim} | ${calm} | ${stressed} | ${rd}`);
    }
    const passed = FACTS.filter((fa) => runs.filter((r) => fa.holds(r.m)).length / runs.length >= 0.8).length;
    console.log(`facts passing the 80% rule: ${passed} of ${FACTS.length}; impact slope of all seeds' parents pooled: ${f(impactSlope(runs.flatMap((r) => r.parents)))}`);
    console.log('(real taker-sign and depth columns: the two Binance perp captures 2024-07-18/19 and 2024-08-08, README section 2; bars: calm 2021-04-02..16, stressed 2021-05-06..20)');
    const ev = runs.reduce((a, r) => a + r.events, 0);
    const wall = runs.reduce((a, r) => a + r.wallS, 0);
    const rate = ev / wall;
    console.log(`throughput: calibrated ${(rate / 1e6).toFixed(2)} M ev/s vs Gaussian baseline ${(gaussRate / 1e6).toFixed(2)} M ev/s: ratio ${(rate / gaussRate).toFixed(2)} (must be >= 0.5); ${(ev / runs.length / 1e6).toFixed(1)} M events per simulated day (${(runs[0]?.simHours ?? 0).toFixed(1)} h)`);
  },
};
