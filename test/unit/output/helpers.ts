/** Temp directories and a one-table recorder run for the output tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import type { TableSpec } from '../../../src/model/tables.js';
import { Recorder, type RecorderOptions } from '../../../src/output/recorder.js';
import { appendRows, DICTS, META } from './fixtures.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test file. */
export function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-output-'));
  made.push(d);
  return d;
}

/** Records `rows` synthetic rows of `spec` (and nothing else) and closes; returns the file path. */
export async function recordTable(
  spec: TableSpec,
  rows: number,
  extra: Partial<RecorderOptions> = {},
): Promise<{ file: string; rowCounts: { [t: string]: number } }> {
  const dir = extra.dir ?? tempDir();
  const rec = new Recorder({ dictionaries: DICTS, metadata: META, batchRows: 7, enabled: spec.optional ? [spec.name] : [], ...extra, dir });
  appendRows(rec.recorder(spec), rows);
  const rowCounts = await rec.close();
  return { file: path.join(dir, extra.pathFor ? extra.pathFor(spec.name) : `${spec.name}.arrow`), rowCounts };
}

/** The Arrow type string arrow-js reports for a column spec. */
export function arrowTypeName(spec: TableSpec, c: number): string {
  const t = spec.columns[c]!.type;
  switch (t.kind) {
    case 'i64': return 'Int64';
    case 'i32': return 'Int32';
    case 'i8': return 'Int8';
    case 'f64': return 'Float64';
    case 'bool': return 'Bool';
    case 'dict': return 'Dictionary<Int32, Utf8>';
    case 'enum': return t.values.length <= 127 ? 'Dictionary<Int8, Utf8>' : 'Dictionary<Int32, Utf8>';
  }
}
