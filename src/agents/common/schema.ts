/**
 * Zod pieces shared by every agent kind's parameter schema: the common group fields (`kind`,
 * `count`, `venue`, `instrument`) and a small family of distributions (`fixed`, `uniform`,
 * `exponential`, `normal`, `lognormal`, `pareto`) used for sizes, offsets and leverage. Units
 * of a distribution's values are those of the field that holds it (stated in its description).
 */
import { z } from 'zod';
import { MAX_AGENT_COLLATERAL, MAX_GROUP_COUNT, MAX_TOTAL_AGENTS, MAX_VENUE_DEPOSITS } from '../../model/capacity.js';
import { latencyNsSchema } from '../../model/schema.js';

/** The fields every agent group has: `kind` literal, member count, venue name, instrument symbol. */
/**
 * Per-group latency to every venue, overriding the venue's `latency` block field by field (e.g. a
 * co-located market maker). Draws still come from the link's own stream.
 */
export const agentLatencySchema = z
  .object({
    order_entry: latencyNsSchema.optional().describe('Agent -> venue latency for orders and cancels (default: the venue\'s).'),
    response: latencyNsSchema.optional().describe('Venue -> agent latency for acks and fills (default: the venue\'s).'),
    market_data: latencyNsSchema.optional().describe('Age of the market data these agents see (default: the venue\'s).'),
  })
  .strict()
  .describe("This group's latency to every venue, overriding the venue's latency block field by field.");

export function groupFields<K extends string>(kind: K) {
  return {
    kind: z.literal(kind).describe(`Agent kind: "${kind}".`),
    count: z.number().int().min(1).max(MAX_GROUP_COUNT).prefault(1).describe(`Number of agents in this group, 1 to ${MAX_GROUP_COUNT.toLocaleString('en-US')} (at most ${MAX_TOTAL_AGENTS.toLocaleString('en-US')} in the scenario: about 8 KB of memory each). Default 1.`),
    venue: z.string().min(1).describe('Venue name (a key of `venues:`) the agents trade on. Required.'),
    instrument: z.string().min(1).describe('Instrument symbol at that venue the agents trade. Required.'),
    latency: agentLatencySchema.optional(),
  };
}

/**
 * The trading account fields of a kind: collateral deposited by the world builder, margin mode
 * and account leverage at the venue (the venue reads them through `accountSetup()`).
 */
export function accountFields(defaultCollateral: number) {
  return {
    collateral: z.number().positive().max(MAX_AGENT_COLLATERAL).prefault(defaultCollateral).describe(`Collateral per agent in quote currency, deposited at the venue by the world builder; at most ${MAX_AGENT_COLLATERAL.toExponential()} (x the largest leverage 200 = 2e11 of position, under a quarter of the money range) and count x collateral over all groups at one venue at most ${MAX_VENUE_DEPOSITS.toExponential()} (money is a safe integer of 1e-4 quote units: 9.0e11 in all; see src/model/capacity.ts). Default ${defaultCollateral}.`),
    margin_mode: z.enum(['isolated', 'cross']).prefault('cross').describe('Margin mode of the account at the venue. Default "cross".'),
    leverage: z.number().min(1).max(200).prefault(20).describe('Account leverage at the venue (initial margin = notional / leverage). Default 20.'),
  };
}

const finite = () => z.number().refine(Number.isFinite, 'must be finite');

/** A distribution of a non-negative quantity. Parameters are in the unit of the field using it. */
export const distributionSchema = z
  .discriminatedUnion('dist', [
    z.object({ dist: z.literal('fixed'), value: finite().min(0).describe('The constant value.') }).strict(),
    z
      .object({
        dist: z.literal('uniform'),
        min: finite().min(0).describe('Lower bound (inclusive).'),
        max: finite().min(0).describe('Upper bound (exclusive).'),
      })
      .strict()
      .refine((d) => d.max >= d.min, 'max must be >= min'),
    z.object({ dist: z.literal('exponential'), mean: finite().positive().describe('Mean.') }).strict(),
    z
      .object({
        dist: z.literal('normal'),
        mean: finite().describe('Mean (draws below 0 are clipped to 0 where the field must be >= 0).'),
        sd: finite().min(0).describe('Standard deviation.'),
      })
      .strict(),
    z
      .object({
        dist: z.literal('lognormal'),
        median: finite().positive().describe('Median.'),
        sigma: finite().min(0).describe('Log-space standard deviation.'),
      })
      .strict(),
    z
      .object({
        dist: z.literal('pareto'),
        min: finite().positive().describe('Scale (smallest value).'),
        alpha: finite().positive().describe('Tail index (smaller = heavier tail).'),
      })
      .strict(),
  ])
  .describe('A distribution: {dist: fixed|uniform|exponential|normal|lognormal|pareto, ...}.');
export type Distribution = z.output<typeof distributionSchema>;

/** A distribution field with a default given in input form. */
export function distribution(description: string, dflt: z.input<typeof distributionSchema>) {
  return distributionSchema.prefault(dflt).describe(`${description} Default ${JSON.stringify(dflt)}.`);
}
