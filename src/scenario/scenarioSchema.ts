/**
 * The top-level scenario schema: strict zod objects with `.describe()` on every field (the
 * descriptions become editor hover docs through the JSON Schema). Defaults live here, once, as
 * `.prefault` (input form). Durations parse to ns, instants to epoch ms; prices and sizes stay
 * decimals until resolve.ts puts them on each instrument's grid.
 */
import { z } from 'zod';
import { ALL_TABLES } from '../model/tables.js';
import { count, duration, nonNegative, price, utcInstant } from '../model/schema.js';
import { MAX_FUNDAMENTAL_VOL } from '../model/capacity.js';
import { AGENT_KINDS, agentsMapSchema, type AnyAgentKind } from './agentKinds.js';
import { openInterestFields, scheduleEntrySchema } from './scheduleSchema.js';
import { NAME_PATTERN, venueSchema } from './venueSchema.js';

const OPTIONAL_TABLES = ALL_TABLES.filter((t) => t.optional).map((t) => t.name) as [string, ...string[]];

const clockSchema = z
  .object({
    start_utc: utcInstant('Start of the run, a UTC instant, e.g. "2026-03-27T00:00:00Z". SimTime 0 is this instant.'),
    duration: duration('Length of the run, e.g. "8h".'),
  })
  .strict()
  .describe('The scenario clock.');

const fundamentalSchema = z
  .object({
    drift: z.number().min(-10).max(10).prefault(0).describe('Annualized drift of the log fundamental.'),
    vol: nonNegative(`Annualized volatility of the log fundamental (diffusion part), at most ${MAX_FUNDAMENTAL_VOL} (500 %; above it a step of the path is no longer a price move the book can follow: see src/model/capacity.ts).`).max(MAX_FUNDAMENTAL_VOL).prefault(0.5),
    jump_rate_per_year: nonNegative('Poisson rate of jumps per year (ACT/365, 24/7), at most 10^6 (one jump every 32 s on average): the path generator draws each jump in its grid step, so an unbounded rate is unbounded work inside one step, and jumps that frequent are diffusion (use vol).').max(1e6).prefault(0),
    jump_mean: z.number().min(-5).max(5).prefault(0).describe('Mean of a jump in log return.'),
    jump_stdev: nonNegative('Standard deviation of a jump in log return.').prefault(0),
    grid: duration('Time step of the fundamental path (drawn on this fixed grid for common random numbers).').prefault('1s'),
  })
  .strict()
  .describe('The exogenous fundamental price: jump-diffusion in log price, started at initial_price.');

const underlyingSchema = z
  .object({
    symbol: z.string().regex(/^[A-Z0-9]+$/).describe('Base asset symbol, e.g. BTC.'),
    quote: z.string().regex(/^[A-Z0-9]+$/).prefault('USD').describe('Quote currency symbol.'),
    initial_price: price('Start price in quote currency; must lie on every instrument\'s tick grid.'),
    fundamental: fundamentalSchema.prefault({}),
  })
  .strict()
  .describe('The underlying asset.');

const outputSchema = z
  .object({
    tables: z
      .array(z.enum(OPTIONAL_TABLES))
      .prefault([])
      .describe(`Optional tables to write (${OPTIONAL_TABLES.join(', ')}); the others are always written.`),
    book_interval: duration('Sampling interval of the book (and depth) tables.').prefault('1s'),
    greeks_interval: duration('Sampling interval of the greeks, gex, gex_profile and open_interest tables (a dealer group\'s own greeks_interval overrides it for that group).').prefault('1m'),
    gex_profile: z
      .object({
        range: z.number().gt(0).lt(1).prefault(0.1).describe('The grid spans spot * (1 - range) .. spot * (1 + range). Default 0.1.'),
        points: z.number().int().min(3).max(201).refine((n) => n % 2 === 1, 'must be odd (spot itself is the middle point)').prefault(21).describe('Grid points, odd. Default 21.'),
      })
      .strict()
      .prefault({})
      .describe('Spot grid of the gex_profile table.'),
    accounts_interval: duration('Sampling interval of the accounts table.').prefault('1m'),
    depth_levels: count('Levels per side in the depth table.').min(1).max(100).prefault(10),
  })
  .strict()
  .describe('What the run records. Observers never change the simulated trades.');

const openInterestSchema = z.object(openInterestFields).strict().describe('Option open interest held at the start.');

/** Builds the scenario schema over a list of agent kinds (tests pass their own). */
export function buildScenarioSchema(kinds: readonly AnyAgentKind[]) {
  return z
    .object({
      $schema: z.string().optional().describe('JSON Schema reference for editors; ignored.'),
      name: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'scenario names are lower case letters, digits, _ and -, starting with a letter (they name results/<name>/)').describe('Scenario name (used in results/<name>/).'),
      description: z.string().prefault('').describe('What the scenario is for.'),
      extends: z.string().optional().describe('A base scenario file (path relative to this file), deep-merged under this one.'),
      seed: z.number().int().min(0).max(0xffff_ffff).prefault(1).describe('Root seed (u32); --seed overrides it.'),
      clock: clockSchema,
      underlying: underlyingSchema.optional().describe('The underlying asset (single-asset form; use `underlyings` for several). Exactly one of the two.'),
      underlyings: z
        .record(z.string().regex(/^[A-Z0-9]+$/), underlyingSchema.omit({ symbol: true }))
        .optional()
        .describe('Several underlyings by symbol (BTC, ETH, ...), each with its own fundamental; the first is the primary (instruments without `underlying` follow it). Appending one leaves the others\' paths unchanged.'),
      correlation: z
        .record(z.string(), z.record(z.string(), z.number().min(-1).max(1)))
        .optional()
        .describe('Correlation of the underlyings\' diffusive shocks, e.g. { ETH: { BTC: 0.8 } } (symmetric; unset pairs 0); must be positive semi-definite.'),
      venues: z
        .record(z.string().regex(NAME_PATTERN, 'venue names are lower snake case: [a-z][a-z0-9_]*'), venueSchema)
        .describe('Venues by name.'),
      open_interest: z.array(openInterestSchema).prefault([]).describe('Option open interest at the start (dealers vs customers).'),
      agents: agentsMapSchema(kinds),
      schedule: z.array(scheduleEntrySchema).prefault([]).describe('Scripted actions in time.'),
      output: outputSchema.prefault({}),
    })
    .strict()
    .describe('A gammaloop scenario.');
}

/** The schema's output type (before resolve). */
export type ScenarioInput = z.output<ReturnType<typeof buildScenarioSchema>>;

/** The scenario schema over every known agent kind. */
export const scenarioSchema = buildScenarioSchema(AGENT_KINDS);
