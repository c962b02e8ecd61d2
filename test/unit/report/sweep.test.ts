/**
 * The sweep report on a synthetic collected sweep: detection, cells, every metric's mean ± sd
 * per cell with n and CI tooltips, charts only for metrics with a non-zero value, determinism,
 * and the error for a sweep directory that was never collected.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { METRICS } from '../../../src/analysis/metrics.js';
import { buildSweepReport, isSweepDir, loadSweep, RunDirError, writeReport } from '../../../src/report/index.js';
import { writeRunDir } from '../../e2e/helpers/fixtures.js';
import { SWEEP, writeSweepDir } from './sweepFixture.js';

let tmp = '';
let sweep = '';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-report-sweep-'));
  sweep = await writeSweepDir(path.join(tmp, 'sweep'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('sweep report', () => {
  test('detects a collected sweep, not a run', async () => {
    expect(isSweepDir(sweep)).toBe(true);
    expect(isSweepDir(await writeRunDir(path.join(tmp, 'run'), { events: false }))).toBe(false);
    expect(isSweepDir(path.join(tmp, 'nope'))).toBe(false);
  });

  test('loads cells and per-cell metric values in summary order', () => {
    const s = loadSweep(sweep);
    expect(s.cells).toEqual([{ cell: 0, values: ['0.2'] }, { cell: 1, values: ['0.4'] }]);
    expect(s.metrics.get('liquidation_count')).toEqual(SWEEP.liquidations);
    expect(s.metrics.size).toBe(METRICS.length);
  });

  test('the HTML: identity, cells, every metric by cell, charts for non-zero metrics, no script', async () => {
    const html = await buildSweepReport(loadSweep(sweep));
    expect(html).toContain('<h1>synthetic-sweep <span class="seed">sweep</span></h1>');
    expect(html).toContain('<dd>6 of 6 complete, 0 failed, 0 missing</dd>');
    expect(html).toContain('<tr><td>0</td><td>0.2</td></tr><tr><td>1</td><td>0.4</td></tr>');
    for (const m of METRICS) expect(html).toContain(`<code>${m.name}</code>`);
    // Cell 0: mean 20, sd 10, 95% CI 20 -/+ t(0.975, 2) * 10 / sqrt(3) = 20 -/+ 24.84.
    expect(html).toContain('<td class="num" title="n=3, 95% CI [-4.841, 44.84]">20 ± 10</td>');
    expect(html).toContain('>5 ± 0</td>');
    expect(html).toMatch(/<code>rv_mid_5m<\/code><\/td><td>1 per sqrt\(year\)<\/td><td class="num" title="n=0">—<\/td>/);
    // Only liquidation_count has a non-zero value among the charted metrics.
    expect((html.match(/<svg /g) ?? []).length).toBe(1);
    expect(html).toContain('<title>liquidation_count per seed (points) with the cell mean and its 95% bootstrap CI</title>');
    expect(html).not.toMatch(/<script/i);
    // Without a comparison the paired section says how to get one; the rerun commands are there.
    expect(html).toContain('Not computed (library call without a comparison)');
    expect(html).toMatch(/gammaloop run \S+ --set clock\.duration=5m --set agents\.makers\.size=0\.4 --seed \d+ -o /);
    expect(await buildSweepReport(loadSweep(sweep))).toBe(html);
  });

  test('with a comparison: one paired-difference chart per metric that differs, CI from compare', async () => {
    const compare = { baseline: 0, cells: [{ cell: 0 }, { cell: 1, paired: { liquidation_count: { n: 3, mean: -15, ci95: [-40, 10] as const, p: 0.2 } } }] };
    const html = await buildSweepReport(loadSweep(sweep), compare);
    expect(html).toContain('<title>Paired difference of liquidation_count against the baseline cell with its 95% CI</title>');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
  });

  test('writeReport writes the sweep report into the sweep directory', async () => {
    const w = await writeReport(sweep);
    expect(w.file).toBe(path.join(sweep, 'report.html'));
    expect(fs.readFileSync(w.file, 'utf8')).toContain('Metrics by cell');
  });

  test('a sweep without summary.arrow is a RunDirError naming --collect', async () => {
    const dir = await writeSweepDir(path.join(tmp, 'uncollected'));
    fs.rmSync(path.join(dir, 'summary.arrow'));
    expect(() => loadSweep(dir)).toThrow(RunDirError);
    expect(() => loadSweep(dir)).toThrow(/sweep --collect/);
  });
});
