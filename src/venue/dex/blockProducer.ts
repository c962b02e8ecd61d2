/**
 * Block production of a DEX (pure, deterministic): transactions arrive into the {@link Mempool}
 * (or are dropped at once inside a congestion window with a drop probability); every block time
 * a block is produced: first the pending transactions past their deadline are expired, then up to
 * the block's capacity are included in priority-fee-then-arrival order, down to the fee floor in
 * force (crypto-mechanics.md §5.3: inclusion at the next block boundary, execution at inclusion).
 * The next block follows the last one by the block time in force at the last one, so a
 * congestion window lengthens the blocks it covers. With EIP-1559 on, the fee floor is also at
 * least the base fee, which rises after full blocks and falls after empty ones (endogenous
 * congestion: a burst of orders prices out default-fee transactions for a while).
 *
 * Units: times SimTime ns, fees integer fee units, capacity transactions.
 */
import { Reason, type Message } from '../../model/messages.js';
import { CongestionSchedule, newBlockParams, nextBaseFee, type BlockParams } from './congestion.js';
import { Mempool, type TxSink } from './mempool.js';

/** A source of uniform draws in [0, 1) (a RandomStream). */
export interface UniformSource {
  uniform(): number;
}

export class BlockProducer {
  readonly mempool = new Mempool();
  private readonly params: BlockParams = newBlockParams();
  /** Number of the last block produced (0 before the first). */
  blockNumber = 0;
  /** Time of the last block (the start time before the first). */
  lastBlockNs: number;
  /** EIP-1559 base fee in force for the next block (0 when off), fee units. */
  baseFee: number;
  /** Totals so far. */
  includedTotal = 0;
  expiredTotal = 0;
  droppedTotal = 0;

  constructor(readonly schedule: CongestionSchedule, startNs = 0) {
    this.lastBlockNs = startNs;
    this.baseFee = schedule.chain.eip1559?.initialBaseFee ?? 0;
  }

  /** The parameters in force at `tNs` (a reused object). */
  paramsAt(tNs: number): Readonly<BlockParams> {
    return this.schedule.paramsAt(tNs, this.params);
  }

  /** When the next block is produced. */
  nextBlockNs(): number {
    return this.lastBlockNs + this.paramsAt(this.lastBlockNs).blockTimeNs;
  }

  /**
   * A transaction reaches the mempool at `tNs`. One draw from `rng` (the sender's stream) for
   * every transaction, used only inside a window that drops transactions, so a sender's n-th
   * transaction reads the same uniform whatever the schedule and the market (common random
   * numbers); a dropped one goes to `sink.onExpired` with Reason.Dropped at once. Returns the
   * transaction id, 0 when dropped.
   */
  submit(tNs: number, from: number, msg: Readonly<Message>, priorityFee: number, deadlineNs: number, targetNs: number, rng: UniformSource, sink: TxSink): number {
    const u = rng.uniform();
    const p = this.paramsAt(tNs).dropProbability;
    if (p > 0 && u < p) {
      this.droppedTotal++;
      sink.onExpired(this.mempool.viewOf(0, tNs, from, msg, priorityFee, deadlineNs, targetNs), Reason.Dropped, tNs);
      return 0;
    }
    return this.mempool.add(tNs, from, msg, priorityFee, deadlineNs, targetNs);
  }

  /** The fee a transaction needs to be included in a block at `tNs` (scheduled floor or base fee). */
  feeFloorAt(tNs: number): number {
    const f = this.paramsAt(tNs).minPriorityFee;
    return f > this.baseFee ? f : this.baseFee;
  }

  /** Produces the block at `tNs` (>= the last one): expiries, then inclusions. Returns the number included. */
  produce(tNs: number, sink: TxSink): number {
    if (!(tNs >= this.lastBlockNs)) throw new RangeError(`block at ${tNs} ns before the last block at ${this.lastBlockNs} ns`);
    const p = this.paramsAt(tNs);
    const capacity = p.blockCapacity;
    const floor = p.minPriorityFee > this.baseFee ? p.minPriorityFee : this.baseFee;
    this.blockNumber++;
    this.lastBlockNs = tNs;
    this.expiredTotal += this.mempool.expireBefore(tNs, sink);
    const n = this.mempool.include(tNs, this.blockNumber, floor, capacity, sink);
    this.includedTotal += n;
    const e = this.schedule.chain.eip1559;
    // A block with no capacity (an outage) carries no demand signal: the base fee holds.
    if (e !== undefined && capacity > 0) this.baseFee = nextBaseFee(e, this.baseFee, n, capacity);
    return n;
  }
}
