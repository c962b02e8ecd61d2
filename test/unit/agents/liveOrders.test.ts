import { describe, expect, it } from 'vitest';
import { LiveOrders } from '../../../src/agents/common/liveOrders.js';

describe('LiveOrders.takeAt: a uniform the caller drew picks the order (common random numbers)', () => {
  it('maps [0, 1) onto the live ids uniformly and removes the one it returns', () => {
    const counts = new Map<number, number>();
    for (let k = 0; k < 4000; k++) {
      const live = new LiveOrders(8);
      for (const id of [11, 12, 13, 14]) live.add(id);
      const id = live.takeAt((k + 0.5) / 4000);
      expect(live.has(id)).toBe(false);
      expect(live.size).toBe(3);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    // An even grid of u over [0, 1) gives each of the 4 ids exactly a quarter.
    expect([...counts.values()]).toEqual([1000, 1000, 1000, 1000]);
  });

  it('returns 0 when empty and never indexes past the end (u just below 1)', () => {
    const live = new LiveOrders(4);
    expect(live.takeAt(0.3)).toBe(0);
    live.add(7);
    live.add(9);
    expect(live.takeAt(1 - 2 ** -53)).toBe(9);
    expect(live.takeAt(0)).toBe(7);
    expect(live.size).toBe(0);
  });
});
