/**
 * Named, seeded random streams. Every stream is derived from the root seed (a u32) and a stable
 * name, `seedrandom.tychei('gammaloop/1/<rootSeed>/<name>')`, so adding a stream never shifts
 * another's draws (common random numbers across policies). tychei is ~10x faster than
 * seedrandom's default ARC4 and costs about 0.5 KB per stream. Changing the derivation is a
 * golden-digest change.
 */
import seedrandom from 'seedrandom';

/**
 * tychei's four 32-bit words (seedrandom.State.Tychei), spelled out so the published types do not
 * need @types/seedrandom.
 */
export interface TycheiState {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

/** The serializable state of a stream (restore with {@link RandomStream.restore}). */
export interface RandomStreamState {
  readonly name: string;
  readonly prng: TycheiState;
  readonly spareNormal: number | null;
}

/** Version tag inside every stream seed; bump only with a golden-digest change. */
export const STREAM_DERIVATION = 'gammaloop/1/';

/** Throws unless `seed` is an unsigned 32-bit integer. */
export function assertRootSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new RangeError(`root seed must be an integer in 0..4294967295, got ${seed}`);
  }
}

/** One independent random stream. Draw methods allocate nothing. */
export class RandomStream {
  private readonly prng: seedrandom.StatefulPRNG<seedrandom.State.Tychei>;
  private spareNormal: number | null = null;

  private constructor(readonly name: string, prng: seedrandom.StatefulPRNG<seedrandom.State.Tychei>) {
    this.prng = prng;
  }

  /** The stream `name` under root seed `rootSeed`. */
  static derive(rootSeed: number, name: string): RandomStream {
    assertRootSeed(rootSeed);
    return new RandomStream(name, seedrandom.tychei(STREAM_DERIVATION + rootSeed + '/' + name, { state: true }));
  }

  /** Rebuilds a stream from {@link state}; it continues exactly where the original was. */
  static restore(state: RandomStreamState): RandomStream {
    const s = new RandomStream(state.name, seedrandom.tychei('', { state: { ...state.prng } }));
    s.spareNormal = state.spareNormal;
    return s;
  }

  state(): RandomStreamState {
    return { name: this.name, prng: this.prng.state(), spareNormal: this.spareNormal };
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.prng();
  }

  /** Uniform in [lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.prng();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.prng() < p;
  }

  /** Exponential with the given mean (inverse CDF; never returns Infinity). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.prng());
  }

  /** Standard normal (Marsaglia polar method; keeps the spare, which is part of the state). */
  normal(): number {
    const spare = this.spareNormal;
    if (spare !== null) {
      this.spareNormal = null;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.prng() - 1;
      v = 2 * this.prng() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /** Lognormal: exp(mu + sigma * N(0,1)). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Poisson with mean `lambda` (Knuth below 30, rounded normal approximation with continuity above). */
  poisson(lambda: number): number {
    if (!(lambda >= 0 && lambda < Infinity)) throw new RangeError(`poisson mean must be finite and >= 0, got ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.prng();
      while (p > limit) {
        k++;
        p *= this.prng();
      }
      return k;
    }
    const x = Math.round(lambda + Math.sqrt(lambda) * this.normal());
    return x < 0 ? 0 : x;
  }
}

/** Creates streams for one run; every stream name may be asked for once per purpose. */
export class StreamFactory {
  constructor(readonly rootSeed: number) {
    assertRootSeed(rootSeed);
  }

  stream(name: string): RandomStream {
    return RandomStream.derive(this.rootSeed, name);
  }
}
