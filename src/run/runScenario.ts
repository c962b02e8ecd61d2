/**
 * One run end to end (DESIGN 2b "Running a world"): plan the world, open the recorder, build the
 * world, run it in slices, close the tables, compute the summary metrics from them, write the
 * `summary` table and `manifest.json`. `cli/` and sweep workers both call this, handing it a wall
 * clock for timings only.
 *
 * Nothing half-written survives: tables are written under `.tmp` names and renamed on close; a
 * failed run removes its `.tmp` files and leaves a manifest with `status: failed` and the error.
 * An interrupted run closes what it has (complete files up to the interrupt) with
 * `status: interrupted`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { METRICS, type Metrics } from '../analysis/metrics.js';
import { ALL_TABLES, EVENTS } from '../model/tables.js';
import { Recorder, runtimeVersions, tableSpec, writeManifest, writeTable, type RunStatus } from '../output/index.js';
import type { LoadedScenario } from '../scenario/index.js';
import { pluginSourcesOf } from '../scenario/registry.js';
import { buildWorld, planWorld } from '../scenario/world.js';
import { metricsFromTables } from './metricsFromTables.js';
import { runInSlices } from './slices.js';
import { eventsTracer, matchAgents } from './trace.js';
import { matchAgentGlobs, readTape, replayHook, TapeRecorder, writeTape } from './tape.js';
import { GAMMALOOP_VERSION, SCHEMA_VERSION } from './version.js';

export interface RunRequest {
  readonly loaded: LoadedScenario;
  /** Output directory (created). */
  readonly outDir: string;
  /** Wall clock in ms, for slice sizing and timings only. */
  readonly wallClockMs: () => number;
  /** Polled between slices; true interrupts the run (tables closed, status interrupted). */
  readonly shouldStop?: () => boolean;
  /** Called between slices. */
  readonly onProgress?: (simNowNs: number, endNs: number, events: number) => void;
  /** Record messages of agents matching this glob in the `events` table. */
  readonly trace?: string;
  /** Record the messages agents matching `agents` send to the tape `file` (run/tape.ts). */
  readonly record?: { readonly agents: string; readonly file: string };
  /** Replace agents matching `agents` by replay actors of their messages on the tape `file`. */
  readonly replay?: { readonly agents: string; readonly file: string };
  /** A table's path relative to outDir (sweeps: Hive partitions); default `<table>.arrow`. */
  readonly pathFor?: (table: string) => string;
  /** Extra manifest keys (e.g. a sweep cell). */
  readonly manifestExtra?: Readonly<Record<string, unknown>>;
  /** Write manifest.json (default true). */
  readonly writeManifest?: boolean;
}

export interface RunResult {
  readonly status: RunStatus;
  readonly outDir: string;
  /** Table name -> file path, for every table written (including `summary`). */
  readonly files: Readonly<Record<string, string>>;
  readonly rows: Readonly<Record<string, number>>;
  readonly metrics: Metrics;
  readonly events: number;
  readonly simTimeNs: number;
  readonly wallMs: number;
  readonly seed: number;
  readonly scenarioSha256: string;
}

/** The `summary` table: one row of every metric in {@link METRICS}. */
export const SUMMARY_TABLE = tableSpec(
  'summary',
  'One row of run metrics (definitions in docs/output.md).',
  METRICS.map((m) => ({ name: m.name, type: { kind: 'f64' as const }, unit: m.unit, description: m.definition })),
);

