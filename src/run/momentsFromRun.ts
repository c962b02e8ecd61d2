/**
 * Moments (analysis/moments) of a finished run, read from its `book` and `trades` tables for the
 * reference book (the first venue's first perp, as for the summary metrics). Used by
 * `gammaloop calibrate` and by the stylized-fact checks, so both measure a simulated market the
 * same way as real data.
 */
import { existsSync } from 'node:fs';
import { computeMoments, momentInputsFromTables, type MomentInputs } from '../analysis/moments/index.js';
import { readArrowFile } from '../output/index.js';
import type { ResolvedScenario } from '../scenario/index.js';
import { planWorld } from '../scenario/world.js';
import { referenceInstrument } from './metricsFromTables.js';

/** Moment inputs from the table files `fileOf(table)` of a run of `s` (grid step 1 s unless given). */
export function momentInputsFromRun(s: ResolvedScenario, fileOf: (table: string) => string, gridStepMs = 1000): MomentInputs {
  const read = (t: string) => (existsSync(fileOf(t)) ? readArrowFile(fileOf(t)) : null);
  const instrument = referenceInstrument(s, planWorld(s)).name;
  return momentInputsFromTables({ book: read('book'), trades: read('trades') }, { instrument, startUtcMs: s.clock.startUtcMs, gridStepMs });
}

/** The named moments (default all) of a run of `s`. */
export function momentsFromRun(s: ResolvedScenario, fileOf: (table: string) => string, names?: readonly string[]): Record<string, number> {
  return computeMoments(momentInputsFromRun(s, fileOf), names);
}
