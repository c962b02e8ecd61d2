/**
 * The golden comparison can fail, and says what moved: (1) a real run of a temporary copy of
 * baseline with one parameter changed drifts from the committed baseline digest, naming the
 * changed tables and metrics with from/to values; (2) the comparison and its message on small
 * hand-made records (identical, a metric moved, NaN on one side, a table added or removed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { compareGolden, formatDrift, GOLDEN_VERSION, goldenJson, goldenOf, maskScenarioHash, parseGolden, type GoldenRecord } from '../../src/run/golden.js';
import { GOLDEN_DIR, ROOT, runIn, tempDir } from './runs.js';

const tmp = tempDir('golden-drift');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('a changed scenario drifts from its golden digest', () => {
  test('baseline with agents.flow.base_rate.market 0.02 -> 0.03 (a temporary copy) reports changed trades and moved metrics', async () => {
    const golden = parseGolden(fs.readFileSync(path.join(GOLDEN_DIR, 'baseline.json'), 'utf8'), 'baseline.json');
    const doc = parseDocument(fs.readFileSync(path.join(ROOT, 'scenarios/baseline.yaml'), 'utf8'));
    // baseline extends btc-calibrated.yaml (market rate 0.02/s): the copy lives elsewhere, so it
    // extends the base by absolute path and overrides one parameter.
    expect(doc.get('extends')).toBe('btc-calibrated.yaml');
    doc.set('extends', path.join(ROOT, 'scenarios/btc-calibrated.yaml'));
    doc.setIn(['agents', 'flow', 'base_rate', 'market'], 0.03);
    const copy = path.join(tmp, 'baseline.yaml');
    fs.writeFileSync(copy, doc.toString());
    const { loaded, result } = await runIn(path.relative(ROOT, copy), path.join(tmp, 'run'), { set: golden.set });
    const actual = goldenOf(result, { name: loaded.scenario.name, file: golden.file, set: golden.set });

    const drift = compareGolden(golden, actual);
    expect(drift.same).toBe(false);
    expect(drift.header.map(([f]) => f)).toContain('scenario_sha256');
    expect(drift.tables.map((t) => t.table)).toEqual(expect.arrayContaining(['trades', 'book', 'summary']));
    expect(drift.metrics.length).toBeGreaterThan(0);
    const trades = drift.metrics.find((m) => m.metric === 'rv_mid_1m');
    expect(trades?.from).toBe(golden.metrics['rv_mid_1m']);
    expect(trades?.to).toBe(actual.metrics['rv_mid_1m']);
    const text = formatDrift('baseline', drift);
    expect(text).toMatch(/^golden drift in scenario baseline:$/m);
    expect(text).toMatch(/^ {4}trades: rows \d+ -> \d+; sha256 [0-9a-f]{12} -> [0-9a-f]{12}$/m);
    expect(text).toMatch(/^ {4}rv_mid_1m: [\d.e+-]+ -> [\d.e+-]+ {2}\([+-][\d.e+-]+, [+-][\d.]+%\)$/m);
    expect(text).toContain('npm run golden:update');
  }, 60_000);
});

/** A small record; `patch` replaces fields. */
function record(patch: Partial<GoldenRecord> = {}): GoldenRecord {
  return {
    golden_version: GOLDEN_VERSION,
    scenario: 'toy',
    file: 'scenarios/toy.yaml',
    set: ['clock.duration=10m'],
    seed: 1,
    scenario_sha256: 'a'.repeat(64),
    gammaloop_version: '0.1.0',
    events: 100,
    sim_time_ns: 600e9,
    rows: { trades: 10, summary: 1 },
    tables: { trades: '1'.repeat(64), summary: '2'.repeat(64) },
    data: { trades: '6'.repeat(64), summary: '7'.repeat(64) },
    metrics: { rv_mid_1m: 0.5, liquidation_count: 0, settlement_distance_ticks: null },
    ...patch,
  };
}

