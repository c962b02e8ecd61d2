/**
 * Runs a list of tasks in persistent child processes (`fork`, so Node start-up and imports are
 * paid once per worker and a crash or OOM in one task cannot take the whole list down), or in
 * this process (tests, `--workers 0`). Tasks are handed out in list order, one at a time per
 * worker; outcomes arrive in completion order (results must not depend on it).
 *
 * The pool is generic ({@link taskPool} / {@link serveTasks}: an init payload sent once per
 * worker, then task keys): the sweep's (cell, seed) runs ({@link forkPool} / {@link serveWorker})
 * and the `gammaloop science` jobs (src/science/suite.ts) both run on it.
 *
 * A worker that dies mid-task is replaced. Its task is reported failed, or (when the pool is
 * given `retryLost`, as the sweep's is) cleaned up and run once more at the end of the queue, a
 * second death reporting it failed: the sweep removes the run's staging folder and partitions,
 * writes its `_failed` marker and releases the dead worker's claim. `stop()` (SIGINT, SIGTERM)
 * dispatches nothing more and asks busy workers to interrupt their task at the next slice.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import { releaseIfOwned } from '../../output/index.js';
import { executeRun, writeFailedMarker, type RunContext, type RunOutcome } from './execute.js';
import { claimPath, keyText, removeRunPartitions } from './layout.js';
import type { RunKey, SweepSpec } from './spec.js';
import { loadPlugin } from '../plugins.js';

/** Parent -> worker messages. */
export type ToWorker<I = { readonly spec: SweepSpec; readonly dir: string }, K = RunKey> =
  | ({ readonly type: 'init' } & { readonly init: I })
  | { readonly type: 'run'; readonly key: K }
  | { readonly type: 'stop' };

/** Worker -> parent messages. */
export type FromWorker<O = RunOutcome> = { readonly type: 'ready' } | { readonly type: 'outcome'; readonly outcome: O };

/** Runs `keys`; resolves when all have reported (or, after stop(), when the busy ones have). */
export interface Executor<K = RunKey, O = RunOutcome> {
  run(keys: readonly K[], onOutcome: (o: O) => void): Promise<void>;
  stop(): void;
}

/** Runs everything in this process, one run after another. */
export function inProcessExecutor(ctx: Omit<RunContext, 'shouldStop'>): Executor {
  let stopped = false;
  return {
    async run(keys, onOutcome) {
      for (const key of keys) {
        if (stopped) return;
        onOutcome(await executeRun({ ...ctx, shouldStop: () => stopped }, key));
      }
    },
    stop() {
      stopped = true;
    },
  };
}

export interface ForkPoolOptions {
  /** The worker entry script (it must call `serveWorker`). */
  readonly script: string;
  readonly size: number;
  readonly spec: SweepSpec;
  readonly dir: string;
  /** Node flags for the workers (default: none; e.g. --max-old-space-size=4096). */
  readonly execArgv?: readonly string[];
  /** Told when a worker dies mid-run, after the cleanup (`retried`: queued once more). */
  readonly onWorkerLost?: (key: RunKey, message: string, retried: boolean) => void;
}

/** Retry of a task whose worker died: cleaned up, then run once more at the end of the queue. */
export interface RetryLost<K> {
  /** Identity of a task, to count its workers' deaths. */
  readonly keyId: (key: K) => string;
  /** Undoes what the dead worker left (called at every death, before the retry or the failure). */
  readonly cleanUp: (key: K, pid: number | undefined, message: string) => void;
  /** Told after the cleanup (`retried`: queued once more). */
  readonly onLost?: (key: K, message: string, retried: boolean) => void;
}

/** Options of a generic {@link taskPool}. */
export interface TaskPoolOptions<I, K, O> {
  /** The worker entry script (it must call {@link serveTasks}). */
  readonly script: string;
  readonly size: number;
  /** Sent once to every worker before its first task. */
  readonly init: I;
  /** The outcome of a task whose worker died while running it (and that is not retried). */
  readonly lost: (key: K, message: string) => O;
  /** Retry a task once when its worker dies (default: report it lost at once). */
  readonly retryLost?: RetryLost<K>;
  readonly execArgv?: readonly string[];
}

