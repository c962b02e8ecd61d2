/**
 * Test-only agent kinds, so the scenario tests do not depend on the real kinds in src/agents
 * (which evolve on their own). `test_taker` has a nested `hedge` map to exercise nested paths,
 * enums and probabilities; `test_dealer` is a second kind for the discriminated union.
 */
import { z } from 'zod';
import type { AnyAgentKind } from '../../../src/scenario/agentKinds.js';
import { probability } from '../../../src/model/schema.js';

function testKind(kind: string, extra: z.ZodRawShape): AnyAgentKind {
  const schema = z
    .object({
      kind: z.literal(kind),
      count: z.number().int().min(1).prefault(1).describe('Members.'),
      venue: z.string().describe('Venue name.'),
      instrument: z.string().describe('Instrument symbol.'),
      ...extra,
    })
    .strict();
  return {
    kind,
    description: `test kind ${kind}`,
    schema: schema as unknown as AnyAgentKind['schema'],
    create: () => {
      throw new Error('test kinds build no actors');
    },
  };
}

export const TEST_KINDS: readonly AnyAgentKind[] = [
  testKind('test_taker', {
    leverage: z.number().positive().prefault(10).describe('Leverage.'),
    hedge: z
      .object({
        band: probability('Band as a fraction.').prefault(0.1),
        policy: z.enum(['band', 'time', 'none']).prefault('band').describe('Policy.'),
      })
      .strict()
      .prefault({}),
  }),
  testKind('test_dealer', {
    gamma_sign: z.union([z.literal(-1), z.literal(1)]).prefault(-1).describe('Short (-1) or long (1) gamma.'),
    options_venue: z.string().optional().describe('Venue whose options desk it quotes to.'),
    positions: z.array(z.object({ series: z.string(), contracts: z.number() }).strict()).prefault([]).describe('Initial options book.'),
  }),
];
