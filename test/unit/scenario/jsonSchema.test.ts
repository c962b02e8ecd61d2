/**
 * schema/scenario.schema.json is the committed JSON Schema editors use. It must equal what the
 * code generates now, and have real content (zod-to-json-schema silently gives an empty schema
 * for zod 4, so "current" alone would prove nothing). Regenerate with
 * `UPDATE_SCENARIO_SCHEMA=1 npx vitest run test/unit/scenario/jsonSchema.test.ts`
 * (or `gammaloop schema > schema/scenario.schema.json`).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { AGENT_KINDS } from '../../../src/scenario/agentKinds.js';
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchema, scenarioJsonSchemaText } from '../../../src/scenario/jsonSchema.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => v as Json;

describe('scenario JSON Schema', () => {
  const generated = scenarioJsonSchemaText();
  if (process.env['UPDATE_SCENARIO_SCHEMA'] === '1') {
    mkdirSync('schema', { recursive: true });
    writeFileSync(SCENARIO_JSON_SCHEMA_PATH, generated);
  }

  test('the committed file is current', () => {
    expect(readFileSync(SCENARIO_JSON_SCHEMA_PATH, 'utf8')).toBe(generated);
  });

  const schema = scenarioJsonSchema();
  const props = obj(schema['properties']);

  test('is draft-07 with every top-level section and the required ones', () => {
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(Object.keys(props)).toEqual(
      expect.arrayContaining(['$schema', 'name', 'extends', 'seed', 'clock', 'underlying', 'underlyings', 'correlation', 'venues', 'open_interest', 'agents', 'schedule', 'output']),
    );
    // `underlying` or `underlyings` (exactly one) is checked at resolve, with a located error.
    expect(schema['required']).toEqual(expect.arrayContaining(['name', 'clock', 'venues']));
    expect(schema['additionalProperties']).toBe(false);
  });

  test('agents: one oneOf branch per agent kind, each with its kind constant', () => {
    const group = obj(obj(props['agents'])['additionalProperties']);
    const branches = (group['oneOf'] ?? group['anyOf']) as Json[];
    expect(branches.map((b) => obj(obj(b['properties'])['kind'])['const'])).toEqual(AGENT_KINDS.map((k) => k.kind));
  });

  test('input form: durations are strings with their defaults as written, descriptions present', () => {
    const venueUnion = obj(obj(props['venues'])['additionalProperties']);
    const venues = (venueUnion['oneOf'] ?? venueUnion['anyOf']) as Json[];
    expect(venues.map((b) => obj(obj(b['properties'])['kind'])['const'])).toEqual(['cex', 'dex']);
    for (const venue of venues) {
      const latency = obj(obj(venue['properties'])['latency']);
      expect(obj(obj(latency['properties'])['order_entry'])['default']).toBe('1ms');
    }
    const dex = obj(venues[1]?.['properties']);
    expect(obj(obj(obj(dex['chain'])['properties'])['default_deadline'])['default']).toBe('300s');
    expect(obj(obj(obj(dex['oracle'])['properties'])['preset'])['default']).toBe('chainlink');
    const clock = obj(obj(props['clock'])['properties']);
    expect(obj(clock['duration'])['type']).toBe('string');
    expect(obj(clock['duration'])['description']).toMatch(/Length of the run/);
    const actions = (obj(obj(props['schedule'])['items'])['oneOf'] as Json[]).map((b) => obj(obj(b['properties'])['action'])['const']);
    expect(actions).toEqual(['market_order', 'fundamental_jump', 'liquidity_withdrawal', 'feed_halt', 'open_interest', 'congestion', 'vol_shift']);
  });
});
