/**
 * The scenario clock: SimTime is ns since `clock.start_utc`. Option expiries and funding times
 * are absolute UTC instants; year fractions are ACT/365 over 24/7 time.
 */
import { NS_PER_MS, NS_PER_YEAR_365 } from '../engine/time.js';

const MS_PER_YEAR_365 = NS_PER_YEAR_365 / NS_PER_MS;

export class SimClock {
  /** @param startUtcMs the scenario's start instant in epoch milliseconds. */
  constructor(readonly startUtcMs: number) {
    if (!Number.isSafeInteger(startUtcMs)) throw new RangeError(`clock start must be integer epoch ms, got ${startUtcMs}`);
  }

  /** Epoch ms of simulated time `tNs` (fractional ms kept). */
  utcMsAt(tNs: number): number {
    return this.startUtcMs + tNs / NS_PER_MS;
  }

  /**
   * SimTime of a UTC instant, or null when it lies before the start or beyond 2^53 ns.
   * Used to schedule an expiry or funding event inside the run, not to store it.
   */
  simNsAt(utcMs: number): number | null {
    const ns = Math.round((utcMs - this.startUtcMs) * NS_PER_MS);
    return ns >= 0 && Number.isSafeInteger(ns) ? ns : null;
  }

  /** ACT/365 year fraction from simulated time `tNs` to the UTC instant `utcMs` (>= 0). */
  yearsUntil(tNs: number, utcMs: number): number {
    const years = (utcMs - this.utcMsAt(tNs)) / MS_PER_YEAR_365;
    return years > 0 ? years : 0;
  }

  /** ISO 8601 text of simulated time `tNs`. */
  isoAt(tNs: number): string {
    return new Date(Math.floor(this.utcMsAt(tNs))).toISOString(); // determinism-ok: formats a given instant, reads no clock
  }
}

/** The shape {@link parseUtcMs} accepts (a date, or a date-time with Z or an offset), as a regex source. */
export const UTC_INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2}))?$';
const UTC_INSTANT = new RegExp(UTC_INSTANT_PATTERN);

/** Parses an ISO 8601 UTC instant (`2026-03-27T08:00:00Z`) to epoch ms; null when invalid. */
export function parseUtcMs(text: string): number | null {
  if (!UTC_INSTANT.test(text)) return null;
  const ms = Date.parse(text.length === 10 ? text + 'T00:00:00Z' : text);
  return Number.isFinite(ms) ? ms : null;
}
