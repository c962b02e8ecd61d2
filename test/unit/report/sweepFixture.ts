/**
 * A synthetic collected sweep directory written with src/output: 2 cells (agents.makers.size
 * 0.2 and 0.4) x 3 seeds. liquidation_count is 10, 20, 30 in cell 0 (mean 20, sd 10) and 5 in
 * every seed of cell 1 (sd 0); hedge_volume is 0 everywhere; the other metrics are NaN.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { METRICS } from '../../../src/analysis/metrics.js';
import type { ColumnSpec } from '../../../src/model/tables.js';
import { tableSpec, writeTable, type ColumnValues } from '../../../src/output/index.js';

export const SWEEP = { cells: [0.2, 0.4], seeds: [1, 2, 3], liquidations: [[10, 20, 30], [5, 5, 5]] };

export async function writeSweepDir(dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const meta = { 'gammaloop.version': '0.1.0' };
  const col = (name: string, kind: 'i64' | 'f64'): ColumnSpec => ({ name, type: { kind }, unit: '', description: name });
  const cells = tableSpec('cells', 'cells', [col('cell', 'i64'), col('agents.makers.size', 'f64')]);
  await writeTable(path.join(dir, 'cells.arrow'), cells, { cell: [0, 1], 'agents.makers.size': SWEEP.cells }, { metadata: meta });
  const summary = tableSpec('summary', 'summary', [col('cell', 'i64'), col('seed', 'i64'), ...METRICS.map((m) => col(m.name, 'f64'))]);
  const cols: Record<string, ColumnValues> = { cell: [0, 0, 0, 1, 1, 1], seed: [1, 2, 3, 1, 2, 3] };
  for (const m of METRICS) cols[m.name] = [0, 1, 2, 3, 4, 5].map(() => Number.NaN);
  cols['liquidation_count'] = SWEEP.liquidations.flat();
  cols['hedge_volume'] = [0, 0, 0, 0, 0, 0];
  await writeTable(path.join(dir, 'summary.arrow'), summary, cols, { metadata: meta });
  const manifest = {
    cells: 2, events: 1000, failures: [], kind: 'sweep', manifest_version: 1, missing: [], rows: { summary: 6 },
    runs: { complete: 6, failed: 0, missing: 0, total: 6 }, scenario: 'synthetic-sweep', scenario_sha256: 'ab'.repeat(32), seeds: SWEEP.seeds,
    set: ['clock.duration=5m'], status: 'complete', sweep_sha256: 'cd'.repeat(32), swept: ['agents.makers.size'], versions: { 'apache-arrow': '21.2.0', gammaloop: '0.1.0', node: '20' },
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}
