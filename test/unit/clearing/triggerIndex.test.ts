/** Trigger index: order of pops, consumption, and compaction under many re-keys. */
import { describe, expect, it } from 'vitest';
import { TriggerIndex } from '../../../src/venue/clearing/index.js';

describe('TriggerIndex', () => {
  it('pops longs by LP descending then shorts ascending, ties by account, and consumes them', () => {
    const ix = new TriggerIndex(1);
    ix.update(5, 0, 1, 100);
    ix.update(2, 0, 1, 100);
    ix.update(3, 0, 1, 105);
    ix.update(4, 0, 1, 90);
    ix.update(7, 0, -1, 95);
    ix.update(6, 0, -1, 120);
    const out = new Int32Array(10);
    const n = ix.triggered(0, 99.5, out);
    expect(Array.from(out.subarray(0, n))).toEqual([3, 2, 5, 7]);
    expect(ix.triggered(0, 99.5, out)).toBe(0);
    expect(ix.liveCount(0)).toBe(2);
  });

  it('stays equal to a brute-force map after thousands of re-keys (forces compaction)', () => {
    const ix = new TriggerIndex(1);
    const truth = new Map<number, [number, number]>();
    let s = 7;
    const rnd = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
    for (let k = 0; k < 5000; k++) {
      const a = Math.floor(rnd() * 20);
      const side = rnd() < 0.1 ? 0 : rnd() < 0.5 ? 1 : -1;
      const lp = Math.floor(rnd() * 1000);
      ix.update(a, 0, side, lp);
      if (side === 0) truth.delete(a);
      else truth.set(a, [side, lp]);
    }
    const mark = 500;
    const want = [...truth.entries()].filter(([, [sd, lp]]) => (sd > 0 ? lp >= mark : lp <= mark));
    want.sort(([a, [sa, la]], [b, [sb, lb]]) => (sa !== sb ? sb - sa : sa > 0 ? lb - la || a - b : la - lb || a - b));
    const out = new Int32Array(64);
    const n = ix.triggered(0, mark, out);
    expect(Array.from(out.subarray(0, n))).toEqual(want.map(([a]) => a));
    expect(ix.liveCount(0)).toBe(truth.size - want.length);
  });
});
