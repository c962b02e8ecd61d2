/**
 * Samplers for {@link Distribution}s: built once at agent creation, then `sample(rng)` draws
 * without allocating. Values are in the unit of the field the distribution came from.
 */
import type { RandomStream } from '../../engine/rng.js';
import type { Distribution } from './schema.js';

/** A compiled distribution. */
export class Sampler {
  private readonly code: number;
  private readonly a: number;
  private readonly b: number;

  /**
   * `cap` bounds every draw from above: a heavy tail (a Pareto with a tiny alpha, a lognormal with
   * a large sigma) can draw Infinity or a size no venue can hold, which would end the run with a
   * RangeError (found by the fuzzer, issue 16). Each use states its cap in its field description.
   */
  constructor(d: Distribution, private readonly cap = Number.MAX_VALUE) {
    switch (d.dist) {
      case 'fixed':
        this.code = 0;
        this.a = d.value;
        this.b = 0;
        break;
      case 'uniform':
        this.code = 1;
        this.a = d.min;
        this.b = d.max;
        break;
      case 'exponential':
        this.code = 2;
        this.a = d.mean;
        this.b = 0;
        break;
      case 'normal':
        this.code = 3;
        this.a = d.mean;
        this.b = d.sd;
        break;
      case 'lognormal':
        this.code = 4;
        this.a = Math.log(d.median);
        this.b = d.sigma;
        break;
      case 'pareto':
        this.code = 5;
        this.a = d.min;
        this.b = 1 / d.alpha;
        break;
    }
  }

  /** One draw, at most `cap` (never NaN; normal draws may be negative). */
  sample(rng: RandomStream): number {
    const v = this.draw(rng);
    return v > this.cap ? this.cap : v;
  }

  private draw(rng: RandomStream): number {
    switch (this.code) {
      case 0:
        return this.a;
      case 1:
        return this.a + (this.b - this.a) * rng.uniform();
      case 2:
        return rng.exponential(this.a);
      case 3:
        return this.a + this.b * rng.normal();
      case 4:
        return rng.lognormal(this.a, this.b);
      default:
        // Inverse CDF: x = min * U^(-1/alpha), U in (0, 1].
        return this.a * Math.pow(1 - rng.uniform(), -this.b);
    }
  }

  /** Mean of the distribution (Infinity for a Pareto with alpha <= 1). */
  mean(): number {
    switch (this.code) {
      case 0:
        return this.a;
      case 1:
        return (this.a + this.b) / 2;
      case 2:
        return this.a;
      case 3:
        return this.a;
      case 4:
        return Math.exp(this.a + (this.b * this.b) / 2);
      default:
        return this.b < 1 ? this.a / (1 - this.b) : Infinity;
    }
  }
}
