/** Test helper: the data files of a sweep directory, for byte-for-byte comparisons. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every file under `dir` except the `_done`/`_failed` markers (they hold wall times): relative path -> bytes. */
export function sweepFilesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '_done' && e.name !== '_failed') walk(p);
      } else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}
