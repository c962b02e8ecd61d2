/**
 * `gammaloop sweep`: plan (scenario and cells checked first: exit 2 with located errors), run
 * the pending (cell, seed) runs of this shard in a pool of worker processes with progress on
 * stderr and two-stage SIGINT, then (unless sharded) collect: cells.arrow, summary.arrow,
 * manifest.json. `--collect DIR` only collects. Exit 0 all complete, 3 some runs failed, 1 an
 * incomplete collect, 2 bad input or a directory another live sweep is writing, 130 SIGINT, 143
 * SIGTERM (rerun the same command to resume).
 *
 * Concurrency: a sweep without --shard holds `DIR/_lock` while it runs (a second one into the
 * same directory exits 2 at once); shards share the directory, and every (cell, seed) run is
 * claimed before it starts, so two processes never write one run. Runs another live process
 * holds are left to it (`busy`); the sweep then does not collect and says so.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  CellError, NotASweepError, SweepSpecError, collectSweep, forkPool, gridCells, inProcessExecutor, parseCellsCsv, parseSeeds, planSweep,
  type CellSource, type CollectResult, type Executor, type RunOutcome, type Shard, type SweepPlan,
} from '../../run/sweep/index.js';
import * as path from 'node:path';
import { ClaimHeldError, claim, type Claim } from '../../output/index.js';
import { ScenarioError, formatErrors } from '../../scenario/index.js';
import type { SweepArgs } from '../commands/sweep.js';
import { EXIT, runtimeError, usageError } from '../errors.js';
import { scenarioUsageError } from '../scenarioErrors.js';
import { installInterrupt } from '../signals.js';
import { log, out, paintErr, progressAllowed } from '../term.js';
import { parseShard } from './shard.js';
import { loadedPlugins } from '../plugins.js';
import { sweepProgress, type SweepProgress } from './progress.js';

/** Exit code when some runs of the sweep failed. */
export const EXIT_RUNS_FAILED = 3;

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

function cellsOf(args: SweepArgs): CellSource {
  if (args.cells !== undefined && args.grid.length > 0) throw usageError('give either --grid or --cells, not both');
  if (args.cells === undefined) return gridCells(args.grid);
  let text: string;
  try {
    text = fs.readFileSync(args.cells, 'utf8');
  } catch (err) {
    throw usageError(`cannot read --cells ${args.cells}: ${(err as Error).message}`);
  }
  return parseCellsCsv(text, args.cells);
}

function plan(args: SweepArgs, shard: Shard | undefined): SweepPlan {
  if (args.scenario === undefined) throw usageError('give a scenario file (or --collect DIR)');
  if (args.seeds === undefined) throw usageError('give --seeds, e.g. --seeds 1..100');
  try {
    return planSweep({ scenario: args.scenario, set: args.set, cells: cellsOf(args), seeds: parseSeeds(args.seeds), plugins: loadedPlugins(), ...(args.out === undefined ? {} : { out: args.out }), ...(shard ? { shard } : {}) });
  } catch (err) {
    if (err instanceof SweepSpecError) throw usageError(err.message);
    if (err instanceof ScenarioError) throw scenarioUsageError(args.scenario, err.issues);
    if (err instanceof CellError) throw usageError(`${err.message}:`, formatErrors(err.issues).split('\n'));
    throw err;
  }
}

/** Runs `sweep`; returns the exit code. */
export async function sweep(args: SweepArgs): Promise<number> {
  if (args.collect !== undefined) return collectOnly(args);
  const shard = parseShard(args.shard, process.env);
  const p = plan(args, shard);
  const lock = shard === undefined ? sweepLock(p.dir) : undefined;
  try {
    return await runPlan(args, shard, p);
  } finally {
    lock?.release();
  }
}

/** The lock of a whole (unsharded) sweep: a second one into the same directory exits 2. */
function sweepLock(dir: string): Claim {
  try {
    return claim(path.join(dir, '_lock'));
  } catch (err) {
    if (err instanceof ClaimHeldError) {
      const who = err.holder === undefined ? 'another process' : `another gammaloop sweep (pid ${err.holder.pid} on host ${err.holder.host})`;
      throw usageError(`${dir} is being written by ${who}: wait for it (then rerun to check it is complete) or choose another --out (if no such process is running, delete ${err.file})`);
    }
    throw err;
  }
}

