/**
 * The discrete-event kernel: synchronous and single-threaded, no Promise inside the loop.
 * Events are wake-ups and messages, kept in struct-of-arrays typed pools and ordered by
 * (timeNs, priority, seq) in {@link EventQueue}. Message payloads live in a {@link PayloadPool}
 * supplied by the layer that defines them (model/messages.ts), so the engine knows no market
 * words. Handlers receive one reused read-only record per delivery: copy what you keep.
 *
 * Time never goes backwards (asserted); budgets cap the events per call and the length of a
 * same-timestamp cascade, and every thrown invariant names the run (seed, scenario hash).
 */
import { EventQueue, MAX_PRIORITY } from './eventQueue.js';
import { assertTimeNs } from './time.js';
import { RandomStream, StreamFactory } from './rng.js';
import type { LatencyModel } from './latency.js';
import type { Actor, ActorContext, KernelTracer, PayloadPool } from './actor.js';

export type { Actor, ActorContext, KernelTracer, PayloadPool } from './actor.js';

export interface KernelOptions<M, X extends object> {
  rootSeed: number;
  payloads: PayloadPool<M>;
  /** The run's stream factory (default: a plain one for `rootSeed`; tests pass an observed one). */
  streams?: StreamFactory;
  /** Names the run in thrown invariant errors, e.g. `seed=17 scenario=3fa2…`. */
  label?: string;
  /** Most events processed at one timestamp before the run is declared runaway. */
  maxSameTimeEvents?: number;
  /** Adds layer-specific members (market views, recorders) to each actor's context. */
  extendContext?: (base: ActorContext<M>) => X;
}

/** Default priorities: at one timestamp messages are delivered before wake-ups. */
export const PRIORITY_MESSAGE = 64;
export const PRIORITY_WAKEUP = 128;

const EV_WAKE = 1;
const EV_MESSAGE = 2;
const LINK_KEY_SPAN = 2 ** 26;

interface Link {
  readonly model: LatencyModel;
  readonly constant: boolean;
  /** The link's stream; created on the first non-constant model and kept across model changes. */
  readonly rng: RandomStream | null;
  readonly streamName: string;
  /** The delay of a constant model. */
  readonly constNs: number;
  /** Arrival time of the last message on this link: links are FIFO, like a TCP session. */
  lastArrivalNs: number;
}

interface Registered<C, M> {
  readonly actor: Actor<C, M>;
  readonly ctx: C;
}

export class Kernel<M, X extends object = object> {
  readonly streams: StreamFactory;
  readonly label: string;
  private readonly queue = new EventQueue();
  private readonly payloads: PayloadPool<M>;
  private readonly scratch: M;
  private readonly maxSameTime: number;
  private readonly extend: ((base: ActorContext<M>) => X) | undefined;
  private readonly actors: Registered<ActorContext<M> & X, M>[] = [];
  private readonly links = new Map<number, Link>();
  private readonly actorNames = new Set<string>();
  private readonly streamPrefixes = new Set<string>();
  /** Names of streams made by `ctx.stream(purpose)`, so no actor's own stream can equal one. */
  private readonly purposeStreams = new Set<string>();
  private nowNs = 0;
  private sameTimeCount = 0;
  private processed = 0;
  private started = false;
  private stopped = false;
  private running = false;
  // Event pool (struct of arrays) with a free-slot stack.
  private evType = new Uint8Array(1024);
  private evTarget = new Int32Array(1024);
  private evFrom = new Int32Array(1024);
  private evTag = new Float64Array(1024);
  private freeSlots = new Int32Array(1024);
  private freeCount = 0;
  private highWater = 0;
  private tracer: KernelTracer<M> | null = null;
  private traced: Uint8Array = new Uint8Array(0);

