/**
 * Issue 16 item 5: every value the schema accepts runs, and values the engine cannot hold are
 * rejected at validation with their dotted path (src/model/capacity.ts derives each bound). On
 * the code before, `partial_fraction: 0`, `noise.count: 1000000` and `noise.collateral: 1e12`
 * passed validation and failed inside the run with internal names; a 1e8 BTC scheduled order and
 * `vol: 1e6` ran as silent no-ops.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_AGENT_COLLATERAL, MAX_FUNDAMENTAL_VOL, MAX_GROUP_COUNT, MONEY_CEILING } from '../../../src/model/capacity.js';
import { runScenario } from '../../../src/run/index.js';
import { ScenarioError, loadScenario } from '../../../src/scenario/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-capacity-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SHORT = ['clock.duration=10s', 'agents.makers.count=2', 'agents.noise.count=5'];

function issuesOf(set: string[]): { path: string; message: string }[] {
  try {
    loadScenario('test/fixtures/scenarios/baseline-gaussian.yaml', { set: [...SHORT, ...set] });
    return [];
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return err.issues.map((i) => ({ path: i.path, message: i.message }));
  }
}

describe('capacity bounds are validation errors at the right path', () => {
  const rejected: ReadonlyArray<readonly [string, string[], string, RegExp]> = [
    ['partial_fraction 0 (never closes anything)', ['venues.cex.liquidation.partial_fraction=0'], 'venues.cex.liquidation.partial_fraction', />0/],
    ['a million agents in a group', ['agents.noise.count=1000000'], 'agents.noise.count', /<=100000/],
    ['more agents in all than the memory bound', ['agents.noise.count=100000', 'agents.makers.count=99999', 'agents.trend.count=200', 'agents.noise.collateral=1', 'agents.makers.collateral=1', 'agents.trend.collateral=1'], 'agents.noise.count', /at most 200,000 are supported/],
    ['collateral 1e12 per agent', ['agents.noise.collateral=1e12'], 'agents.noise.collateral', /<=1000000000/],
    ['a venue total beyond the money range', ['agents.noise.count=1000', 'agents.noise.collateral=2e8', 'agents.noise.leverage=1'], 'agents.noise.collateral', /deposit 200,000,000,000 USD at venue "cex"/],
    ['a scheduled market order of 1e8 BTC', ['schedule=[{at: 5s, action: market_order, venue: cex, instrument: BTC-PERP, side: buy, size: 100000000}]'], 'schedule.0.size', /notional .* is 6.00e\+12; at most 1e\+11/],
    ['fundamental vol 1e6', ['underlying.fundamental.vol=1e6'], 'underlying.fundamental.vol', /<=5/],
  ];
  it.each(rejected)('%s', (_name, set, where, message) => {
    const issues = issuesOf(set);
    expect(issues.map((i) => i.path), JSON.stringify(issues)).toContain(where);
    expect(issues.find((i) => i.path === where)?.message).toMatch(message);
  });

  it('the bounds follow from the money representation (2^53 units of 1e-4), not from a run', () => {
    expect(MONEY_CEILING).toBeCloseTo(9.007e11, -8);
    expect(MAX_AGENT_COLLATERAL * 200).toBeLessThanOrEqual(MONEY_CEILING / 4);
    expect(MAX_GROUP_COUNT).toBe(100_000);
    expect(MAX_FUNDAMENTAL_VOL).toBe(5);
  });
});

describe('the largest accepted values run', () => {
  const accepted: ReadonlyArray<readonly [string, string[]]> = [
    ['partial_fraction just above 0', ['venues.cex.liquidation.partial_fraction=0.001']],
    ['collateral at its bound with leverage 200 on one agent', ['agents.trend.collateral=1e9', 'agents.trend.leverage=200', 'agents.trend.count=1']],
    ['fundamental vol at its bound', ['underlying.fundamental.vol=5']],
    ['a scheduled market order at the notional bound', ['schedule=[{at: 5s, action: market_order, venue: cex, instrument: BTC-PERP, side: buy, size: 1666666}]']],
  ];
  it.each(accepted)('%s', async (name, set) => {
    expect(issuesOf(set)).toEqual([]);
    const loaded = loadScenario('test/fixtures/scenarios/baseline-gaussian.yaml', { set: [...SHORT, ...set] });
    const r = await runScenario({ loaded, outDir: path.join(tmp, name.replace(/\W+/g, '-')), wallClockMs: () => 0 });
    expect(r.status).toBe('complete');
  }, 60_000);
});

describe('option sizes found by the fuzzer (cases 1014, 1015: premiums beyond the money range)', () => {
  const OPTIONS = 'scenarios/short-gamma-squeeze.yaml';
  it('contract_size above 10 is rejected at its path', () => {
    try {
      loadScenario(OPTIONS, { set: ['venues.cex.options.contract_size=1000'] });
      expect.unreachable('contract_size 1000 must be rejected');
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      expect((err as ScenarioError).issues.map((i) => i.path)).toContain('venues.cex.options.contract_size');
    }
  });
  it('open interest whose notional exceeds 1e11 is rejected at its contracts', () => {
    try {
      loadScenario(OPTIONS, { set: ['open_interest.0.contracts=10000000'] });
      expect.unreachable('1e7 contracts must be rejected');
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      const issue = (err as ScenarioError).issues.find((i) => i.path === 'open_interest.0.contracts');
      expect(issue?.message).toMatch(/notional .* at most 1e\+11 per entry/);
    }
  });
});
