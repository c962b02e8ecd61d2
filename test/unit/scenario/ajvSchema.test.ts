/**
 * The committed JSON Schema under a strict, independent validator (ajv 8, strict mode: unknown
 * keywords, ambiguous types and unknown formats are errors). Every reference and fixture scenario
 * validates; durations and UTC instants carry patterns that agree with the parsers, so an editor
 * flags `"2 hours"` as the loader would.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DURATION_PATTERN, parseDurationNs } from '../../../src/engine/time.js';
import { parseUtcMs, UTC_INSTANT_PATTERN } from '../../../src/model/clock.js';
import { SCENARIO_JSON_SCHEMA_PATH } from '../../../src/scenario/jsonSchema.js';

const schema = JSON.parse(fs.readFileSync(SCENARIO_JSON_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;

// Plain strict ajv, no keywords added: what a user's validator does with the file.
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
const scenarioFiles = [
  ...fs.readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => path.join('scenarios', f)),
  ...fs.readdirSync('test/fixtures/scenarios/good').filter((f) => f.endsWith('.yaml')).map((f) => path.join('test/fixtures/scenarios/good', f)),
];

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
function deepMerge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isMap(v) && isMap(out[k]) ? deepMerge(out[k] as Json, v) : v;
  return out;
}
/** The scenario file with its `extends` chain resolved (paths relative to the extending file). */
function flattened(file: string): Json {
  const doc = parse(fs.readFileSync(file, 'utf8')) as Json;
  const ext = doc['extends'];
  if (typeof ext !== 'string') return doc;
  const { extends: _drop, ...layer } = doc;
  return deepMerge(flattened(path.join(path.dirname(file), ext)), layer);
}

describe('scenario JSON Schema under strict ajv', () => {
  it('compiles in strict mode (no custom keyword such as "unit" is left)', () => {
    expect(typeof validate).toBe('function');
    expect(JSON.stringify(schema)).not.toMatch(/"unit":/);
  });

  it.each(scenarioFiles)('%s validates', (file) => {
    // A file that `extends` another is a layer: an editor validates what the loader validates, the
    // layer deep-merged over its base (maps merge key by key, anything else replaces).
    const ok = validate(flattened(file));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  const base = flattened('scenarios/baseline.yaml') as { clock: Record<string, unknown> };
  it.each([
    ['2 hours', false], ['1h30m', true], ['250ms', true], ['1.5 s', true], ['0', true], ['', false], ['-5s', false], ['5', false], ['1h 30m', true], ['5sec', false],
  ] as const)('clock.duration %j valid: %s', (text, valid) => {
    expect(validate({ ...base, clock: { ...base.clock, duration: text } })).toBe(valid);
    expect(typeof parseDurationNs(text) === 'number').toBe(valid);
  });

  it('the duration pattern accepts exactly what parseDurationNs accepts (property)', () => {
    const re = new RegExp(DURATION_PATTERN);
    const token = fc.constantFrom('1', '25', '0.5', '3.', 'h', 'm', 'min', 'ms', 's', 'us', 'µs', 'ns', 'd', ' ', '\t', 'x', 'hours', '-', '0');
    fc.assert(fc.property(fc.array(token, { maxLength: 6 }).map((t) => t.join('')), (text) => {
      const parsed = parseDurationNs(text);
      // The parser also rejects an overlong total; the grammar is what the pattern states.
      const grammatical = typeof parsed === 'number' || /too long/.test(parsed.error);
      expect(re.test(text), JSON.stringify(text)).toBe(grammatical);
    }), { numRuns: 2000 });
  });

  it.each([
    ['2026-03-27T00:00:00Z', true], ['2026-03-27', true], ['2026-03-27T08:00+01:00', true], ['27 March 2026', false], ['2026-03-27 08:00:00', false],
  ] as const)('clock.start_utc %j valid: %s', (text, valid) => {
    expect(new RegExp(UTC_INSTANT_PATTERN).test(text)).toBe(valid);
    expect(validate({ ...base, clock: { ...base.clock, start_utc: text } })).toBe(valid);
    expect(parseUtcMs(text) !== null).toBe(valid);
  });
});
