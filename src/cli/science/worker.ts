/**
 * Entry point of a science worker process (forked by `gammaloop science` through the sweep's
 * pool, run/sweep/pool.ts): imports the simulator once, then runs science jobs as the parent
 * sends them. The wall clock is read here (cli/ is the only layer allowed to).
 */
import { serveTasks } from '../../run/sweep/index.js';
import { runJob } from '../../science/job.js';
import type { IndexedJob, IndexedOutcome } from '../../science/suite.js';

serveTasks<{ scratchDir: string }, IndexedJob, IndexedOutcome>((init, shouldStop) => {
  const env = { scratchDir: init.scratchDir, wallClockMs: () => performance.now(), shouldStop };
  return async (k) => ({ index: k.index, outcome: await runJob(k.job, env) });
});
