/**
 * Named, seeded random streams. Every stream is derived from the root seed (a u32) and a stable
 * name, `seedrandom.tychei('gammaloop/1/<rootSeed>/<name>')`, so adding a stream never shifts
 * another's draws (common random numbers across policies). tychei is ~10x faster than
 * seedrandom's default ARC4 and costs about 0.5 KB per stream. Changing the derivation or the
 * way uniforms are made from it is a golden-digest change.
 *
 * Every uniform has 53 random bits, made from two 32-bit tychei outputs as in MT19937's
 * `genrand_res53` (27 + 26 bits): k / 2^53, k in [0, 2^53). A single 32-bit output (k / 2^32)
 * capped an exponential draw at 32 ln 2 = 22.2 means and a Pareto size at 2^(32/alpha) times its
 * minimum; with 53 bits the caps are 36.7 means and 2^(53/alpha).
 *
 * A {@link DrawObserver} (tests only) sees every uniform a stream hands out; observed streams are
 * a subclass, so the draw methods of ordinary runs stay monomorphic and byte-identical.
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

/**
 * The part of seedrandom's stateful tychei generator a stream uses, spelled out (as TycheiState
 * is) so the published declarations of the protected constructor need no @types/seedrandom.
 */
export interface TycheiGenerator {
  (): number;
  int32(): number;
  state(): TycheiState;
}

/** The serializable state of a stream (restore with {@link RandomStream.restore}). */
export interface RandomStreamState {
  readonly name: string;
  readonly prng: TycheiState;
  readonly spareNormal: number | null;
}

/** Version tag inside every stream seed; bump only with a golden-digest change. */
export const STREAM_DERIVATION = 'gammaloop/1/';

/** Sees every uniform drawn from the streams of a factory built with it (tests: common random numbers). */
export interface DrawObserver {
  onDraw(streamName: string, u: number): void;
}

/** 2^26 and 2^-53: a 53-bit uniform is (27 high bits * 2^26 + 26 low bits) * 2^-53. */
const TWO_POW_26 = 67_108_864;
const TWO_POW_MINUS_53 = 1 / 9_007_199_254_740_992;

/** Throws unless `seed` is an unsigned 32-bit integer. */
export function assertRootSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new RangeError(`root seed must be an integer in 0..4294967295, got ${seed}`);
  }
}

/** One independent random stream. Draw methods allocate nothing. */
export class RandomStream {
  private readonly prng: TycheiGenerator;
  /** The generator's raw signed 32-bit output (seedrandom's `int32`). */
  private readonly next32: () => number;
  private spareNormal: number | null = null;

  protected constructor(readonly name: string, prng: TycheiGenerator) {
    this.prng = prng;
    this.next32 = prng.int32;
  }

  /** The stream `name` under root seed `rootSeed`; every draw is shown to `observer` when given. */
  static derive(rootSeed: number, name: string, observer?: DrawObserver): RandomStream {
    assertRootSeed(rootSeed);
    const prng = seedrandom.tychei(STREAM_DERIVATION + rootSeed + '/' + name, { state: true });
    return observer === undefined ? new RandomStream(name, prng) : new ObservedRandomStream(name, prng, observer);
  }

  /** Rebuilds a stream from {@link state}; it continues exactly where the original was. */
  static restore(state: RandomStreamState, observer?: DrawObserver): RandomStream {
    const prng = seedrandom.tychei('', { state: { ...state.prng } });
    const s = observer === undefined ? new RandomStream(state.name, prng) : new ObservedRandomStream(state.name, prng, observer);
    s.spareNormal = state.spareNormal;
    return s;
  }

  state(): RandomStreamState {
    return { name: this.name, prng: this.prng.state(), spareNormal: this.spareNormal };
  }

  /** Uniform in [0, 1) with 53 random bits: k / 2^53. */
  uniform(): number {
    return this.u53();
  }

  /** The one place uniforms are made (observed streams override it). */
  protected u53(): number {
    const next = this.next32;
    return ((next() >>> 5) * TWO_POW_26 + (next() >>> 6)) * TWO_POW_MINUS_53;
  }

  /** Uniform in [lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.u53();
  }

  /** Uniform integer in [0, n) (one uniform whatever n is, so n may depend on state). */
  int(n: number): number {
    return Math.floor(this.u53() * n);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.u53() < p;
  }

  /** Exponential with the given mean (inverse CDF; at most 53 ln 2 = 36.7 means, never Infinity). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.u53());
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
      u = 2 * this.u53() - 1;
      v = 2 * this.u53() - 1;
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
      let p = this.u53();
      while (p > limit) {
        k++;
        p *= this.u53();
      }
      return k;
    }
    const x = Math.round(lambda + Math.sqrt(lambda) * this.normal());
    return x < 0 ? 0 : x;
  }
}

/** A stream whose every uniform is also handed to an observer (tests; never in ordinary runs). */
class ObservedRandomStream extends RandomStream {
  constructor(name: string, prng: TycheiGenerator, private readonly observer: DrawObserver) {
    super(name, prng);
  }

  protected override u53(): number {
    const u = super.u53();
    this.observer.onDraw(this.name, u);
    return u;
  }
}

/** Creates streams for one run; every stream name may be asked for once per purpose. */
export class StreamFactory {
  /** `observer` (tests only) sees every uniform of every stream this factory makes. */
  constructor(readonly rootSeed: number, readonly observer?: DrawObserver) {
    assertRootSeed(rootSeed);
  }

  stream(name: string): RandomStream {
    return RandomStream.derive(this.rootSeed, name, this.observer);
  }
}
