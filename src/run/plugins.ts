/**
 * Plug-in files (`--plugin FILE`, DESIGN 2b): an ES module whose default export is
 * `{ name, version, agentKinds: [{ kind, schema, factory, description? }] }`. Loading one reads the
 * file's bytes (their sha256 goes into run and sweep manifests), imports it and registers each kind
 * with registerAgentKind. Sweep workers load the same files and check the hash, so every run of a
 * sweep uses the same plug-in code.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PluginError, registerAgentKind, type AgentKindDefinition, type PluginSource } from '../scenario/registry.js';

/** What a plug-in module's default export must look like. */
export interface GammaloopPlugin {
  readonly name: string;
  readonly version: string;
  readonly agentKinds: readonly AgentKindDefinition<never>[];
}

/** A loaded plug-in as recorded in manifests and sweep specs. */
export interface PluginRecord {
  readonly name: string;
  readonly version: string;
  /** Absolute path of the file. */
  readonly file: string;
  readonly sha256: string;
  readonly kinds: readonly string[];
}

/**
 * Loads and registers the plug-in at `file` (relative to `cwd`). When `expectSha256` is given the
 * file must still hash to it (sweep workers). Throws {@link PluginError} with the file named.
 */
export async function loadPlugin(file: string, options: { readonly cwd?: string; readonly expectSha256?: string } = {}): Promise<PluginRecord> {
  const abs = path.resolve(options.cwd ?? process.cwd(), file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (err) {
    throw new PluginError(`cannot read plug-in ${file}: ${(err as Error).message}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (options.expectSha256 !== undefined && sha256 !== options.expectSha256) {
    throw new PluginError(`plug-in ${file} changed since the sweep was planned (sha256 ${sha256.slice(0, 12)}, expected ${options.expectSha256.slice(0, 12)})`);
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
  } catch (err) {
    throw new PluginError(`cannot import plug-in ${file}: ${(err as Error).message}`);
  }
  const p = mod.default as Partial<GammaloopPlugin> | undefined;
  if (p === undefined || p === null || typeof p !== 'object') throw new PluginError(`plug-in ${file} has no default export (export default { name, version, agentKinds: [...] })`);
  if (typeof p.name !== 'string' || p.name === '') throw new PluginError(`plug-in ${file}: default export needs a name (string)`);
  if (typeof p.version !== 'string' || p.version === '') throw new PluginError(`plug-in ${file}: default export needs a version (string)`);
  if (!Array.isArray(p.agentKinds) || p.agentKinds.length === 0) throw new PluginError(`plug-in ${file}: default export needs agentKinds, a non-empty array of { kind, schema, factory }`);
  const source: PluginSource = { name: p.name, version: p.version, file: abs, sha256 };
  const kinds: string[] = [];
  for (const def of p.agentKinds) {
    try {
      registerAgentKind(def as AgentKindDefinition, source);
    } catch (err) {
      throw new PluginError(`plug-in ${file}: ${(err as Error).message}`);
    }
    kinds.push((def as AgentKindDefinition).kind);
  }
  return { name: p.name, version: p.version, file: abs, sha256, kinds };
}

/** Loads plug-ins in order (the order registers their kinds in). */
export async function loadPlugins(files: readonly string[], cwd?: string): Promise<PluginRecord[]> {
  const out: PluginRecord[] = [];
  for (const f of files) out.push(await loadPlugin(f, cwd === undefined ? {} : { cwd }));
  return out;
}
