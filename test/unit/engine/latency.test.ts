import { describe, expect, it } from 'vitest';
import { ConstantLatency, LognormalLatency, UniformLatency, ZERO_LATENCY, type LatencyModel } from '../../../src/engine/latency.js';
import { RandomStream } from '../../../src/engine/rng.js';

function drawMany(m: LatencyModel, name: string, n: number): number[] {
  const rng = RandomStream.derive(11, name);
  return Array.from({ length: n }, () => m.sampleNs(rng));
}

describe('latency models', () => {
  it('constant returns its value and is marked constant', () => {
    const m = new ConstantLatency(250_000);
    expect(m.isConstant).toBe(true);
    expect(drawMany(m, 'c', 5)).toEqual([250_000, 250_000, 250_000, 250_000, 250_000]);
    expect(m.meanNs()).toBe(250_000);
    expect(ZERO_LATENCY.meanNs()).toBe(0);
  });

  it('uniform stays within [min, max], is integer, and averages the midpoint', () => {
    const m = new UniformLatency(1000, 3000);
    const xs = drawMany(m, 'u', 20_000);
    expect(xs.every((x) => Number.isSafeInteger(x) && x >= 1000 && x <= 3000)).toBe(true);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean - m.meanNs())).toBeLessThan(30);
  });

  it('lognormal respects floor and cap, has the given median, and reaches the cap', () => {
    const m = new LognormalLatency(1_000_000, 1.5, 5_000_000, 200_000);
    const xs = drawMany(m, 'l', 20_000).sort((a, b) => a - b);
    expect(xs.every((x) => Number.isSafeInteger(x) && x >= 200_000 && x <= 5_000_000)).toBe(true);
    expect(xs[xs.length - 1]).toBe(5_000_000);
    const median = xs[xs.length / 2] as number;
    expect(Math.abs(median - 1_200_000) / 1_200_000).toBeLessThan(0.05);
    expect(m.meanNs()).toBeLessThanOrEqual(5_000_000);
  });

  it('draws are deterministic per stream name and differ across names', () => {
    const m = new LognormalLatency(1_000_000, 0.5, 10_000_000);
    expect(drawMany(m, 'latency/v/a', 50)).toEqual(drawMany(m, 'latency/v/a', 50));
    expect(drawMany(m, 'latency/v/a', 50)).not.toEqual(drawMany(m, 'latency/v/b', 50));
  });

  it.each([
    ['negative constant', () => new ConstantLatency(-1)],
    ['fractional constant', () => new ConstantLatency(1.5)],
    ['NaN constant', () => new ConstantLatency(NaN)],
    ['uniform max < min', () => new UniformLatency(10, 5)],
    ['lognormal median 0', () => new LognormalLatency(0, 1, 10)],
    ['lognormal negative sigma', () => new LognormalLatency(5, -1, 10)],
    ['lognormal NaN sigma', () => new LognormalLatency(5, NaN, 10)],
    ['lognormal cap below floor', () => new LognormalLatency(5, 1, 10, 20)],
  ])('rejects %s', (_name, make) => {
    expect(make).toThrow(RangeError);
  });
});
