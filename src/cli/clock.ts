/**
 * The wall clock, read only here in cli/ (DESIGN 3): the library API (src/api.ts) hands it to
 * runs for slice sizing and timings, never to the simulation.
 */

/** Milliseconds from an arbitrary origin (monotonic). */
export const wallClockMs = (): number => performance.now();
