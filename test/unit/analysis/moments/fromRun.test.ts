/**
 * Moments of a simulated run, read from its tables: the recorded depth within 10 bp equals the
 * sum of the `depth` table's levels inside the band (the stats.py rule p >= mid (1 - 0.001) for
 * bids, p <= mid (1 + 0.001) for asks), and the moment adapters produce every moment from a run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MOMENT_NAMES } from '../../../../src/analysis/moments/index.js';
import { readArrowFile } from '../../../../src/output/index.js';
import { momentsFromRun, runScenario } from '../../../../src/run/index.js';
import { loadScenario } from '../../../../src/scenario/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-moments-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('moments from a run', () => {
  it('book.depth_10bp_* equal the depth levels inside 10 bp; every moment is finite', async () => {
    // 100 depth levels at a 0.5 tick span 50 USD, so they cover the whole 10 bp band (60 USD at 60 000 is 120 ticks: the
    // makers' 5 levels at 2 bp spacing end at 10-12 bp, inside 100 levels)
    const loaded = loadScenario('test/fixtures/scenarios/baseline-gaussian.yaml', { set: ['clock.duration=15m', 'output.tables=[depth]', 'output.depth_levels=100'] });
    const r = await runScenario({ loaded, outDir: path.join(tmp, 'base'), wallClockMs: () => 0 });
    const book = readArrowFile(r.files['book'] as string);
    const depth = readArrowFile(r.files['depth'] as string);
    const bt = book.numbers('t_ns');
    const mid = book.numbers('mid');
    const dBid = book.numbers('depth_10bp_bid');
    const dAsk = book.numbers('depth_10bp_ask');
    const dt = depth.numbers('t_ns');
    const side = depth.column('side');
    const price = depth.numbers('price');
    const size = depth.numbers('size');
    const want = new Map<number, [number, number]>();
    for (let i = 0; i < dt.length; i++) {
      const t = dt[i] as number;
      const k = bt.indexOf(t);
      const m = mid[k] as number;
      const w = want.get(t) ?? [0, 0];
      if (side[i] === 'buy' && (price[i] as number) >= m * (1 - 0.001) - 1e-9) w[0] += size[i] as number;
      if (side[i] === 'sell' && (price[i] as number) <= m * (1 + 0.001) + 1e-9) w[1] += size[i] as number;
      want.set(t, w);
    }
    let checked = 0;
    for (let k = 0; k < bt.length; k++) {
      if (!Number.isFinite(mid[k] as number)) continue;
      const w = want.get(bt[k] as number) ?? [0, 0];
      expect(dBid[k]).toBeCloseTo(w[0], 9);
      expect(dAsk[k]).toBeCloseTo(w[1], 9);
      checked++;
    }
    expect(checked).toBeGreaterThan(800);
    expect(Math.max(...dBid)).toBeGreaterThan(0);

    const m = momentsFromRun(loaded.scenario, (t) => path.join(r.outDir, `${t}.arrow`));
    // 15 min is too short for the 1 h vol and 60-min kurtosis (one or no return) and the lag-100 ACFs
    const needsLonger = new Set(['vol_1h_bp', 'kurt_60m', 'kurt_15m', 'acf_abs_1m_lag30', 'acf_abs_1m_lag60', 'acf_abs_1m_lag100', 'hill_1m', 'volume_absret_corr_5m']);
    for (const name of MOMENT_NAMES) if (!needsLonger.has(name)) expect(Number.isFinite(m[name] as number), name).toBe(true);
    expect(m.spread_median_bp).toBeGreaterThan(0);
    expect(m.depth_10bp_median).toBeGreaterThan(0);
  }, 60_000);
});