  constructor(opts: KernelOptions<M, X>) {
    if (opts.streams !== undefined && opts.streams.rootSeed !== opts.rootSeed) {
      throw new RangeError(`stream factory seed ${opts.streams.rootSeed} is not the kernel's root seed ${opts.rootSeed}`);
    }
    this.streams = opts.streams ?? new StreamFactory(opts.rootSeed);
    this.label = opts.label ?? `seed=${opts.rootSeed}`;
    this.payloads = opts.payloads;
    this.payloads.ensureCapacity(this.evType.length);
    this.scratch = opts.payloads.create();
    this.maxSameTime = opts.maxSameTimeEvents ?? 5_000_000;
    if (!Number.isSafeInteger(this.maxSameTime) || this.maxSameTime < 1) {
      throw new RangeError(`maxSameTimeEvents must be a positive integer, got ${this.maxSameTime}`);
    }
    this.extend = opts.extendContext;
  }

  /** Current simulated time in ns. */
  get now(): number {
    return this.nowNs;
  }
  /** Events delivered so far. */
  get eventsProcessed(): number {
    return this.processed;
  }
  get pendingEvents(): number {
    return this.queue.size;
  }
  /** Time of the next pending event, Infinity when none. */
  get nextEventTimeNs(): number {
    return this.queue.peekTimeNs();
  }
  get actorCount(): number {
    return this.actors.length;
  }
  actorName(id: number): string {
    return this.actorAt(id).ctx.name;
  }
  /** The context of actor `id` (for the world builder and tests). */
  contextOf(id: number): ActorContext<M> & X {
    return this.actorAt(id).ctx;
  }

  /**
   * Registers an actor and returns its dense id. `streamPrefix` names its random streams
   * (default `agent/<name>`); ids follow registration order, which the world builder keeps
   * equal to scenario order.
   */
  addActor(name: string, actor: Actor<ActorContext<M> & X, M>, streamPrefix = `agent/${name}`): number {
    if (this.started) throw new Error(`cannot add actor "${name}" after the kernel started (${this.label})`);
    const id = this.actors.length;
    if (id >= LINK_KEY_SPAN) throw new RangeError(`too many actors (max ${LINK_KEY_SPAN})`);
    // Two actors with one name or stream prefix would draw identical random numbers.
    if (this.actorNames.has(name)) throw new Error(`duplicate actor name "${name}" (${this.label})`);
    if (this.streamPrefixes.has(streamPrefix) || this.purposeStreams.has(streamPrefix)) {
      throw new Error(`duplicate actor stream prefix "${streamPrefix}" (${this.label})`);
    }
    this.actorNames.add(name);
    this.streamPrefixes.add(streamPrefix);
    const base = this.makeContext(id, name, streamPrefix);
    const ctx = (this.extend ? Object.assign(base, this.extend(base)) : base) as ActorContext<M> & X;
    this.actors.push({ actor, ctx });
    return id;
  }

  /**
   * Sets the latency of messages from `fromId` to `toId`. Draws come from the stream
   * `streamName` (by convention `latency/<venue>/<agent>`), owned by the link alone. Calling it
   * again for the same pair (between slices, or from a handler) changes the model from then on:
   * the link keeps its stream position (same `streamName`) and its FIFO order.
   */
  setLinkLatency(fromId: number, toId: number, model: LatencyModel, streamName: string): void {
    this.actorAt(fromId);
    this.actorAt(toId);
    const key = fromId * LINK_KEY_SPAN + toId;
    // Changing a link's model mid-run (congestion, an outage) must neither restart its stream
    // (the draws would repeat) nor let new messages overtake those in flight (FIFO).
    const old = this.links.get(key);
    const kept = old !== undefined && old.streamName === streamName ? old.rng : null;
    const rng = kept ?? (model.isConstant ? null : this.streams.stream(streamName));
    const constNs = model.isConstant ? model.meanNs() : 0;
    const lastArrivalNs = old?.lastArrivalNs ?? 0;
    this.links.set(key, { model, constant: model.isConstant, rng, streamName, constNs, lastArrivalNs });
  }


  /** Traces messages in and out of the actors whose ids are given (null turns tracing off). */
  setTracer(tracer: KernelTracer<M> | null, actorIds: readonly number[] = []): void {
    this.tracer = tracer;
    this.traced = new Uint8Array(this.actors.length);
    for (const id of actorIds) {
      this.actorAt(id);
      this.traced[id] = 1;
    }
  }

