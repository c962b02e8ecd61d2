/**
 * compareSweep on a synthetic collected sweep (tables written with the sweep's own writers from
 * hand-made markers): per-cell statistics, pairing on common seeds only (a missing run or a NaN
 * drops that pair), the baseline choice, the reproducible bootstrap, and input errors.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { METRICS } from '../../../src/analysis/metrics.js';
import { summarize } from '../../../src/analysis/compareStats.js';
import { tTest } from '../../../src/analysis/paired.js';
import { CompareError, compareSweep, gridCells, type DoneMarker } from '../../../src/run/sweep/index.js';
import { writeCellsTable, writeSummaryTable } from '../../../src/run/sweep/tables.js';

let dir = '';
// hedge_cost per seed 1..4: cell 1 = cell 0 + (1, 2, 3, 4); cell 2 lacks seed 4 and has a NaN at seed 2.
const BASE = [10, 20, 30, 40];
const VALUES: Readonly<Record<number, readonly (number | undefined)[]>> = { 0: BASE, 1: [11, 22, 33, 44], 2: [12, NaN, 36, undefined] };

function marker(cell: number, seed: number, hedgeCost: number): DoneMarker {
  const metrics = Object.fromEntries(METRICS.map((m) => [m.name, m.name === 'hedge_cost' ? (Number.isNaN(hedgeCost) ? null : hedgeCost) : cell]));
  return { cell, seed, status: 'complete', scenario_sha256: 'x', metrics, rows: {}, events: 0, sim_time_ns: 0, wall_time_ms: 0 };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-compare-'));
  const markers: DoneMarker[] = [];
  for (const cell of [0, 1, 2]) (VALUES[cell] as (number | undefined)[]).forEach((v, i) => v !== undefined && markers.push(marker(cell, i + 1, v)));
  await writeCellsTable(path.join(dir, 'cells.arrow'), gridCells(['agents.dealers.hedge.policy=band,delta,none']), {});
  await writeSummaryTable(path.join(dir, 'summary.arrow'), markers, {});
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('compareSweep', () => {
  test('per cell: n, mean, sd and the t CI of the finite values', () => {
    const r = compareSweep(dir, { metrics: ['hedge_cost'] });
    const s0 = summarize(BASE);
    expect(r.cells[0]?.metrics['hedge_cost']).toEqual({ n: 4, mean: 25, sd: s0.sd, ci95: [s0.ciLow, s0.ciHigh] });
    expect(r.cells[2]?.metrics['hedge_cost']?.n).toBe(2);
    expect(r.cells[2]?.runs).toBe(3);
    expect(r.cells.map((c) => c.values)).toEqual([{ 'agents.dealers.hedge.policy': 'band' }, { 'agents.dealers.hedge.policy': 'delta' }, { 'agents.dealers.hedge.policy': 'none' }]);
  });

  test('paired differences use the same seeds: cell 1 - cell 0 = (1, 2, 3, 4)', () => {
    const p = compareSweep(dir, { metrics: ['hedge_cost'] }).cells[1]?.paired?.['hedge_cost'];
    const t = tTest([1, 2, 3, 4]);
    expect(p).toMatchObject({ n: 4, mean: 2.5, sd: t.sd, t: t.t, p: t.p, });
    const s = summarize([1, 2, 3, 4]);
    expect(p?.ci95).toEqual([s.ciLow, s.ciHigh]);
    expect(p?.bootstrap_ci95[0]).toBeGreaterThanOrEqual(1);
    expect(p?.bootstrap_ci95[1]).toBeLessThanOrEqual(4);
  });

  test('a missing run or a NaN drops that pair only', () => {
    const p = compareSweep(dir, { metrics: ['hedge_cost'] }).cells[2]?.paired?.['hedge_cost'];
    expect(p).toMatchObject({ n: 2, mean: (2 + 6) / 2 }); // seeds 1 and 3
  });

  test('the baseline has no paired block; another baseline can be chosen', () => {
    const r = compareSweep(dir, { metrics: ['hedge_cost'], baseline: 1 });
    expect(r.cells[1]?.paired).toBeUndefined();
    expect(r.cells[0]?.paired?.['hedge_cost']?.mean).toBe(-2.5);
  });

  test('all metrics by default; the bootstrap is reproducible', () => {
    const a = compareSweep(dir);
    expect(a.metrics).toEqual(METRICS.map((m) => m.name));
    expect(compareSweep(dir)).toEqual(a);
    expect(compareSweep(dir, { resamples: 50 }).cells[1]?.paired?.['hedge_cost']?.bootstrap_ci95).not.toEqual(a.cells[1]?.paired?.['hedge_cost']?.bootstrap_ci95);
  });

  const bad: ReadonlyArray<readonly [string, () => unknown, RegExp]> = [
    ['an unknown metric', () => compareSweep(dir, { metrics: ['hedge_cots'] }), /unknown metric "hedge_cots"/],
    ['a baseline that is not a cell', () => compareSweep(dir, { baseline: 3 }), /baseline cell 3 is not a cell/],
    ['a directory that does not exist', () => compareSweep(os.tmpdir() + '/no-such-sweep'), /no such sweep directory/],
  ];
  test.each(bad)('rejects %s', (_name, f, message) => {
    expect(f).toThrow(CompareError);
    expect(f).toThrow(message);
  });
});
