/**
 * Entry point of a sweep worker process (forked by `gammaloop sweep`): imports the simulator
 * once, then runs (cell, seed) runs as the parent sends them. The wall clock is read here (cli/
 * is the only layer allowed to) and handed to the runs for slice sizing and timings only.
 */
import { serveWorker } from '../../run/sweep/index.js';

serveWorker(() => performance.now());
