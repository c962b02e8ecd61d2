/**
 * The scenario's JSON Schema (draft-07, the input form: durations as strings, defaults as the
 * user writes them) for editor autocomplete and hover docs; `gammaloop schema` prints it and
 * schema/scenario.schema.json is the committed copy (a test keeps it current).
 */
import { z } from 'zod';
import { currentSchema } from './load.js';

/** Where the committed copy lives, relative to the repository root. */
export const SCENARIO_JSON_SCHEMA_PATH = 'schema/scenario.schema.json';

/** The JSON Schema of scenario files as a plain object. */
export function scenarioJsonSchema(schema: z.ZodType = currentSchema()): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
    // zod copies meta keys into the JSON Schema. `unit` (price, size, bps: which grid the resolve
    // step converts a decimal to) is no JSON Schema keyword, and strict ajv rejects any unknown
    // keyword, x- prefixed ones included, so it stays out; the description states the unit.
    override: (ctx) => {
      const node = ctx.jsonSchema as Record<string, unknown>;
      if (typeof node['unit'] === 'string') delete node['unit'];
    },
  }) as Record<string, unknown>;
  return { ...json, $id: 'https://gammaloop.dev/schema/scenario.schema.json', title: 'gammaloop scenario' };
}

/** The JSON Schema as the text of the committed file (2-space JSON, trailing newline). */
export function scenarioJsonSchemaText(schema?: z.ZodType): string {
  return `${JSON.stringify(scenarioJsonSchema(schema), null, 2)}\n`;
}
