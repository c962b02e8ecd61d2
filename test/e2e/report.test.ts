/**
 * `gammaloop report` through the built CLI: on a synthetic run (fixtures written with
 * src/output), on a real 30-minute liquidation-cascade run and on a real sweep made by the CLI.
 * The HTML has every section, the metrics, an svg per chart and no script, and is byte-identical
 * when generated twice; bad directories exit 2.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { METRICS } from '../../src/analysis/metrics.js';
import { NAV } from '../../src/report/index.js';
import { runIn, tempDir } from '../golden/runs.js';
import { ensureBuilt, runCli } from './helpers/cli.js';
import { writeRunDir } from './helpers/fixtures.js';

let tmp = '';
let synthetic = '';
let real = '';

beforeAll(async () => {
  ensureBuilt();
  tmp = tempDir('e2e-report');
  synthetic = await writeRunDir(path.join(tmp, 'synthetic'), { events: true });
  real = path.join(tmp, 'real');
  await runIn('scenarios/liquidation-cascade.yaml', real, { set: ['clock.duration=30m'] });
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every section; as many titled SVGs as drawn panels (no empty ones); nothing fetched. */
function checkReport(html: string, charts: number): void {
  for (const id of NAV) expect(html).toContain(`<section id="${id}"`);
  for (const m of METRICS) expect(html).toContain(`<code>${m.name}</code>`);
  const notDrawn = (html.match(/<p class="note empty">/g) ?? []).length;
  expect((html.match(/<svg /g) ?? []).length).toBe(charts);
  expect((html.match(/<svg [^>]*role="img"><title>/g) ?? []).length).toBe(charts);
  expect(charts + notDrawn).toBe(10);
  expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
  expect(html).toContain('<details>');
}

describe('gammaloop report', () => {
  test('a synthetic run: report.html in the run directory, path on stdout, identical twice', () => {
    const r1 = runCli(['report', synthetic]);
    expect(r1.code).toBe(0);
    const file = path.join(synthetic, 'report.html');
    expect(r1.stdout.trim()).toBe(file);
    expect(r1.stderr).toBe('');
    const first = fs.readFileSync(file);
    checkReport(first.toString('utf8'), 7);
    expect(runCli(['report', synthetic]).code).toBe(0);
    expect(fs.readFileSync(file).equals(first)).toBe(true);
  });

  test('a real 30-minute liquidation-cascade run: the cascade is reported; --out writes elsewhere; identical twice', () => {
    const a = path.join(tmp, 'a.html');
    const b = path.join(tmp, 'b.html');
    expect(runCli(['report', real, '--out', a]).code).toBe(0);
    expect(runCli(['report', real, '-o', b]).code).toBe(0);
    const html = fs.readFileSync(a, 'utf8');
    // Price, spread, insurance fund, cascade view; no dealers, no funding time, no options.
    checkReport(html, 4);
    expect(html).toContain('<figure data-vega="cascade-view-spec">');
    expect(fs.readFileSync(b, 'utf8')).toBe(html);
    expect(fs.existsSync(path.join(real, 'report.html'))).toBe(false);
    expect(html).toContain('<h1>liquidation-cascade <span class="seed">seed 1</span></h1>');
    expect(html).toContain('High-leverage retail longs');
    expect(html).toContain('<span class="status-complete">complete</span>');
    expect(html).toContain('<dt>simulated</dt><dd>30 m 0 s</dd>');
    // The scenario's shock fires at 20 minutes and starts a cascade there.
    expect(html).toMatch(/<dt>start<\/dt><dd>0:2\d:\d\d\.\d{3}<\/dd>/);
    expect(html).toMatch(/<code>liquidation_count<\/code><\/td><td class="num">[1-9]\d*<\/td>/);
  }, 30_000);

  test('a real sweep (2 cells x 2 seeds of baseline, 2 minutes): metrics by cell, identical twice', () => {
    const dir = path.join(tmp, 'sweep');
    const sweep = runCli(['sweep', 'test/fixtures/scenarios/baseline-gaussian.yaml', '--seeds', '1..2', '--grid', 'agents.noise.rate=0.2,0.6', '--set', 'clock.duration=2m', '-j', '0', '-q', '--out', dir], { timeoutMs: 60_000 });
    expect(sweep.code).toBe(0);
    const r = runCli(['report', dir]);
    expect(r.code).toBe(0);
    const file = path.join(dir, 'report.html');
    expect(r.stdout.trim()).toBe(file);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('<h1>baseline <span class="seed">sweep</span></h1>');
    expect(html).toContain('<dd>4 of 4 complete, 0 failed, 0 missing</dd>');
    expect(html).toContain('<th><code>agents.noise.rate</code></th>');
    for (const m of METRICS) expect(html).toContain(`<code>${m.name}</code>`);
    expect(html).toMatch(/<td class="num" title="n=2, 95% CI \[[^\]]+\]">[^<]+ ± [^<]+<\/td>/);
    expect(html).toContain('<title>max_drawdown per seed (points) with the cell mean and its 95% bootstrap CI</title>');
    // Paired differences come from compare (the CLI computes it); the rerun command of each cell.
    expect(html).toContain('<title>Paired difference of max_drawdown against the baseline cell with its 95% CI</title>');
    expect(html).toContain('gammaloop run test/fixtures/scenarios/baseline-gaussian.yaml --set clock.duration=2m --set agents.noise.rate=0.6 --seed 1');
    expect(html).not.toMatch(/<script/i);
    expect(runCli(['report', dir]).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(html);
  }, 60_000);

  const errorCases = [
    { name: 'a missing directory', args: () => ['report', path.join(tmp, 'nope')], stderr: /no such run directory/ },
    { name: 'a directory that is not a run', args: () => ['report', fs.mkdtempSync(path.join(tmp, 'notarun-'))], stderr: /is not a run directory/ },
    { name: 'no directory', args: () => ['report'], stderr: /Not enough non-option arguments/ },
  ];
  test.each(errorCases)('$name exits 2', ({ args, stderr }) => {
    const r = runCli(args());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(stderr);
  });
});
