/**
 * Chain parameters and scheduled congestion windows (pure). A window `[startNs, endNs)` may
 * lengthen the block time, raise the priority fee a transaction needs to be included (the fee
 * floor), shrink the block capacity and drop a fraction of arriving transactions (Solana,
 * 2024-04: user transactions dropped before scheduling). Overlapping windows combine to the
 * worst of each. Real-chain regimes: crypto-mechanics.md §5.1 and §5.3.
 *
 * Units: times SimTime ns, fees integer fee units (gwei-like), capacity in transactions.
 */

/**
 * EIP-1559 base fee (Ethereum spec, crypto-mechanics.md §5.1, §5.3): after each block the base
 * fee moves by `maxChange` times the relative excess of the block's fill over its target
 * (clipped to +-maxChange), so full blocks raise it 12.5 % each (x2 in 6 blocks). A transaction
 * is included only when its fee bid is at least the base fee (and the scheduled floor).
 */
export interface Eip1559Params {
  /** Base fee before the first block (fee units). */
  readonly initialBaseFee: number;
  /** Target fill as a fraction of capacity (Ethereum: 0.5). */
  readonly targetFraction: number;
  /** Largest relative change per block (Ethereum: 0.125). */
  readonly maxChange: number;
  /** The base fee never falls below this (fee units). */
  readonly minBaseFee: number;
}

/** Ethereum's EIP-1559 parameters, starting (and bottoming) at 1 fee unit. */
export const ETHEREUM_EIP1559: Eip1559Params = { initialBaseFee: 1, targetFraction: 0.5, maxChange: 0.125, minBaseFee: 1 };

/** A chain in normal conditions. */
export interface ChainParams {
  /** Time between blocks (ns). */
  readonly blockTimeNs: number;
  /** Transactions per block. */
  readonly blockCapacity: number;
  /** Priority fee needed for inclusion in normal conditions (fee units, usually 0). */
  readonly minPriorityFee: number;
  /** A dynamic base fee on top of the floors; absent = none. */
  readonly eip1559?: Eip1559Params;
}

/** One scheduled congestion window; omitted fields keep the normal value. */
export interface CongestionWindow {
  readonly startNs: number;
  readonly endNs: number;
  readonly blockTimeNs?: number;
  readonly blockCapacity?: number;
  readonly minPriorityFee?: number;
  /** Probability a transaction arriving during the window is dropped at once. */
  readonly dropProbability?: number;
}

/** The parameters in force at one instant. */
export interface BlockParams {
  blockTimeNs: number;
  blockCapacity: number;
  minPriorityFee: number;
  dropProbability: number;
  /** True inside at least one window. */
  congested: boolean;
}

export function newBlockParams(): BlockParams {
  return { blockTimeNs: 0, blockCapacity: 0, minPriorityFee: 0, dropProbability: 0, congested: false };
}

/** Throws unless the chain parameters are usable. */
export function checkChainParams(c: ChainParams): void {
  if (!(Number.isSafeInteger(c.blockTimeNs) && c.blockTimeNs > 0)) throw new RangeError(`block time must be a positive integer of ns, got ${c.blockTimeNs}`);
  if (!(Number.isSafeInteger(c.blockCapacity) && c.blockCapacity > 0)) throw new RangeError(`block capacity must be a positive integer, got ${c.blockCapacity}`);
  if (!(c.minPriorityFee >= 0 && Number.isFinite(c.minPriorityFee))) throw new RangeError(`minimum priority fee must be finite and >= 0, got ${c.minPriorityFee}`);
  const e = c.eip1559;
  if (e !== undefined) {
    if (!(e.minBaseFee >= 0 && Number.isFinite(e.minBaseFee) && e.initialBaseFee >= e.minBaseFee && Number.isFinite(e.initialBaseFee))) {
      throw new RangeError(`EIP-1559 base fees must be finite with initial >= min >= 0, got ${e.initialBaseFee}, ${e.minBaseFee}`);
    }
    if (!(e.targetFraction > 0 && e.targetFraction <= 1)) throw new RangeError(`EIP-1559 target fraction must be in (0, 1], got ${e.targetFraction}`);
    if (!(e.maxChange >= 0 && e.maxChange < 1)) throw new RangeError(`EIP-1559 max change must be in [0, 1), got ${e.maxChange}`);
  }
}

