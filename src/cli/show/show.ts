/**
 * `gammaloop show <run-dir>`: a terminal view of one run at the terminal's width (or --width):
 * title, price chart with liquidation and schedule markers, dealer strip, headline metrics and
 * the largest cascade. Plain text when piped or under NO_COLOR (colour only via styleText).
 */
import type { ShowArgs } from '../commands/show.js';
import { wrapLine } from '../format/wrap.js';
import { out, outputWidth } from '../term.js';
import { loadRun } from './runData.js';
import { runMetrics } from './runMetrics.js';
import { cascadeSection, chartLabels, dealerSection, deltaChart, metricsSection, priceChart, priceSection, titleLines, type Frame } from './sections.js';

const PRICE_ROWS = 10;
const DELTA_ROWS = 3;
const WORD_LABELS = ['liqs', 'sched', 'buys', 'sells', 'delta', 'hedges'];

/** Runs `show`; returns the exit code. */
export async function show(args: ShowArgs): Promise<number> {
  const width = outputWidth(args.width);
  const run = loadRun(args.dir);
  // Charts are drawn twice only to size the gutter from their own labels; both are cheap.
  const trial = { startNs: 0, endNs: run.endNs, width: 10 };
  const labels = [...chartLabels(priceChart(run, trial, PRICE_ROWS)), ...chartLabels(deltaChart(run, trial, DELTA_ROWS)), ...WORD_LABELS];
  const gutter = Math.max(...labels.map((l) => l.length));
  const axis = { startNs: 0, endNs: run.endNs, width: Math.max(10, width - gutter - 2) };
  const frame: Frame = { gutter, axis };
  const lines = [
    ...titleLines(run),
    '',
    ...priceSection(run, frame, priceChart(run, axis, PRICE_ROWS)),
    '',
    ...dealerSection(run, frame, deltaChart(run, axis, DELTA_ROWS)),
    '',
    ...metricsSection(runMetrics(run), width, run.facts.quote ?? 'quote'),
    '',
    ...cascadeSection(run, run.facts.quote ?? 'quote'),
  ];
  out(lines.flatMap((l) => wrapLine(l, width)).join('\n'));
  return 0;
}
