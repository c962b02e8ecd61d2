/**
 * Opens an Arrow file for the CLI with user-facing errors (exit 2): a missing path, a directory,
 * or a file that is not Arrow IPC (neither the `ARROW1` file magic nor a stream's continuation
 * marker) is reported by name instead of as an apache-arrow stack trace.
 */
import * as fs from 'node:fs';
import { ArrowReadError, readArrowBytes, type ArrowFile } from '../../output/reader.js';
import { usageError } from '../errors.js';

const FILE_MAGIC = 'ARROW1';

/** True when the bytes start like an Arrow IPC file or stream. */
export function looksLikeArrow(bytes: Uint8Array): boolean {
  if (bytes.length >= 6 && new TextDecoder().decode(bytes.subarray(0, 6)) === FILE_MAGIC) return true;
  // Stream format: each message starts with the 0xFFFFFFFF continuation marker.
  return bytes.length >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff;
}

/** Reads `path` as Arrow or throws a usage error saying why it cannot. */
export function openArrow(path: string): ArrowFile {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    throw usageError(`no such file: ${path}`);
  }
  if (stat.isDirectory()) throw usageError(`${path} is a directory; give one .arrow file (e.g. ${path.replace(/\/$/, '')}/trades.arrow)`);
  const bytes = fs.readFileSync(path);
  try {
    // readArrowBytes checks the framing first (empty, cut short, not Arrow) and says which.
    return readArrowBytes(bytes, path);
  } catch (err) {
    if (err instanceof ArrowReadError) throw usageError(err.message);
    throw usageError(`${path} could not be read as Arrow: ${err instanceof Error ? err.message : String(err)}`);
  }
}
