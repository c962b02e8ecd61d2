/**
 * The HTML report of a collected sweep: its identity (scenario, hashes, seeds, swept paths, run
 * counts, failures), the cells, every metric's mean ± sd per cell (95% CI and n as tooltip) and
 * bar charts with 95% CI whiskers for headline metrics. Deterministic like the run report.
 */
import { summarize, finite } from '../analysis/compareStats.js';
import { METRICS } from '../analysis/metrics.js';
import { esc, fixed, MISSING, num } from './format.js';
import { metricText } from './sections.js';
import { STYLE } from './style.js';
import { renderSvg } from './vl/render.js';
import { metricByCellSpec, pairedSpec } from './vl/sweepSpecs.js';
import type { SweepData } from './sweepData.js';

/** Metrics charted per cell, when any cell has a finite value. */
export const SWEEP_HEADLINE = ['rv_mid_5m', 'max_drawdown', 'mid_return', 'liquidation_count', 'largest_cascade_liquidations', 'insurance_fund_low', 'hedge_volume', 'hedge_cost', 'dealer_pnl', 'one_sided_share'] as const;

/** Short label of a cell for chart axes: its values joined, cut to 16 characters. */
function cellLabel(values: readonly string[], cell: number): string {
  const text = values.length === 0 ? `cell ${cell}` : values.join(', ');
  return text.length > 16 ? `${text.slice(0, 15)}…` : text;
}

const row = (cells: readonly string[], tag = 'td'): string => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;

