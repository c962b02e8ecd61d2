/**
 * Sweep definitions: flag parsing (--seeds, --grid, cells CSV), the fixed enumeration order of
 * cells (mixed radix, last axis fastest) and runs (seed-major), and shards (a partition of the
 * runs for any count). The hash ignores how the scenario path was typed.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  SweepSpecError, cellAt, cellCount, cellSets, gridCells, parseCellsCsv, parseGridFlag, parseSeeds, runAt, runCount, shardRuns, sweepSha256,
  type SweepSpec,
} from '../../../src/run/sweep/index.js';

describe('parseSeeds', () => {
  const good: ReadonlyArray<readonly [string, string, number[]]> = [
    ['a range', '1..5', [1, 2, 3, 4, 5]],
    ['a list', '3,1,2', [3, 1, 2]],
    ['ranges and singles', '1..3, 10, 20..21', [1, 2, 3, 10, 20, 21]],
    ['a one-seed range', '7..7', [7]],
    ['the largest u32', '4294967295', [4294967295]],
  ];
  test.each(good)('%s', (_name, text, seeds) => expect(parseSeeds(text)).toEqual(seeds));
  const bad: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['empty', '', /at least one seed/],
    ['a reversed range', '5..1', /empty range/],
    ['a duplicate', '1..3,2', /seed 2 given twice/],
    ['a negative', '-1', /not a non-negative integer/],
    ['a float', '1.5', /not a non-negative integer/],
    ['above u32', '4294967296', /above 4294967295/],
  ];
  test.each(bad)('rejects %s', (_name, text, message) => {
    expect(() => parseSeeds(text)).toThrow(SweepSpecError);
    expect(() => parseSeeds(text)).toThrow(message);
  });
});

describe('--grid', () => {
  test('splits values on commas and keeps them as typed', () => {
    expect(parseGridFlag('agents.dealers.hedge.band=0.1, 0.2,0.5')).toEqual({ path: 'agents.dealers.hedge.band', values: ['0.1', '0.2', '0.5'] });
  });
  const bad: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['no =', 'agents.x', /expected dotted.path=v1,v2/],
    ['an empty path segment', 'agents..x=1', /not a dotted path/],
    ['an empty value', 'a.b=1,,2', /empty value/],
    ['a repeated value', 'a.b=1,1', /given twice/],
  ];
  test.each(bad)('rejects %s', (_name, raw, message) => expect(() => parseGridFlag(raw)).toThrow(message));
  test('rejects the same path twice', () => expect(() => gridCells(['a.b=1,2', 'a.b=3'])).toThrow(/a.b is given twice/));
});

describe('cell enumeration', () => {
  const grid = gridCells(['x.a=1,2', 'x.b=p,q,r']);
  test('the product of the axes, last axis fastest', () => {
    expect(cellCount(grid)).toBe(6);
    expect(Array.from({ length: 6 }, (_, k) => cellSets(cellAt(grid, k)).join(' '))).toEqual([
      'x.a=1 x.b=p', 'x.a=1 x.b=q', 'x.a=1 x.b=r', 'x.a=2 x.b=p', 'x.a=2 x.b=q', 'x.a=2 x.b=r',
    ]);
  });
  test('no axes: one cell with no overrides', () => {
    const none = gridCells([]);
    expect(cellCount(none)).toBe(1);
    expect(cellAt(none, 0).assignments).toEqual([]);
  });
  test('out-of-range cells throw', () => {
    expect(() => cellAt(grid, 6)).toThrow(RangeError);
    expect(() => cellAt(grid, -1)).toThrow(RangeError);
  });
  test('runs are seed-major: every cell of a seed, then the next seed', () => {
    const spec = { cells: gridCells(['x.a=1,2']), seeds: [5, 9] };
    expect(Array.from({ length: runCount(spec) }, (_, r) => runAt(spec, r))).toEqual([
      { cell: 0, seed: 5 }, { cell: 1, seed: 5 }, { cell: 0, seed: 9 }, { cell: 1, seed: 9 },
    ]);
  });
});

describe('shards', () => {
  test('for any sweep size and shard count the shards partition the runs, each in run order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 7 }), (a, b, n) => {
        const spec = { cells: gridCells([`x.a=${Array.from({ length: a }, (_, i) => i).join(',')}`, `x.b=${Array.from({ length: b }, (_, i) => `v${i}`).join(',')}`]), seeds: [1, 2, 3] };
        const all = [...shardRuns(spec)].map((k) => `${k.cell}-${k.seed}`);
        expect(all).toHaveLength(runCount(spec));
        const parts = Array.from({ length: n }, (_, i) => [...shardRuns(spec, { index: i, count: n })].map((k) => `${k.cell}-${k.seed}`));
        expect(parts.flat().sort()).toEqual([...all].sort());
        for (const p of parts) expect(p).toEqual(all.filter((k) => p.includes(k)));
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
  test('with seeds divisible by the shard count, every shard has the same seeds of every cell', () => {
    const spec = { cells: gridCells(['x.a=1,2,3,4']), seeds: [1, 2, 3, 4, 5, 6] };
    for (let i = 0; i < 2; i++) {
      const runs = [...shardRuns(spec, { index: i, count: 2 })];
      const seedsOf = (cell: number): number[] => runs.filter((k) => k.cell === cell).map((k) => k.seed);
      expect(seedsOf(0)).toEqual(i === 0 ? [1, 3, 5] : [2, 4, 6]);
      for (const cell of [1, 2, 3]) expect(seedsOf(cell)).toEqual(seedsOf(0));
    }
  });
});

describe('cells CSV', () => {
  test('header of paths, one row per cell; quotes, CRLF and blank lines', () => {
    const cells = parseCellsCsv('agents.dealers.hedge.policy,agents.dealers.hedge.band\r\nband,0.2\r\n\r\n"none","1,5"\n');
    expect(cells).toEqual({ kind: 'rows', columns: ['agents.dealers.hedge.policy', 'agents.dealers.hedge.band'], rows: [['band', '0.2'], ['none', '1,5']] });
    expect(cellSets(cellAt(cells, 1))).toEqual(['agents.dealers.hedge.policy=none', 'agents.dealers.hedge.band=1,5']);
  });
  test('a doubled quote inside quotes is one quote', () => {
    expect(parseCellsCsv('a.b\n"say ""hi"""\n')).toMatchObject({ rows: [['say "hi"']] });
  });
  const bad: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['an empty file', '', /empty file/],
    ['a header only', 'a.b\n', /no rows/],
    ['a short row', 'a.b,c.d\n1\n', /line 2 has 1 fields, the header has 2/],
    ['a bad header', 'a..b\n1\n', /not a dotted path/],
    ['a repeated column', 'a.b,a.b\n1,2\n', /appears twice/],
  ];
  test.each(bad)('rejects %s', (_name, text, message) => expect(() => parseCellsCsv(text, 'c.csv')).toThrow(message));
});

describe('sweepSha256', () => {
  const spec: SweepSpec = { sweep_version: 1, scenario: 'scenarios/a.yaml', scenario_name: 'a', scenario_sha256: 'ab', set: [], cells: gridCells(['x.a=1,2']), seeds: [1, 2] };
  test('ignores how the scenario path is typed', () => expect(sweepSha256({ ...spec, scenario: './scenarios/a.yaml' })).toBe(sweepSha256(spec)));
  const changes: ReadonlyArray<readonly [string, Partial<SweepSpec>]> = [
    ['the scenario hash', { scenario_sha256: 'cd' }],
    ['a --set', { set: ['clock.duration=1h'] }],
    ['the cells', { cells: gridCells(['x.a=1,3']) }],
    ['the seeds', { seeds: [2, 1] }],
  ];
  test.each(changes)('changes with %s', (_name, change) => expect(sweepSha256({ ...spec, ...change })).not.toBe(sweepSha256(spec)));
});
