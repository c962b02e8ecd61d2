/** Headline metrics for `show`: shared with `report`, defined in src/report/runMetrics.ts. */
export { runMetrics, type RunMetrics } from '../../report/runMetrics.js';
