/**
 * The mempool of a block-based venue (pure, deterministic): pending transactions, each an order
 * command from an agent with a priority fee, a deadline and a target inclusion time. A block
 * takes the pending transactions in order of priority fee (highest first), then arrival (first
 * come first), up to its capacity and only down to the block's fee floor; a transaction still
 * pending when a block is produced after its deadline is expired. The order is total: every
 * transaction has a unique arrival sequence number.
 *
 * Storage is struct of arrays by slot (payloads in a {@link MessagePool}); two fastpriorityqueue
 * heaps of slots (DESIGN 2b) order them by (fee desc, seq) and by (deadline, seq). Removal is lazy:
 * a slot is free again once both heaps have let go of it, and a heap whose stale entries
 * outnumber the pending ones is compacted (so a long congestion cannot grow it without bound).
 *
 * Units: times SimTime ns, priority fees integer fee units (gwei-like, >= 0).
 */
import FastPriorityQueue from 'fastpriorityqueue';
import { MessagePool, newMessage, Reason, type Message } from '../../model/messages.js';

/** Outcome of a transaction: the index into HEDGE_OUTCOMES (model/tables.ts). */
export const TxOutcome = { None: 0, Included: 1, Late: 2, Dropped: 3 } as const;
export type TxOutcome = (typeof TxOutcome)[keyof typeof TxOutcome];

/** A transaction as the sink sees it (one reused object: copy what you keep). */
export interface TxView {
  /** Arrival sequence number (unique, increasing). */
  txId: number;
  /** Sending agent. */
  from: number;
  priorityFee: number;
  arrivalNs: number;
  deadlineNs: number;
  targetNs: number;
  /** The command (SubmitOrder, CancelOrder, ...) as sent. */
  readonly msg: Message;
}

/** Receives what a block does to each transaction, in block order. */
export interface TxSink {
  /** `outcome` is Included (by the target time) or Late. */
  onIncluded(tx: Readonly<TxView>, outcome: TxOutcome, blockNumber: number, blockTimeNs: number): void;
  /** `reason` is Reason.DeadlineMissed (or Reason.Dropped for transactions dropped on arrival). */
  onExpired(tx: Readonly<TxView>, reason: number, tNs: number): void;
}

const PENDING = 1;
const DONE = 2;

export class Mempool {
  private readonly payloads = new MessagePool();
  private from = new Int32Array(0);
  private fee = new Float64Array(0);
  private arrival = new Float64Array(0);
  private deadline = new Float64Array(0);
  private target = new Float64Array(0);
  private seq = new Float64Array(0);
  private state = new Uint8Array(0);
  /** Heaps still holding the slot (0, 1 or 2). */
  private refs = new Uint8Array(0);
  private freeSlots: number[] = [];
  private highWater = 0;
  private nextSeq = 1;
  private pending = 0;
  /** Entries of finished transactions still sitting in each heap. */
  private staleFee = 0;
  private staleDeadline = 0;
  private readonly isStale = (slot: number): boolean => this.state[slot] !== PENDING;
  private readonly view: TxView = { txId: 0, from: 0, priorityFee: 0, arrivalNs: 0, deadlineNs: 0, targetNs: 0, msg: newMessage() };
  private readonly byFee: FastPriorityQueue<number>;
  private readonly byDeadline: FastPriorityQueue<number>;

  constructor(initialCapacity = 64) {
    this.grow(Math.max(1, initialCapacity));
    this.byFee = new FastPriorityQueue<number>((a, b) => {
      const fa = this.fee[a] as number;
      const fb = this.fee[b] as number;
      return fa !== fb ? fa > fb : (this.seq[a] as number) < (this.seq[b] as number);
    });
    this.byDeadline = new FastPriorityQueue<number>((a, b) => {
      const da = this.deadline[a] as number;
      const db = this.deadline[b] as number;
      return da !== db ? da < db : (this.seq[a] as number) < (this.seq[b] as number);
    });
  }

  /** Pending transactions. */
  get size(): number {
    return this.pending;
  }

  /**
   * Adds a transaction that reached the mempool at `arrivalNs`; returns its id (arrival order).
   * `msg` is copied. Fees must be finite and >= 0; deadline and target are absolute ns.
   */
  add(arrivalNs: number, from: number, msg: Readonly<Message>, priorityFee: number, deadlineNs: number, targetNs: number): number {
    if (!(priorityFee >= 0 && Number.isFinite(priorityFee))) throw new RangeError(`priority fee must be finite and >= 0, got ${priorityFee}`);
    if (!Number.isSafeInteger(deadlineNs) || !Number.isSafeInteger(targetNs)) throw new RangeError(`deadline and target must be integer ns, got ${deadlineNs}, ${targetNs}`);
    const slot = this.alloc();
    const id = this.nextSeq++;
    this.from[slot] = from;
    this.fee[slot] = priorityFee;
    this.arrival[slot] = arrivalNs;
    this.deadline[slot] = deadlineNs;
    this.target[slot] = targetNs;
    this.seq[slot] = id;
    this.state[slot] = PENDING;
    this.refs[slot] = 2;
    this.payloads.store(slot, msg);
    this.byFee.add(slot);
    this.byDeadline.add(slot);
    this.pending++;
    return id;
  }

