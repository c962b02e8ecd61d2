/**
 * `gammaloop run`: loads the scenario (located errors -> exit 2), prints the seed and scenario
 * hash first on stderr, runs it through src/run's runScenario in slices with a progress bar and
 * SIGINT handling, then reports: a short summary on stderr, or one JSON document on stdout with
 * --json. Exit 0 complete, 1 failed, 2 bad input, 130 interrupted. The wall clock is read here
 * (the cli is the only layer allowed to) and handed to the run for timings only.
 */
import * as path from 'node:path';
import { loadScenario, ScenarioError, type LoadedScenario } from '../../scenario/index.js';
import type { RunArgs } from '../commands/run.js';
import { EXIT, runtimeError } from '../errors.js';
import { createProgress, type Progress } from '../progress.js';
import { issuesJson, scenarioUsageError } from '../scenarioErrors.js';
import { installInterrupt } from '../signals.js';
import { log, out, paintErr, progressAllowed } from '../term.js';
import { failureJson, resultJson, summaryLines } from './report.js';

/** `results/<scenario>/seed=<N>` under the current directory. */
export function defaultOutDir(loaded: LoadedScenario): string {
  return path.join('results', loaded.scenario.name, `seed=${loaded.scenario.seed}`);
}

function load(args: RunArgs): LoadedScenario | { issues: ScenarioError['issues'] } {
  try {
    return loadScenario(args.scenario, { set: args.set, ...(args.seed === undefined ? {} : { seed: args.seed }) });
  } catch (err) {
    if (err instanceof ScenarioError) return { issues: err.issues };
    throw err;
  }
}

/** Runs `run`; returns the exit code. */
export async function run(args: RunArgs): Promise<number> {
  const loaded = load(args);
  if ('issues' in loaded) {
    if (args.json) {
      out(JSON.stringify({ ok: false, status: 'invalid', scenario: args.scenario, errors: issuesJson(loaded.issues) }, null, 2));
      return EXIT.usage;
    }
    throw scenarioUsageError(args.scenario, loaded.issues);
  }
  // Installed before anything is printed, so a Ctrl-C at any point after the first line is
  // handled (before the first slice it stops the run at once, still closing the tables).
  let progress: Progress = { update() {}, stop() {} };
  const interrupt = installInterrupt(() => {
    progress.stop();
    log(paintErr('yellow', 'interrupt: stopping after this slice and closing the tables (Ctrl-C again to quit now)'));
  });
  const s = loaded.scenario;
  const outDir = args.out ?? defaultOutDir(loaded);
  const tag = `seed ${s.seed}, scenario ${s.name} sha256 ${loaded.sha256.slice(0, 12)}`;
  const say = args.quiet ? (): void => {} : log;
  say(`${paintErr('bold', 'gammaloop run')}  ${s.name}  seed ${s.seed}  sha256 ${loaded.sha256.slice(0, 12)}  -> ${outDir}`);

  const { runScenario } = await import('../../run/index.js');
  progress = await createProgress(!args.quiet && progressAllowed(args.json));
  const wallClockMs = (): number => performance.now();
  let result;
  try {
    result = await runScenario({
      loaded,
      outDir,
      wallClockMs,
      shouldStop: interrupt.requested,
      onProgress: (now, end, events) => progress.update(now, end, events),
      ...(args.trace === undefined ? {} : { trace: args.trace }),
    });
  } catch (err) {
    progress.stop();
    const message = err instanceof Error ? err.message : String(err);
    if (args.json) {
      out(JSON.stringify(failureJson(loaded, outDir, message), null, 2));
      if (process.env['GAMMALOOP_DEBUG'] && err instanceof Error && err.stack) log(err.stack);
      return EXIT.runtime;
    }
    // The message already names the seed and hash when it comes from a broken invariant; say
    // them anyway so every failure can be reproduced from its first line.
    throw runtimeError(`run failed (${tag}): ${message}`, [`manifest with status failed: ${path.join(outDir, 'manifest.json')}`]);
  } finally {
    progress.stop();
    interrupt.dispose();
  }
  if (args.json) out(JSON.stringify(resultJson(loaded, result), null, 2));
  if (!args.quiet) for (const line of summaryLines(loaded, result)) log(line);
  return result.status === 'interrupted' ? EXIT.interrupted : EXIT.ok;
}
