/**
 * Book benchmark: a seeded stream of 60% limit adds near the touch, 30% cancels of live orders
 * and 10% market orders (sized to keep the book at a steady depth), generated untimed, then
 * replayed on a fresh OrderBook after a warm-up pass. Prints orders/s and the ratio against
 * nodejs-order-book replaying a prefix of the same stream in the same process (it is about 100x
 * slower, so it only gets `PREFIX_OPS`); both books' fills on that prefix are compared by
 * checksum. Then the native reference (bench/native/book.cpp, a C++ matcher of the same design,
 * compiled with g++ -O2) replays the whole stream; both replays compute the same per-market-order
 * fill checksum, which must match, and our rate is printed as a fraction of the native one
 * (the absolute rate of either drifts by tens of percent between runs on these machines; the
 * fraction is the steadier figure). Run: `npx tsc -p tsconfig.build.json && node dist/bench/run.js book`.
 */
import { createRequire } from 'node:module';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { OrderBook, type BookSink } from '../src/book/index.js';
import { RandomStream } from '../src/engine/rng.js';
import { OrderType } from '../src/model/messages.js';
import type { BenchModule } from './run.js';
import { runNativeBook } from './native/nativeBook.js';
import type * as Nob from 'nodejs-order-book/dist/types/index.js';

const TIMED_OPS = 10_000_000;
const WARMUP_OPS = 1_000_000;
const PREFIX_OPS = 200_000;
const NATIVE_ROUNDS = 3;
const OWNERS = 1000;
const START_TICKS = 1_000_000;

const ADD = 0;
const CANCEL = 1;
const MARKET = 2;

/** One pre-generated command stream (struct of arrays). */
interface Stream {
  n: number;
  kind: Int8Array;
  side: Int8Array;
  orderId: Int32Array;
  owner: Int32Array;
  priceTicks: Int32Array;
  sizeLots: Int32Array;
}

/** Tracks the generator book's live order ids with O(1) random pick and removal. */
class LiveSet implements BookSink {
  readonly ids: Int32Array;
  readonly pos: Int32Array;
  size = 0;
  constructor(n: number) {
    this.ids = new Int32Array(n);
    this.pos = new Int32Array(n + 1).fill(-1);
  }
  add(id: number): void {
    this.pos[id] = this.size;
    this.ids[this.size++] = id;
  }
  remove(id: number): void {
    const p = this.pos[id] as number;
    if (p < 0) return;
    const last = this.ids[--this.size] as number;
    this.ids[p] = last;
    this.pos[last] = p;
    this.pos[id] = -1;
  }
  onAccepted(): void {}
  onRejected(): void {}
  onFilled(makerOrderId: number, _mo: number, _mc: number, _t: number, _to: number, _tc: number, _a: number, _p: number, _s: number, makerRemainingLots: number): void {
    if (makerRemainingLots === 0) this.remove(makerOrderId);
  }
  onCanceled(orderId: number): void {
    this.remove(orderId);
  }
  onReduced(): void {}
  onAmended(): void {}
  onTopOfBook(): void {}
}

