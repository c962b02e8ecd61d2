/**
 * The contracts between the kernel and its actors: the actor lifecycle, the context each actor
 * receives, payload storage and the tracer. Split from kernel.ts (which re-exports all of them)
 * to keep that file small. Times are integer ns.
 */
import type { RandomStream } from './rng.js';

/** Storage for message payloads by slot; implemented with typed arrays by the payload's owner. */
export interface PayloadPool<M> {
  /** A fresh zeroed record (used for the kernel's delivery scratch and by senders). */
  create(): M;
  /** Makes slots 0..n-1 storable. */
  ensureCapacity(n: number): void;
  store(slot: number, m: Readonly<M>): void;
  load(slot: number, out: M): void;
}

/** What every actor sees. Layers above may extend it (see `extendContext`). */
export interface ActorContext<M> {
  /** Dense actor id, in registration (scenario) order. */
  readonly id: number;
  readonly name: string;
  /** Current simulated time in ns. */
  readonly now: number;
  /** The actor's own stream (`<streamPrefix>`); use {@link stream} for further purposes. */
  readonly rng: RandomStream;
  /** A further named stream of this actor (`<streamPrefix>/<purpose>`); create once, keep it. */
  stream(purpose: string): RandomStream;
  /** Sends `msg` (copied) to actor `to`, after the link's latency plus `extraDelayNs`. */
  send(to: number, msg: Readonly<M>, extraDelayNs?: number): void;
  /** Wakes this actor at absolute time `timeNs` (>= now) with `tag`. */
  wakeAt(timeNs: number, tag?: number, priority?: number): void;
  /** Wakes this actor after `delayNs`. */
  wakeAfter(delayNs: number, tag?: number, priority?: number): void;
}

/** An actor's lifecycle; all hooks are optional. */
export interface Actor<C, M> {
  onStart?(ctx: C): void;
  onWakeup?(ctx: C, tag: number): void;
  /** `fromId` is the sending actor's id. */
  onMessage?(ctx: C, msg: Readonly<M>, fromId: number): void;
  onStop?(ctx: C): void;
}

/** Observer of messages to or from traced actors (debugging; must not perturb the run). */
export interface KernelTracer<M> {
  /** `peerId`: the receiver of an `out` message, the sender of an `in` one. */
  onMessage(direction: 'out' | 'in', timeNs: number, actorId: number, msg: Readonly<M>, peerId: number): void;
}
