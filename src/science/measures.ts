/**
 * Named measurements that run inside sweep workers: a `ScienceJob` names one (check.ts), the
 * worker runs the job's scenario and calls the function on the finished run while its table
 * files still exist. A static list, so workers and the main process import the same code. Each
 * entry returns finite per-run numbers in the units its check states.
 */
import type { RunResult } from '../run/index.js';
import type { Measured } from './check.js';
import { cascadeMeasure } from './measures/cascade.js';
import { gexAccountingMeasure } from './measures/gex.js';
import { pinMeasure } from './measures/pin.js';
import { PIN_EXPIRY_NS } from './checks/pinVsGammaSign.js';
import { impactMeasure } from './measures/impact.js';
import { failureMeasure } from './measures/failure.js';
import { IMPACT_WINDOW } from './checks/sqrtImpact.js';

/** A measurement over one finished run. */
export type Measure = (run: RunResult) => Measured;

/** Every measurement a job may name. */
export const MEASURES: Record<string, Measure> = {
  /** The run's summary metrics that are finite. */
  summary: (run) => Object.fromEntries(Object.entries(run.metrics).filter(([, v]) => Number.isFinite(v))),
  gex_accounting: gexAccountingMeasure,
  cascade: cascadeMeasure,
  pin: (run) => pinMeasure(run, PIN_EXPIRY_NS),
  impact: (run) => impactMeasure(run, IMPACT_WINDOW),
  market_failure: failureMeasure,
};
