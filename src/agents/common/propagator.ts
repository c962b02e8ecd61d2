/**
 * A power-law decaying kernel as a sum of log-spaced exponentials, for transient price impact
 * (the propagator of Bouchaud, Gefen, Potters, Wyart 2004): an input x at time s contributes
 * x * G(t - s) at time t, G(l) = sum_k w_k e^{-l / tau_k}, sum_k w_k = 1 (so G(0) = 1). With
 * tau_k log-spaced on [min, max] and w_k proportional to tau_k^-beta, G(l) ~ Gamma(beta) l^-beta
 * for min << l << max / 10 (the integral of tau^-beta e^{-l/tau} over log tau), and G vanishes beyond
 * max (the cut-off already steepens it from about max / 10). Markovian: K numbers of state, decayed lazily when read or written; allocation-free.
 * Units: time in ns, the value in whatever unit the inputs carry (bps in the market maker).
 */
export class PowerLawPropagator {
  private readonly tauNs: Float64Array;
  private readonly weight: Float64Array;
  private readonly state: Float64Array;
  private tNs = 0;

  constructor(exponent: number, minTimescaleNs: number, maxTimescaleNs: number, components: number) {
    const n = Math.max(1, components);
    this.tauNs = new Float64Array(n);
    this.weight = new Float64Array(n);
    this.state = new Float64Array(n);
    const lo = Math.log(Math.max(1, minTimescaleNs));
    const hi = Math.log(Math.max(minTimescaleNs + 1, maxTimescaleNs));
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const tau = Math.exp(n > 1 ? lo + ((hi - lo) * i) / (n - 1) : lo);
      this.tauNs[i] = tau;
      this.weight[i] = Math.pow(tau, -exponent);
      sum += this.weight[i] as number;
    }
    for (let i = 0; i < n; i++) this.weight[i] = (this.weight[i] as number) / sum;
  }

  /** The kernel itself, G(l) for a lag in ns (read by tests). */
  kernel(lagNs: number): number {
    let g = 0;
    for (let i = 0; i < this.tauNs.length; i++) g += (this.weight[i] as number) * Math.exp(-lagNs / (this.tauNs[i] as number));
    return g;
  }

  /** The summed transient value at `nowNs` (times earlier than the last update read as the last update). */
  valueAt(nowNs: number): number {
    this.decayTo(nowNs);
    let v = 0;
    for (let i = 0; i < this.state.length; i++) v += this.state[i] as number;
    return v;
  }

  /** Adds an input x at `nowNs`: it is worth x now and x * G(l) after a lag l. */
  add(nowNs: number, x: number): void {
    this.decayTo(nowNs);
    for (let i = 0; i < this.state.length; i++) this.state[i] = (this.state[i] as number) + x * (this.weight[i] as number);
  }

  private decayTo(nowNs: number): void {
    const dt = nowNs - this.tNs;
    if (dt <= 0) return;
    for (let i = 0; i < this.state.length; i++) this.state[i] = (this.state[i] as number) * Math.exp(-dt / (this.tauNs[i] as number));
    this.tNs = nowNs;
  }
}