interface Slot<K> {
  readonly child: ChildProcess;
  /** The task in flight, if any. */
  busy: K | undefined;
  /** The worker has answered `init`. */
  ready: boolean;
}

/**
 * A pool of `size` persistent worker processes running tasks `K` into outcomes `O`. Rejects only
 * when a worker cannot start (exits before saying `ready`): that is a broken installation, not a
 * failed task.
 */
export function taskPool<I, K, O>(opts: TaskPoolOptions<I, K, O>): Executor<K, O> {
  let stopped = false;
  const slots: Slot<K>[] = [];
  return {
    run(keys, onOutcome) {
      return new Promise<void>((resolve, reject) => {
        const queue: K[] = [...keys];
        /** Worker deaths per task: with retryLost the first is retried, the second is a failure. */
        const deaths = new Map<string, number>();
        let settled = false;
        const settle = (err?: Error): void => {
          if (settled) return;
          settled = true;
          for (const s of slots) if (s.child.connected) s.child.disconnect();
          if (err) reject(err);
          else resolve();
        };
        const maybeFinish = (): void => {
          if ((stopped || queue.length === 0) && slots.every((s) => s.busy === undefined)) settle();
        };
        const dispatch = (slot: Slot<K>): void => {
          const key = stopped ? undefined : queue.shift();
          if (key === undefined) {
            slot.busy = undefined;
            maybeFinish();
            return;
          }
          slot.busy = key;
          slot.child.send({ type: 'run', key } satisfies ToWorker<I, K>);
        };
        const spawn = (): Slot<K> => {
          const child = fork(opts.script, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [...(opts.execArgv ?? [])] });
          const slot: Slot<K> = { child, busy: undefined, ready: false };
          child.on('message', (m: FromWorker<O>) => {
            if (m.type === 'ready') {
              slot.ready = true;
              dispatch(slot);
              return;
            }
            slot.busy = undefined;
            onOutcome(m.outcome);
            dispatch(slot);
          });
          child.on('exit', (code, signal) => {
            const lost = slot.busy;
            slot.busy = undefined;
            const at = slots.indexOf(slot);
            if (at >= 0) slots.splice(at, 1);
            if (settled) return;
            if (!slot.ready) {
              settle(new Error(`worker ${opts.script} exited during start-up (code ${code}, signal ${signal})`));
              return;
            }
            if (lost !== undefined) {
              const message = `worker process ${child.pid} exited (code ${code}, signal ${signal}) during the run`;
              const retry = opts.retryLost;
              if (retry === undefined) onOutcome(opts.lost(lost, message));
              else {
                retry.cleanUp(lost, child.pid, message);
                const id = retry.keyId(lost);
                const n = (deaths.get(id) ?? 0) + 1;
                deaths.set(id, n);
                const retried = n === 1 && !stopped;
                retry.onLost?.(lost, message, retried);
                if (retried) queue.push(lost);
                else onOutcome(opts.lost(lost, n > 1 ? `${message} (twice; not retried again)` : message));
              }
            }
            // A dead worker is replaced while tasks remain.
            if (!stopped && queue.length > 0) slots.push(spawn());
            else maybeFinish();
          });
          child.send({ type: 'init', init: opts.init } satisfies ToWorker<I, K>);
          return slot;
        };
        if (keys.length === 0) return resolve();
        const size = Math.max(1, Math.min(opts.size, keys.length));
        for (let i = 0; i < size; i++) slots.push(spawn());
      });
    },
    stop() {
      stopped = true;
      for (const s of slots) if (s.busy !== undefined && s.child.connected) s.child.send({ type: 'stop' } satisfies ToWorker<I, K>);
    },
  };
}

