/**
 * Plug-in agent kinds (DESIGN 2b): a user's own kind joins the built-in list through one explicit
 * call, {@link registerAgentKind}, before the scenario is loaded; nothing registers by import side
 * effect. Registered kinds are validated and located by the same schema path as the built-ins
 * (their zod schema becomes one more branch of the `agents:` discriminated union) and built by the
 * same world builder, so their members get ids, names, named streams and link latencies like
 * any other agent. The list is process-wide; registering is idempotent for the same definition
 * and an error for a different one under a taken name.
 */
import type { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import type { Message } from '../model/messages.js';
import type { AgentEnv } from '../agents/kind.js';
import { AGENT_KINDS, type AnyAgentKind } from './agentKinds.js';
import { NAME_PATTERN } from './venueSchema.js';

/** Where a registered kind came from (recorded in run manifests). */
export interface PluginSource {
  /** Plug-in name (a package-like name). */
  readonly name: string;
  readonly version: string;
  /** The plug-in file as loaded (absolute path) and its sha256; absent for kinds registered in code. */
  readonly file?: string;
  readonly sha256?: string;
}

/**
 * A plug-in agent kind. `schema` must be a strict zod object with a `kind` literal equal to `kind`
 * and a `count` (use `groupFields(kind)` from the package); `factory` builds one actor per member.
 */
export interface AgentKindDefinition<P extends { kind: string; count: number } = { kind: string; count: number } & Record<string, unknown>> {
  readonly kind: string;
  readonly schema: z.ZodType<P>;
  factory(params: P, env: AgentEnv): Actor<AgentContext, Message>;
  readonly description?: string;
}

interface Registered {
  readonly def: AgentKindDefinition;
  readonly kind: AnyAgentKind;
  readonly source: PluginSource;
}

// Process-wide by design (DESIGN 2b: one explicit call adds a kind for every later load and run).
const registered: Registered[] = [];
let generation = 0;

/** Thrown for a definition that cannot be registered. */
export class PluginError extends Error {
  override readonly name = 'PluginError';
}

/**
 * Adds an agent kind for every scenario loaded and run after this call. Returns the kind as the
 * scenario layer sees it. Throws {@link PluginError} when the name is taken by a built-in or by a
 * different registered definition, or when the schema is not an object with that `kind` literal.
 */
export function registerAgentKind<P extends { kind: string; count: number }>(def: AgentKindDefinition<P>, source?: PluginSource): AnyAgentKind {
  const d = def as unknown as AgentKindDefinition;
  if (typeof d.kind !== 'string' || !NAME_PATTERN.test(d.kind)) throw new PluginError(`agent kind name ${JSON.stringify(d.kind)} must be lower snake case ([a-z][a-z0-9_]*)`);
  if (typeof d.factory !== 'function') throw new PluginError(`agent kind "${d.kind}": factory must be a function (params, env) => actor`);
  if (AGENT_KINDS.some((k) => k.kind === d.kind)) throw new PluginError(`agent kind "${d.kind}" is built in; choose another name`);
  const kindField = (d.schema as unknown as { shape?: Record<string, { value?: unknown; safeParse?: (v: unknown) => { success: boolean } }> }).shape?.['kind'];
  if (kindField === undefined || kindField.safeParse?.(d.kind).success !== true) {
    throw new PluginError(`agent kind "${d.kind}": schema must be a z.object with kind: z.literal("${d.kind}") (use groupFields("${d.kind}"))`);
  }
  const existing = registered.find((r) => r.def.kind === d.kind);
  if (existing !== undefined) {
    if (existing.def === d || (existing.def.schema === d.schema && existing.def.factory === d.factory)) return existing.kind;
    if (source?.sha256 !== undefined && source.sha256 === existing.source.sha256) return existing.kind;
    throw new PluginError(`agent kind "${d.kind}" is already registered by ${existing.source.name}@${existing.source.version}`);
  }
  const kind: AnyAgentKind = {
    kind: d.kind,
    description: d.description ?? `Plug-in agent kind "${d.kind}".`,
    schema: d.schema,
    create: (params, env) => d.factory(params as Parameters<typeof d.factory>[0], env),
  };
  registered.push({ def: d, kind, source: source ?? { name: d.kind, version: 'unversioned' } });
  generation++;
  return kind;
}

/** Built-in kinds, then registered ones in registration order. */
export function agentKinds(): readonly AnyAgentKind[] {
  return registered.length === 0 ? AGENT_KINDS : [...AGENT_KINDS, ...registered.map((r) => r.kind)];
}

/** Changes whenever a kind is registered (for callers that cache a schema built over the kinds). */
export function registryGeneration(): number {
  return generation;
}

/** The plug-in sources of the registered kinds among `kindNames`, one entry per source, with its kinds. */
export function pluginSourcesOf(kindNames: Iterable<string>): (PluginSource & { readonly kinds: readonly string[] })[] {
  const wanted = new Set(kindNames);
  const out = new Map<string, PluginSource & { kinds: string[] }>();
  for (const r of registered) {
    if (!wanted.has(r.def.kind)) continue;
    const key = `${r.source.name}@${r.source.version}@${r.source.sha256 ?? ''}`;
    const entry = out.get(key) ?? { ...r.source, kinds: [] };
    entry.kinds.push(r.def.kind);
    out.set(key, entry);
  }
  return [...out.values()];
}
