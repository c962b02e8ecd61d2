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

describe('scenario JSON Schema under strict ajv', () => {
  it('compiles in strict mode (no custom keyword such as "unit" is left)', () => {
    expect(typeof validate).toBe('function');
    expect(JSON.stringify(schema)).not.toMatch(/"unit":/);
  });

  it.each(scenarioFiles)('%s validates', (file) => {
    const ok = validate(parse(fs.readFileSync(file, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  const base = parse(fs.readFileSync('scenarios/baseline.yaml', 'utf8')) as { clock: Record<string, unknown> };
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