/** A pool of `size` sweep workers running (cell, seed) runs. */
export function forkPool(opts: ForkPoolOptions): Executor {
  return taskPool<{ spec: SweepSpec; dir: string }, RunKey, RunOutcome>({
    script: opts.script,
    size: opts.size,
    init: { spec: opts.spec, dir: opts.dir },
    lost: (key, message) => ({ ...key, status: 'failed', message, wallMs: 0, events: 0 }),
    retryLost: {
      keyId: keyText,
      cleanUp: (key, pid, message) => cleanUpLostRun(opts.dir, key, pid, message),
      ...(opts.onWorkerLost ? { onLost: opts.onWorkerLost } : {}),
    },
    ...(opts.execArgv ? { execArgv: opts.execArgv } : {}),
  });
}

/** After a worker died mid-run: no staging or partial partitions, a failure marker, no claim. */
function cleanUpLostRun(dir: string, key: RunKey, pid: number | undefined, message: string): void {
  try {
    removeRunPartitions(dir, key);
  } catch {
    // Best effort: the retry clears them again before it writes anything.
  }
  writeFailedMarker(dir, key, message);
  if (pid !== undefined) releaseIfOwned(claimPath(dir, key), { pid, host: os.hostname() });
}

/** A task handler, built once per worker from the init payload. */
type TaskHandler<K, O> = (key: K) => Promise<O>;

/**
 * The worker side of {@link taskPool}: answer `init` with `ready` (after `setup(init)`, which may
 * be async, e.g. loading plug-ins; a setup that fails ends the worker with its message), run each
 * task through the handler and send its outcome. `stop` (or SIGINT, which a terminal sends to
 * the whole process group) sets the flag the handler polls; the parent decides what happens
 * next. Exits when the parent disconnects.
 */
export function serveTasks<I, K, O>(setup: (init: I, shouldStop: () => boolean) => TaskHandler<K, O> | Promise<TaskHandler<K, O>>): void {
  let handler: TaskHandler<K, O> | undefined;
  let stopRequested = false;
  const shouldStop = (): boolean => stopRequested;
  // A parent that stopped while this worker was starting (or finishing a task) has closed the
  // channel: with a callback, the failed send is reported to it instead of crashing the worker
  // with an unhandled EPIPE; the 'disconnect' handler below then exits.
  const toParent = (m: FromWorker<O>): void => {
    if (process.connected) process.send?.(m, undefined, undefined, () => {});
  };
  // Slurm sends SIGTERM to every process of a job step, a terminal SIGINT to the process group.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      stopRequested = true;
    });
  }
  process.on('message', (m: ToWorker<I, K>) => {
    if (m.type === 'init') {
      void Promise.resolve(setup(m.init, shouldStop)).then(
        (h) => {
          handler = h;
          toParent({ type: 'ready' });
        },
        (err: unknown) => {
          process.stderr.write(`gammaloop worker: ${(err as Error).message}\n`);
          process.exit(1);
        },
      );
    } else if (m.type === 'stop') {
      stopRequested = true;
    } else if (handler !== undefined) {
      void handler(m.key).then((outcome) => toParent({ type: 'outcome', outcome }));
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** Loads the sweep's plug-ins in this process (each must still hash as planned). */
async function loadSweepPlugins(spec: SweepSpec): Promise<void> {
  for (const p of spec.plugins ?? []) await loadPlugin(p.file, { expectSha256: p.sha256 });
}

/** The sweep worker: each task is one (cell, seed) run through executeRun, after the sweep's plug-ins are loaded. */
export function serveWorker(wallClockMs: () => number): void {
  serveTasks<{ spec: SweepSpec; dir: string }, RunKey, RunOutcome>(async (init, shouldStop) => {
    // The same plug-in files as the parent, checked by hash, before the first run.
    await loadSweepPlugins(init.spec);
    const ctx: RunContext = { spec: init.spec, dir: init.dir, wallClockMs, shouldStop };
    return (key) => executeRun(ctx, key);
  });
}
