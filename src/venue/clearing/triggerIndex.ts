/**
 * Liquidation trigger index: per instrument, longs in a max-heap and shorts in a min-heap keyed
 * by liquidation price (fractional ticks), so a mark move pops only the positions it crosses
 * (O(k log n)), never a scan of every account. Updates are lazy: each (account, instrument) slot
 * has a version; re-keying bumps it and pushes a fresh entry, stale entries are dropped when they
 * surface, and a heap is rebuilt when stale entries outnumber live ones.
 *
 * Order of `triggered`: longs by liquidation price descending (the order a falling mark crosses
 * them), then shorts ascending; ties by account id. Popped entries are consumed: the caller
 * re-keys an account (`update`) after acting on it, which re-inserts it if it still has a position.
 */
import type { AgentId, InstrumentId } from '../../model/ids.js';

/** A binary heap of (key, account, version) triples in typed arrays; `dir` +1 max-heap, -1 min-heap. */
class TripleHeap {
  key = new Float64Array(64);
  acct = new Int32Array(64);
  ver = new Int32Array(64);
  size = 0;
  constructor(private readonly dir: 1 | -1) {}

  /** True when entry i should sit above entry j. */
  private above(i: number, j: number): boolean {
    const ki = this.key[i] as number;
    const kj = this.key[j] as number;
    if (ki !== kj) return this.dir > 0 ? ki > kj : ki < kj;
    return (this.acct[i] as number) < (this.acct[j] as number);
  }

  private swap(i: number, j: number): void {
    const k = this.key[i] as number, a = this.acct[i] as number, v = this.ver[i] as number;
    this.key[i] = this.key[j] as number; this.acct[i] = this.acct[j] as number; this.ver[i] = this.ver[j] as number;
    this.key[j] = k; this.acct[j] = a; this.ver[j] = v;
  }

  push(key: number, acct: number, ver: number): void {
    if (this.size === this.key.length) {
      const n = this.size * 2;
      const k = new Float64Array(n); k.set(this.key); this.key = k;
      const a = new Int32Array(n); a.set(this.acct); this.acct = a;
      const v = new Int32Array(n); v.set(this.ver); this.ver = v;
    }
    let i = this.size++;
    this.key[i] = key; this.acct[i] = acct; this.ver[i] = ver;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): void {
    const last = --this.size;
    if (last > 0) {
      this.key[0] = this.key[last] as number; this.acct[0] = this.acct[last] as number; this.ver[0] = this.ver[last] as number;
      this.siftDown(0);
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) return;
      const r = l + 1;
      const c = r < this.size && this.above(r, l) ? r : l;
      if (!this.above(c, i)) return;
      this.swap(c, i);
      i = c;
    }
  }

  /** Keeps only entries for which `keep(acct, ver)` is true, then re-heapifies. */
  filter(keep: (acct: number, ver: number) => boolean): void {
    let w = 0;
    for (let r = 0; r < this.size; r++) {
      if (!keep(this.acct[r] as number, this.ver[r] as number)) continue;
      this.key[w] = this.key[r] as number; this.acct[w] = this.acct[r] as number; this.ver[w] = this.ver[r] as number;
      w++;
    }
    this.size = w;
    for (let i = (w >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }
}

export class TriggerIndex {
  private readonly longs: TripleHeap[] = [];
  private readonly shorts: TripleHeap[] = [];
  private readonly live: Int32Array;
  /** Version per account*nInstruments+instrument; entries with an older version are stale. */
  private version = new Int32Array(0);
  /** Side of the live entry per slot (0 none). */
  private side = new Int8Array(0);
  private readonly nInst: number;

  constructor(nInstruments: number) {
    this.nInst = nInstruments;
    for (let i = 0; i < nInstruments; i++) {
      this.longs.push(new TripleHeap(1));
      this.shorts.push(new TripleHeap(-1));
    }
    this.live = new Int32Array(nInstruments * 2);
  }

  private ensure(acct: number): void {
    const need = (acct + 1) * this.nInst;
    if (need <= this.version.length) return;
    const n = Math.max(need, this.version.length * 2);
    const v = new Int32Array(n); v.set(this.version); this.version = v;
    const s = new Int8Array(n); s.set(this.side); this.side = s;
  }

  private invalidate(k: number, inst: number): void {
    const s = this.side[k] as number;
    if (s !== 0) {
      const li = inst * 2 + (s > 0 ? 0 : 1);
      this.live[li] = (this.live[li] as number) - 1;
    }
    this.side[k] = 0;
    this.version[k] = ((this.version[k] as number) + 1) | 0;
  }

  /**
   * Re-keys (account, instrument): `side` +1 long / -1 short / 0 removes; `liqTicks` the
   * liquidation price (non-finite or NaN removes: never triggers).
   */
  update(acct: AgentId, inst: InstrumentId, side: number, liqTicks: number): void {
    this.ensure(acct);
    const k = acct * this.nInst + inst;
    this.invalidate(k, inst);
    if (side === 0 || !Number.isFinite(liqTicks)) return;
    const heap = side > 0 ? (this.longs[inst] as TripleHeap) : (this.shorts[inst] as TripleHeap);
    heap.push(liqTicks, acct, this.version[k] as number);
    this.side[k] = side > 0 ? 1 : -1;
    const li = inst * 2 + (side > 0 ? 0 : 1);
    this.live[li] = (this.live[li] as number) + 1;
    if (heap.size > 64 && heap.size > 3 * (this.live[li] as number)) heap.filter((a, v) => this.version[a * this.nInst + inst] === v);
  }

  /** Number of live entries for an instrument (longs + shorts). */
  liveCount(inst: InstrumentId): number {
    return (this.live[inst * 2] as number) + (this.live[inst * 2 + 1] as number);
  }

  /**
   * Pops every position of `inst` whose liquidation price the mark has crossed (long: LP >= mark;
   * short: LP <= mark) and writes their accounts into `out` (longs first, then shorts; each in the
   * order crossed, ties by account id). Returns the count; stops early when `out` is full (the
   * rest stay queued for the next call).
   */
  triggered(inst: InstrumentId, markTicks: number, out: Int32Array): number {
    let n = 0;
    n = this.drain(this.longs[inst] as TripleHeap, inst, 1, markTicks, out, n);
    n = this.drain(this.shorts[inst] as TripleHeap, inst, -1, markTicks, out, n);
    return n;
  }

  private drain(heap: TripleHeap, inst: number, side: 1 | -1, mark: number, out: Int32Array, n: number): number {
    while (heap.size > 0 && n < out.length) {
      const a = heap.acct[0] as number;
      const k = a * this.nInst + inst;
      if (heap.ver[0] !== this.version[k]) {
        heap.pop();
        continue;
      }
      const key = heap.key[0] as number;
      if (side > 0 ? key < mark : key > mark) break;
      heap.pop();
      this.invalidate(k, inst);
      out[n++] = a;
    }
    return n;
  }
}
