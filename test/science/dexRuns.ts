/**
 * Runs a scenario in memory for the DEX tests (issue 6): load (file or inline YAML, `--set`
 * overrides, seed), build the world with an in-memory recorder holding only the tables asked
 * for, run to the end. Rows are plain numbers (dictionary columns as ids; names through
 * `plan`). Helpers read the rows the acceptance tests measure.
 */
import { AGENT_KINDS } from '../../src/scenario/agentKinds.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { ResolvedScenario } from '../../src/scenario/resolvedTypes.js';
import { buildWorld, type World, type WorldPlan } from '../../src/scenario/world.js';
import { nullAppender, type Appender, type TableSpec } from '../../src/model/tables.js';
import { MemAppender } from '../unit/venue/harness.js';
import { memFiles } from '../unit/scenario/memFiles.js';

export interface MemRun {
  readonly scenario: ResolvedScenario;
  readonly plan: WorldPlan;
  readonly world: World;
  /** The recorded table (throws when it was not asked for). */
  table(spec: TableSpec): MemAppender;
  /** Actor id of a venue or agent by name. */
  id(name: string): number;
  /** Dictionary index of an instrument name (`dex:BTC-PERP` when two venues list BTC-PERP). */
  instrument(name: string): number;
}

export interface RunOptions {
  readonly set?: readonly string[];
  readonly seed?: number;
  /** Inline YAML instead of reading `file` from disk (`file` then only names it). */
  readonly text?: string;
}

/** Loads, builds and runs `file` to its end, recording `tables` in memory. */
export function runInMemory(file: string, tables: readonly TableSpec[], opts: RunOptions = {}): MemRun {
  const text = opts.text;
  const loaded = loadScenario(file, {
    kinds: AGENT_KINDS,
    ...(opts.set ? { set: opts.set } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(text !== undefined ? { readText: memFiles({ [file]: text }) } : {}),
  });
  const mem = new Map<string, MemAppender>();
  for (const t of tables) mem.set(t.name, new MemAppender(t));
  const recorder = { recorder: (spec: TableSpec): Appender => mem.get(spec.name) ?? nullAppender(spec) };
  const world = buildWorld(loaded.scenario, recorder);
  world.kernel.runUntil(world.endNs);
  const plan = world.plan;
  return {
    scenario: loaded.scenario,
    plan,
    world,
    table(spec) {
      const t = mem.get(spec.name);
      if (t === undefined) throw new Error(`table ${spec.name} was not recorded`);
      return t;
    },
    id(name) {
      const i = plan.agentNames.indexOf(name);
      if (i < 0) throw new Error(`no actor ${name}`);
      return i;
    },
    instrument(name) {
      const i = plan.instrumentNames.indexOf(name);
      if (i < 0) throw new Error(`no instrument ${name}`);
      return i;
    },
  };
}
