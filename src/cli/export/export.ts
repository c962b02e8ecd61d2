/** `gammaloop export`: converts the directory's tables; a missing or table-less directory is a usage error (exit 2). */
import * as fs from 'node:fs';
import { exportParquet } from '../../output/exportParquet.js';
import type { ExportArgs } from '../commands/export.js';
import { usageError } from '../errors.js';
import { log, out } from '../term.js';

export async function exportCommand(args: ExportArgs): Promise<number> {
  if (!fs.existsSync(args.dir)) throw usageError(`no such directory: ${args.dir}`);
  let files;
  try {
    files = args.out === undefined ? exportParquet(args.dir) : exportParquet(args.dir, args.out);
  } catch (err) {
    if (/holds no \.arrow tables|is not a directory/.test((err as Error).message)) throw usageError((err as Error).message);
    throw err;
  }
  if (args.json) out(JSON.stringify({ format: args.format, files }, null, 2));
  if (!args.quiet) {
    const bytes = files.reduce((s, f) => s + f.bytes, 0);
    log(`exported ${files.length} table file${files.length === 1 ? '' : 's'} as Parquet (ZSTD), ${(bytes / 1e6).toFixed(1)} MB -> ${args.out ?? `${args.dir}/parquet`}`);
  }
  return 0;
}
