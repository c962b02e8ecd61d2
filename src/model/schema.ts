/**
 * Shared zod helpers for scenario parameters, importable by both agents/ (each kind's parameter
 * schema sits beside the agent) and scenario/. Durations are strings (`250ms`, `8h`) parsed to
 * integer ns; prices and sizes are decimals in quote currency / base units, tagged with
 * `meta({ unit })` so the resolve step can convert them to ticks and lots with the instrument's
 * grid and reject off-grid values. Defaults use `.prefault` (zod 4's `.default` skips transforms).
 */
import { z } from 'zod';
import { DURATION_PATTERN, parseDurationNs } from '../engine/time.js';
import { ConstantLatency, LognormalLatency, UniformLatency, type LatencyModel } from '../engine/latency.js';
import { UTC_INSTANT_PATTERN, parseUtcMs } from './clock.js';

/** A duration string parsed to integer nanoseconds. */
export function duration(description: string): z.ZodType<number, string> {
  return z
    .string()
    // The JSON Schema gets the grammar as a pattern (editors flag "2 hours"); parsing below still
    // gives the located, specific message.
    .meta({ pattern: DURATION_PATTERN })
    .transform((text, ctx) => {
      const r = parseDurationNs(text);
      if (typeof r !== 'number') {
        ctx.addIssue({ code: 'custom', message: r.error });
        return z.NEVER;
      }
      return r;
    })
    .describe(description) as unknown as z.ZodType<number, string>;
}

/** A finite number in [0, 1]. */
export function probability(description: string): z.ZodNumber {
  return z.number().min(0).max(1).describe(description);
}

/** A finite number > 0. */
export function positive(description: string): z.ZodNumber {
  return z.number().positive().describe(description);
}

/** A finite number >= 0. */
export function nonNegative(description: string): z.ZodNumber {
  return z.number().nonnegative().describe(description);
}

/**
 * Most events per second an agent's Poisson rate may ask for. The engine draws each gap in whole
 * nanoseconds (agents/common/port.ts poissonDelayNs, at least 1 ns); at 10^6/s the mean gap is
 * 1 us, so rounding to a nanosecond moves it by at most 0.05 % and the draw is still the Poisson
 * process asked for. Beyond it the gaps pile up on the 1 ns floor (a different process), and one
 * agent alone asks for about the kernel's whole throughput (1-3 M events per second of wall time).
 */
export const MAX_RATE_PER_SEC = 1e6;
const RATE_BOUND_WHY = ' At most 10^6 per second: the engine draws gaps in whole ns (mean gap >= 1 us keeps the rounding under 0.05 %).';

/** A Poisson rate per second in [0, MAX_RATE_PER_SEC] (> 0 with `positive`); the description says why the bound. */
export function ratePerSec(description: string, opts: { readonly positive?: boolean } = {}): z.ZodNumber {
  const n = opts.positive === true ? z.number().positive() : z.number().nonnegative();
  return n.max(MAX_RATE_PER_SEC).describe(description + RATE_BOUND_WHY);
}

/** An integer >= 0. */
export function count(description: string): z.ZodNumber {
  return z.number().int().nonnegative().describe(description);
}

/** A price in quote currency (converted to ticks at resolve; must lie on the tick grid). */
export function price(description: string): z.ZodNumber {
  return z.number().positive().meta({ unit: 'price' }).describe(description);
}

/** A size in base units (converted to lots at resolve; must lie on the lot grid). */
export function size(description: string): z.ZodNumber {
  return z.number().positive().meta({ unit: 'size' }).describe(description);
}

/** Fee or spread in basis points (may be negative for maker rebates). */
export function bps(description: string): z.ZodNumber {
  return z.number().min(-10_000).max(10_000).meta({ unit: 'bps' }).describe(description);
}