/** Generates the stream by driving a generator book, so cancels always hit live orders and adds never cross. */
function generate(n: number): { stream: Stream; avgLive: number } {
  const rng = RandomStream.derive(1, 'bench/book/stream');
  const s: Stream = {
    n,
    kind: new Int8Array(n),
    side: new Int8Array(n),
    orderId: new Int32Array(n),
    owner: new Int32Array(n),
    priceTicks: new Int32Array(n),
    sizeLots: new Int32Array(n),
  };
  const live = new LiveSet(n + 1);
  const ownerOf = new Int32Array(n + 1);
  const book = new OrderBook(live, { selfTradePrevention: 'none' });
  let nextId = 1;
  let liveSum = 0;
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    let kind = u < 0.6 ? ADD : u < 0.9 ? CANCEL : MARKET;
    if (kind === CANCEL && live.size === 0) kind = ADD;
    s.kind[i] = kind;
    if (kind === CANCEL) {
      const id = live.ids[rng.int(live.size)] as number;
      s.orderId[i] = id;
      s.owner[i] = ownerOf[id] as number;
      book.cancel(ownerOf[id] as number, id);
      liveSum += live.size;
      continue;
    }
    const id = nextId++;
    const owner = rng.int(OWNERS);
    const side = rng.uniform() < 0.5 ? 1 : -1;
    ownerOf[id] = owner;
    s.orderId[i] = id;
    s.owner[i] = owner;
    s.side[i] = side;
    if (kind === ADD) {
      const offset = Math.floor(rng.exponential(4));
      const bid = book.bestBidTicks();
      const ask = book.bestAskTicks();
      let price: number;
      if (side > 0) price = (ask > 0 ? ask : bid > 0 ? bid + 1 : START_TICKS) - 1 - offset;
      else price = (bid > 0 ? bid : ask > 0 ? ask - 1 : START_TICKS) + 1 + offset;
      const size = 1 + rng.int(9);
      s.priceTicks[i] = price;
      s.sizeLots[i] = size;
      book.submit(id, owner, id, side, OrderType.Limit, price, size);
      live.add(id);
    } else {
      // Market size grows with the book so depth stays near a steady state.
      const size = 1 + rng.int(Math.max(5, Math.round((20 * live.size) / 1000)));
      s.sizeLots[i] = size;
      book.submit(id, owner, id, side, OrderType.Market, 0, size);
    }
    liveSum += live.size;
  }
  return { stream: s, avgLive: liveSum / n };
}

/** workerData role of the thread that runs {@link generate}. */
const GENERATOR_ROLE = 'bench/book/generator';

/**
 * Runs {@link generate} in a worker thread and moves the stream back. The generator drives an
 * OrderBook with its own sink class; in this isolate that would leave every sink call site in the
 * book polymorphic (two sink classes), which no venue process has (it has one sink class), so the
 * timed replay would measure the harness's type feedback rather than the book.
 */
function generateInWorker(n: number): Promise<{ stream: Stream; avgLive: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: GENERATOR_ROLE, n } });
    worker.once('message', (m: { stream: Stream; avgLive: number }) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`book bench: stream generator exited with code ${code}`));
    });
  });
}

/** Counts fills and accumulates a checksum of (filled lots, notional) per command. */
class ChecksumSink implements BookSink {
  fills = 0;
  lots = 0;
  notional = 0;
  onAccepted(): void {}
  onRejected(): void {}
  onFilled(_m: number, _mo: number, _mc: number, _t: number, _to: number, _tc: number, _a: number, priceTicks: number, sizeLots: number): void {
    this.fills++;
    this.lots += sizeLots;
    this.notional += priceTicks * sizeLots;
  }
  onCanceled(): void {}
  onReduced(): void {}
  onAmended(): void {}
  onTopOfBook(): void {}
}

/** Mixes one command's filled lots and notional into a 32-bit hash. */
function mix(h: number, lots: number, notional: number): number {
  h = Math.imul(h ^ lots, 0x9e3779b1);
  h = Math.imul(h ^ (notional % 0x7fffffff), 0x85ebca6b);
  return h ^ (h >>> 15);
}