  /** Expires every pending transaction whose deadline is before `tNs` (deadline order); returns how many. */
  expireBefore(tNs: number, sink: TxSink): number {
    let n = 0;
    for (;;) {
      const slot = this.byDeadline.peek();
      if (slot === undefined) break;
      if (this.state[slot] !== PENDING) {
        this.byDeadline.poll();
        this.staleDeadline--;
        this.release(slot);
        continue;
      }
      if ((this.deadline[slot] as number) >= tNs) break;
      this.byDeadline.poll();
      this.finish(slot);
      this.staleFee++;
      n++;
      sink.onExpired(this.load(slot), Reason.DeadlineMissed, tNs);
      this.release(slot);
    }
    if (this.staleFee > 32 + this.pending) this.staleFee -= this.compact(this.byFee);
    return n;
  }

  /**
   * Includes up to `capacity` pending transactions paying at least `minPriorityFee`, in fee then
   * arrival order, into block `blockNumber` at `blockTimeNs`; returns how many.
   */
  include(blockTimeNs: number, blockNumber: number, minPriorityFee: number, capacity: number, sink: TxSink): number {
    let n = 0;
    while (n < capacity) {
      const slot = this.byFee.peek();
      if (slot === undefined) break;
      if (this.state[slot] !== PENDING) {
        this.byFee.poll();
        this.staleFee--;
        this.release(slot);
        continue;
      }
      // The best fee left is below the floor: so is every other.
      if ((this.fee[slot] as number) < minPriorityFee) break;
      this.byFee.poll();
      this.finish(slot);
      this.staleDeadline++;
      n++;
      const late = blockTimeNs > (this.target[slot] as number);
      sink.onIncluded(this.load(slot), late ? TxOutcome.Late : TxOutcome.Included, blockNumber, blockTimeNs);
      this.release(slot);
    }
    if (this.staleDeadline > 32 + this.pending) this.staleDeadline -= this.compact(this.byDeadline);
    return n;
  }

  /** The view of a transaction that never entered the pool (dropped on arrival), for the sink. */
  viewOf(txId: number, arrivalNs: number, from: number, msg: Readonly<Message>, priorityFee: number, deadlineNs: number, targetNs: number): Readonly<TxView> {
    const v = this.view;
    v.txId = txId;
    v.from = from;
    v.priorityFee = priorityFee;
    v.arrivalNs = arrivalNs;
    v.deadlineNs = deadlineNs;
    v.targetNs = targetNs;
    Object.assign(v.msg, msg);
    return v;
  }

  /** Removes the finished entries of `heap` (releasing their slots); returns how many. Amortized: runs when they outnumber the pending. */
  private compact(heap: FastPriorityQueue<number>): number {
    const gone = heap.removeMany(this.isStale);
    for (const slot of gone) this.release(slot);
    return gone.length;
  }

  private load(slot: number): Readonly<TxView> {
    const v = this.view;
    v.txId = this.seq[slot] as number;
    v.from = this.from[slot] as number;
    v.priorityFee = this.fee[slot] as number;
    v.arrivalNs = this.arrival[slot] as number;
    v.deadlineNs = this.deadline[slot] as number;
    v.targetNs = this.target[slot] as number;
    this.payloads.load(slot, v.msg);
    return v;
  }

  private finish(slot: number): void {
    this.state[slot] = DONE;
    this.pending--;
  }

  private release(slot: number): void {
    const r = (this.refs[slot] as number) - 1;
    this.refs[slot] = r;
    if (r === 0) {
      this.state[slot] = 0;
      this.freeSlots.push(slot);
    }
  }

  private alloc(): number {
    const s = this.freeSlots.pop();
    if (s !== undefined) return s;
    if (this.highWater === this.state.length) this.grow(this.state.length * 2);
    return this.highWater++;
  }

  private grow(cap: number): void {
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.from = g(this.from, (n) => new Int32Array(n));
    this.fee = g(this.fee, (n) => new Float64Array(n));
    this.arrival = g(this.arrival, (n) => new Float64Array(n));
    this.deadline = g(this.deadline, (n) => new Float64Array(n));
    this.target = g(this.target, (n) => new Float64Array(n));
    this.seq = g(this.seq, (n) => new Float64Array(n));
    this.state = g(this.state, (n) => new Uint8Array(n));
    this.refs = g(this.refs, (n) => new Uint8Array(n));
    this.payloads.ensureCapacity(cap);
  }
}
