/**
 * `gammaloop science`: select the checks, run them (jobs through the sweep worker pool, a
 * progress bar on a TTY stderr), print each verdict (text on stdout, or one JSON document with
 * --json), write --out, remove the scratch directory. Exit 0 all PASS, 1 any FAIL, 2 bad input,
 * 130 interrupted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { taskPool } from '../../run/sweep/index.js';
import { GAMMALOOP_VERSION } from '../../run/version.js';
import { ALL_CHECKS } from '../../science/checks/index.js';
import { formatReport } from '../../science/format.js';
import { inProcessJobs, poolJobs, runSuite, selectChecks, SuiteInputError, type IndexedJob, type IndexedOutcome, type JobExecutor } from '../../science/suite.js';
import { resultJson, writeScienceOut } from '../../science/tables.js';
import type { ScienceArgs } from '../commands/science.js';
import { EXIT, usageError } from '../errors.js';
import { installInterrupt } from '../signals.js';
import { log, out, paint, paintErr, progressAllowed } from '../term.js';
import { scienceProgress } from './progress.js';

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Runs `science`; returns the exit code. */
export async function science(args: ScienceArgs): Promise<number> {
  const profile = args.quick ? 'quick' : 'full';
  let checks;
  try {
    checks = selectChecks(ALL_CHECKS, profile, args.only);
  } catch (err) {
    if (err instanceof SuiteInputError) throw usageError(err.message);
    throw err;
  }
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'gammaloop-science-'));
  const workers = args.workers ?? os.availableParallelism();
  const pool = workers === 0 ? undefined : taskPool<{ scratchDir: string }, IndexedJob, IndexedOutcome>({
    script: WORKER,
    size: workers,
    init: { scratchDir },
    lost: (k, message) => ({ index: k.index, outcome: { ok: false, message: `${k.job.arm} seed ${k.job.seed}: ${message}`, wallMs: 0 } }),
  });
  const executor: JobExecutor = pool ? poolJobs(pool) : inProcessJobs({ scratchDir, wallClockMs: () => performance.now() });
  const progress = await scienceProgress(progressAllowed(args.json) ? 'bar' : args.json ? 'none' : 'lines');
  const interrupt = installInterrupt(() => {
    progress.stop();
    log(paintErr('yellow', 'interrupt: stopping the runs in progress (Ctrl-C again to quit now)'));
    pool?.stop();
  });
  log(`${paintErr('bold', 'gammaloop science')}  ${profile}  ${checks.length} check${checks.length === 1 ? '' : 's'}: ${checks.map((c) => c.name).join(', ')}  workers ${workers}`);
  const started = performance.now();
  try {
    const result = await runSuite(checks, {
      profile,
      ...(args.seeds !== undefined ? { seeds: args.seeds } : {}),
      scratchDir,
      executor,
      progress: {
        ...progress.suite,
        checkDone(r) {
          progress.suite.checkDone(r);
          if (!args.json) out(formatReport(r).map((l, i) => (i === 0 ? l.replace(/^(PASS|FAIL)/, (w) => paint(w === 'PASS' ? 'green' : 'red', w)) : l)).join('\n') + '\n');
        },
      },
    });
    progress.stop();
    if (interrupt.requested()) return EXIT.interrupted;
    const meta = { 'gammaloop.version': GAMMALOOP_VERSION, 'gammaloop.science_profile': profile };
    if (args.json) out(JSON.stringify(resultJson(result, meta), null, 2));
    if (args.out !== undefined) {
      const files = await writeScienceOut(args.out, result, meta);
      log(`wrote ${files.seeds}, ${files.checks}, ${files.json}`);
    }
    const failed = result.checks.filter((c) => !c.pass).map((c) => c.name);
    log(`${failed.length === 0 ? paintErr('green', 'all PASS') : paintErr('red', `FAIL: ${failed.join(', ')}`)}  ${result.checks.length - failed.length}/${result.checks.length} checks passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return failed.length === 0 ? EXIT.ok : EXIT.runtime;
  } catch (err) {
    if (err instanceof SuiteInputError) throw usageError(err.message);
    throw err;
  } finally {
    progress.stop();
    interrupt.dispose();
    rmSync(scratchDir, { recursive: true, force: true });
  }
}
