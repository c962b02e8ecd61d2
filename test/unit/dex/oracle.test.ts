/** Oracle: deviation and heartbeat triggers, publication delay, minimum interval, presets. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { CHAINLINK_L1, Oracle, PYTH_PULL, type OracleConfig } from '../../../src/instruments/oracle.js';

const S = NS_PER_SEC;
const cfg: OracleConfig = { deviation: 0.005, heartbeatNs: 3600 * S, delayNs: 10 * S };

describe('Oracle triggers', () => {
  // Observations [t s, price] and whether each starts a round, from an on-chain 100 at t = 0.
  const cases: { name: string; obs: [number, number, boolean][] }[] = [
    { name: 'moves below the deviation do nothing', obs: [[1, 100.4], [2, 99.6], [3, 100.49]] },
    { name: 'a move of exactly the deviation starts a round', obs: [[1, 100.5, true]] },
    { name: 'deviation is measured from the last round, not the last observation', obs: [[1, 100.3], [2, 100.6, true], [3, 100.9], [4, 101.2, true]] },
    { name: 'a downward move counts too', obs: [[5, 99.4, true]] },
    { name: 'heartbeat: the first observation after 3600 s starts a round even without a move', obs: [[3599, 100], [3600, 100, true], [3601, 100], [7200, 100, true]] },
  ].map((c) => ({ name: c.name, obs: c.obs.map(([t, p, r]) => [t, p, r === true] as [number, number, boolean]) }));
  for (const c of cases) {
    it(c.name, () => {
      const o = new Oracle(cfg, 100);
      for (const [t, p, want] of c.obs) expect(o.update(t * S, p), `t=${t}`).toBe(want);
      expect(o.rounds).toBe(c.obs.filter((x) => x[2]).length);
    });
  }
});

describe('Oracle publication', () => {
  it('publishes a round delayNs after it starts; the price is stale until then', () => {
    const o = new Oracle(cfg, 100);
    expect(o.update(5 * S, 110)).toBe(true);
    expect(o.price(5 * S)).toBe(100);
    expect(o.nextPublishNs()).toBe(15 * S);
    expect(o.price(15 * S - 1)).toBe(100);
    expect(o.price(15 * S)).toBe(110);
    expect(o.publishedAtNs).toBe(15 * S);
    expect(o.stalenessNs(20 * S)).toBe(5 * S);
    expect(o.nextPublishNs()).toBe(Infinity);
  });

  it('rounds in flight publish in order, each at its own time', () => {
    const o = new Oracle(cfg, 100);
    o.update(1 * S, 101);
    o.update(2 * S, 102);
    o.update(3 * S, 103);
    expect([o.price(11 * S), o.price(12 * S), o.price(12.5 * S), o.price(13 * S)]).toEqual([101, 102, 102, 103]);
  });

  it('is NaN before any price when started without one, then follows the first round', () => {
    const o = new Oracle(cfg);
    expect(o.price(0)).toBeNaN();
    expect(o.update(1 * S, 50)).toBe(true);
    expect(o.price(11 * S)).toBe(50);
  });

  it('a pull oracle publishes any change at most every 400 ms', () => {
    const o = new Oracle(PYTH_PULL, 100);
    const ms = 1_000_000;
    expect(o.update(100 * ms, 101)).toBe(false); // within 400 ms of the initial round
    expect(o.update(400 * ms, 101)).toBe(true);
    expect(o.update(500 * ms, 102)).toBe(false);
    expect(o.update(800 * ms, 102)).toBe(true);
    expect(o.price(1200 * ms)).toBe(102);
  });

  it('Chainlink L1 preset: 0.5 % / 3600 s, one 12 s block of delay', () => {
    expect(CHAINLINK_L1).toEqual({ deviation: 0.005, heartbeatNs: 3600 * S, delayNs: 12 * S });
  });

  it('rejects bad input and time going backwards', () => {
    expect(() => new Oracle({ ...cfg, deviation: -1 })).toThrow(/deviation/);
    expect(() => new Oracle({ ...cfg, heartbeatNs: 0 })).toThrow(/heartbeat/);
    const o = new Oracle(cfg, 100);
    expect(() => o.update(1, Number.NaN)).toThrow(/price/);
    o.update(10, 100);
    expect(() => o.price(5)).toThrow(/backwards/);
  });

  it('property: the published price is always a past observation that started a round, at least delayNs old', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.double({ min: 90, max: 110, noNaN: true })), { minLength: 1, maxLength: 80 }), (steps) => {
        const o = new Oracle({ deviation: 0.01, heartbeatNs: 60 * S, delayNs: 7 * S }, 100);
        const rounds: [number, number][] = [[0, 100]];
        let t = 0;
        for (const [dt, p] of steps) {
          t += dt * S;
          if (o.update(t, p)) rounds.push([t, p]);
          const px = o.price(t);
          const visible = rounds.filter(([rt], i) => i === 0 || rt + 7 * S <= t);
          expect(px).toBe((visible[visible.length - 1] as [number, number])[1]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
