/**
 * `gammaloop run`: loads the scenario, runs it through src/run in slices with a progress bar on
 * stderr, and reports (human summary on stderr, or one JSON document on stdout).
 */
import type { RunArgs } from '../commands/run.js';
import { runtimeError } from '../errors.js';

/** Runs `run`; returns the exit code. */
export async function run(args: RunArgs): Promise<number> {
  void args;
  throw runtimeError('not available yet: the run pipeline (src/run runScenario) has not landed in this build');
}
