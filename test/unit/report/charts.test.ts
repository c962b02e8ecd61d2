/**
 * The report's chart inputs on the synthetic run of the e2e fixtures: cascade bands (the
 * analysis joining rule), schedule rules, the insurance fund series, the initial fund read from
 * a resolved scenario (integer 10^-4 quote units).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NS_PER_SEC } from '../../../src/model/time.js';
import { cascadeBands, fundSeries, initialFunds, scheduleRules } from '../../../src/report/charts.js';
import { loadRunData, type RunData } from '../../../src/report/runData.js';
import { DURATION_NS, writeRunDir } from '../../e2e/helpers/fixtures.js';

let tmp = '';
let run: RunData;
let empty: RunData;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-report-charts-'));
  run = loadRunData(await writeRunDir(path.join(tmp, 'full'), { events: true }));
  empty = loadRunData(await writeRunDir(path.join(tmp, 'empty'), { events: false }));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('report chart inputs', () => {
  test('cascade bands: 2000-2010 s and the lone liquidation at 3000 s', () => {
    expect(cascadeBands(run).map((b) => [b.fromNs / NS_PER_SEC, b.toNs / NS_PER_SEC])).toEqual([[2000, 2010], [3000, 3000]]);
    expect(cascadeBands(empty)).toEqual([]);
  });

  test('schedule rules: one per fired action', () => {
    expect(scheduleRules(run).map((r) => [r.atNs / NS_PER_SEC, r.label])).toEqual([[1995, 'market_order'], [2500, 'liquidity_withdrawal']]);
  });

  test('insurance fund: every step, held to the end (no initial fund in this scenario)', () => {
    const [fund, ...rest] = fundSeries(run);
    expect(rest).toEqual([]);
    const x = Array.from(fund?.x ?? []);
    const y = Array.from(fund?.y ?? []);
    expect(x[0]).toBe(2000 * NS_PER_SEC);
    expect(y[0]).toBe(250_000);
    // 7 liquidations x 3 steps, each liquidation's fill takes 100, plus the held end point.
    expect(y.length).toBe(22);
    expect(x[x.length - 1]).toBe(DURATION_NS);
    expect(y[y.length - 1]).toBe(250_000 - 700);
    expect(fundSeries(empty)).toEqual([]);
  });

  test('initial funds come from the resolved scenario in quote', () => {
    const scenario = { venues: [{ name: 'cex', liquidation: { insuranceFundInitialUnits: 500_000_000 } }, { name: 'dex' }] };
    expect([...initialFunds(scenario)]).toEqual([['cex', 50_000]]);
    expect(initialFunds(null).size).toBe(0);
  });
});