export async function runScenario(req: RunRequest): Promise<RunResult> {
  const { scenario: s, sha256 } = req.loaded;
  const start = req.wallClockMs();
  const pathFor = req.pathFor ?? ((t: string) => `${t}.arrow`);
  const fileOf = (t: string): string => path.join(req.outDir, pathFor(t));
  mkdirSync(req.outDir, { recursive: true });
  const plan = planWorld(s);
  const metadata = {
    'gammaloop.version': GAMMALOOP_VERSION,
    'gammaloop.schema_version': String(SCHEMA_VERSION),
    'gammaloop.scenario_sha256': sha256,
    'gammaloop.seed': String(s.seed),
    'gammaloop.scenario': s.name,
  };
  const enabled = [...s.output.tables, ...(req.trace !== undefined ? [EVENTS.name] : [])];
  const recorder = new Recorder({
    dir: req.outDir,
    enabled,
    dictionaries: { agents: plan.agentNames, instruments: plan.instrumentNames, series: plan.seriesNames },
    metadata,
    pathFor,
  });
  const plugins = pluginSourcesOf(s.agents.map((g) => g.kind));
  const manifestBase = {
    manifest_version: 1,
    seed: s.seed,
    scenario_sha256: sha256,
    versions: runtimeVersions(GAMMALOOP_VERSION),
    scenario: s,
    // Plug-in kinds this scenario uses: name, version, file and sha256 (absent for built-ins only).
    ...(plugins.length > 0 ? { plugins } : {}),
    ...(req.manifestExtra ?? {}),
  };
  let events = 0;
  let simTimeNs = 0;
  try {
    const label = `seed=${s.seed} scenario=${sha256.slice(0, 12)}`;
    const wrapAgent = req.replay ? replayHook(readTape(req.replay.file), plan.agentNames, matchAgentGlobs(plan.agentNames, req.replay.agents)) : undefined;
    const world = buildWorld(s, recorder, { label, ...(wrapAgent ? { wrapAgent } : {}) });
    if (req.trace !== undefined && req.record !== undefined) throw new Error('a run cannot both --trace and record a tape');
    if (req.trace !== undefined) world.kernel.setTracer(eventsTracer(recorder.recorder(EVENTS)), matchAgents(plan.agentNames, req.trace));
    const tape = req.record ? new TapeRecorder() : undefined;
    if (tape && req.record) world.kernel.setTracer(tape, matchAgentGlobs(plan.agentNames, req.record.agents));
    const sliced = await runInSlices(world.kernel, world.endNs, {
      wallClockMs: req.wallClockMs,
      ...(req.shouldStop ? { shouldStop: req.shouldStop } : {}),
      betweenSlices: async (now, n) => {
        await recorder.drain();
        req.onProgress?.(now, world.endNs, n);
      },
    });
    if (!sliced.interrupted) world.kernel.stop();
    events = world.kernel.eventsProcessed;
    simTimeNs = world.kernel.now;
    checkMoney(world.venues, world.kernel.label);
    if (tape && req.record) writeTape(req.record.file, tape.tape(plan.agentNames));
    const rows: Record<string, number> = { ...(await recorder.close()) };
    removeStaleTables(fileOf, new Set([...Object.keys(rows), 'summary']));
    const metrics = metricsFromTables(s, plan, fileOf);
    const summaryColumns = Object.fromEntries(METRICS.map((m) => [m.name, [metrics[m.name] as number]]));
    mkdirSync(path.dirname(fileOf('summary')), { recursive: true });
    rows['summary'] = await writeTable(fileOf('summary'), SUMMARY_TABLE, summaryColumns, { metadata: { ...metadata, 'gammaloop.table': 'summary' } });
    const status: RunStatus = sliced.interrupted ? 'interrupted' : 'complete';
    const wallMs = req.wallClockMs() - start;
    if (req.writeManifest !== false) {
      writeManifest(req.outDir, { ...manifestBase, status, wall_time_ms: Math.round(wallMs), events, sim_time_ns: simTimeNs, rows, error: null, metrics: jsonMetrics(metrics) });
    }
    const files = Object.fromEntries(Object.keys(rows).map((t) => [t, fileOf(t)]));
    return { status, outDir: req.outDir, files, rows, metrics, events, simTimeNs, wallMs, seed: s.seed, scenarioSha256: sha256 };
  } catch (err) {
    await recorder.abort();
    // No table of a failed run survives: a manifest saying `failed` never sits over tables.
    try {
      for (const t of ALL_TABLES) rmSync(fileOf(t.name), { force: true });
      rmSync(fileOf('summary'), { force: true });
    } catch {
      // Unremovable means unwritable: nothing of this run was written there either.
    }
    if (req.writeManifest !== false) {
      const message = err instanceof Error ? err.message : String(err);
      try {
        writeManifest(req.outDir, { ...manifestBase, status: 'failed', wall_time_ms: Math.round(req.wallClockMs() - start), events, sim_time_ns: simTimeNs, rows: {}, error: message });
      } catch {
        // The directory is unwritable (the error being reported may be exactly that): the caller
        // reports the original error and checks whether a manifest exists.
      }
    }
    throw err;
  }
}

/** NaN and Infinity are not JSON: they become null. */
export function jsonMetrics(m: Metrics): Record<string, number | null> {
  return Object.fromEntries(METRICS.map((d) => [d.name, Number.isFinite(m[d.name]) ? (m[d.name] as number) : null]));
}

/** Money is conserved at every venue: a broken invariant, so it throws (naming the run). */
function checkMoney(venues: readonly { moneyCheck(): { clearingTotalUnits: number; depositedUnits: number; spotTotalUnits: number } }[], label: string): void {
  venues.forEach((v, i) => {
    const m = v.moneyCheck();
    if (m.clearingTotalUnits !== m.depositedUnits || m.spotTotalUnits !== 0) {
      throw new Error(`money not conserved at venue ${i}: clearing ${m.clearingTotalUnits} vs deposited ${m.depositedUnits}, spot ${m.spotTotalUnits} [${label}]`);
    }
  });
}

/** Table files a previous run left in this directory that this run did not write. */
function removeStaleTables(fileOf: (t: string) => string, written: ReadonlySet<string>): void {
  for (const t of ALL_TABLES) if (!written.has(t.name)) rmSync(fileOf(t.name), { force: true });
}
