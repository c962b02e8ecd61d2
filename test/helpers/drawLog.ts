/**
 * Common random numbers, measured: a {@link DrawLog} observes every uniform of every stream of a
 * run (engine/rng.ts DrawObserver) and groups each stream's draws by the kernel event that
 * consumed them (one event = one decision of the stream's owner). {@link comparePrefix} then
 * checks the rule of docs/architecture.md ("Common random numbers") between two arms of a policy
 * comparison: for every stream, the shorter arm's sequence of decisions is a prefix of the
 * longer's, decision by decision (same number of uniforms, same values).
 *
 * Decisions are also matched in time. An agent's own decisions run on its own clock (Poisson
 * arrivals from its own stream, fixed timers), so in every arm its k-th decision happens at the
 * same simulated time: a stream whose k-th group sits at another time in the other arm skipped
 * (or added) draws in some decision, even when the counts happen to line up. Streams drawn on
 * reactions to the market (a liquidation, a transaction reaching a DEX) are named `.../on/<event>`
 * (docs/architecture.md); their times depend on the market by design, so only the prefix rule
 * applies to them (a reaction that skips its draws is not visible to this test).
 *
 * Two kinds of stream are compared as flat sequences, because their unit is not one event:
 * `latency/...` (one draw unit per message on the link; a handler may send several, and how many
 * is a state-dependent reaction) and `world/...` (the exogenous fundamental, generated grid
 * step by grid step whenever someone first reads a time). Their draw count per unit is fixed by
 * the model alone, the same in every arm.
 *
 * Memory: values are kept as plain number arrays (about 8 bytes per uniform).
 */
import type { DrawObserver } from '../../src/engine/rng.js';
import { nullAppender } from '../../src/model/tables.js';
import type { ResolvedScenario } from '../../src/scenario/resolvedTypes.js';
import { buildWorld } from '../../src/scenario/world.js';

/** One stream's draws: values in draw order, and for each decision its end index, event and time. */
export interface StreamDraws {
  readonly values: number[];
  /** Exclusive end of decision k in `values`. */
  readonly ends: number[];
  /** Kernel event count (eventsProcessed) and simulated time of decision k. */
  readonly events: number[];
  readonly timesNs: number[];
}

/** Streams compared as flat sequences (see the header). */
export const flatStream = (name: string): boolean => name.startsWith('latency/') || name.startsWith('world/');

/** Streams drawn on reactions to the market, whose decision times may differ between arms. */
export const reactionStream = (name: string): boolean => name.includes('/on/');

/** Records every draw of one run, grouped by kernel event. */
export class DrawLog implements DrawObserver {
  readonly streams = new Map<string, StreamDraws>();
  /** Events processed so far and the simulated time (set once the kernel exists; 0 during the build). */
  clock: () => { event: number; nowNs: number } = () => ({ event: 0, nowNs: 0 });

  onDraw(streamName: string, u: number): void {
    let s = this.streams.get(streamName);
    if (s === undefined) this.streams.set(streamName, (s = { values: [], ends: [], events: [], timesNs: [] }));
    const { event, nowNs } = this.clock();
    s.values.push(u);
    const k = s.events.length - 1;
    if (k >= 0 && s.events[k] === event) s.ends[k] = s.values.length;
    else {
      s.ends.push(s.values.length);
      s.events.push(event);
      s.timesNs.push(nowNs);
    }
  }
}

/** What one arm's run gives: its draws and the number of kernel events (evidence the arms differ). */
export interface ArmDraws {
  readonly log: DrawLog;
  readonly events: number;
}

/**
 * Builds and runs `s` to its end with every draw recorded. Tables are dropped (null appenders):
 * recording is an observer and never changes a run (test/determinism/run.test.ts), so nothing
 * needs writing.
 */
export function recordDraws(s: ResolvedScenario): ArmDraws {
  const log = new DrawLog();
  const world = buildWorld(s, { recorder: nullAppender }, { drawObserver: log });
  const k = world.kernel;
  log.clock = () => ({ event: k.eventsProcessed, nowNs: k.now });
  k.runUntil(world.endNs);
  k.stop();
  return { log, events: k.eventsProcessed };
}

/** One stream that breaks the prefix rule, with the first decision where the arms part. */
export interface PrefixBreak {
  readonly stream: string;
  /** Index of the first differing decision (or draw, for flat streams). */
  readonly at: number;
  readonly detail: string;
}

/** Every stream of `a` and `b` whose shorter sequence is not a prefix of the longer. */
export function comparePrefix(a: DrawLog, b: DrawLog): PrefixBreak[] {
  const out: PrefixBreak[] = [];
  for (const [name, sa] of a.streams) {
    const sb = b.streams.get(name);
    if (sb === undefined) continue; // drawn in one arm only (e.g. a group switched off): the empty prefix
    const br = flatStream(name) ? flatBreak(sa, sb) : decisionBreak(sa, sb, !reactionStream(name));
    if (br !== null) out.push({ stream: name, ...br });
  }
  return out;
}

function flatBreak(a: StreamDraws, b: StreamDraws): { at: number; detail: string } | null {
  const n = Math.min(a.values.length, b.values.length);
  for (let i = 0; i < n; i++) if (a.values[i] !== b.values[i]) return { at: i, detail: `draw ${i}: ${a.values[i]} vs ${b.values[i]}` };
  return null;
}

function decisionBreak(a: StreamDraws, b: StreamDraws, clocked: boolean): { at: number; detail: string } | null {
  const n = Math.min(a.ends.length, b.ends.length);
  for (let k = 0; k < n; k++) {
    const startA = k === 0 ? 0 : (a.ends[k - 1] as number);
    const startB = k === 0 ? 0 : (b.ends[k - 1] as number);
    const lenA = (a.ends[k] as number) - startA;
    const lenB = (b.ends[k] as number) - startB;
    let same = lenA === lenB && (!clocked || a.timesNs[k] === b.timesNs[k]);
    for (let i = 0; same && i < lenA; i++) same = a.values[startA + i] === b.values[startB + i];
    if (!same) {
      const t = (x: StreamDraws): string => `${((x.timesNs[k] as number) / 1e9).toFixed(3)} s`;
      const what = lenA !== lenB ? `${lenA} vs ${lenB} uniforms` : a.timesNs[k] !== b.timesNs[k] ? 'another time (a decision skipped or added draws)' : 'other values';
      return { at: k, detail: `decision ${k} (at ${t(a)} vs ${t(b)}): ${what}` };
    }
  }
  return null;
}

/** `agent/noise/3/arrival` -> `noise`; `latency/cex/noise/3` -> `noise`; other names whole. */
export function groupOfStream(name: string): string {
  const parts = name.split('/');
  if (parts[0] === 'agent') return parts[1] ?? name;
  if (parts[0] === 'latency') return parts[2] ?? name;
  return name;
}
