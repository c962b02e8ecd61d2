/**
 * Column buffers reused across recorders (src/output/bufferPool.ts): a run's files do not depend
 * on whether its buffers are new or were left by an earlier run, even one aborted mid-row.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_TABLES, GREEKS } from '../../../src/model/tables.js';
import { acquireColumn, keptColumns, releaseColumn } from '../../../src/output/bufferPool.js';
import { readArrowFile } from '../../../src/output/reader.js';
import { Recorder } from '../../../src/output/recorder.js';
import { DICTS, META } from './fixtures.js';
import { tempDir } from './helpers.js';

// A batch size no other test uses, so the pool's buffers of this length are this file's.
const BATCH_ROWS = 13;

/** 20 rows of greeks with only `spot` set: every other column must read 0. */
async function spotOnly(dir: string): Promise<Buffer> {
  const rec = new Recorder({ dir, dictionaries: DICTS, metadata: META, batchRows: BATCH_ROWS });
  const app = rec.recorder(GREEKS);
  for (let r = 0; r < 20; r++) {
    app.begin(r);
    app.set(GREEKS.col.spot, 60_000 + r);
    app.end();
  }
  await rec.close();
  return fs.readFileSync(path.join(dir, 'greeks.arrow'));
}

/** Fills every column of every table for some rows, leaves a row open in each, and aborts. */
async function dirtyAbort(dir: string): Promise<void> {
  const rec = new Recorder({ dir, dictionaries: DICTS, metadata: META, batchRows: BATCH_ROWS });
  for (const spec of ALL_TABLES.filter((t) => !t.optional)) {
    const app = rec.recorder(spec);
    for (let r = 0; r < 5; r++) {
      app.begin(r + 1);
      for (let c = 1; c < spec.columns.length; c++) app.set(c, 1);
      if (r < 4) app.end();
    }
  }
  await rec.abort();
}

describe('column buffer pool', () => {
  it('a recorder after a dirty, aborted one writes the same bytes as before it', async () => {
    const first = await spotOnly(tempDir());
    const kept = keptColumns();
    await dirtyAbort(tempDir());
    expect(keptColumns(), 'the aborted recorder returned its buffers').toBeGreaterThanOrEqual(kept);
    const dir = tempDir();
    const again = await spotOnly(dir);
    expect(again.equals(first)).toBe(true);
    expect(readArrowFile(path.join(dir, 'greeks.arrow')).column('gamma')).toEqual(new Array(20).fill(0));
  });

  it('hands out zeroed buffers and reuses returned ones', () => {
    const a = acquireColumn(17);
    a.fill(3, 0, 5);
    releaseColumn(a, 5);
    const b = acquireColumn(17);
    expect(b).toBe(a);
    expect([...b].every((x) => x === 0)).toBe(true);
    expect(acquireColumn(17)).not.toBe(a);
  });
});
