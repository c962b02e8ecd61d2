/** The HTML report of a run: `gammaloop report` and library callers. */
export { buildReport, writeReport, NAV, type ReportWritten } from './build.js';
export { loadRunData, RunDirError, type RunData, type ScenarioFacts, type BookSeries } from './runData.js';
export { runMetrics, type RunMetrics } from './runMetrics.js';
export { renderChart, type ChartSpec, type ChartSeries, type ChartBand, type ChartRule, type SeriesKind } from './svg/chart.js';
export { isSweepDir, loadSweep, type SweepData, type SweepCell, type SweepManifest } from './sweepData.js';
export { buildSweepReport, SWEEP_HEADLINE } from './sweepReport.js';
export { renderBars, type BarChartSpec } from './svg/bars.js';
export { buildScienceReport, isScienceDir } from './scienceReport.js';
