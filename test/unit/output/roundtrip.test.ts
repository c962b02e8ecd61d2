/**
 * Every table spec in ALL_TABLES written through the Recorder across several batches (7 rows per
 * batch) and read back with apache-arrow: same values, Arrow types, field and schema metadata.
 */
import { describe, expect, it } from 'vitest';
import { ALL_TABLES } from '../../../src/model/tables.js';
import { readArrowFile } from '../../../src/output/reader.js';
import { expectedValue, META, rawValue } from './fixtures.js';
import { arrowTypeName, recordTable } from './helpers.js';

const ROWS = 7 * 3 + 2; // three full batches and a partial one

describe('round trip through apache-arrow', () => {
  it.each(ALL_TABLES.map((t) => [t.name, t] as const))('%s', async (_name, spec) => {
    const { file, rowCounts } = await recordTable(spec, ROWS);
    expect(rowCounts[spec.name]).toBe(ROWS);
    const f = readArrowFile(file);
    expect(f.numRows).toBe(ROWS);
    expect(f.numBatches).toBe(4);
    expect(f.metadata).toEqual({ ...META, 'gammaloop.table': spec.name });
    expect(f.fields.map((x) => x.name)).toEqual(spec.columns.map((c) => c.name));
    spec.columns.forEach((c, i) => {
      const field = f.fields[i]!;
      expect(field.type, c.name).toBe(arrowTypeName(spec, i));
      expect(field.nullable).toBe(false);
      expect(field.metadata).toEqual({ unit: c.unit, description: c.description });
      const expected = Array.from({ length: ROWS }, (_, r) => expectedValue(spec, i, r));
      expect(f.column(c.name), c.name).toEqual(expected);
      // numbers(): the raw value the producer recorded (dictionary index, 0/1 for bools).
      const raw = Array.from({ length: ROWS }, (_, r) => rawValue(spec, i, r));
      expect(Array.from(f.numbers(c.name)), c.name).toEqual(raw);
    });
    expect(f.head(2)).toEqual(f.rows(0, 2));
    expect(f.tail(1)[0]!['t_ns']).toBe(2 ** 40 + (ROWS - 1) * 1_000_003);
  });
});
