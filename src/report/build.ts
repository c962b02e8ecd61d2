/**
 * Assembles the self-contained HTML report of one run: inline CSS, inline SVG charts, no script,
 * nothing fetched. The text depends only on the run directory's files (no generation time, no
 * randomness, locale-free numbers), so the same run always gives the same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../output/manifest.js';
import { deltaChart, fundingChart, hedgeFlowChart, liquidationChart, priceChart, spreadChart } from './charts.js';
import { esc } from './format.js';
import { loadRunData, type RunData } from './runData.js';
import { runMetrics, type RunMetrics } from './runMetrics.js';
import { cascadeSection, metricsSection, scenarioSection, scheduleSection, titleSection } from './sections.js';
import { STYLE } from './style.js';
import { isSweepDir, loadSweep } from './sweepData.js';
import { buildSweepReport } from './sweepReport.js';
import { buildScienceReport, isScienceDir } from './scienceReport.js';

/** Section ids in page order (the navigation bar). */
export const NAV = ['metrics', 'price', 'spread', 'dealer', 'hedges', 'liquidations', 'funding', 'cascade', 'schedule', 'scenario'] as const;

/** The chart sections, in page order: id, heading, a sentence of explanation, the SVG. */
function chartSections(run: RunData): [string, string, string, string][] {
  const dealers = run.greeks !== null && run.greeks.numRows > 0;
  const hedges = run.hedges !== null && run.hedges.numRows > 0;
  return [
    ['price', 'Price', 'Mid of the reference book and the venue index. Shaded: liquidation cascades. Dashed verticals: scheduled actions. Triangles: liquidation triggers at the mark.', priceChart(run)],
    ['spread', 'Spread and one-sided book', 'Quoted spread in basis points of the mid; shaded periods had one or both sides of the book empty (no spread).', spreadChart(run)],
    ['dealer', 'Dealer net delta', dealers ? 'Options delta plus hedge position, summed over dealers.' : 'No dealers in this run (no greeks rows).', deltaChart(run)],
    ['hedges', 'Hedge flow', hedges ? 'Dealer hedge fills per time bucket: buys up, sells down.' : 'No dealer hedges in this run.', hedgeFlowChart(run)],
    ['liquidations', 'Liquidations and insurance fund', 'Liquidations triggered per time bucket, with the insurance fund balance after each liquidation step on the right axis.', liquidationChart(run)],
    ['funding', 'Funding', run.funding !== null && run.funding.numRows > 0 ? 'Net funding paid by longs at each settlement, and the rate.' : 'No funding settlement fell inside this run.', fundingChart(run)],
  ];
}

/** The report of a loaded run as one HTML document. */
export function buildReport(run: RunData, metrics: RunMetrics = runMetrics(run)): string {
  const title = `${run.facts.name ?? 'run'} seed ${run.manifest?.seed ?? '?'} — gammaloop report`;
  const charts = chartSections(run).map(([id, heading, text, svg]) => `<section id="${id}" class="chart"><h2>${esc(heading)}</h2>\n<p class="note">${esc(text)}</p>\n<figure>${svg}</figure></section>`);
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
    ...charts,
    cascadeSection(run),
    scheduleSection(run),
    scenarioSection(run),
    `<footer>Written by gammaloop report from ${esc(path.basename(path.resolve(run.dir)))}. Times are simulated time since the scenario start (h:mm).</footer>`,
    '</main></body>',
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
 * Loads the run (or collected sweep, or `gammaloop science --out` directory) in `dir`, builds its report and writes it atomically to
 * `outFile` (default `<dir>/report.html`; missing parent folders are created). Throws RunDirError for a missing or non-run directory.
 */
export function writeReport(dir: string, outFile?: string): ReportWritten {
  const html = isScienceDir(dir) ? buildScienceReport(dir) : isSweepDir(dir) ? buildSweepReport(loadSweep(dir)) : buildReport(loadRunData(dir));
  const file = outFile ?? path.join(dir, 'report.html');
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileAtomic(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}