describe('compareGolden and formatDrift', () => {
  test('an identical record is the same and formats as nothing', () => {
    const d = compareGolden(record(), record());
    expect(d).toEqual({ same: true, header: [], tables: [], metrics: [] });
    expect(formatDrift('toy', d)).toBe('');
  });

  const cases = [
    {
      name: 'a metric moved: absolute and relative',
      actual: record({ metrics: { rv_mid_1m: 0.6, liquidation_count: 0, settlement_distance_ticks: null } }),
      metrics: [{ metric: 'rv_mid_1m', from: 0.5, to: 0.6, absolute: 0.6 - 0.5, relative: (0.6 - 0.5) / 0.5 }],
      line: /^ {4}rv_mid_1m: 0\.5 -> 0\.6 {2}\(\+0\.09999999999999998, \+20\.0%\)$/m,
    },
    {
      name: 'from zero: no relative change',
      actual: record({ metrics: { rv_mid_1m: 0.5, liquidation_count: 3, settlement_distance_ticks: null } }),
      metrics: [{ metric: 'liquidation_count', from: 0, to: 3, absolute: 3, relative: null }],
      line: /^ {4}liquidation_count: 0 -> 3 {2}\(\+3\)$/m,
    },
    {
      name: 'NaN (null) to a number',
      actual: record({ metrics: { rv_mid_1m: 0.5, liquidation_count: 0, settlement_distance_ticks: -4 } }),
      metrics: [{ metric: 'settlement_distance_ticks', from: null, to: -4, absolute: null, relative: null }],
      line: /^ {4}settlement_distance_ticks: NaN -> -4$/m,
    },
  ];
  test.each(cases)('$name', ({ actual, metrics, line }) => {
    const d = compareGolden(record(), actual);
    expect(d.same).toBe(false);
    expect(d.tables).toEqual([]);
    expect(d.metrics).toEqual(metrics);
    expect(formatDrift('toy', d)).toMatch(line);
  });

  test('tables changed, added and removed are listed with rows and digests', () => {
    const actual = record({
      rows: { trades: 12, summary: 1, orders: 5 },
      tables: { trades: '3'.repeat(64), summary: '2'.repeat(64), orders: '4'.repeat(64) },
    });
    const base = record({ rows: { trades: 10, summary: 1, depth: 7 }, tables: { trades: '1'.repeat(64), summary: '2'.repeat(64), depth: '5'.repeat(64) } });
    const d = compareGolden(base, actual);
    expect(d.tables.map((t) => t.table)).toEqual(['depth', 'orders', 'trades']);
    const text = formatDrift('toy', d);
    expect(text).toContain('    depth: rows 7 -> absent; sha256 555555555555 -> absent');
    expect(text).toContain('    orders: rows absent -> 5; sha256 absent -> 444444444444');
    expect(text).toContain('    trades: rows 10 -> 12; sha256 111111111111 -> 333333333333');
    expect(text).toContain('  no summary metric moved');
  });

  test('a new scenario hash with the same data says results did not change', () => {
    const actual = record({ scenario_sha256: 'b'.repeat(64), tables: { trades: '8'.repeat(64), summary: '9'.repeat(64) } });
    const d = compareGolden(record(), actual);
    expect(d.tables.map((t) => [t.table, t.dataSame])).toEqual([['summary', true], ['trades', true]]);
    const text = formatDrift('toy', d);
    expect(text).toContain('    trades: rows 10 (same count, other bytes); sha256 111111111111 -> 888888888888 (only the scenario hash in the schema metadata differs)');
    expect(text).toContain('  results unchanged: only the resolved scenario (and so its hash) changed');
    const moved = compareGolden(record(), record({ ...actual, data: { trades: '5'.repeat(64), summary: '7'.repeat(64) } }));
    expect(moved.tables.find((t) => t.table === 'trades')?.dataSame).toBe(false);
    expect(formatDrift('toy', moved)).not.toContain('results unchanged');
  });

  test('maskScenarioHash hides every occurrence of the hash and nothing else', () => {
    const sha = 'c'.repeat(63) + 'd';
    const bytes = Buffer.concat([Buffer.from('ab'), Buffer.from(sha), Buffer.from('-'), Buffer.from(sha), Buffer.from('z')]);
    expect(maskScenarioHash(bytes, sha).toString()).toBe(`ab${'x'.repeat(64)}-${'x'.repeat(64)}z`);
    expect(bytes.toString().startsWith(`ab${sha}`)).toBe(true); // the input is not modified
  });

  test('header changes (seed, overrides, version) are reported', () => {
    const d = compareGolden(record(), record({ seed: 2, set: [], gammaloop_version: '0.2.0' }));
    expect(d.header).toEqual([
      ['seed', '1', '2'],
      ['set', '["clock.duration=10m"]', '[]'],
      ['gammaloop_version', '"0.1.0"', '"0.2.0"'],
    ]);
  });

  test('a golden file round-trips through its text, and a foreign layout is rejected', () => {
    const r = record();
    expect(parseGolden(goldenJson(r), 'x')).toEqual(r);
    expect(goldenJson(r).endsWith('}\n')).toBe(true);
    expect(() => parseGolden(JSON.stringify({ ...r, golden_version: 99 }), 'x.json')).toThrow(/x\.json: not a golden file/);
  });
});