async function runPlan(args: SweepArgs, shard: Shard | undefined, p: SweepPlan): Promise<number> {
  const workers = args.workers ?? os.availableParallelism();
  const say = args.quiet ? (): void => {} : log;
  const cells = p.total / p.spec.seeds.length;
  const shardText = shard ? `  shard ${shard.index}/${shard.count} (${p.inShard} runs)` : '';
  say(`${paintErr('bold', 'gammaloop sweep')}  ${p.spec.scenario_name}  ${cells} cell${cells === 1 ? '' : 's'} x ${p.spec.seeds.length} seeds = ${p.total} runs${shardText}  sha256 ${p.sweepSha256.slice(0, 12)}  -> ${p.dir}`);
  if (p.pending.length < p.inShard) say(`resuming: ${p.inShard - p.pending.length} runs already done, ${p.pending.length} to run`);

  const executor: Executor = workers === 0
    ? inProcessExecutor({ spec: p.spec, dir: p.dir, wallClockMs: () => performance.now() })
    : forkPool({
      script: WORKER, size: workers, spec: p.spec, dir: p.dir,
      onWorkerLost: (key, message, retried) => {
        log(`${paintErr('yellow', 'worker lost')}  ${message.replace(' during the run', '')} during cell=${key.cell} seed=${key.seed}; its files are removed, a _failed marker written, and it is ${retried ? 'retried' : 'not retried again'}`);
      },
    });
  let progress: SweepProgress = { outcome() {}, stop() {} };
  const interrupt = installInterrupt((signal) => {
    progress.stop();
    log(paintErr('yellow', `${signal === 'SIGTERM' ? 'SIGTERM' : 'interrupt'}: stopping the runs in progress (their partial output is removed; ${signal === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C'} again to quit now)`));
    executor.stop();
  });
  const mode = args.quiet ? 'none' : progressAllowed(args.json) ? 'bar' : 'lines';
  progress = await sweepProgress(p.pending.length, mode);
  const outcomes: RunOutcome[] = [];
  try {
    await executor.run(p.pending, (o) => {
      outcomes.push(o);
      progress.outcome(o);
    });
  } catch (err) {
    throw runtimeError((err as Error).message);
  } finally {
    progress.stop();
    interrupt.dispose();
  }
  const failed = outcomes.filter((o) => o.status === 'failed');
  const busy = outcomes.filter((o) => o.status === 'busy');
  const ran = outcomes.filter((o) => o.status === 'complete').length;
  const interrupted = interrupt.requested();
  // Runs another process holds are not ours to count yet: collecting now would only say
  // `incomplete`; that process (or --collect later) collects.
  const collected = interrupted || shard || busy.length > 0 ? undefined : await collectSweep(p.dir);
  if (args.json) {
    out(JSON.stringify({
      ok: !interrupted && failed.length === 0 && (collected === undefined || collected.status === 'complete'),
      status: interrupted ? 'interrupted' : busy.length > 0 ? 'busy' : collected?.status ?? (failed.length > 0 ? 'failed' : 'shard-complete'),
      dir: p.dir,
      sweep_sha256: p.sweepSha256,
      runs_total: p.total,
      shard: shard ?? null,
      runs_in_shard: p.inShard,
      skipped: p.inShard - p.pending.length,
      ran: outcomes.length,
      complete: ran,
      failures: failed.map((o) => ({ cell: o.cell, seed: o.seed, message: o.message })),
      busy: busy.map((o) => ({ cell: o.cell, seed: o.seed, message: o.message })),
      files: collected?.files ?? null,
    }, null, 2));
  }
  if (!args.quiet) {
    for (const o of failed) log(`${paintErr('red', 'failed')}  cell=${o.cell} seed=${o.seed}: ${o.message}`);
    say(`${ran} complete, ${failed.length} failed, ${p.inShard - p.pending.length} skipped (done before)${interrupted ? ', interrupted: rerun the same command to resume' : ''}`);
    if (busy.length > 0) {
      log(`${paintErr('yellow', 'busy')}  ${busy.length} run${busy.length === 1 ? ' is' : 's are'} being run by another process (${busy[0]?.message}); not collected: when it finishes, gammaloop sweep --collect ${p.dir}`);
    }
    if (collected) say(collectLine(collected));
    else if (shard && !interrupted && busy.length === 0) say(`shard done; when every shard is done: gammaloop sweep --collect ${p.dir}`);
  }
  if (interrupted) return interrupt.exitCode();
  if (busy.length > 0) return EXIT.usage;
  if (failed.length > 0 || collected?.status === 'failed') return EXIT_RUNS_FAILED;
  if (collected?.status === 'incomplete') return EXIT.runtime;
  return EXIT.ok;
}

function collectLine(c: CollectResult): string {
  const status = c.status === 'complete' ? paintErr('green', 'complete') : paintErr(c.status === 'failed' ? 'red' : 'yellow', c.status);
  return `${status}  ${c.complete}/${c.total} runs, ${c.failures.length} failed, ${c.missing.length} missing  -> ${c.files.summary}  (gammaloop compare ${c.dir})`;
}

async function collectOnly(args: SweepArgs): Promise<number> {
  if (args.scenario !== undefined || args.seeds !== undefined || args.grid.length > 0 || args.cells !== undefined || args.shard !== undefined) {
    throw usageError('--collect DIR takes no scenario, --seeds, --grid, --cells or --shard (the sweep definition is in DIR/sweep.json)');
  }
  const dir = args.collect as string;
  let c: CollectResult;
  try {
    c = await collectSweep(dir);
  } catch (err) {
    if (err instanceof NotASweepError) throw usageError(err.message);
    throw err;
  }
  if (args.json) {
    out(JSON.stringify({
      ok: c.status === 'complete',
      status: c.status,
      dir: c.dir,
      runs_total: c.total,
      complete: c.complete,
      failures: c.failures.map((f) => ({ cell: f.cell, seed: f.seed, message: f.message })),
      missing: c.missing.length,
      missing_first: c.missing.slice(0, 20),
      files: c.files,
    }, null, 2));
  }
  if (!args.quiet) {
    for (const f of c.failures) log(`${paintErr('red', 'failed')}  cell=${f.cell} seed=${f.seed}: ${f.message}`);
    if (c.missing.length > 0) log(`missing  ${c.missing.slice(0, 10).map((k) => `cell=${k.cell} seed=${k.seed}`).join(', ')}${c.missing.length > 10 ? ', ...' : ''}`);
    log(collectLine(c));
  }
  return c.status === 'complete' ? EXIT.ok : c.status === 'failed' ? EXIT_RUNS_FAILED : EXIT.runtime;
}
