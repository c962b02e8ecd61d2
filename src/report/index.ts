/** The HTML report of a run: `gammaloop report` and library callers. */
export { buildReport, writeReport, chartSections, NAV, type ReportWritten } from './build.js';
export { loadRunData, RunDirError, type RunData, type ScenarioFacts, type BookSeries } from './runData.js';
export { runMetrics, type RunMetrics } from './runMetrics.js';
export { isSweepDir, loadSweep, type SweepData, type SweepCell, type SweepManifest } from './sweepData.js';
export { buildSweepReport, SWEEP_HEADLINE, type SweepCompare } from './sweepReport.js';
