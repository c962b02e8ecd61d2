/**
 * The report builder on synthetic run directories written with src/output (the fixtures of the
 * e2e tests): sections, every metric with its unit and definition, one svg per chart, the known
 * cascade and schedule, no script, byte-identical output, and the errors for non-run directories.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { METRICS } from '../../../src/analysis/metrics.js';
import { buildReport, chartSections, loadRunData, NAV, RunDirError, writeReport } from '../../../src/report/index.js';
import { esc } from '../../../src/report/format.js';
import { CASCADE, SHA, writeRunDir } from '../../e2e/helpers/fixtures.js';

let tmp = '';
let full = '';
let empty = '';
let summarized = '';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-report-unit-'));
  full = await writeRunDir(path.join(tmp, 'full'), { events: true });
  empty = await writeRunDir(path.join(tmp, 'empty'), { events: false });
  summarized = await writeRunDir(path.join(tmp, 'summarized'), { events: true, summary: { rv_index_5m: 0.4242, liquidation_count: 99 } });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const svgCount = (html: string): number => (html.match(/<svg /g) ?? []).length;

/** Nothing the page would fetch: no external src/href, CSS url() or @import, no $schema URL. */
function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
  expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
  expect(html).not.toMatch(/@import/i);
  expect(html).not.toContain('vega.github.io');
}

describe('buildReport', () => {
  test('a run with a cascade, dealers and shocks: every section, metric and chart', async () => {
    const html = await buildReport(loadRunData(full));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const id of NAV) expect(html).toContain(`<section id="${id}"`);
    // Drawn: every panel with data (price, GEX, feedback, delta, spread, insurance,
    // cascade view); the fixture has no gex_profile or open_interest table and no funding rows.
    const drawn = chartSections(loadRunData(full)).filter(([, , , p]) => p.spec !== null).map(([id]) => id);
    expect(drawn).toEqual(['price', 'gex', 'feedback', 'dealer', 'spread', 'insurance', 'cascade-view']);
    expect(svgCount(html)).toBe(drawn.length);
    expect(html.match(/<svg [^>]*role="img"><title>[^<]+<\/title>/g)?.length).toBe(drawn.length);
    expect(html).toContain('<p class="note empty">No gex_profile rows');
    expectSelfContained(html);
    // The cascade view is live: its Vega spec and the inlined runtime.
    expect(html).toContain('<figure data-vega="cascade-view-spec">');
    expect(html).toMatch(/<script type="application\/json" id="cascade-view-spec">\{/);
    expect(html).toContain('<h1>synthetic <span class="seed">seed 7</span></h1>');
    expect(html).toContain(SHA);
    for (const m of METRICS) expect(html).toContain(`<tr title="${esc(m.definition)}"><td><code>${m.name}</code></td>`);
    // Computed from the fixture's tables: 7 liquidations in 2 cascades; dealer pnl 103.
    expect(html).toMatch(/<code>liquidation_count<\/code><\/td><td class="num">7<\/td><td>count<\/td>/);
    expect(html).toMatch(/<code>cascade_count<\/code><\/td><td class="num">2<\/td>/);
    expect(html).toMatch(/<code>dealer_pnl<\/code><\/td><td class="num">103<\/td><td>quote<\/td>/);
    expect(html).toMatch(/<code>settlement_price<\/code><\/td><td class="num">—<\/td>/);
    // The largest cascade.
    expect(html).toContain(`<dt>start</dt><dd>${CASCADE.start}</dd>`);
    expect(html).toContain(`<dt>liquidations</dt><dd>${CASCADE.liquidations}</dd>`);
    expect(html).toContain(`<dt>rounds</dt><dd>${CASCADE.rounds}</dd>`);
    expect(html).toContain(`<dt>mark move</dt><dd>${CASCADE.movePct}</dd>`);
    expect(html).toContain(`${CASCADE.cascades} cascade(s) in the run`);
    // Schedule: rows (the price chart draws them as dashed rules).
    expect(html).toContain('<tr><td>0:33:15.000</td><td>market_order</td><td>shock/0</td><td>-50</td></tr>');
    // Scenario JSON, collapsed.
    expect(html).toMatch(/<details><summary>Resolved scenario[^<]*<\/summary>\s*<pre>\{\n {2}&quot;clock&quot;/);
  });

  test('metrics come from summary.arrow when present', async () => {
    const html = await buildReport(loadRunData(summarized));
    expect(html).toContain('Source: summary.arrow.');
    expect(html).toMatch(/<code>rv_index_5m<\/code><\/td><td class="num">0\.4242 \(42\.42% ann\.\)<\/td>/);
    expect(html).toMatch(/<code>liquidation_count<\/code><\/td><td class="num">99<\/td>/);
    expect(html).toMatch(/<code>cascade_count<\/code><\/td><td class="num">—<\/td>/);
  });

  test('a run with no liquidations, dealers or schedule draws no empty panel: each says why', async () => {
    const html = await buildReport(loadRunData(empty));
    expect(svgCount(html)).toBe(2); // price, spread and depth
    expect(html).toContain('None: no liquidations in this run.');
    expect(html).toContain('None fired in this run.');
    expect(html).toContain('No dealers in this run');
    expect((html.match(/<p class="note empty">/g) ?? []).length).toBe(8);
    // No cascade: no live view, no runtime.
    expect(html).not.toMatch(/<script/);
    expectSelfContained(html);
  });

  test('is byte-identical when built twice, and writeReport writes <dir>/report.html or --out', async () => {
    const a = await buildReport(loadRunData(full));
    expect(await buildReport(loadRunData(full))).toBe(a);
    const written = await writeReport(full);
    expect(written.file).toBe(path.join(full, 'report.html'));
    expect(fs.readFileSync(written.file, 'utf8')).toBe(a);
    const other = path.join(tmp, 'new', 'folder', 'elsewhere.html');
    expect((await writeReport(full, other)).bytes).toBe(Buffer.byteLength(a));
    expect(fs.readFileSync(other, 'utf8')).toBe(a);
  });

  test.each([
    { name: 'a missing directory', dir: () => path.join(tmp, 'nope'), message: /no such run directory/ },
    { name: 'a directory that is not a run', dir: () => fs.mkdtempSync(path.join(tmp, 'notarun-')), message: /is not a run directory/ },
    { name: 'a file', dir: () => path.join(full, 'manifest.json'), message: /no such run directory/ },
  ])('$name is a RunDirError', ({ dir, message }) => {
    const d = dir();
    expect(() => loadRunData(d)).toThrow(RunDirError);
    expect(() => loadRunData(d)).toThrow(message);
  });
});
