/**
 * Time units re-exported for layers that may import model but not engine (analysis, report).
 * SimTime is integer ns since scenario start; see src/engine/time.ts.
 */
export { NS_PER_US, NS_PER_MS, NS_PER_SEC, NS_PER_MIN, NS_PER_HOUR, NS_PER_DAY, NS_PER_YEAR_365, formatDurationNs, type SimTimeNs } from '../engine/time.js';
