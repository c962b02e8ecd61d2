/**
 * The static list of agent kinds a scenario may use, and the `agents:` schema built from it.
 * The list itself is the plain array in src/agents/index.ts; there is no registry filled by import
 * side effects. Each kind's schema is a strict object with a `kind` literal, so the groups
 * combine into one `z.discriminatedUnion('kind', ...)`: an unknown kind is one error that
 * names the valid kinds instead of a wall of branch errors.
 */
import { z } from 'zod';
import type { AgentKind } from '../agents/kind.js';
import { ALL_AGENT_KINDS } from '../agents/index.js';
import { NAME_PATTERN } from './venueSchema.js';

/** The parameters of one agent group as the scenario layer sees them (the kind's schema output). */
export type AgentGroupParams = { kind: string; count: number } & Record<string, unknown>;

/** Any agent kind, with its parameter type erased. */
export type AnyAgentKind = AgentKind<{ kind: string; count: number }>;

/**
 * Every agent kind, in a fixed order (the order of the JSON Schema's `oneOf`): the static list in
 * src/agents/index.ts. To add a kind: write it in src/agents and list it there.
 */
export const AGENT_KINDS: readonly AnyAgentKind[] = ALL_AGENT_KINDS;

/** The kind with the given name, or undefined. */
export function agentKindByName(kinds: readonly AnyAgentKind[], name: string): AnyAgentKind | undefined {
  return kinds.find((k) => k.kind === name);
}

/** Schema of one agent group: a discriminated union on `kind` over the given kinds. */
export function agentGroupSchema(kinds: readonly AnyAgentKind[]): z.ZodType<AgentGroupParams> {
  const names = kinds.map((k) => k.kind);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new Error(`agent kind "${dup}" is listed twice`);
  if (kinds.length === 0) {
    return z.never().describe('No agent kinds are available.') as unknown as z.ZodType<AgentGroupParams>;
  }
  // Each kind's schema is a strict z.object with a `kind` literal (the AgentKind contract).
  const options = kinds.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]];
  return z
    .discriminatedUnion('kind', options)
    .describe(`An agent group: kind (${names.join(', ')}), count and the kind's parameters.`) as unknown as z.ZodType<AgentGroupParams>;
}

/** Schema of the `agents:` map: group name -> agent group. */
export function agentsMapSchema(kinds: readonly AnyAgentKind[]) {
  return z
    .record(z.string().regex(NAME_PATTERN, 'group names are lower snake case: [a-z][a-z0-9_]*'), agentGroupSchema(kinds))
    .prefault({})
    .describe('Agent groups by name. Agents get dense ids in the order groups appear (base file first); member i of group g is named "g/i".');
}
