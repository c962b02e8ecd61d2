/**
 * Latency models for links (agent -> venue order entry, venue -> agent responses, market data).
 * Each draws integer nanoseconds from a stream that belongs to the link
 * (`latency/<venue>/<agent>`), never from an agent's own stream, so a policy change does not
 * shift an agent's later decisions.
 */
import type { RandomStream } from './rng.js';

/** A latency distribution; `sampleNs` returns a safe non-negative integer. */
export interface LatencyModel {
  readonly kind: string;
  /** True when every draw is the same; the kernel then skips drawing from a stream. */
  readonly isConstant: boolean;
  sampleNs(rng: RandomStream): number;
  /** Mean latency in ns (for documentation and summaries). */
  meanNs(): number;
}

/** A fixed delay. */
export class ConstantLatency implements LatencyModel {
  readonly kind = 'constant';
  readonly isConstant = true;
  constructor(readonly latencyNs: number) {
    checkNs(latencyNs, 'latency');
  }
  sampleNs(): number {
    return this.latencyNs;
  }
  meanNs(): number {
    return this.latencyNs;
  }
}

/** Uniform on [minNs, maxNs]. */
export class UniformLatency implements LatencyModel {
  readonly kind = 'uniform';
  readonly isConstant = false;
  constructor(readonly minNs: number, readonly maxNs: number) {
    checkNs(minNs, 'min latency');
    checkNs(maxNs, 'max latency');
    if (maxNs < minNs) throw new RangeError(`max latency ${maxNs} ns < min latency ${minNs} ns`);
  }
  sampleNs(rng: RandomStream): number {
    return Math.round(this.minNs + (this.maxNs - this.minNs) * rng.uniform());
  }
  meanNs(): number {
    return (this.minNs + this.maxNs) / 2;
  }
}

/**
 * Lognormal with the given median and log-sigma, capped at `capNs` (heavy tails without the
 * occasional absurd delay), plus a fixed floor `minNs` (propagation delay).
 */
export class LognormalLatency implements LatencyModel {
  readonly kind = 'lognormal';
  readonly isConstant = false;
  private readonly mu: number;
  constructor(readonly medianNs: number, readonly sigma: number, readonly capNs: number, readonly minNs = 0) {
    checkNs(medianNs, 'median latency');
    checkNs(capNs, 'latency cap');
    checkNs(minNs, 'min latency');
    if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new RangeError(`latency sigma must be >= 0, got ${sigma}`);
    if (medianNs <= 0) throw new RangeError('lognormal median latency must be > 0');
    if (capNs < minNs) throw new RangeError(`latency cap ${capNs} ns < min latency ${minNs} ns`);
    this.mu = Math.log(medianNs);
  }
  sampleNs(rng: RandomStream): number {
    const x = this.minNs + Math.round(rng.lognormal(this.mu, this.sigma));
    return x > this.capNs ? this.capNs : x;
  }
  meanNs(): number {
    return Math.min(this.capNs, this.minNs + Math.exp(this.mu + (this.sigma * this.sigma) / 2));
  }
}

/** Zero latency (the default for links nobody configured). */
export const ZERO_LATENCY: LatencyModel = new ConstantLatency(0);

function checkNs(v: number, what: string): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${what} must be a non-negative integer of ns, got ${v}`);
}
