/**
 * The bad-scenario corpus (test/fixtures/scenarios/bad): every file or flag mistake a user can
 * make must produce exactly the expected located errors, `file:line:col` (or the flag) plus a
 * message fragment, and nothing else. Most cases extend `_base.yaml`, a valid scenario, so each
 * file holds only its mistake; files starting with `_` are bases, not cases.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ScenarioError, formatLocation, sortIssues } from '../../../src/scenario/errors.js';
import { loadScenario, type LoadOptions } from '../../../src/scenario/load.js';
import { TEST_KINDS } from './testKinds.js';

const DIR = 'test/fixtures/scenarios/bad';
const f = (name: string): string => `${DIR}/${name}`;

interface Case {
  readonly file: string;
  readonly set?: readonly string[];
  readonly seed?: number;
  /** Expected errors in reporting order: [location, message fragment]. */
  readonly errors: readonly (readonly [string, string])[];
}

const CASES: readonly Case[] = [
  { file: 'syntax_error.yaml', errors: [[f('syntax_error.yaml:3:1'), 'YAML syntax error: Flow map in block collection']] },
  { file: 'unknown_key.yaml', errors: [[f('unknown_key.yaml:4:5'), 'agents.takers: Unrecognized key "levrage" (did you mean "leverage"?)']] },
  { file: 'unknown_top_key.yaml', errors: [[f('unknown_top_key.yaml:2:1'), 'Unrecognized key "agnets" (did you mean "agents"?)']] },
  { file: 'wrong_type.yaml', errors: [[f('wrong_type.yaml:3:18'), 'underlying.initial_price: Invalid type: expected number, received "sixty thousand"']] },
  { file: 'not_a_number.yaml', errors: [[f('not_a_number.yaml:3:18'), 'expected number, received NaN']] },
  { file: 'negative_size.yaml', errors: [[f('negative_size.yaml:8:11'), 'schedule.0.size: Too small: expected number to be >0']] },
  { file: 'probability_above_one.yaml', errors: [[f('probability_above_one.yaml:5:13'), 'agents.takers.hedge.band: Too big: expected number to be <=1']] },
  { file: 'missing_extends.yaml', errors: [[f('missing_extends.yaml:2:10'), `extends: cannot read base file "${f('no_such_base.yaml')}": no such file`]] },
  { file: 'duplicate_key.yaml', errors: [[f('duplicate_key.yaml:3:1'), 'name: duplicate key "name"']] },
  { file: 'duplicate_nested_key.yaml', errors: [[f('duplicate_nested_key.yaml:7:7'), 'agents.takers.hedge.band: duplicate key "band"']] },
  { file: 'bad_duration.yaml', errors: [[f('bad_duration.yaml:3:13'), 'clock.duration: invalid duration "8 hours"']] },
  { file: 'empty.yaml', errors: [[f('empty.yaml:1:1'), 'empty file']] },
  { file: 'top_level_list.yaml', errors: [[f('top_level_list.yaml:1:1'), 'the top level must be a map of scenario keys']] },
  {
    file: 'unknown_kind.yaml',
    errors: [[f('unknown_kind.yaml:4:11'), 'agents.dealers.kind: Unknown kind "test_dealr" (did you mean "test_dealer"?); valid kinds: test_taker, test_dealer']],
  },
  { file: 'bad_group_name.yaml', errors: [[f('bad_group_name.yaml:3:3'), 'Invalid name "Big-Dealers": group names are lower snake case']] },
  { file: 'bad_enum.yaml', errors: [[f('bad_enum.yaml:5:15'), 'Invalid value "bnad": expected one of "band", "time" or "none" (did you mean "band"?)']] },
  { file: 'bad_action.yaml', errors: [[f('bad_action.yaml:3:23'), 'Unknown action "market_ordr" (did you mean "market_order"?)']] },
  {
    file: 'off_grid_price.yaml',
    errors: [[f('off_grid_price.yaml:3:18'), 'underlying.initial_price: 60000.25 is not on the tick grid of cex BTC-PERP (tick_size 0.5); nearest 60000 or 60000.5']],
  },
  { file: 'off_grid_size.yaml', errors: [[f('off_grid_size.yaml:3:88'), 'schedule.0.size: 0.0005 is not on the lot grid of cex BTC-PERP']] },
  { file: 'bad_utc_instant.yaml', errors: [[f('bad_utc_instant.yaml:3:14'), 'clock.start_utc: invalid UTC instant "2026-02-30T00:00:00Z"']] },
  {
    file: 'cycle_a.yaml',
    errors: [[f('cycle_b.yaml:1:10'), `extends: extends cycle: ${f('cycle_a.yaml')} -> ${f('cycle_b.yaml')} -> ${f('cycle_a.yaml')}`]],
  },
  // The base's own error carries the base's path and line; the child's keys are fine.
  { file: 'error_in_base.yaml', errors: [[f('_broken_base.yaml:7:18'), 'underlying.initial_price: Too small: expected number to be >0']] },
  // A missing key is reported at the map that lacks it.
  { file: 'missing_required.yaml', errors: [[f('missing_required.yaml:2:1'), 'clock.duration: Missing required key "duration" (expected string)']] },
  { file: 'unknown_venue_ref.yaml', errors: [[f('unknown_venue_ref.yaml:4:12'), 'agents.takers.venue: unknown venue "cexx" (did you mean "cex"?)']] },
  { file: 'schedule_after_end.yaml', errors: [[f('schedule_after_end.yaml:3:11'), 'schedule.0.at: is after the end of the run (9h > clock.duration 8h)']] },
  // Agent parameters that name venues and option series are checked against the scenario.
  {
    file: 'unknown_position_series.yaml',
    errors: [
      [f('unknown_position_series.yaml:14:19'), 'agents.dealers.positions.1.series: unknown option series at venue "cex" "BTC-20260327T0800-60000-X" (did you mean "BTC-20260327T0800-60000-C"?)'],
      [f('unknown_position_series.yaml:19:20'), 'agents.dealers2.options_venue: venue "spot_only" has no options desk'],
    ],
  },
  { file: 'unlisted_series.yaml', errors: [[f('unlisted_series.yaml:3:59'), 'open_interest.0.strike: no listed call series']] },
  // A plain union (latency) reports the branch the input aimed at, not every branch.
  {
    file: 'bad_latency.yaml',
    errors: [
      [f('bad_latency.yaml:5:7'), 'venues.cex.latency.order_entry.cap: Missing required key "cap"'],
      [f('bad_latency.yaml:5:7'), 'venues.cex.latency.order_entry.sigma: Missing required key "sigma"'],
    ],
  },
  // DEX venues (kind: dex): strict fields, presets, no options desk, oracle sources and congestion checked.
  { file: 'dex_unknown_key.yaml', errors: [[f('dex_unknown_key.yaml:6:32'), 'venues.dex.chain: Unrecognized key "block_tme" (did you mean "block_time"?)']] },
  { file: 'dex_bad_preset.yaml', errors: [[f('dex_bad_preset.yaml:6:23'), 'venues.dex.oracle.preset: Invalid value "chainlnk": expected one of "chainlink", "pyth" or "hyperliquid" (did you mean "chainlink"?)']] },
  { file: 'dex_options_desk.yaml', errors: [[f('dex_options_desk.yaml:6:5'), 'venues.dex: Unrecognized key "options"']] },
  {
    file: 'dex_oracle_source.yaml',
    errors: [
      [f('dex_oracle_source.yaml:6:32'), 'venues.dex.oracle.source.venue: unknown venue "cexx" (did you mean "cex"?)'],
      [f('dex_oracle_source.yaml:10:49'), 'venues.dex2.oracle.source.instrument: unknown instrument at venue "cex" "BTC-PERPP"'],
    ],
  },
  {
    file: 'dex_congestion.yaml',
    errors: [
      [f('dex_congestion.yaml:6:57'), 'venues.dex.congestion.0.block_time: must be > 0'],
      [f('dex_congestion.yaml:8:42'), 'schedule.0.venue: congestion applies to a dex venue; "cex" is a cex'],
    ],
  },
  // All errors at once, sorted by position.
  {
    file: 'several_errors.yaml',
    errors: [
      [f('several_errors.yaml:2:7'), 'seed: Too small: expected number to be >=0'],
      [f('several_errors.yaml:4:3'), 'underlying: Unrecognized key "symbl" (did you mean "symbol"?)'],
      [f('several_errors.yaml:7:12'), 'agents.takers.count: Too small: expected number to be >=1'],
    ],
  },
  // Flags: errors name the flag instead of a file position.
  { file: '_base.yaml', set: ['clock.durration=9h'], errors: [['--set clock.durration', 'clock: Unrecognized key "durration" (did you mean "duration"?)']] },
  { file: '_base.yaml', set: ['agents.takers.hedge.band=2'], errors: [['--set agents.takers.hedge.band', 'agents.takers.hedge.band: Too big']] },
  { file: '_base.yaml', set: ['seed=[1,'], errors: [['--set seed', 'cannot parse value "[1," as YAML']] },
  { file: '_base.yaml', set: ['venues.cex.instruments.5.tick_size=1'], errors: [['--set venues.cex.instruments.5.tick_size', 'index 5 is past the end']] },
  { file: '_base.yaml', set: ['no_equals_sign'], errors: [['--set no_equals_sign', 'expected dotted.path=value']] },
  { file: '_base.yaml', seed: -1, errors: [['--seed', 'seed: expected an integer in [0, 4294967295], got -1']] },
  // A broken flag does not hide file errors: both are reported.
  {
    file: 'wrong_type.yaml',
    set: ['nope'],
    errors: [
      [f('wrong_type.yaml:3:18'), 'expected number'],
      ['--set nope', 'expected dotted.path=value'],
    ],
  },
  { file: 'no_such_file.yaml', errors: [[f('no_such_file.yaml'), 'cannot read scenario file: no such file']] },
];

