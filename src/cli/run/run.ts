/**
 * `gammaloop run`: loads the scenario (located errors -> exit 2), prints the seed and scenario
 * hash first on stderr, runs it through src/run's runScenario in slices with a progress bar and
 * SIGINT handling, then reports: a short summary on stderr, or one JSON document on stdout with
 * --json. Exit 0 complete, 1 failed, 2 bad input or an output directory it may not use (another
 * run's or a sweep's without --force, locked by a running process, not writable), 130 SIGINT,
 * 143 SIGTERM. The wall clock is read here (the cli is the only layer allowed to) and handed to
 * the run for timings only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha256Hex } from '../../output/index.js';
import { OutDirError, fsErrorSentence, takeRunDir } from '../../run/outDir.js';
import { matchAgents } from '../../run/trace.js';
import { planWorld } from '../../scenario/world.js';
import { loadScenario, ScenarioError, type LoadedScenario } from '../../scenario/index.js';
import type { RunArgs } from '../commands/run.js';
import { EXIT, runtimeError, usageError } from '../errors.js';
import { createProgress, progressLines, type Progress } from '../progress.js';
import { issuesJson, scenarioUsageError } from '../scenarioErrors.js';
import { installInterrupt } from '../signals.js';
import { log, out, paintErr, progressAllowed } from '../term.js';
import { failureJson, resultJson, summaryLines } from './report.js';

/**
 * `results/<scenario>/seed=<N>` under the current directory; with `--set` overrides
 * `results/<scenario>/set=<hash>/seed=<N>`, the hash being the first 8 hex digits of the sha256
 * of the overrides as given (one per line), so runs with different overrides never share a
 * directory.
 */
export function defaultOutDir(loaded: LoadedScenario, set: readonly string[] = []): string {
  const seed = `seed=${loaded.scenario.seed}`;
  if (set.length === 0) return path.join('results', loaded.scenario.name, seed);
  return path.join('results', loaded.scenario.name, `set=${setHash(set)}`, seed);
}

/** First 8 hex digits of the sha256 of the `--set` flags joined by newlines. */
export const setHash = (set: readonly string[]): string => sha256Hex(set.join('\n')).slice(0, 8);

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
  const s = loaded.scenario;
  if (args.trace !== undefined) checkTrace(loaded, args.trace);
  const outDir = args.out ?? defaultOutDir(loaded, args.set);
  let lock;
  try {
    lock = takeRunDir(outDir, { sha256: loaded.sha256, seed: s.seed, force: args.force });
  } catch (err) {
    if (err instanceof OutDirError) throw usageError(err.message);
    throw err;
  }
  try {
    return await runLocked(args, loaded, outDir);
  } finally {
    lock.release();
  }
}

/** `--trace` that matches no agent would record nothing: an input error naming the groups. */
function checkTrace(loaded: LoadedScenario, glob: string): void {
  const names = planWorld(loaded.scenario).agentNames;
  if (matchAgents(names, glob).length > 0) return;
  const groups = [...new Set(names.map((n) => n.replace(/\/\d+$/, '/*')))];
  throw usageError(`--trace ${JSON.stringify(glob)} matches no agent (names are <group>/<i>; this scenario has ${groups.slice(0, 12).join(', ')}${groups.length > 12 ? ', ...' : ''}; * matches any characters, ? one)`);
}

async function runLocked(args: RunArgs, loaded: LoadedScenario, outDir: string): Promise<number> {
  const s = loaded.scenario;
  // Installed before anything is printed, so a Ctrl-C or SIGTERM at any point after the first
  // line is handled (before the first slice it stops the run at once, still closing the tables).
  let progress: Progress = { update() {}, stop() {} };
  const interrupt = installInterrupt((signal) => {
    progress.stop();
    log(paintErr('yellow', `${signal === 'SIGTERM' ? 'SIGTERM' : 'interrupt'}: stopping after this slice and closing the tables (${signal === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C'} again to quit now)`));
  });
  const tag = `seed ${s.seed}, scenario ${s.name} sha256 ${loaded.sha256.slice(0, 12)}`;
  const say = args.quiet ? (): void => {} : log;
  say(`${paintErr('bold', 'gammaloop run')}  ${s.name}  seed ${s.seed}  sha256 ${loaded.sha256.slice(0, 12)}  -> ${outDir}`);

  const { runScenario } = await import('../../run/index.js');
  progress = args.quiet ? progress : progressAllowed(args.json) ? await createProgress(true) : progressLines(log);
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
    // A file-system error (disk full, permission changed mid-run) is about the machine, not the
    // simulator: a plain sentence naming the path, exit 2.
    const fsSentence = fsErrorSentence(err);
    const message = fsSentence ?? (err instanceof Error ? err.message : String(err));
    const code = fsSentence === undefined ? EXIT.runtime : EXIT.usage;
    const manifest = path.join(outDir, 'manifest.json');
    const manifestWritten = fs.existsSync(manifest);
    if (args.json) {
      out(JSON.stringify(failureJson(loaded, outDir, message, manifestWritten), null, 2));
      if (process.env['GAMMALOOP_DEBUG'] && err instanceof Error && err.stack) log(err.stack);
      return code;
    }
    if (process.env['GAMMALOOP_DEBUG'] && err instanceof Error && err.stack) log(err.stack);
    // The message already names the seed and hash when it comes from a broken invariant; say
    // them anyway so every failure can be reproduced from its first line.
    const details = manifestWritten ? [`manifest with status failed: ${manifest}`] : [`no manifest was written in ${outDir}`];
    if (fsSentence !== undefined) throw usageError(`run failed (${tag}): ${message}`, details);
    throw runtimeError(`run failed (${tag}): ${message}`, details);
  } finally {
    progress.stop();
    interrupt.dispose();
  }
  if (args.json) out(JSON.stringify(resultJson(loaded, result), null, 2));
  if (!args.quiet) for (const line of summaryLines(loaded, result)) log(line);
  return result.status === 'interrupted' ? interrupt.exitCode() : EXIT.ok;
}
