/**
 * Layering: `extends` (maps merged, lists replaced, relative paths, chains), `--set` (values
 * parsed as YAML, list indices, new keys) and `--seed` (wins over the file and over --set),
 * with the provenance of every overridden value.
 */
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { NS_PER_HOUR } from '../../../src/engine/time.js';
import { loadScenario, type LoadOptions } from '../../../src/scenario/load.js';
import { parseSetFlag } from '../../../src/scenario/overrides.js';
import { MINIMAL, memFiles } from './memFiles.js';
import { TEST_KINDS } from './testKinds.js';

const BASE = `${MINIMAL.replace(
  '      - { symbol: BTC-PERP, type: perp, tick_size: 0.5, lot_size: 0.001 }\n',
  '      - { symbol: BTC-USD, type: spot, tick_size: 0.1, lot_size: 0.001 }\n      - { symbol: BTC-PERP, type: perp, tick_size: 0.5, lot_size: 0.001 }\n',
)}  dealers:
    kind: test_dealer
    venue: cex
    instrument: BTC-PERP
    count: 3
`;

const CHILD = `extends: ../common/base.yaml
name: child
underlying:
  fundamental:
    vol: 0.9
venues:
  cex:
    instruments:
      - { symbol: BTC-PERP, type: perp, tick_size: 1, lot_size: 0.01 }
agents:
  dealers:
    count: 5
  extra:
    kind: test_taker
    venue: cex
    instrument: BTC-PERP
`;

const FILES = { 'cfg/common/base.yaml': BASE, 'cfg/runs/child.yaml': CHILD, 'cfg/runs/grandchild.yaml': 'extends: child.yaml\nname: grandchild\nseed: 42\n' };
const load = (main: string, options: LoadOptions = {}) => loadScenario(main, { kinds: TEST_KINDS, readText: memFiles(FILES), ...options });

describe('extends', () => {
  const child = load('cfg/runs/child.yaml');

  test('maps merge key by key; the child wins', () => {
    const s = child.scenario;
    expect(s.name).toBe('child');
    expect(s.underlying.fundamental.vol).toBe(0.9);
    expect(s.underlying.initialPrice).toBe(60_000); // from the base
    expect(s.clock.durationNs).toBe(NS_PER_HOUR); // from the base
    const dealers = s.agents.find((g) => g.group === 'dealers');
    expect(dealers?.count).toBe(5);
    expect(dealers?.params['gamma_sign']).toBe(-1); // untouched sibling keys survive the merge
  });

  test('lists are replaced whole', () => {
    expect(child.scenario.venues[0]?.instruments.map((i) => [i.symbol, i.tickSize, i.lotSize])).toEqual([['BTC-PERP', 1, 0.01]]);
  });

  test('groups keep base order; new groups follow', () => {
    expect(child.scenario.agents.map((g) => g.group)).toEqual(['takers', 'dealers', 'extra']);
  });

  test('files are listed in reading order, paths relative to the file that names them', () => {
    expect(child.files).toEqual(['cfg/runs/child.yaml', 'cfg/common/base.yaml']);
  });

  test('every replaced value names who supplied it and what it replaced (maps merged are not replacements)', () => {
    expect(child.overrides).toEqual([
      { path: 'name', source: 'cfg/runs/child.yaml:2:7', replaced: 'cfg/common/base.yaml:1:7' },
      { path: 'venues.cex.instruments', source: 'cfg/runs/child.yaml:9:7', replaced: 'cfg/common/base.yaml:12:7' },
      { path: 'agents.dealers.count', source: 'cfg/runs/child.yaml:12:12', replaced: 'cfg/common/base.yaml:23:12' },
    ]);
  });

  test('an absolute extends path is used as is', () => {
    const abs = resolve('cfg/common/base.yaml');
    const r = loadScenario('elsewhere/abs.yaml', { kinds: TEST_KINDS, readText: memFiles({ ...FILES, 'elsewhere/abs.yaml': `extends: ${abs}\nname: abs\n` }) });
    expect(r.files).toEqual(['elsewhere/abs.yaml', abs]);
    expect(r.scenario.name).toBe('abs');
  });

  test('chains of extends apply in order', () => {
    const g = load('cfg/runs/grandchild.yaml');
    expect(g.files).toEqual(['cfg/runs/grandchild.yaml', 'cfg/runs/child.yaml', 'cfg/common/base.yaml']);
    expect([g.scenario.name, g.scenario.seed, g.scenario.underlying.fundamental.vol]).toEqual(['grandchild', 42, 0.9]);
  });
});

