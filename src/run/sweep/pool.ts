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
 * A worker that dies mid-task reports that task as failed and is replaced. `stop()` (SIGINT)
 * dispatches nothing more and asks busy workers to interrupt their task.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { executeRun, type RunContext, type RunOutcome } from './execute.js';
import type { RunKey, SweepSpec } from './spec.js';

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
}

/** Options of a generic {@link taskPool}. */
export interface TaskPoolOptions<I, K, O> {
  /** The worker entry script (it must call {@link serveTasks}). */
  readonly script: string;
  readonly size: number;
  /** Sent once to every worker before its first task. */
  readonly init: I;
  /** The outcome of a task whose worker died while running it. */
  readonly lost: (key: K, message: string) => O;
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
        let next = 0;
        let settled = false;
        const settle = (err?: Error): void => {
          if (settled) return;
          settled = true;
          for (const s of slots) if (s.child.connected) s.child.disconnect();
          if (err) reject(err);
          else resolve();
        };
        const maybeFinish = (): void => {
          if ((stopped || next >= keys.length) && slots.every((s) => s.busy === undefined)) settle();
        };
        const dispatch = (slot: Slot<K>): void => {
          if (stopped || next >= keys.length) {
            slot.busy = undefined;
            maybeFinish();
            return;
          }
          const key = keys[next++] as K;
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
            if (lost !== undefined) onOutcome(opts.lost(lost, `worker process exited (code ${code}, signal ${signal}) during the run`));
            // A dead worker is replaced while tasks remain.
            if (!stopped && next < keys.length) slots.push(spawn());
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
    ...(opts.execArgv ? { execArgv: opts.execArgv } : {}),
  });
}

/**
 * The worker side of {@link taskPool}: answer `init` with `ready` (after `setup(init)`), run each
 * task through the handler and send its outcome. `stop` (or SIGINT, which a terminal sends to
 * the whole process group) sets the flag the handler polls; the parent decides what happens
 * next. Exits when the parent disconnects.
 */
export function serveTasks<I, K, O>(setup: (init: I, shouldStop: () => boolean) => (key: K) => Promise<O>): void {
  // A parent that stopped while this worker was starting (or finishing a task) has closed the
  // channel: with a callback, the failed send is reported to it instead of crashing the worker
  // with an unhandled EPIPE; the 'disconnect' handler below then exits.
  const toParent = (m: FromWorker<O>): void => {
    if (process.connected) process.send?.(m, undefined, undefined, () => {});
  };
  let handler: ((key: K) => Promise<O>) | undefined;
  let stopRequested = false;
  const shouldStop = (): boolean => stopRequested;
  process.on('SIGINT', () => {
    stopRequested = true;
  });
  process.on('message', (m: ToWorker<I, K>) => {
    if (m.type === 'init') {
      handler = setup(m.init, shouldStop);
      toParent({ type: 'ready' });
    } else if (m.type === 'stop') {
      stopRequested = true;
    } else if (handler !== undefined) {
      void handler(m.key).then((outcome) => toParent({ type: 'outcome', outcome }));
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** The sweep worker: each task is one (cell, seed) run through executeRun. */
export function serveWorker(wallClockMs: () => number): void {
  serveTasks<{ spec: SweepSpec; dir: string }, RunKey, RunOutcome>((init, shouldStop) => {
    const ctx: RunContext = { spec: init.spec, dir: init.dir, wallClockMs, shouldStop };
    return (key) => executeRun(ctx, key);
  });
}