function errorsOf(c: Case): ScenarioError {
  const options: LoadOptions = { kinds: TEST_KINDS, ...(c.set ? { set: c.set } : {}), ...(c.seed !== undefined ? { seed: c.seed } : {}) };
  try {
    loadScenario(f(c.file), options);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error(`${c.file} loaded without errors`);
}

describe('bad scenario corpus', () => {
  test.each(CASES.map((c) => [`${c.file}${c.set ? ` --set ${c.set.join(' ')}` : ''}${c.seed !== undefined ? ` --seed ${c.seed}` : ''}`, c] as const))(
    '%s',
    (_name, c) => {
      const err = errorsOf(c);
      expect(err.exitCode).toBe(2);
      const got = sortIssues(err.issues).map((i) => [formatLocation(i), `${i.path === '' ? '' : `${i.path}: `}${i.message}`]);
      expect(got.map(([loc]) => loc)).toEqual(c.errors.map(([loc]) => loc));
      got.forEach(([, message], i) => expect(message).toContain(c.errors[i]?.[1]));
      // The printed form is one `location  path: message` line per error.
      expect(err.message.split('\n')).toHaveLength(c.errors.length);
    },
  );

  test('every bad fixture file is covered by a case', () => {
    const files = readdirSync(DIR).filter((n) => n.endsWith('.yaml') && !n.startsWith('_') && n !== 'cycle_b.yaml');
    const covered = new Set(CASES.map((c) => c.file));
    expect(files.filter((n) => !covered.has(n))).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(20);
  });
});
