/**
 * The measurement registry: a static list of name -> function from one finished run (its tables
 * still on disk) and its job to per-run numbers. Sweep workers import this same module, so a
 * job names its measurement and the worker runs the same code. Add a measurement by adding a
 * line here (no registration by import side effects).
 */
import type { RunResult } from '../run/index.js';
import type { Measured, ScienceJob } from './check.js';
import { intervalReturns, probeImpact } from './measures/feedback.js';
import { cascadeMeasure } from './measures/cascade.js';
import { gexAccountingMeasure } from './measures/gex.js';
import { pinMeasure } from './measures/pin.js';
import { PIN_EXPIRY_NS } from './checks/pinVsGammaSign.js';
import { impactMeasure } from './measures/impact.js';
import { failureMeasure } from './measures/failure.js';
import { IMPACT_WINDOW } from './checks/sqrtImpact.js';
import { momentsMeasure } from './measures/moments.js';

/** One measurement. Must return finite numbers (the runner rejects NaN as a broken experiment). */
export type Measure = (run: RunResult, job: ScienceJob) => Measured;

/** Every measurement by name. */
export const MEASURES: Readonly<Record<string, Measure>> = {
  /** The run's summary metrics (analysis/metrics.ts), as they are. */
  metrics: (run) => Object.fromEntries(Object.entries(run.metrics).filter(([, v]) => Number.isFinite(v))),
  'probe-impact': probeImpact,
  'interval-returns': intervalReturns,
  gex_accounting: gexAccountingMeasure,
  cascade: cascadeMeasure,
  pin: (run) => pinMeasure(run, PIN_EXPIRY_NS),
  impact: (run) => impactMeasure(run, IMPACT_WINDOW),
  market_failure: failureMeasure,
  moments: momentsMeasure,
};
