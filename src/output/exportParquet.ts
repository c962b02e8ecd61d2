/**
 * Exports every Arrow table of a run or sweep directory as Parquet under `outDir` (default
 * `<dir>/parquet`), mirroring relative paths: a run's `trades.arrow` -> `parquet/trades.parquet`;
 * a sweep's Hive partitions `trades/cell=3/seed=17/part-0.arrow` -> `parquet/trades/cell=3/seed=17/
 * part-0.parquet` (so `read_parquet('parquet/trades/*\/*\/*.parquet', hive_partitioning = true)`
 * sees cell and seed), plus `cells` and `summary`. Each file is written to a temporary name and
 * renamed; files are visited in sorted order, so the output is deterministic.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { arrowToParquet } from './parquet.js';

export interface ExportedFile {
  /** Source, relative to the exported directory. */
  readonly arrow: string;
  /** Written file, absolute or relative as `outDir` was given. */
  readonly parquet: string;
  readonly bytes: number;
}

/** Every `.arrow` file under `dir` (relative paths, sorted), skipping `skipDir` and dot/underscore folders. */
function arrowFiles(dir: string, skipDir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = path.join(dir, rel);
    if (path.resolve(abs) === path.resolve(skipDir)) return;
    for (const e of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.isDirectory()) {
        if (!e.name.startsWith('_') && !e.name.startsWith('.')) walk(path.join(rel, e.name));
      } else if (e.name.endsWith('.arrow')) out.push(path.join(rel, e.name));
    }
  };
  walk('');
  return out;
}

/** Converts every table under `dir`; throws when there is none (not a run or sweep directory). */
export function exportParquet(dir: string, outDir = path.join(dir, 'parquet')): ExportedFile[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  const files = arrowFiles(dir, outDir);
  if (files.length === 0) throw new Error(`${dir} holds no .arrow tables (give a run or sweep directory)`);
  return files.map((rel) => {
    const target = path.join(outDir, rel.replace(/\.arrow$/, '.parquet'));
    const bytes = arrowToParquet(fs.readFileSync(path.join(dir, rel)));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, target);
    return { arrow: rel, parquet: target, bytes: bytes.length };
  });
}