/** The base fee after a block that included `used` of `capacity` transactions (EIP-1559 rule). */
export function nextBaseFee(e: Eip1559Params, baseFee: number, used: number, capacity: number): number {
  const target = capacity * e.targetFraction;
  const excess = target > 0 ? (used - target) / target : 1;
  const step = excess > 1 ? 1 : excess < -1 ? -1 : excess;
  const next = baseFee * (1 + e.maxChange * step);
  return next < e.minBaseFee ? e.minBaseFee : next;
}

export class CongestionSchedule {
  private readonly windows: readonly CongestionWindow[];

  constructor(readonly chain: ChainParams, windows: readonly CongestionWindow[] = []) {
    checkChainParams(chain);
    for (const w of windows) checkWindow(w);
    // Start order (then input order) so a scan can stop at the first window starting later.
    this.windows = windows.map((w, i) => ({ w, i })).sort((a, b) => a.w.startNs - b.w.startNs || a.i - b.i).map((x) => x.w);
  }

  /** Writes into `out` (and returns it) the parameters in force at `tNs`. */
  paramsAt(tNs: number, out: BlockParams = newBlockParams()): BlockParams {
    const c = this.chain;
    out.blockTimeNs = c.blockTimeNs;
    out.blockCapacity = c.blockCapacity;
    out.minPriorityFee = c.minPriorityFee;
    out.dropProbability = 0;
    out.congested = false;
    for (const w of this.windows) {
      if (w.startNs > tNs) break;
      if (tNs >= w.endNs) continue;
      out.congested = true;
      if (w.blockTimeNs !== undefined && w.blockTimeNs > out.blockTimeNs) out.blockTimeNs = w.blockTimeNs;
      if (w.blockCapacity !== undefined && w.blockCapacity < out.blockCapacity) out.blockCapacity = w.blockCapacity;
      if (w.minPriorityFee !== undefined && w.minPriorityFee > out.minPriorityFee) out.minPriorityFee = w.minPriorityFee;
      if (w.dropProbability !== undefined && w.dropProbability > out.dropProbability) out.dropProbability = w.dropProbability;
    }
    return out;
  }
}

function checkWindow(w: CongestionWindow): void {
  if (!(Number.isSafeInteger(w.startNs) && Number.isSafeInteger(w.endNs) && w.startNs >= 0 && w.endNs > w.startNs)) {
    throw new RangeError(`congestion window must have integer ns 0 <= start < end, got [${w.startNs}, ${w.endNs})`);
  }
  if (w.blockTimeNs !== undefined && !(Number.isSafeInteger(w.blockTimeNs) && w.blockTimeNs > 0)) throw new RangeError(`congestion block time must be a positive integer of ns, got ${w.blockTimeNs}`);
  if (w.blockCapacity !== undefined && !(Number.isSafeInteger(w.blockCapacity) && w.blockCapacity >= 0)) throw new RangeError(`congestion block capacity must be an integer >= 0, got ${w.blockCapacity}`);
  if (w.minPriorityFee !== undefined && !(w.minPriorityFee >= 0 && Number.isFinite(w.minPriorityFee))) throw new RangeError(`congestion fee floor must be finite and >= 0, got ${w.minPriorityFee}`);
  if (w.dropProbability !== undefined && !(w.dropProbability >= 0 && w.dropProbability <= 1)) throw new RangeError(`congestion drop probability must be in [0, 1], got ${w.dropProbability}`);
}
