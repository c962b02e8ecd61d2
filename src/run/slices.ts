/**
 * Runs a kernel in slices of about `sliceWallMs` of wall time, yielding to the event loop
 * between slices (DESIGN 2b): apache-arrow's file writer only drains asynchronously, progress
 * must be drawn and SIGINT noticed. The wall clock is handed in by the caller (cli/ or a sweep
 * worker) and used only to size slices, never to decide anything in the simulation: the events
 * processed are the same whatever the slicing (each slice ends at a simulated time boundary).
 */

/** The part of the kernel the slice loop drives. */
export interface SliceableKernel {
  readonly now: number;
  runUntil(endNs: number, maxEvents?: number): number;
}

export interface SliceOptions {
  /** Milliseconds of wall time, for slice sizing and timings only. */
  readonly wallClockMs: () => number;
  /** Target wall time per slice (default 50 ms). */
  readonly sliceWallMs?: number;
  /** Called between slices: drain writers, draw progress. */
  readonly betweenSlices?: (simNowNs: number, events: number) => Promise<void> | void;
  /** Polled between slices; true stops the run early (an interrupt). */
  readonly shouldStop?: () => boolean;
}

export interface SliceResult {
  readonly events: number;
  readonly interrupted: boolean;
  readonly wallMs: number;
}

/** Largest simulated step of one slice; keeps the first slices short while the rate is unknown. */
const INITIAL_STEP_NS = 1_000_000_000;

/**
 * Advances `kernel` to `endNs`. Each slice runs whole simulated-time windows: the window grows
 * or shrinks so a slice takes about `sliceWallMs`, which only changes where the loop yields.
 */
export async function runInSlices(kernel: SliceableKernel, endNs: number, opts: SliceOptions): Promise<SliceResult> {
  const target = opts.sliceWallMs ?? 50;
  const start = opts.wallClockMs();
  let stepNs = INITIAL_STEP_NS;
  let events = 0;
  while (kernel.now < endNs) {
    if (opts.shouldStop?.() === true) return { events, interrupted: true, wallMs: opts.wallClockMs() - start };
    const t0 = opts.wallClockMs();
    const until = Math.min(endNs, kernel.now + stepNs);
    events += kernel.runUntil(until);
    const took = opts.wallClockMs() - t0;
    // Aim the next window at the target wall time (bounded growth, at least 1 ms simulated).
    const factor = took <= 0 ? 4 : Math.min(4, Math.max(0.25, target / took));
    stepNs = Math.max(1_000_000, Math.round(stepNs * factor));
    await opts.betweenSlices?.(kernel.now, events);
    await new Promise<void>((resolve) => setImmediate(resolve)); // determinism-ok: yields to the event loop; simulated results do not depend on it
  }
  return { events, interrupted: false, wallMs: opts.wallClockMs() - start };
}
