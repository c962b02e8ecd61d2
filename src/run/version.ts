/** Versions written into every table's metadata and manifest. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** package.json version (read once; dist/src/run -> ../../../package.json). */
function packageVersion(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const p = require(rel) as { name?: string; version?: string };
      if (p.name === 'gammaloop' && typeof p.version === 'string') return p.version;
    } catch {
      // try the next layout (source vs dist)
    }
  }
  return '0.0.0';
}

export const GAMMALOOP_VERSION = packageVersion();
/** Version of the table layout (columns, types, meanings); bump on any change. */
export const SCHEMA_VERSION = 1;
