/**
 * Assembles the self-contained HTML report of one run. Charts are Vega-Lite specs (src/report/vl)
 * rendered to inline SVG in Node; the cascade view is also live in the browser (brush and zoom)
 * through the vega runtime inlined in the page, with its static SVG as the printable fallback.
 * Nothing is fetched. The text depends only on the run directory's files (no generation time, no
 * randomness, locale-free numbers), so the same run always gives the same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../output/manifest.js';
import { esc } from './format.js';
import { loadRunData, type RunData } from './runData.js';
import { runMetrics, type RunMetrics } from './runMetrics.js';
import { cascadeSection, metricsSection, scenarioSection, scheduleSection, titleSection } from './sections.js';
import { STYLE } from './style.js';
import { isSweepDir, loadSweep } from './sweepData.js';
import { buildSweepReport, type SweepCompare } from './sweepReport.js';
import { cascadePanel } from './vl/cascadeSpec.js';
import { renderSvg, scriptJson, toVega, vegaRuntime } from './vl/render.js';
import { gexPanel, gexProfilePanel, hedgeFlowPanel, pricePanel, type Panel } from './vl/runSpecs.js';
import { deltaPanel, fundingPanel, insurancePanel, openInterestPanel, spreadDepthPanel } from './vl/statePanels.js';

/** Section ids in page order (the navigation bar). */
export const NAV = ['metrics', 'price', 'gex', 'gex-profile', 'feedback', 'dealer', 'spread', 'funding', 'open-interest', 'insurance', 'cascade-view', 'cascade', 'schedule', 'scenario'] as const;

/** A chart section: id, heading, explanation, and its panel. */
type ChartSection = readonly [id: string, heading: string, text: string, panel: Panel];

/** The chart sections in page order. */
export function chartSections(run: RunData): ChartSection[] {
  const feedback = hedgeFlowPanel(run);
  return [
    ['price', 'Price and liquidations', 'Mid of the reference book and the venue index. Triangles: liquidation triggers at the mark, pointing down where a long position was liquidated (a forced sell), up where a short was (a forced buy). Dashed verticals: scheduled actions.', pricePanel(run)],
    ['gex', 'Dealer gamma exposure (GEX) over time', 'GEX = gamma × spot² / 100 summed over dealers: the hedge notional the dealers must trade per 1 % move. Below zero the dealers are short gamma and their hedging buys rallies and sells dips (it amplifies moves); above zero it damps them.', gexPanel(run)],
    ['gex-profile', 'GEX profile over spot', 'The dealers\' book revalued at hypothetical spot levels (same tenors) at the first, middle and last sample; the dashed line of each colour is the spot at that time. Where the curve crosses zero is the gamma flip level.', gexProfilePanel(run)],
    ['feedback', 'The feedback: hedge flow against the next return', `Each point is one time bucket: the dealers' net hedge flow in it against the mid's return over the following bucket. A positive slope means hedging predicts continuation (the short-gamma feedback); negative, reversal.${feedback.spec !== null && feedback.note !== undefined ? ` Fit: ${feedback.note}.` : ''}`, feedback],
    ['dealer', 'Dealer delta', 'Options delta, hedge position and their sum (net delta), summed over dealers. A delta-neutral hedger keeps the net near zero; the band policy lets it drift inside the band.', deltaPanel(run)],
    ['spread', 'Spread and depth', 'Quoted spread of the reference book in bps of the mid (gaps: a side was empty) and the size resting at the best bid and ask.', spreadDepthPanel(run)],
    ['funding', 'Funding', 'Funding rate at each settlement (bps of notional per funding interval); positive: longs pay shorts.', fundingPanel(run)],
    ['open-interest', 'Option open interest', 'Open interest over all listed series (long contracts) and the dealers\' net position in contracts (negative: dealers are net short options).', openInterestPanel(run)],
    ['insurance', 'Insurance fund', 'Balance of the venue insurance fund after each liquidation step (fees in, deficits out).', insurancePanel(run)],
    ['cascade-view', 'Cascade view', 'The largest liquidation cascade at full resolution: every book sample and trade near it, liquidation fills highlighted. Drag or resize the brush in the overview (bottom) to choose the span shown on top; scroll on it to zoom.', cascadePanel(run)],
  ];
}

/** Boots the live views: each figure with a `data-vega` script id is replaced by an interactive view. */
const BOOT = `(function(){if(typeof vega==='undefined')return;document.querySelectorAll('figure[data-vega]').forEach(function(f){var s=document.getElementById(f.getAttribute('data-vega'));if(!s)return;var v=new vega.View(vega.parse(JSON.parse(s.textContent)),{renderer:'svg',container:f,hover:true});v.runAsync().then(function(){f.classList.add('live');var st=f.querySelector('.static');if(st)st.remove();});});})();`;

async function sectionHtml([id, heading, text, panel]: ChartSection): Promise<{ html: string; live: boolean }> {
  const head = `<section id="${id}" class="chart"><h2>${esc(heading)}</h2>`;
  if (panel.spec === null) return { html: `${head}\n<p class="note empty">${esc(panel.reason)}</p></section>`, live: false };
  const svg = await renderSvg(panel.spec, id);
  const live = id === 'cascade-view';
  const figure = live
    ? `<figure data-vega="${id}-spec"><div class="static">${svg}</div></figure>\n<script type="application/json" id="${id}-spec">${scriptJson(toVega(panel.spec))}</script>`
    : `<figure>${svg}</figure>`;
  return { html: `${head}\n<p class="note">${esc(text)}</p>\n${figure}</section>`, live };
}

/** The report of a loaded run as one HTML document. */
export async function buildReport(run: RunData, metrics: RunMetrics = runMetrics(run)): Promise<string> {
  const title = `${run.facts.name ?? 'run'} seed ${run.manifest?.seed ?? '?'} — gammaloop report`;
  const sections = await Promise.all(chartSections(run).map(sectionHtml));
  const live = sections.some((s) => s.live);
  const nav = NAV.map((id) => `<a href="#${id}">${id}</a>`).join(' · ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    '<meta name="generator" content="gammaloop report">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    titleSection(run),
    `<nav>${nav}</nav>`,
    metricsSection(metrics),
    ...sections.map((s) => s.html),
    cascadeSection(run),
    scheduleSection(run),
    scenarioSection(run),
    `<footer>Written by gammaloop report from ${esc(path.basename(path.resolve(run.dir)))}. Charts: Vega-Lite specs rendered to SVG; the cascade view runs the inlined vega ${live ? 'runtime' : 'runtime (not needed: no cascade)'}. Time is simulated time since the scenario start.</footer>`,
    '</main>',
    live ? `<script>${vegaRuntime()}</script>\n<script>${BOOT}</script>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Where the report was written and its size. */
export interface ReportWritten {
  readonly file: string;
  readonly bytes: number;
}

/**
 * Loads the run (or collected sweep) in `dir`, builds its report and writes it atomically to
 * `outFile` (default `<dir>/report.html`; missing parent folders are created). A sweep's paired
 * comparison comes from `compare` (the run layer's compareSweep; the CLI passes it). Throws
 * RunDirError for a missing or non-run directory.
 */
export async function writeReport(dir: string, outFile?: string, compare?: SweepCompare): Promise<ReportWritten> {
  const html = isSweepDir(dir) ? await buildSweepReport(loadSweep(dir), compare) : await buildReport(loadRunData(dir));
  const file = outFile ?? path.join(dir, 'report.html');
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileAtomic(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}
