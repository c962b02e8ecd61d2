/**
 * Runs a list of (cell, seed) runs: in persistent child processes (`fork`, so Node start-up and
 * imports are paid once per worker and a crash or OOM in one run cannot take the sweep down),
 * or in this process (tests, `--workers 0`). Runs are handed out in list order, one at a time
 * per worker; outcomes arrive in completion order (results do not depend on it: each run writes
 * only its own files).
 *
 * A worker that dies mid-run (SIGKILL, out of memory) is replaced; the parent removes the run's
 * staging folder and partitions, writes its `_failed` marker, releases the dead worker's claim
 * and runs it once more at the end of the queue (a second death reports it failed). `stop()`
 * (SIGINT, SIGTERM) dispatches nothing more and asks busy workers to interrupt their run at the
 * next slice.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import { releaseIfOwned } from '../../output/index.js';
import { executeRun, writeFailedMarker, type RunContext, type RunOutcome } from './execute.js';
import { claimPath, keyText, removeRunPartitions } from './layout.js';
import type { RunKey, SweepSpec } from './spec.js';

/** Parent -> worker messages. */
export type ToWorker =
  | { readonly type: 'init'; readonly spec: SweepSpec; readonly dir: string }
  | { readonly type: 'run'; readonly key: RunKey }
  | { readonly type: 'stop' };

/** Worker -> parent messages. */
export type FromWorker = { readonly type: 'ready' } | { readonly type: 'outcome'; readonly outcome: RunOutcome };

/** Runs `keys`; resolves when all have reported (or, after stop(), when the busy ones have). */
export interface Executor {
  run(keys: readonly RunKey[], onOutcome: (o: RunOutcome) => void): Promise<void>;
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

interface Slot {
  readonly child: ChildProcess;
  /** The run in flight, if any. */
  busy: RunKey | undefined;
  /** The worker has answered `init`. */
  ready: boolean;
}

/**
 * A pool of `size` persistent worker processes. Rejects only when a worker cannot start (exits
 * before saying `ready`): that is a broken installation, not a failed run.
 */
export function forkPool(opts: ForkPoolOptions): Executor {
  let stopped = false;
  const slots: Slot[] = [];
  return {
    run(keys, onOutcome) {
      return new Promise<void>((resolve, reject) => {
        const queue: RunKey[] = [...keys];
        /** Worker deaths per run (`K-S`): the first is retried, the second is a failure. */
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
        const dispatch = (slot: Slot): void => {
          const key = stopped ? undefined : queue.shift();
          if (key === undefined) {
            slot.busy = undefined;
            maybeFinish();
            return;
          }
          slot.busy = key;
          slot.child.send({ type: 'run', key } satisfies ToWorker);
        };
        const spawn = (): Slot => {
          const child = fork(opts.script, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [...(opts.execArgv ?? [])] });
          const slot: Slot = { child, busy: undefined, ready: false };
          child.on('message', (m: FromWorker) => {
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
              settle(new Error(`sweep worker ${opts.script} exited during start-up (code ${code}, signal ${signal})`));
              return;
            }
            if (lost !== undefined) {
              const message = `worker process ${child.pid} exited (code ${code}, signal ${signal}) during the run`;
              cleanUpLostRun(opts.dir, lost, child.pid, message);
              const n = (deaths.get(keyText(lost)) ?? 0) + 1;
              deaths.set(keyText(lost), n);
              const retried = n === 1 && !stopped;
              opts.onWorkerLost?.(lost, message, retried);
              if (retried) queue.push(lost);
              else onOutcome({ ...lost, status: 'failed', message: n > 1 ? `${message} (twice; not retried again)` : message, wallMs: 0, events: 0 });
            }
            // A dead worker is replaced while runs remain.
            if (!stopped && queue.length > 0) slots.push(spawn());
            else maybeFinish();
          });
          child.send({ type: 'init', spec: opts.spec, dir: opts.dir } satisfies ToWorker);
          return slot;
        };
        if (keys.length === 0) return resolve();
        const size = Math.max(1, Math.min(opts.size, keys.length));
        for (let i = 0; i < size; i++) slots.push(spawn());
      });
    },
    stop() {
      stopped = true;
      for (const s of slots) if (s.busy !== undefined && s.child.connected) s.child.send({ type: 'stop' } satisfies ToWorker);
    },
  };
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

/**
 * The worker side: answer `init` with `ready`, run each `run` message through executeRun and
 * send its outcome. `stop` (or SIGINT, which a terminal sends to the whole process group)
 * interrupts the current run; the parent decides what happens next. Exits when the parent
 * disconnects.
 */
export function serveWorker(wallClockMs: () => number): void {
  let ctx: RunContext | undefined;
  let stopRequested = false;
  // Slurm sends SIGTERM to every process of a job step, a terminal SIGINT to the process group.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      stopRequested = true;
    });
  }
  process.on('message', (m: ToWorker) => {
    if (m.type === 'init') {
      ctx = { spec: m.spec, dir: m.dir, wallClockMs, shouldStop: () => stopRequested };
      process.send?.({ type: 'ready' } satisfies FromWorker);
    } else if (m.type === 'stop') {
      stopRequested = true;
    } else if (ctx !== undefined) {
      const c = ctx;
      void executeRun(c, m.key).then((outcome) => process.send?.({ type: 'outcome', outcome } satisfies FromWorker));
    }
  });
  process.on('disconnect', () => process.exit(0));
}