function replayOurs(s: Stream, n: number, checksum: boolean): { seconds: number; cpuSeconds: number; hash: number; fills: number; book: OrderBook } {
  const sink = new ChecksumSink();
  const book = new OrderBook(sink, { selfTradePrevention: 'none' });
  const { kind, side, orderId, owner, priceTicks, sizeLots } = s;
  let hash = 0;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  if (!checksum) {
    for (let i = 0; i < n; i++) {
      const k = kind[i] as number;
      if (k === ADD) book.submit(orderId[i] as number, owner[i] as number, orderId[i] as number, side[i] as number, OrderType.Limit, priceTicks[i] as number, sizeLots[i] as number);
      else if (k === CANCEL) book.cancel(owner[i] as number, orderId[i] as number);
      else book.submit(orderId[i] as number, owner[i] as number, orderId[i] as number, side[i] as number, OrderType.Market, 0, sizeLots[i] as number);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const k = kind[i] as number;
      if (k === ADD) book.submit(orderId[i] as number, owner[i] as number, orderId[i] as number, side[i] as number, OrderType.Limit, priceTicks[i] as number, sizeLots[i] as number);
      else if (k === CANCEL) book.cancel(owner[i] as number, orderId[i] as number);
      else {
        const lots0 = sink.lots;
        const notional0 = sink.notional;
        book.submit(orderId[i] as number, owner[i] as number, orderId[i] as number, side[i] as number, OrderType.Market, 0, sizeLots[i] as number);
        hash = mix(hash, sink.lots - lots0, sink.notional - notional0);
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, hash, fills: sink.fills, book };
}

function replayNob(nob: typeof Nob, s: Stream, n: number): { seconds: number; cpuSeconds: number; hash: number; depth: ReturnType<Nob.OrderBook['depth']> } {
  const ids: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) ids[i] = String(s.orderId[i]);
  const book = new nob.OrderBook();
  let hash = 0;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const k = s.kind[i] as number;
    const side = (s.side[i] as number) > 0 ? nob.Side.BUY : nob.Side.SELL;
    if (k === ADD) book.limit({ id: ids[i] as string, side, size: s.sizeLots[i] as number, price: s.priceTicks[i] as number });
    else if (k === CANCEL) book.cancel(ids[i] as string);
    else {
      const r = book.market({ side, size: s.sizeLots[i] as number });
      let notional = 0;
      for (const o of r.done) notional += (o as { price: number }).price * o.size;
      if (r.partial !== null) notional += r.partial.price * r.partialQuantityProcessed;
      hash = mix(hash, (s.sizeLots[i] as number) - r.quantityLeft, notional);
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, hash, depth: book.depth() };
}

function ourDepth(book: OrderBook): string {
  return `bid ${book.bestBidTicks()}x${book.bestBidLots()} ask ${book.bestAskTicks()}x${book.bestAskLots()} resting ${book.restingLots(1)}/${book.restingLots(-1)}`;
}

export const bench: BenchModule = {
  name: 'book',
  async run() {
    const { stream, avgLive } = await generateInWorker(TIMED_OPS);
    console.log(`stream: ${TIMED_OPS.toExponential(0)} ops (60% limit adds near the touch, 30% cancels, 10% market), avg ${avgLive.toFixed(0)} live orders`);
    replayOurs(stream, WARMUP_OPS, false);
    const ours = replayOurs(stream, TIMED_OPS, false);
    const oursRate = TIMED_OPS / ours.seconds;
    const oursCpuRate = TIMED_OPS / ours.cpuSeconds;
    console.log(
      `gammaloop OrderBook: ${(oursRate / 1e6).toFixed(1)} M orders/s wall, ${(oursCpuRate / 1e6).toFixed(1)} M/s per CPU second ` +
        `(${((ours.seconds * 1e9) / TIMED_OPS).toFixed(1)} ns/op wall, ${ours.fills} fills, after a ${WARMUP_OPS.toExponential(0)}-op warm-up; target >= 20 M/s)`,
    );

    const nob = createRequire(import.meta.url)('nodejs-order-book') as typeof Nob;
    const oursPrefix = replayOurs(stream, PREFIX_OPS, true);
    const theirs = replayNob(nob, stream, PREFIX_OPS);
    const theirsRate = PREFIX_OPS / theirs.seconds;
    const theirsCpuRate = PREFIX_OPS / theirs.cpuSeconds;
    const [asks, bids] = theirs.depth;
    const theirTop = `bid ${bids[0]?.[0] ?? 0}x${bids[0]?.[1] ?? 0} ask ${asks[0]?.[0] ?? 0}x${asks[0]?.[1] ?? 0}`;
    const same = oursPrefix.hash === theirs.hash;
    console.log(`nodejs-order-book: ${(theirsRate / 1e6).toFixed(3)} M orders/s wall, ${(theirsCpuRate / 1e6).toFixed(3)} M/s per CPU second, on the first ${PREFIX_OPS.toExponential(0)} ops only (too slow for the full stream)`);
    console.log(
      `ratio: ours ${(oursRate / theirsRate).toFixed(0)}x wall, ${(oursCpuRate / theirsCpuRate).toFixed(0)}x CPU vs nodejs-order-book ` +
        `(our full-stream rate vs theirs on the prefix; ours on the same prefix, with checksum and no warm-up: ${(PREFIX_OPS / oursPrefix.cpuSeconds / 1e6).toFixed(1)} M/s CPU)`,
    );
    console.log(`prefix fill checksum: ours ${(oursPrefix.hash >>> 0).toString(16)} vs theirs ${(theirs.hash >>> 0).toString(16)} -> ${same ? 'MATCH' : 'MISMATCH'}; final top: ours ${ourDepth(oursPrefix.book)} / theirs ${theirTop}`);
    if (!same) throw new Error('book bench: fills differ from nodejs-order-book on the shared prefix');

    // Native reference: same stream, same checksum; both sides timed with the checksum on, best of NATIVE_ROUNDS.
    const native = runNativeBook(stream, NATIVE_ROUNDS);
    if ('skipped' in native) {
      console.log(`native reference skipped: ${native.skipped}`);
      return;
    }
    let oursFull = replayOurs(stream, TIMED_OPS, true);
    for (let r = 1; r < NATIVE_ROUNDS; r++) {
      const again = replayOurs(stream, TIMED_OPS, true);
      if (again.cpuSeconds < oursFull.cpuSeconds) oursFull = again;
    }
    const nativeCpuRate = native.ops / native.cpuSeconds;
    const oursFullCpuRate = TIMED_OPS / oursFull.cpuSeconds;
    const fullHash = (oursFull.hash >>> 0).toString(16).padStart(8, '0');
    const m = (x: number): string => (x / 1e6).toFixed(1);
    console.log(`native C++ matcher (same design, g++ -O2): ${m(nativeCpuRate)} M orders/s per CPU second (${m(native.ops / native.seconds)} wall), ${native.fills} fills, best of ${NATIVE_ROUNDS} replays`);
    console.log(`gammaloop, same stream and checksum:      ${m(oursFullCpuRate)} M orders/s per CPU second (${m(TIMED_OPS / oursFull.seconds)} wall), ${oursFull.fills} fills, best of ${NATIVE_ROUNDS}`);
    console.log(`full-stream fill checksum: ours ${fullHash} vs native ${native.hash} -> ${fullHash === native.hash && oursFull.fills === native.fills ? 'MATCH' : 'MISMATCH'}`);
    console.log(`ours / native per CPU second: ${(oursFullCpuRate / nativeCpuRate).toFixed(2)} (target >= 0.5)`);
    if (fullHash !== native.hash || oursFull.fills !== native.fills) throw new Error('book bench: fills differ from the native matcher');
  },
};

// Inside the generator worker (see generateInWorker): build the stream and transfer it back.
const role = (workerData as { role?: string; n?: number } | null)?.role;
if (!isMainThread && role === GENERATOR_ROLE) {
  const out = generate((workerData as { n: number }).n);
  const s = out.stream;
  // The arrays were built with `new`, so their buffers are plain (transferable) ArrayBuffers.
  const buffers = [s.kind, s.side, s.orderId, s.owner, s.priceTicks, s.sizeLots].map((a) => a.buffer as ArrayBuffer);
  parentPort?.postMessage(out, buffers);
}