  /** Calls every actor's `onStart` in id order at time 0 (or the current time). */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.traced.length < this.actors.length) {
      const t = new Uint8Array(this.actors.length);
      t.set(this.traced);
      this.traced = t;
    }
    for (const a of this.actors) a.actor.onStart?.(a.ctx);
  }

  /** Calls every actor's `onStop` in id order. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const a of this.actors) a.actor.onStop?.(a.ctx);
  }

  /**
   * Processes events with time <= `endNs`, at most `maxEvents` of them, and returns how many ran.
   * When no event at or before `endNs` is left, the clock advances to `endNs` (so running in
   * slices ends at the same time as one big run). `endNs` is a safe integer of ns or Infinity.
   */
  runUntil(endNs: number, maxEvents = Number.POSITIVE_INFINITY): number {
    if (endNs !== Number.POSITIVE_INFINITY) assertTimeNs(endNs, 'runUntil end time');
    if (!(maxEvents >= 0) || (maxEvents !== Number.POSITIVE_INFINITY && !Number.isSafeInteger(maxEvents))) {
      throw new RangeError(`maxEvents must be a non-negative integer or Infinity, got ${maxEvents}`);
    }
    if (this.running) this.fail('runUntil called from inside an event handler (the kernel is not re-entrant)');
    if (this.stopped) this.fail('runUntil called after stop()');
    if (!this.started) this.start();
    const queue = this.queue;
    let n = 0;
    this.running = true;
    try {
      while (n < maxEvents) {
        const t = queue.peekTimeNs();
        // An empty queue peeks as Infinity, which runUntil(Infinity) must not pop.
        if (t > endNs || t === Number.POSITIVE_INFINITY) break;
        const slot = queue.pop();
        if (t !== this.nowNs) {
          if (t < this.nowNs) this.fail(`time went backwards: event at ${t} ns after ${this.nowNs} ns`);
          this.nowNs = t;
          this.sameTimeCount = 1;
        } else if (++this.sameTimeCount > this.maxSameTime) {
          this.fail(`more than ${this.maxSameTime} events at t=${t} ns: a runaway same-timestamp cascade`);
        }
        // Counted before dispatch so a handler (or a thrown invariant) sees the true count.
        this.processed++;
        n++;
        this.dispatch(slot);
      }
    } finally {
      this.running = false;
    }
    // Advance to endNs only when nothing at or before it is left (also when maxEvents was hit
    // exactly at the last such event), so slices of any size end in the same state.
    if (endNs > this.nowNs && endNs !== Number.POSITIVE_INFINITY && queue.peekTimeNs() > endNs) {
      this.nowNs = endNs;
      this.sameTimeCount = 0;
    }
    return n;
  }

  private dispatch(slot: number): void {
    const type = this.evType[slot] as number;
    const target = this.evTarget[slot] as number;
    const a = this.actors[target] as Registered<ActorContext<M> & X, M>;
    if (type === EV_WAKE) {
      const tag = this.evTag[slot] as number;
      this.freeSlot(slot);
      a.actor.onWakeup?.(a.ctx, tag);
    } else {
      const msg = this.scratch;
      const from = this.evFrom[slot] as number;
      this.payloads.load(slot, msg);
      this.freeSlot(slot);
      if (this.tracer !== null && this.traced[target] === 1) this.tracer.onMessage('in', this.nowNs, target, msg);
      a.actor.onMessage?.(a.ctx, msg, from);
    }
  }

  private makeContext(id: number, name: string, streamPrefix: string): ActorContext<M> {
    const kernel = this;
    const rng = this.streams.stream(streamPrefix);
    return {
      id,
      name,
      rng,
      get now() {
        return kernel.nowNs;
      },
      stream: (purpose: string) => kernel.purposeStream(streamPrefix, purpose),
      send: (to: number, msg: Readonly<M>, extraDelayNs = 0) => kernel.post(id, to, msg, extraDelayNs),
      wakeAt: (timeNs: number, tag = 0, priority = PRIORITY_WAKEUP) => kernel.scheduleWake(id, timeNs, tag, priority),
      wakeAfter: (delayNs: number, tag = 0, priority = PRIORITY_WAKEUP) =>
        kernel.scheduleWake(id, kernel.nowNs + delayNs, tag, priority),
    };
  }

  private purposeStream(streamPrefix: string, purpose: string): RandomStream {
    const name = `${streamPrefix}/${purpose}`;
    // Actor "cex" asking for stream "liquidation" would otherwise get the draws of an actor
    // named "cex/liquidation".
    if (this.streamPrefixes.has(name)) this.fail(`stream "${name}" is also an actor's own stream: rename the actor or the purpose`);
    this.purposeStreams.add(name);
    return this.streams.stream(name);
  }

  private post(from: number, to: number, msg: Readonly<M>, extraDelayNs: number): void {
    if (to < 0 || to >= this.actors.length || (to | 0) !== to) this.fail(`message from actor ${from} to unknown actor ${to}`);
    if (!(extraDelayNs >= 0) || !Number.isSafeInteger(extraDelayNs)) this.fail(`bad message delay ${extraDelayNs} ns`);
    let arrival = this.nowNs + extraDelayNs;
    const link = this.links.get(from * LINK_KEY_SPAN + to);
    if (link !== undefined) {
      const delayNs = link.constant ? link.constNs : link.model.sampleNs(link.rng as RandomStream);
      if (!(delayNs >= 0) || !Number.isSafeInteger(delayNs)) this.fail(`latency model ${link.model.kind} drew ${delayNs} ns`);
      arrival += delayNs;
      if (arrival < link.lastArrivalNs) arrival = link.lastArrivalNs;
      link.lastArrivalNs = arrival;
    }
    if (!Number.isSafeInteger(arrival)) this.fail(`message arrival time ${arrival} ns is not a safe integer`);
    const slot = this.allocSlot();
    this.evType[slot] = EV_MESSAGE;
    this.evTarget[slot] = to;
    this.evFrom[slot] = from;
    this.payloads.store(slot, msg);
    if (this.tracer !== null && this.traced[from] === 1) this.tracer.onMessage('out', this.nowNs, from, msg);
    this.queue.push(arrival, PRIORITY_MESSAGE, slot);
  }

  private scheduleWake(id: number, timeNs: number, tag: number, priority: number): void {
    if (timeNs < this.nowNs) this.fail(`actor ${this.actorName(id)} asked to wake at ${timeNs} ns, before now (${this.nowNs} ns)`);
    assertTimeNs(timeNs, 'wake-up time');
    checkPriority(priority);
    const slot = this.allocSlot();
    this.evType[slot] = EV_WAKE;
    this.evTarget[slot] = id;
    this.evFrom[slot] = id;
    this.evTag[slot] = tag;
    this.queue.push(timeNs, priority, slot);
  }

  private allocSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount] as number;
    if (this.highWater === this.evType.length) this.growPool();
    return this.highWater++;
  }

  private freeSlot(slot: number): void {
    this.freeSlots[this.freeCount++] = slot;
  }

  private growPool(): void {
    const cap = this.evType.length * 2;
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.evType = grow(this.evType, (n) => new Uint8Array(n));
    this.evTarget = grow(this.evTarget, (n) => new Int32Array(n));
    this.evFrom = grow(this.evFrom, (n) => new Int32Array(n));
    this.evTag = grow(this.evTag, (n) => new Float64Array(n));
    this.freeSlots = grow(this.freeSlots, (n) => new Int32Array(n));
    this.payloads.ensureCapacity(cap);
  }

  private actorAt(id: number): Registered<ActorContext<M> & X, M> {
    const a = this.actors[id];
    if (a === undefined) throw new RangeError(`unknown actor id ${id} (${this.label})`);
    return a;
  }

  private fail(message: string): never {
    throw new Error(`${message} [${this.label}]`);
  }
}

/** Validated before a slot is taken, so a bad priority does not leak a pool slot. */
function checkPriority(priority: number): void {
  if (!(priority >= 0 && priority <= MAX_PRIORITY) || (priority | 0) !== priority) {
    throw new RangeError(`event priority must be an integer in 0..${MAX_PRIORITY}, got ${priority}`);
  }
}

