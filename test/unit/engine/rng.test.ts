import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { assertRootSeed, RandomStream, STREAM_DERIVATION, StreamFactory } from '../../../src/engine/rng.js';

function draws(s: RandomStream, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(s.uniform());
  return out;
}

function meanVar(xs: readonly number[]): { mean: number; variance: number } {
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let v = 0;
  for (const x of xs) v += (x - m) * (x - m);
  return { mean: m, variance: v / (xs.length - 1) };
}

function sample(n: number, f: () => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(f());
  return out;
}

describe('RandomStream determinism', () => {
  it('the same (seed, name) gives the same draws', () => {
    expect(draws(RandomStream.derive(17, 'agent/a'), 100)).toEqual(draws(RandomStream.derive(17, 'agent/a'), 100));
  });
  it.each([
    ['another name', 17, 'agent/b'],
    ['another seed', 18, 'agent/a'],
    ['a name prefix', 17, 'agent/'],
  ] as const)('%s gives different draws', (_label, seed, name) => {
    expect(draws(RandomStream.derive(seed, name), 20)).not.toEqual(draws(RandomStream.derive(17, 'agent/a'), 20));
  });
  it('streams of a factory are independent: drawing from one does not shift another', () => {
    const f = new StreamFactory(3);
    const a1 = f.stream('x');
    const reference = draws(f.stream('x'), 50);
    const b = f.stream('y');
    for (let i = 0; i < 1000; i++) b.uniform();
    expect(draws(a1, 50)).toEqual(reference);
  });
  it('two different names are uncorrelated', () => {
    const a = draws(RandomStream.derive(1, 'a'), 20_000);
    const b = draws(RandomStream.derive(1, 'b'), 20_000);
    let cov = 0;
    for (let i = 0; i < a.length; i++) cov += ((a[i] as number) - 0.5) * ((b[i] as number) - 0.5);
    const corr = cov / a.length / (1 / 12);
    expect(Math.abs(corr)).toBeLessThan(0.03); // sd of corr about 1/sqrt(n) = 0.007
  });
  it('state save/restore continues identically, including the spare normal', () => {
    const s = RandomStream.derive(5, 'agent/x');
    for (let i = 0; i < 37; i++) s.uniform();
    s.normal(); // leaves a spare normal in the state
    const saved = JSON.parse(JSON.stringify(s.state())) as ReturnType<RandomStream['state']>;
    expect(saved.spareNormal).not.toBeNull();
    const r = RandomStream.restore(saved);
    expect(r.name).toBe('agent/x');
    const fromS = [s.normal(), s.normal(), s.uniform(), s.exponential(2), s.poisson(4), s.poisson(50)];
    const fromR = [r.normal(), r.normal(), r.uniform(), r.exponential(2), r.poisson(4), r.poisson(50)];
    expect(fromR).toEqual(fromS);
  });
  it('a state snapshot is a copy: drawing later does not change it', () => {
    const s = RandomStream.derive(5, 'y');
    const st = s.state();
    const copy = JSON.stringify(st);
    s.uniform();
    expect(JSON.stringify(st)).toBe(copy);
  });
  it.each([-1, 1.5, 2 ** 32, NaN])('rejects root seed %d', (seed) => {
    expect(() => assertRootSeed(seed)).toThrow(RangeError);
    expect(() => RandomStream.derive(seed, 'a')).toThrow(RangeError);
  });
});

