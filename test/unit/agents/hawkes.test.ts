import { describe, expect, it } from 'vitest';
import { HawkesState, kernelComponents, spectralRadius, hawkesKernelSchema } from '../../../src/agents/common/hawkes.js';
import { InverseSampler, normalQuantile } from '../../../src/agents/common/inverseDraws.js';
import { hawkesFlowSchema } from '../../../src/agents/hawkesFlow.js';
import { RandomStream } from '../../../src/engine/rng.js';

describe('inverse-CDF draws (one uniform each)', () => {
  it('normal quantile matches tabulated values', () => {
    // Standard normal table: Phi^-1(0.975) = 1.959963985, Phi^-1(0.841344746) = 1, Phi^-1(0.001) = -3.090232306.
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    expect(normalQuantile(0.841344746)).toBeCloseTo(1, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 6);
    expect(normalQuantile(0.5)).toBe(0);
    expect(Number.isFinite(normalQuantile(0))).toBe(true);
  });

  it('pareto and lognormal quantiles', () => {
    const p = new InverseSampler({ dist: 'pareto', min: 2, alpha: 1.5 });
    expect(p.at(0)).toBe(2);
    // P(X > x) = (min/x)^alpha: the 0.99 quantile is min * 100^(1/alpha).
    expect(p.at(0.99)).toBeCloseTo(2 * Math.pow(100, 1 / 1.5), 9);
    expect(new InverseSampler({ dist: 'lognormal', median: 3, sigma: 1 }).at(0.5)).toBeCloseTo(3, 12);
    expect(new InverseSampler({ dist: 'fixed', value: 7 }).at(0.3)).toBe(7);
  });
});

describe('Hawkes state', () => {
  const expKernel = hawkesKernelSchema.parse({ shape: 'exponential', timescale: '10s' });

  it('spectral radius of known matrices', () => {
    expect(spectralRadius([[0.5]])).toBeCloseTo(0.5, 9);
    expect(spectralRadius([[0.2, 0.3], [0.3, 0.2]])).toBeCloseTo(0.5, 9);
    expect(spectralRadius([[0, 0.9], [0.4, 0]])).toBeCloseTo(0.6, 6);
  });

  it('power-law weights sum to 1 and fall with the timescale', () => {
    const c = kernelComponents(hawkesKernelSchema.parse({ shape: 'power_law', min_timescale: '1s', max_timescale: '1h', exponent: 0.5, components: 5 }));
    expect([...c.weight].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(c.tauSec[0]).toBeCloseTo(1, 9);
    expect(c.tauSec[4]).toBeCloseTo(3600, 6);
    for (let i = 1; i < 5; i++) expect(c.weight[i] as number).toBeLessThan(c.weight[i - 1] as number);
  });

  it('timeToMass inverts the compensator', () => {
    const h = new HawkesState(1, [0.5], [[0.6]], expKernel, 1e6);
    h.exciteFrom(0);
    h.exciteFrom(0);
    for (const e of [0.01, 0.3, 1, 5]) expect(h.compensator(h.timeToMass(e))).toBeCloseTo(e, 9);
    expect(new HawkesState(1, [0], [[0.5]], expKernel, 1e6).timeToMass(1)).toBe(Infinity);
  });

  it('simulated mean rate is mu / (1 - n), and the stationary start is at it', () => {
    const mu = 2;
    const n = 0.6;
    const h = new HawkesState(1, [mu], [[n]], expKernel, 1e6);
    h.startStationary();
    expect(h.total()).toBeCloseTo(mu / (1 - n), 9);
    const rng = RandomStream.derive(7, 'hawkes-test');
    let t = 0;
    let events = 0;
    while (t < 20_000) {
      const dt = h.timeToMass(-Math.log(1 - rng.uniform()));
      t += dt;
      h.decayTo(t);
      h.exciteFrom(0);
      events++;
    }
    // Mean rate 5/s over 20 000 s; the count's SD is about sqrt(events) / (1 - n) = 790, 0.8%.
    expect(events / t).toBeGreaterThan(5 * 0.96);
    expect(events / t).toBeLessThan(5 * 1.04);
  });

  it('caps the intensity', () => {
    const h = new HawkesState(1, [1], [[0.9]], expKernel, 2);
    for (let i = 0; i < 100; i++) h.exciteFrom(0);
    expect(h.total()).toBeLessThanOrEqual(2 + 1e-9);
  });

  it('the schema rejects a branching ratio >= 0.99', () => {
    const base = { kind: 'hawkes_flow', venue: 'cex', instrument: 'BTC-PERP' };
    expect(hawkesFlowSchema.safeParse(base).success).toBe(true);
    const bad = hawkesFlowSchema.safeParse({ ...base, branching: { market: { market: 0.7, limit: 0.5, cancel: 0 }, limit: { market: 0.5, limit: 0.5, cancel: 0 }, cancel: { market: 0, limit: 0, cancel: 0 } } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('branching ratio');
  });
});