function titleSection(s: SweepData): string {
  const m = s.manifest;
  const runs = m.runs ?? { total: 0, complete: 0, failed: 0, missing: 0 };
  const facts: [string, string][] = [
    ['status', `<span class="status-${esc(String(m.status))}">${esc(String(m.status))}</span>`],
    ['runs', esc(`${runs.complete} of ${runs.total} complete, ${runs.failed} failed, ${runs.missing} missing`)],
    ['cells × seeds', esc(`${s.cells.length} × ${(m.seeds ?? []).length}`)],
    ['seeds', esc((m.seeds ?? []).join(', '))],
    ['swept', esc((m.swept ?? []).join(', ') || MISSING)],
    ['set in every cell', esc((m.set ?? []).join(', ') || MISSING)],
    ['sweep sha256', `<code>${esc(String(m.sweep_sha256))}</code>`],
    ['scenario sha256', `<code>${esc(String(m.scenario_sha256))}</code>`],
    ['kernel events', fixed(m.events, 0)],
    ['versions', esc(Object.entries(m.versions ?? {}).map(([k, v]) => `${k} ${v}`).join(', '))],
  ];
  const failures = (m.failures ?? []).map((f) => `<li>cell ${f.cell} seed ${f.seed}: ${esc(f.message)}</li>`);
  return [
    `<header><h1>${esc(String(m.scenario))} <span class="seed">sweep</span></h1>`,
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`,
    failures.length === 0 ? '' : `<p>Failed runs:</p><ul>${failures.join('')}</ul>`,
    '</header>',
  ].join('\n');
}

function cellsSection(s: SweepData): string {
  const swept = s.manifest.swept ?? [];
  const rows = s.cells.map((c) => row([String(c.cell), ...c.values.map((v) => esc(v))]));
  return ['<section id="cells"><h2>Cells</h2>', '<table><thead>', row(['cell', ...swept.map((p) => `<code>${esc(p)}</code>`)], 'th'), `</thead><tbody>${rows.join('')}</tbody></table></section>`].join('\n');
}

/** `mean ± sd` of one cell's finite values, with n and the 95% CI as a tooltip. */
function statCell(values: readonly number[], unit: string): string {
  const xs = finite(values);
  if (xs.length === 0) return `<td class="num" title="n=0">${MISSING}</td>`;
  const s = summarize(xs);
  const text = xs.length < 2 ? metricText(s.mean, unit) : `${num(s.mean, 4)} ± ${num(s.sd, 2)}`;
  return `<td class="num" title="${esc(`n=${s.n}, 95% CI [${num(s.ciLow, 4)}, ${num(s.ciHigh, 4)}]`)}">${esc(text)}</td>`;
}

function metricsSection(s: SweepData): string {
  const head = row(['metric', 'unit', ...s.cells.map((c) => `cell ${c.cell}`)], 'th');
  const rows = METRICS.map((d) => {
    const perCell = s.metrics.get(d.name) ?? [];
    return `<tr><td title="${esc(d.definition)}"><code>${esc(d.name)}</code></td><td>${esc(d.unit)}</td>${s.cells.map((_, k) => statCell(perCell[k] ?? [], d.unit)).join('')}</tr>`;
  });
  return [
    '<section id="metrics"><h2>Metrics by cell</h2>',
    '<p class="note">Mean ± sample sd over the cell\'s finished seeds (summary.arrow). Hover a metric for its definition and a value for n and the Student-t 95% CI of the mean; — means no finite value.</p>',
    `<div class="wide"><table class="metrics"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div></section>`,
  ].join('\n');
}

/** The paired comparison the report shows: `gammaloop compare`'s result (run layer), structurally. */
export interface SweepCompare {
  readonly baseline: number;
  readonly cells: readonly {
    readonly cell: number;
    readonly paired?: Readonly<Record<string, { readonly n: number; readonly mean: number; readonly ci95: readonly [number, number]; readonly p: number }>>;
  }[];
}

async function chartsSection(s: SweepData): Promise<string> {
  const charts: string[] = [];
  for (const name of SWEEP_HEADLINE) {
    const def = METRICS.find((m) => m.name === name);
    const perCell = s.metrics.get(name) ?? [];
    // A metric that is 0 (or missing) in every run says nothing as a chart; the table shows it.
    if (def === undefined || perCell.every((v) => finite(v).every((x) => x === 0))) continue;
    const spec = metricByCellSpec(name, def.unit, s.cells, perCell, s.seeds);
    if (spec !== null) charts.push(`<figure>${await renderSvg(spec, `m-${name}`)}</figure>`);
  }
  const body = charts.length === 0 ? '<p class="note empty">No headline metric has a finished run with a non-zero value.</p>' : `<div class="grid">${charts.join('\n')}</div>`;
  return `<section id="charts"><h2>Headline metrics by cell</h2>\n<p class="note">Grey points: one per seed. Blue tick: the cell mean; bar: its 95% percentile-bootstrap CI (2000 resamples), which stays inside the data's range, so bounded metrics keep their bounds. Under 2 seeds no CI.</p>\n${body}</section>`;
}

async function pairedSection(s: SweepData, compare: SweepCompare | undefined): Promise<string> {
  const head = '<section id="paired"><h2>Paired differences against the baseline cell</h2>';
  if (compare === undefined) return `${head}\n<p class="note empty">Not computed (library call without a comparison): run <code>gammaloop compare ${esc(s.dir)}</code>.</p></section>`;
  const charts: string[] = [];
  for (const name of SWEEP_HEADLINE) {
    const def = METRICS.find((m) => m.name === name);
    if (def === undefined) continue;
    const rows = compare.cells.flatMap((c) => {
      const p = c.paired?.[name];
      const cell = s.cells.find((x) => x.cell === c.cell);
      return p === undefined ? [] : [{ cell: c.cell, values: cell?.values ?? [], n: p.n, mean: p.mean, low: p.ci95[0], high: p.ci95[1], p: p.p }];
    });
    if (rows.every((r) => r.mean === 0 && r.low === 0 && r.high === 0)) continue;
    const spec = pairedSpec(name, def.unit, compare.baseline, rows);
    if (spec !== null) charts.push(`<figure>${await renderSvg(spec, `d-${name}`)}</figure>`);
  }
  const body = charts.length === 0 ? '<p class="note empty">No headline metric differs from the baseline cell on any paired seed (or no cell besides the baseline has finished runs).</p>' : `<div class="grid">${charts.join('\n')}</div>`;
  return `${head}\n<p class="note">Per cell: the mean over seeds of (cell − baseline cell ${compare.baseline}) on the same seed, so common random numbers cancel the shared noise; bar: Student-t 95% CI of that mean, as <code>gammaloop compare</code> prints it. A bar clear of the dashed zero line is a difference the seeds support.</p>\n${body}</section>`;
}

/** The commands that rerun one cell and seed as a run directory and report it. */
function rerunSection(s: SweepData): string {
  const file = s.scenarioFile ?? '<scenario.yaml>';
  const set = (s.manifest.set ?? []).map((x) => ` --set ${shellQuote(x)}`).join('');
  const rows = s.cells.map((c, k) => {
    const seed = s.seeds[k]?.[0] ?? (s.manifest.seeds ?? [])[0] ?? 1;
    const out = `${s.dir}/open/cell=${c.cell}/seed=${seed}`;
    const cmd = `gammaloop run ${shellQuote(file)}${set}${(s.assignments[k] ?? []).map((a) => ` --set ${shellQuote(a)}`).join('')} --seed ${seed} -o ${shellQuote(out)} && gammaloop report ${shellQuote(out)}`;
    return `<tr><td>${c.cell}</td><td><code>${esc(cmd)}</code></td></tr>`;
  });
  return ['<section id="open"><h2>Open one cell and seed</h2>', '<p class="note">A sweep run is reproduced exactly by a single run with the cell\'s values and the seed (same scenario hash); the command writes it as a run directory and its full report (change the seed to open another).</p>', `<table><thead><tr><th>cell</th><th>command</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`].join('\n');
}

const shellQuote = (x: string): string => (/^[\w./=,:@%+-]+$/.test(x) ? x : `'${x.replace(/'/g, "'\\''")}'`);

const SWEEP_STYLE = '.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}figcaption{font-size:12px;margin:4px 0}.wide{overflow-x:auto}';

/** The report of a loaded sweep as one HTML document. */
export async function buildSweepReport(s: SweepData, compare?: SweepCompare): Promise<string> {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    '<meta name="generator" content="gammaloop report">',
    `<title>${esc(`${String(s.manifest.scenario)} sweep — gammaloop report`)}</title>`,
    `<style>${STYLE}${SWEEP_STYLE}</style>`,
    '</head>',
    '<body><main>',
    titleSection(s),
    '<nav><a href="#cells">cells</a> · <a href="#metrics">metrics</a> · <a href="#charts">charts</a> · <a href="#paired">paired</a> · <a href="#open">open one run</a></nav>',
    cellsSection(s),
    metricsSection(s),
    await chartsSection(s),
    await pairedSection(s, compare),
    rerunSection(s),
    '<footer>Written by gammaloop report from the sweep\'s manifest.json, cells.arrow and summary.arrow. Per-run charts: gammaloop report on a single run directory.</footer>',
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
