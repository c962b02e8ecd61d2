import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_AGENT_KINDS, accountSetupOf } from '../../../src/agents/index.js';
import { Harness } from './harness.js';

/** Every property of an object schema, with its description (walks strict objects only). */
function describedProperties(schema: z.ZodType): { name: string; description: string | undefined }[] {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as { properties?: Record<string, { description?: string }> };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({ name, description: p.description }));
}

describe('agent kinds', () => {
  it('are listed once each with the documented names', () => {
    expect(ALL_AGENT_KINDS.map((k) => k.kind)).toEqual(['noise', 'liquidity_provider', 'fundamental', 'momentum', 'option_dealer', 'option_customer', 'retail', 'shock']);
  });

  it.each(ALL_AGENT_KINDS.map((k) => [k.kind, k] as const))('%s: strict schema, every field described, combinable by kind', (name, k) => {
    const props = describedProperties(k.schema);
    expect(props.map((p) => p.name)).toEqual(expect.arrayContaining(['kind', 'count', 'venue', 'instrument']));
    for (const p of props) expect(p.description, `${name}.${p.name}`).toBeTruthy();
    const minimal = { kind: name, venue: 'cex', instrument: 'BTC-PERP' };
    expect(k.schema.safeParse(minimal).success).toBe(true);
    expect(k.schema.safeParse({ ...minimal, no_such_field: 1 }).success).toBe(false);
    expect(k.schema.safeParse({ ...minimal, count: 0 }).success).toBe(false);
  });

  it('combine into one discriminated union', () => {
    const union = z.discriminatedUnion('kind', ALL_AGENT_KINDS.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]]);
    expect(union.safeParse({ kind: 'retail', venue: 'v', instrument: 'i' }).success).toBe(true);
    expect(union.safeParse({ kind: 'whale', venue: 'v', instrument: 'i' }).success).toBe(false);
  });

  it.each(ALL_AGENT_KINDS.map((k) => [k.kind, k] as const))('%s: exposes the account the world builder opens', (name, k) => {
    const params = k.schema.parse({ kind: name, venue: 'cex', instrument: 'BTC-PERP', collateral: 12_345 });
    const acct = accountSetupOf(k.create(params, new Harness(1).env(name, 0)));
    expect(acct).toMatchObject({ venue: 'cex', collateral: 12_345 });
    expect(acct!.leverage).toBeGreaterThanOrEqual(1);
    expect(['isolated', 'cross']).toContain(acct!.marginMode);
  });
});
