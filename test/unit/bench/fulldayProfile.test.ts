/** The full-feature benchmark's CPU-profile split (bench/fullday/profile.ts). */
import type { Profiler } from 'node:inspector';
import { describe, expect, it } from 'vitest';
import { attribute, splitProfile } from '../../../bench/fullday/profile.js';

const D = 'file:///work/x/dist/src';
const ARROW = 'file:///work/x/node_modules/apache-arrow/ipc/writer.mjs';

describe('attribute', () => {
  it.each([
    [`${D}/engine/kernel.js`, 'engine', 'engine'],
    [`${D}/book/restingOrders.js`, 'book', 'book'],
    [`${D}/venue/trading/orderRouter.js`, 'venue', 'venue'],
    [`${D}/venue/venueCore.js`, 'venue', 'venue'],
    [`${D}/venue/clearing/margin.js`, 'clearing', 'clearing'],
    [`${D}/venue/clearingAdapter.js`, 'clearing', 'clearing'],
    [`${D}/venue/liquidationDriver.js`, 'clearing', 'clearing'],
    [`${D}/agents/dealer/dealer.js`, 'agents', 'agents'],
    [`${D}/output/batch.js`, 'output', 'output'],
    [`${D}/instruments/black.js`, 'other', 'instruments'],
    [`${D}/run/slices.js`, 'other', 'run/scenario'],
    [`${D}/scenario/load.js`, 'other', 'run/scenario'],
    ['file:///work/x/node_modules/apache-arrow/ipc/writer.mjs', 'other', 'node_modules/apache-arrow'],
    ['file:///work/x/node_modules/@types/a/b.js', 'other', 'node_modules/@types/a'],
    ['node:internal/fs/utils', 'other', 'node internals'],
  ])('%s -> %s (%s)', (url, component, detail) => {
    expect(attribute(url, 'f')).toEqual({ component, detail });
  });
  it('keeps V8 pseudo-frames apart', () => {
    expect(attribute('', '(garbage collector)')).toEqual({ component: 'other', detail: 'gc' });
    expect(attribute('', '(idle)')).toEqual({ component: 'other', detail: '(idle)' });
  });
});

const frame = (functionName: string, url: string): Profiler.ProfileNode['callFrame'] => ({ functionName, url, scriptId: url === '' ? '0' : '1', lineNumber: 0, columnNumber: 0 });

describe('splitProfile', () => {
  // root -> runUntil (engine) -> submit (book); root -> write (output) -> writeBuffers (native)
  // and -> arrow's encode -> TextEncoder (node:); arrow called from no src frame; GC; idle.
  const profile: Profiler.Profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 4, 6, 7, 10] },
      { id: 2, callFrame: frame('runUntil', `${D}/engine/kernel.js`), children: [3] },
      { id: 3, callFrame: frame('submit', `${D}/book/orderBook.js`) },
      { id: 4, callFrame: frame('write', `${D}/output/fileWriter.js`), children: [5, 8] },
      { id: 8, callFrame: frame('encode', ARROW), children: [9] },
      { id: 9, callFrame: frame('encode', 'node:internal/encoding') },
      { id: 10, callFrame: frame('flush', ARROW) },
      { id: 5, callFrame: frame('writeBuffers', '') },
      { id: 6, callFrame: frame('(garbage collector)', '') },
      { id: 7, callFrame: frame('(idle)', '') },
    ],
    startTime: 0,
    endTime: 10_000,
    samples: [2, 3, 3, 5, 6, 7, 7, 8, 9, 10],
    timeDeltas: [1000, 2000, 2000, 500, 500, 1000, 3000, 100, 200, 400],
  };
  const s = splitProfile(profile);
  it('sums self time per component from timeDeltas, a native callee counted for its caller', () => {
    expect(s.byComponent.engine).toBeCloseTo(1, 9);
    expect(s.byComponent.book).toBeCloseTo(4, 9);
    expect(s.byComponent.output).toBeCloseTo(0.8, 9);
    expect(s.byComponent.other).toBeCloseTo(0.9, 9);
    expect(s.byComponent.venue).toBe(0);
  });
  it('keeps idle out of the components and counts everything in the total', () => {
    expect(s.idleMs).toBeCloseTo(4, 9);
    expect(s.totalMs).toBeCloseTo(10.7, 9);
    expect(s.samples).toBe(10);
    expect(s.byDetail.find(([d]) => d === 'other: gc')?.[1]).toBeCloseTo(0.5, 9);
  });
  it('counts a library or Node frame for its src caller, naming the library in the detail', () => {
    expect(s.byDetail.find(([d]) => d === 'output: node_modules/apache-arrow')?.[1]).toBeCloseTo(0.1, 9);
    expect(s.byDetail.find(([d]) => d === 'output: node internals')?.[1]).toBeCloseTo(0.2, 9);
    expect(s.byDetail.find(([d]) => d === 'other: node_modules/apache-arrow')?.[1]).toBeCloseTo(0.4, 9);
  });
  it('lists functions by self time', () => {
    expect(s.topFunctions[0]?.[0]).toBe('submit src/book/orderBook.js:1');
    expect(s.topFunctions.map(([f]) => f)).not.toContain('(idle)');
  });
});
