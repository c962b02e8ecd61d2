/**
 * `--plugin FILE` (a global flag, repeatable): loads each plug-in before the command's work, so
 * its agent kinds validate, run and appear in `gammaloop schema` like the built-ins. The loaded
 * plug-ins are kept for the command (the sweep hands them to its workers).
 */
import type { PluginRecord } from '../run/plugins.js';
import { usageError } from './errors.js';

let loaded: PluginRecord[] = [];

/** Plug-ins loaded by this process's command. */
export function loadedPlugins(): readonly PluginRecord[] {
  return loaded;
}

/** Loads the `--plugin` files named in parsed `args` (none: nothing imported). Bad plug-ins exit 2. */
export async function loadCliPlugins(args: unknown): Promise<void> {
  const raw = (args as Record<string, unknown> | null)?.['plugin'];
  const files = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).map(String);
  if (files.length === 0) return;
  const { loadPlugin } = await import('../run/plugins.js');
  const { PluginError } = await import('../scenario/registry.js');
  for (const f of files) {
    try {
      loaded.push(await loadPlugin(f));
    } catch (err) {
      if (err instanceof PluginError) throw usageError(err.message);
      throw err;
    }
  }
  loaded = [...loaded];
}