/** A latency model: a constant duration string, or a distribution object. */
export const latencySchema = z
  .union([
    z.string().describe('Constant latency, e.g. "2ms".'),
    z
      .object({
        kind: z.literal('uniform'),
        min: z.string().describe('Minimum, e.g. "1ms".'),
        max: z.string().describe('Maximum, e.g. "5ms".'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('lognormal'),
        median: z.string().describe('Median latency, e.g. "3ms".'),
        sigma: z.number().nonnegative().describe('Log-space standard deviation.'),
        cap: z.string().describe('Largest latency drawn, e.g. "250ms".'),
        min: z.string().optional().describe('Fixed floor added to every draw (propagation delay).'),
      })
      .strict(),
  ])
  .describe('Latency: a duration string for a constant, or {kind: uniform|lognormal, ...}.');
export type LatencySpec = z.input<typeof latencySchema>;

/**
 * An absolute UTC instant (`2026-03-27T08:00:00Z`, an offset, or a date meaning 00:00 UTC)
 * parsed to epoch milliseconds. Impossible dates (Feb 30) are rejected.
 */
export function utcInstant(description: string): z.ZodType<number, string> {
  return z
    .string()
    .meta({ pattern: UTC_INSTANT_PATTERN })
    .transform((text, ctx) => {
      const ms = parseUtcMs(text);
      if (ms === null || !sameCalendarDate(text, ms)) {
        ctx.addIssue({ code: 'custom', message: `invalid UTC instant "${text}": expected e.g. 2026-03-27T08:00:00Z` });
        return z.NEVER;
      }
      return ms;
    })
    .describe(description) as unknown as z.ZodType<number, string>;
}

/** Date.parse rolls Feb 30 over to Mar 2; a zoned date part must survive the round trip. */
function sameCalendarDate(text: string, ms: number): boolean {
  if (!(text.length === 10 || text.endsWith('Z'))) return true; // offsets shift the date; trust Date.parse
  return new Date(ms).toISOString().slice(0, 10) === text.slice(0, 10); // determinism-ok: formats a given instant
}

/** A latency model with its durations parsed to integer ns (same input shape as {@link latencySchema}). */
export type LatencyNs =
  | { kind: 'constant'; latencyNs: number }
  | { kind: 'uniform'; minNs: number; maxNs: number }
  | { kind: 'lognormal'; medianNs: number; sigma: number; capNs: number; minNs: number };

/**
 * {@link latencySchema} with every duration parsed to ns, as plain JSON-serializable data.
 * Build the engine model with {@link latencyModelOf}.
 */
export const latencyNsSchema: z.ZodType<LatencyNs, LatencySpec> = z
  .union([
    duration('Constant latency, e.g. "2ms".').transform((ns): LatencyNs => ({ kind: 'constant', latencyNs: ns })),
    z
      .object({
        kind: z.literal('uniform'),
        min: duration('Minimum, e.g. "1ms".'),
        max: duration('Maximum, e.g. "5ms".'),
      })
      .strict()
      .refine((v) => v.max >= v.min, { message: 'max must be >= min', path: ['max'] })
      .transform((v): LatencyNs => ({ kind: 'uniform', minNs: v.min, maxNs: v.max })),
    z
      .object({
        kind: z.literal('lognormal'),
        median: duration('Median latency, e.g. "3ms".'),
        sigma: z.number().nonnegative().describe('Log-space standard deviation.'),
        cap: duration('Largest latency drawn, e.g. "250ms".'),
        min: duration('Fixed floor added to every draw (propagation delay).').optional(),
      })
      .strict()
      .refine((v) => v.median > 0, { message: 'median must be > 0', path: ['median'] })
      .transform((v): LatencyNs => ({ kind: 'lognormal', medianNs: v.median, sigma: v.sigma, capNs: v.cap, minNs: v.min ?? 0 })),
  ])
  .describe('Latency: a duration string for a constant, or {kind: uniform|lognormal, ...}.') as unknown as z.ZodType<
  LatencyNs,
  LatencySpec
>;

/** The engine latency model for a parsed spec. */
export function latencyModelOf(spec: LatencyNs): LatencyModel {
  switch (spec.kind) {
    case 'constant':
      return new ConstantLatency(spec.latencyNs);
    case 'uniform':
      return new UniformLatency(spec.minNs, spec.maxNs);
    case 'lognormal':
      return new LognormalLatency(spec.medianNs, spec.sigma, spec.capNs, spec.minNs);
  }
}
