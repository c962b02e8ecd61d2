/**
 * Funding times and rate of a CEX perp (crypto-mechanics.md §1.3-1.4).
 *
 * Times are UTC-aligned: instants t with (t - alignOffset) a multiple of the interval since the
 * Unix epoch (8 h and offset 0: 00:00, 08:00, 16:00 UTC), converted to SimTime with the
 * scenario's SimClock. The first funding is the first aligned instant strictly after the start.
 *
 * Premium: sampled every premiumSampleNs (premiumSampler.ts: impact bid/ask premium, the mid
 * premium when the book is too thin) and averaged with equal weights over the interval. The rate is instruments/funding.ts `fundingRate` (Binance /
 * Hyperliquid form). Longs pay when it is > 0.
 */
import { NS_PER_MS } from '../../engine/time.js';
import type { SimClock } from '../../model/clock.js';
import type { FundingConfig } from '../cexConfig.js';

/** SimTime of the first funding strictly after `afterNs`, or null beyond the safe range. */
export function nextFundingNs(clock: SimClock, cfg: FundingConfig, afterNs: number): number | null {
  if (!Number.isSafeInteger(cfg.intervalNs) || cfg.intervalNs <= 0 || cfg.intervalNs % NS_PER_MS !== 0) {
    throw new RangeError(`funding interval must be a positive whole number of ms, got ${cfg.intervalNs} ns`);
  }
  if (!Number.isSafeInteger(cfg.alignOffsetNs) || cfg.alignOffsetNs % NS_PER_MS !== 0) {
    throw new RangeError(`funding alignment offset must be a whole number of ms, got ${cfg.alignOffsetNs} ns`);
  }
  const intervalMs = cfg.intervalNs / NS_PER_MS;
  const offsetMs = cfg.alignOffsetNs / NS_PER_MS;
  const afterMs = clock.utcMsAt(afterNs);
  const k = Math.floor((afterMs - offsetMs) / intervalMs) + 1;
  return clock.simNsAt(offsetMs + k * intervalMs);
}

/** Equal-weight premium average over one funding interval. */
export class PremiumAverage {
  private sum = 0;
  private count = 0;

  add(premium: number): void {
    if (!Number.isFinite(premium)) return;
    this.sum += premium;
    this.count++;
  }

  /** The average (NaN when no sample), then starts a new interval. */
  take(): number {
    const v = this.count > 0 ? this.sum / this.count : Number.NaN;
    this.sum = 0;
    this.count = 0;
    return v;
  }

  peek(): number {
    return this.count > 0 ? this.sum / this.count : Number.NaN;
  }
}
