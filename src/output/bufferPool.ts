/**
 * Column buffers kept for the next run in this process. A recorder holds one Float64Array of
 * `batchRows` (65,536) rows per column: 133 columns, 66 MB of backing stores for a run with
 * every always-on table. Allocating them afresh for every run of a sweep worker made V8 count
 * 66 MB of new external memory per run, past its 64 MB external-allocation limit, so every run
 * started with a full mark-compact GC; that GC also discarded the previous run's optimized code
 * ("weak objects") and the worker recompiled it on its helper threads, run after run. Reusing
 * the buffers avoids both (docs/performance.md, "sweep scaling" has the numbers).
 *
 * A buffer is handed out all zero (the recorder relies on unset cells reading 0) and comes back
 * with only its first `dirtyRows` rows possibly written, which are zeroed on return. What a run
 * writes does not depend on whether its buffers are new or reused.
 */

/** Buffers kept per length, at most: enough for every column of two live recorders. */
const MAX_KEPT_PER_LENGTH = 512;

const free = new Map<number, Float64Array[]>();

/** An all-zero buffer of `length` doubles: a returned one if any, else a new one. */
export function acquireColumn(length: number): Float64Array {
  return free.get(length)?.pop() ?? new Float64Array(length);
}

/** Gives `buffer` back; rows from `dirtyRows` on must already be zero. */
export function releaseColumn(buffer: Float64Array, dirtyRows: number): void {
  buffer.fill(0, 0, Math.min(buffer.length, Math.max(0, dirtyRows)));
  let list = free.get(buffer.length);
  if (list === undefined) {
    list = [];
    free.set(buffer.length, list);
  }
  if (list.length < MAX_KEPT_PER_LENGTH) list.push(buffer);
}

/** Number of buffers kept (tests). */
export function keptColumns(): number {
  let n = 0;
  for (const l of free.values()) n += l.length;
  return n;
}