describe('RandomStream: 53-bit uniforms (issue 13)', () => {
  it('every uniform is k / 2^53 and uses the bits below 2^-32 (not a 32-bit draw)', () => {
    const xs = draws(RandomStream.derive(11, 'bits'), 10_000);
    for (const x of xs) expect(Number.isInteger(x * 2 ** 53) && x >= 0 && x < 1).toBe(true);
    // A 32-bit uniform has x * 2^32 integral; a 53-bit one almost never (2^-21 per draw).
    expect(xs.filter((x) => Number.isInteger(x * 2 ** 32)).length).toBeLessThan(3);
    // The 21 low bits are themselves uniform: their mean is about 2^20 (sd of the mean ~ 6 k).
    const low = meanVar(xs.map((x) => (x * 2 ** 53) % 2 ** 21)).mean;
    expect(Math.abs(low - 2 ** 20)).toBeLessThan(40_000);
  });

  it('is two 32-bit tychei outputs combined as in MT19937 genrand_res53 (27 + 26 bits)', () => {
    // The derivation is pinned against seedrandom's tychei, seeded with the same string.
    const s = RandomStream.derive(3, 'pin');
    const t = seedrandom.tychei(`${STREAM_DERIVATION}3/pin`);
    for (let i = 0; i < 100; i++) {
      const hi = t.int32() >>> 5;
      const lo = t.int32() >>> 6;
      expect(s.uniform()).toBe((hi * 2 ** 26 + lo) / 2 ** 53);
    }
  });

  it('the exponential tail reaches past the 32-bit cap of 22.2 means (u = 1 - 2^-53 gives 36.7)', () => {
    const capped = -Math.log(1 - (2 ** 32 - 1) / 2 ** 32);
    const full = -Math.log(1 - (2 ** 53 - 1) / 2 ** 53);
    expect(capped).toBeCloseTo(22.18, 2);
    expect(full).toBeCloseTo(36.74, 2);
  });

  it('an observed stream draws the same numbers and shows each uniform to its observer', () => {
    const seen: Array<[string, number]> = [];
    const f = new StreamFactory(9, { onDraw: (name, u) => seen.push([name, u]) });
    const obs = f.stream('agent/a');
    const plain = RandomStream.derive(9, 'agent/a');
    const a = [obs.uniform(), obs.normal(), obs.exponential(3), obs.poisson(2), obs.int(7)];
    const b = [plain.uniform(), plain.normal(), plain.exponential(3), plain.poisson(2), plain.int(7)];
    expect(a).toEqual(b);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen.every(([n]) => n === 'agent/a')).toBe(true);
    expect(seen[0]?.[1]).toBe(a[0]);
    // A restored observed stream keeps observing.
    const r = RandomStream.restore(obs.state(), { onDraw: (name) => seen.push([name, -1]) });
    const before = seen.length;
    expect(r.uniform()).toBe(plain.uniform());
    expect(seen.length).toBe(before + 1);
  });
});

// Loose bounds (about 6 standard errors) that still fail for a wrong distribution.
describe('RandomStream distributions', () => {
  const N = 40_000;
  const rng = RandomStream.derive(99, 'dist');
  it('uniform is in [0,1) with mean 1/2 and variance 1/12', () => {
    const xs = sample(N, () => rng.uniform());
    const { mean, variance } = meanVar(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(6 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.004);
  });
  it('uniformIn and int stay in range and cover it', () => {
    const ints = new Set(sample(5000, () => rng.int(7)));
    expect([...ints].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const x of sample(1000, () => rng.uniformIn(-3, 2))) {
      expect(x).toBeGreaterThanOrEqual(-3);
      expect(x).toBeLessThan(2);
    }
  });
  it('bernoulli(0.3) hits about 30%', () => {
    const hits = sample(N, () => (rng.bernoulli(0.3) ? 1 : 0)).reduce((a, b) => a + b, 0);
    expect(Math.abs(hits / N - 0.3)).toBeLessThan(6 * Math.sqrt(0.21 / N));
  });
  it('normal has mean 0, variance 1 and symmetric tails', () => {
    const xs = sample(N, () => rng.normal());
    const { mean, variance } = meanVar(xs);
    expect(Math.abs(mean)).toBeLessThan(6 / Math.sqrt(N));
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    const beyond2 = xs.filter((x) => Math.abs(x) > 1.96).length / N;
    expect(Math.abs(beyond2 - 0.05)).toBeLessThan(0.008);
  });
  it('exponential(mean 3) has mean 3, variance 9, is positive and finite', () => {
    const xs = sample(N, () => rng.exponential(3));
    const { mean, variance } = meanVar(xs);
    expect(Math.abs(mean - 3)).toBeLessThan(6 * 3 / Math.sqrt(N));
    expect(Math.abs(variance - 9) / 9).toBeLessThan(0.1);
    expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
  });
  it('lognormal(mu, sigma) has median exp(mu)', () => {
    const xs = sample(N, () => rng.lognormal(1, 0.5)).sort((a, b) => a - b);
    expect(Math.abs(Math.log(xs[N / 2] as number) - 1)).toBeLessThan(0.02);
  });
  it.each([0.5, 4, 29, 30, 200])('poisson(%d) has mean = variance = lambda and integer values', (lambda) => {
    const xs = sample(N, () => rng.poisson(lambda));
    const { mean, variance } = meanVar(xs);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(Math.abs(mean - lambda)).toBeLessThan(6 * Math.sqrt(lambda / N));
    expect(Math.abs(variance - lambda) / lambda).toBeLessThan(0.08);
  });
  it('poisson(0) is 0; NaN, Infinity and negative means are rejected', () => {
    expect(rng.poisson(0)).toBe(0);
    for (const bad of [NaN, Infinity, -1]) expect(() => rng.poisson(bad)).toThrow(RangeError);
  });
});
