/**
 * The HTML report of a `gammaloop science --out DIR` directory: the verdicts (predicted value,
 * measured mean with its 95% CI over paired seeds, PASS/FAIL, tolerance), each check's detail
 * lines, and per check a bar chart per metric of the per-arm means with 95% CI whiskers, drawn
 * from `science_seeds.arrow`. Deterministic like the run report (same directory, same bytes).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { summarize } from '../analysis/compareStats.js';
import { readArrowFile } from '../output/index.js';
import { esc, num } from './format.js';
import { STYLE } from './style.js';
import { renderSvg } from './vl/render.js';
import { metricByCellSpec } from './vl/sweepSpecs.js';

/** True when `dir` holds the output of `gammaloop science --out`. */
export function isScienceDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'science_checks.arrow')) && fs.existsSync(path.join(dir, 'science.json'));
}

interface CheckJson {
  readonly name: string;
  readonly title: string;
  readonly pass: boolean;
  readonly theory: string;
  readonly predicted: number | null;
  readonly measured: { statistic: string; mean: number | null; lo95: number | null; hi95: number | null; n: number };
  readonly tolerance: string;
  readonly details: readonly string[];
}

/** Charts per check: at most this many metrics (the first ones in row order). */
const MAX_METRICS = 6;

/** The report of a science output directory as one HTML document. */
export async function buildScienceReport(dir: string): Promise<string> {
  const doc = JSON.parse(fs.readFileSync(path.join(dir, 'science.json'), 'utf8')) as { profile: string; pass: boolean; checks: CheckJson[] };
  const seeds = readArrowFile(path.join(dir, 'science_seeds.arrow'));
  const check = seeds.column('check');
  const arm = seeds.column('arm');
  const metric = seeds.column('metric');
  const value = seeds.numbers('value');
  // check -> metric -> arm -> values, in row order.
  const byCheck = new Map<string, Map<string, Map<string, number[]>>>();
  const seedsOf = new Map<string, number[]>();
  const seedCol = seeds.numbers('seed');
  for (let i = 0; i < value.length; i++) {
    const c = String(check[i]);
    const m = String(metric[i]);
    const a = String(arm[i]);
    const ms = byCheck.get(c) ?? new Map<string, Map<string, number[]>>();
    byCheck.set(c, ms);
    const as = ms.get(m) ?? new Map<string, number[]>();
    ms.set(m, as);
    const xs = as.get(a) ?? [];
    as.set(a, xs);
    if (Number.isFinite(value[i] as number)) {
      xs.push(value[i] as number);
      const key = `${c}\u0000${m}\u0000${a}`;
      const ss = seedsOf.get(key) ?? [];
      seedsOf.set(key, ss);
      ss.push(seedCol[i] as number);
    }
  }
  const n = (v: number | null): string => (v === null ? '—' : esc(num(v, 4)));
  const rows = doc.checks.map((c) => `<tr><td><a href="#${esc(c.name)}"><code>${esc(c.name)}</code></a></td><td class="status-${c.pass ? 'complete' : 'failed'}">${c.pass ? 'PASS' : 'FAIL'}</td><td>${esc(c.measured.statistic)}</td><td class="num">${n(c.predicted)}</td><td class="num">${n(c.measured.mean)} [${n(c.measured.lo95)}, ${n(c.measured.hi95)}]</td><td class="num">${c.measured.n}</td></tr>`);
  const sections: string[] = [];
  for (const c of doc.checks) {
    const charts: string[] = [];
    for (const [m, arms] of [...(byCheck.get(c.name) ?? new Map<string, Map<string, number[]>>()).entries()].slice(0, MAX_METRICS)) {
      const names = [...arms.keys()];
      // Arms as the cells of the sweep chart: per-seed points, the arm mean and its 95% bootstrap CI.
      const spec = metricByCellSpec(
        `${m} by arm`,
        'as in the check',
        names.map((a, k) => ({ cell: k, values: [a] })),
        names.map((a) => arms.get(a) as number[]),
        names.map((a) => seedsOf.get(`${c.name}\u0000${m}\u0000${a}`) ?? []),
      );
      if (spec !== null) charts.push(`<figure>${await renderSvg(spec, `sci-${sections.length}-${charts.length}`)}</figure>`);
    }
    sections.push(
      [
        `<section id="${esc(c.name)}"><h2>${esc(c.name)}: ${c.pass ? 'PASS' : 'FAIL'}</h2>`,
        `<p>${esc(c.title)}</p>`,
        `<p class="note">Theory: ${esc(c.theory)}<br>Tolerance: ${esc(c.tolerance)}</p>`,
        `<pre>${esc(c.details.join('\n'))}</pre>`,
        ...charts,
        '</section>',
      ].join('\n'),
    );
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="gammaloop report">',
    `<title>gammaloop science (${esc(doc.profile)}) — ${doc.pass ? 'all PASS' : 'FAIL'}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    `<header><h1>gammaloop science <span class="seed">${esc(doc.profile)}</span></h1><p>${doc.checks.filter((c) => c.pass).length} of ${doc.checks.length} checks PASS.</p></header>`,
    '<section id="verdicts"><h2>Verdicts</h2><table><thead><tr><th>check</th><th>verdict</th><th>statistic</th><th>predicted</th><th>measured [95% CI]</th><th>seeds</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table></section>`,
    ...sections,
    `<footer>Written by gammaloop report from ${esc(path.basename(path.resolve(dir)))}.</footer>`,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