describe('--set', () => {
  test.each([
    ['a.b=0.1', ['a', 'b'], 0.1],
    ['a=[1, 2]', ['a'], [1, 2]],
    ['a=band', ['a'], 'band'],
    ['a="8h"', ['a'], '8h'],
    ['a=8h', ['a'], '8h'],
    ['a=true', ['a'], true],
    ['a=', ['a'], ''],
    ['a={x: 1}', ['a'], { x: 1 }],
    ['a.b=x=y', ['a', 'b'], 'x=y'],
  ] as const)('%s', (raw, segments, value) => {
    expect(parseSetFlag(raw, 0)).toEqual({ segments, value, flag: `--set ${segments.join('.')}` });
  });

  test.each([['a..b=1'], ['=1'], ['extends=x.yaml']])('%s is refused', (raw) => {
    expect(parseSetFlag(raw, 0)).toHaveProperty('message');
  });

  test('overrides apply in order after extends, into lists and new keys (only replacements are recorded)', () => {
    const r = load('cfg/runs/child.yaml', {
      set: [
        'underlying.fundamental.vol=0.3',
        'underlying.fundamental.vol=0.4',
        'venues.cex.instruments.0.taker_fee_bps=7',
        'agents.more={kind: test_taker, venue: cex, instrument: BTC-PERP, count: 2}',
        'output.tables=[orders, depth]',
      ],
    });
    expect(r.scenario.underlying.fundamental.vol).toBe(0.4);
    expect(r.scenario.venues[0]?.instruments[0]?.takerFeeBps).toBe(7);
    expect(r.scenario.agents.map((g) => [g.group, g.count])).toEqual([['takers', 1], ['dealers', 5], ['extra', 1], ['more', 2]]);
    expect(r.scenario.output.tables).toEqual(['depth', 'orders']);
    expect(r.overrides.filter((o) => o.source.startsWith('--set'))).toEqual([
      { path: 'underlying.fundamental.vol', source: '--set underlying.fundamental.vol', replaced: 'cfg/runs/child.yaml:5:10' },
      { path: 'underlying.fundamental.vol', source: '--set underlying.fundamental.vol', replaced: '--set underlying.fundamental.vol' },
    ]);
  });
});

describe('--seed', () => {
  const seedOf = (options: LoadOptions) => load('cfg/runs/grandchild.yaml', options).scenario.seed;
  test.each([
    ['the file', {}, 42],
    ['--set over the file', { set: ['seed=9'] }, 9],
    ['--seed over the file', { seed: 11 }, 11],
    ['--seed over --set', { set: ['seed=9'], seed: 11 }, 11],
    ['--seed 0', { seed: 0 }, 0],
    ['--seed u32 max', { seed: 0xffff_ffff }, 0xffff_ffff],
  ] as const)('%s', (_name, options, seed) => {
    expect(seedOf(options)).toBe(seed);
  });

  test('the hash follows the seed; provenance names --seed', () => {
    const a = load('cfg/runs/grandchild.yaml', { seed: 11 });
    expect(a.sha256).not.toBe(load('cfg/runs/grandchild.yaml').sha256);
    expect(a.overrides.at(-1)).toEqual({ path: 'seed', source: '--seed', replaced: 'cfg/runs/grandchild.yaml:3:7' });
  });
});

describe('the merged input', () => {
  test('is the user input after extends and flags, without extends and before defaults', () => {
    const r = load('cfg/runs/grandchild.yaml', { set: ['underlying.fundamental.jump_rate_per_year=3'] });
    expect(r.merged['extends']).toBeUndefined();
    expect(r.merged['name']).toBe('grandchild');
    expect(r.merged['underlying']).toEqual({ symbol: 'BTC', initial_price: 60000, fundamental: { vol: 0.9, jump_rate_per_year: 3 } });
    expect(r.merged['output']).toBeUndefined();
  });
});
