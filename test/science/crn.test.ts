/**
 * Common random numbers and price formation (DESIGN 2b: "with CRN, hedging on vs off must change
 * the settlement price"; DESIGN 3). long-gamma-pin shortened to 07:15-08:05 UTC, seeds 1..3,
 * band hedging vs `none`. What must hold:
 * - the exogenous fundamental path is identical in both arms, after the whole run (each world's
 *   own path, read back at every grid second, and a path rebuilt from the `world/fundamental`
 *   stream), so nothing the dealer does draws from or moves the exogenous world;
 * - the market is identical until the dealer's first hedge order (paired runs diverge only
 *   through the hedge flow);
 * - after it, the hedge flow moves the perp mid, hence the index (an EMA of the mid), hence the
 *   settlement price (the TWAP of the index): the options settle on a price the hedgers moved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/engine/rng.js';
import { FundamentalPath } from '../../src/instruments/index.js';
import { Recorder, readArrowFile } from '../../src/output/index.js';
import { loadScenario } from '../../src/scenario/index.js';
import { buildWorld, planWorld } from '../../src/scenario/world.js';
import { runOnce } from '../../bench/science/harness.js';

const SCENARIO = 'scenarios/long-gamma-pin.yaml';
const BASE = ['clock.start_utc=2026-03-27T07:15:00Z', 'clock.duration=50m'];
const ARMS = { hedged: [] as string[], none: ['agents.dealers.hedge={policy: none}'] };
const SEEDS = [1, 2, 3];
const GRID_NS = 1e9;
const CRN_METADATA = { 'gammaloop.version': 'test', 'gammaloop.schema_version': '0', 'gammaloop.scenario_sha256': '', 'gammaloop.seed': '0' };

/** Builds the world of one arm, runs it to the end (tables discarded) and reads its fundamental path every second. */
function fundamentalAfterRun(seed: number, set: readonly string[]): Float64Array {
  const { scenario: s } = loadScenario(SCENARIO, { seed, set: [...BASE, ...set] });
  const plan = planWorld(s);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gammaloop-crn-'));
  const recorder = new Recorder({ dir, dictionaries: { agents: plan.agentNames, instruments: plan.instrumentNames, series: plan.seriesNames }, metadata: CRN_METADATA });
  try {
    const world = buildWorld(s, recorder);
    world.kernel.runUntil(world.endNs);
    world.kernel.stop();
    return Float64Array.from({ length: Math.floor(world.endNs / GRID_NS) + 1 }, (_, k) => world.fundamental.valueAt(k * GRID_NS));
  } finally {
    void recorder.abort();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface ArmMarket {
  settlement: number;
  tNs: Float64Array;
  mid: Float64Array;
  index: Float64Array;
  firstHedgeNs: number;
}

function marketOf(seed: number, set: readonly string[]): Promise<ArmMarket> {
  return runOnce(SCENARIO, seed, [...BASE, ...set], (run) => {
    const book = readArrowFile(run.files['book'] as string);
    const hedges = readArrowFile(run.files['hedges'] as string);
    const ht = hedges.numbers('t_ns');
    return {
      settlement: run.metrics['settlement_price'] as number,
      tNs: book.numbers('t_ns'),
      mid: book.numbers('mid'),
      index: book.numbers('index'),
      firstHedgeNs: ht.length > 0 ? (ht[0] as number) : Number.POSITIVE_INFINITY,
    };
  });
}

describe('science: common random numbers, hedging on vs off (DESIGN 2b)', () => {
  it.each(SEEDS)('seed %i: the exogenous fundamental path is identical in both arms after the whole run', (seed) => {
    const hedged = fundamentalAfterRun(seed, ARMS.hedged);
    const none = fundamentalAfterRun(seed, ARMS.none);
    expect(hedged.length).toBe(50 * 60 + 1);
    expect(hedged).toEqual(none);
    const { scenario: s } = loadScenario(SCENARIO, { seed, set: BASE });
    const u = s.underlying;
    const fresh = new FundamentalPath(
      { initialPrice: u.initialPrice, driftPerYear: u.fundamental.drift, volPerYear: u.fundamental.vol, jumpRatePerYear: u.fundamental.jumpRatePerYear, jumpMeanLog: u.fundamental.jumpMean, jumpStdLog: u.fundamental.jumpStdev, gridNs: u.fundamental.gridNs },
      RandomStream.derive(seed, 'world/fundamental'),
    );
    expect(Float64Array.from(hedged, (_, k) => fresh.valueAt(k * GRID_NS))).toEqual(hedged);
    // The path moves (it is not a constant that would make the comparison empty).
    expect(Math.max(...hedged) - Math.min(...hedged)).toBeGreaterThan(10);
  }, 60_000);

  it.each(SEEDS)('seed %i: same market until the first hedge; then hedging moves the mid, the index and the settlement price', async (seed) => {
    const hedged = await marketOf(seed, ARMS.hedged);
    const none = await marketOf(seed, ARMS.none);
    expect(none.firstHedgeNs).toBe(Number.POSITIVE_INFINITY);
    expect(hedged.firstHedgeNs).toBeLessThan(30 * 60e9);
    expect(hedged.tNs).toEqual(none.tNs);
    const before = hedged.tNs.findIndex((t) => t >= hedged.firstHedgeNs);
    expect(before).toBeGreaterThan(0);
    expect(hedged.mid.subarray(0, before)).toEqual(none.mid.subarray(0, before));
    expect(hedged.index.subarray(0, before)).toEqual(none.index.subarray(0, before));
    let midDiffers = 0;
    let indexDiffers = 0;
    for (let i = before; i < hedged.tNs.length; i++) {
      if (hedged.mid[i] !== none.mid[i]) midDiffers++;
      if (hedged.index[i] !== none.index[i]) indexDiffers++;
    }
    const after = hedged.tNs.length - before;
    expect(midDiffers / after).toBeGreaterThan(0.5);
    expect(indexDiffers / after).toBeGreaterThan(0.5);
    expect(Number.isFinite(hedged.settlement) && Number.isFinite(none.settlement)).toBe(true);
    // At least one tick (0.5) apart: the options settle on a price the hedge flow moved.
    expect(Math.abs(hedged.settlement - none.settlement)).toBeGreaterThanOrEqual(0.5);
  }, 60_000);
});
