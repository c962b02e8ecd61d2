/** The agent-kind list and the `agents:` discriminated union built from it. */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { AGENT_KINDS, agentsMapSchema } from '../../../src/scenario/agentKinds.js';
import { TEST_KINDS } from './testKinds.js';

describe('agentsMapSchema', () => {
  const agents = agentsMapSchema(TEST_KINDS);

  test('routes each group to its kind by `kind` and fills that kind’s defaults', () => {
    const r = agents.parse({
      a: { kind: 'test_taker', venue: 'v', instrument: 'i' },
      b: { kind: 'test_dealer', venue: 'v', instrument: 'i', count: 4 },
    });
    expect(r).toEqual({
      a: { kind: 'test_taker', count: 1, venue: 'v', instrument: 'i', leverage: 10, hedge: { band: 0.1, policy: 'band' } },
      b: { kind: 'test_dealer', count: 4, venue: 'v', instrument: 'i', gamma_sign: -1, positions: [] },
    });
  });

  test('an unknown kind is one issue listing the valid kinds, not one per branch', () => {
    const r = agents.safeParse({ a: { kind: 'nope', venue: 'v', instrument: 'i' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]).toMatchObject({ code: 'invalid_union', path: ['a', 'kind'], options: ['test_taker', 'test_dealer'] });
  });

  test('a parameter of another kind is an unknown key (schemas are strict)', () => {
    const r = agents.safeParse({ a: { kind: 'test_dealer', venue: 'v', instrument: 'i', leverage: 3 } });
    expect(r.error?.issues.map((i) => i.code)).toEqual(['unrecognized_keys']);
  });

  test('with no kinds, an empty map is fine and any group is refused', () => {
    const none = agentsMapSchema([]);
    expect(none.parse(undefined)).toEqual({});
    expect(none.safeParse({ a: { kind: 'x' } }).success).toBe(false);
  });

  test('a kind listed twice is a programming error', () => {
    expect(() => agentsMapSchema([TEST_KINDS[0]!, TEST_KINDS[0]!])).toThrow(/listed twice/);
  });
});

describe('AGENT_KINDS (the real list)', () => {
  test('names are unique lower snake case and each schema is a strict object with that kind literal', () => {
    const names = AGENT_KINDS.map((k) => k.kind);
    expect(new Set(names).size).toBe(names.length);
    for (const k of AGENT_KINDS) {
      expect(k.kind).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(k.schema).toBeInstanceOf(z.ZodObject);
      const shape = (k.schema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
      expect(shape['kind']?.safeParse(k.kind).success).toBe(true);
      expect(shape['count']).toBeDefined();
      const extra = (k.schema as unknown as z.ZodObject).safeParse({ kind: k.kind, no_such_parameter: 1 });
      expect(extra.error?.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
    }
  });
});
