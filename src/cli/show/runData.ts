/**
 * Run-directory loading for `show`: the shared loader lives in src/report/runData.ts (also used
 * by `report`); this wrapper turns its RunDirError into a usage error (exit 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRunData, RunDirError, type RunData } from '../../report/runData.js';
import { usageError } from '../errors.js';

export { coded, decoded, nums, readOptional, strs, type BookSeries, type Coded, type RunData, type ScenarioFacts } from '../../report/runData.js';

/** Loads a run directory; a missing directory or one with no tables is a usage error. */
export function loadRun(dir: string): RunData {
  if (fs.existsSync(path.join(dir, 'sweep.json'))) {
    throw usageError(`${dir} is a sweep directory; show draws one run (gammaloop compare ${dir} compares its cells, gammaloop report ${dir} writes its report)`);
  }
  try {
    return loadRunData(dir);
  } catch (err) {
    if (err instanceof RunDirError) throw usageError(err.message);
    throw err;
  }
}
