/**
 * Per-component split of a V8 CPU profile (node:inspector's Profiler, or a `--cpu-prof` file):
 * self time of every sample attributed to the source file of the function it was in, grouped by
 * the directory of src/ it lives in. The components are the simulator's layers (DESIGN.md):
 * engine (kernel, queue, RNG), book (matching), venue (routing, prices, funding, options desk,
 * market data), clearing (margin, ledger, liquidations: src/venue/clearing plus the adapter and
 * liquidation driver that feed it), agents, output (tables, Arrow writing), and other, which is
 * split further in `detail` (instruments, model, run/scenario, GC, V8's "(program)"). Time in a
 * library or in Node itself (apache-arrow's writer, TextEncoder, fs bindings) counts for the
 * component whose code called it, the detail naming the library; "(idle)" counts for none.
 *
 * Self time is where V8 sampled the program counter, and V8 reports a function inlined into its
 * caller as the caller (a book method inlined into the router counts as venue), so the split of
 * optimized code leans toward callers; bench/fullday.ts also profiles a `--no-turbo-inlining`
 * process, where every function keeps its own time (but the program is a slower one).
 */
import type { Profiler } from 'node:inspector';

export const COMPONENTS = ['engine', 'book', 'venue', 'clearing', 'agents', 'output', 'other'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface Attribution {
  readonly component: Component;
  /** Finer label: the component itself, or for `other` what it is (instruments, gc, node_modules/apache-arrow, ...). */
  readonly detail: string;
}

const CLEARING_FILES = new Set(['venue/clearingAdapter', 'venue/liquidationDriver']);
const DIRECT: Readonly<Record<string, Component>> = { engine: 'engine', book: 'book', venue: 'venue', agents: 'agents', output: 'output' };

/** Which component a call frame's script URL (and function name, for V8's pseudo-frames) belongs to. */
export function attribute(url: string, functionName: string): Attribution {
  if (url === '') {
    // V8 pseudo-frames: "(garbage collector)", "(program)" (V8 itself, compiling, IC misses), "(idle)", "(root)".
    if (functionName === '(garbage collector)') return { component: 'other', detail: 'gc' };
    if (functionName.startsWith('(')) return { component: 'other', detail: functionName };
    return { component: 'other', detail: 'native' };
  }
  if (url.startsWith('node:')) return { component: 'other', detail: 'node internals' };
  const nm = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (nm) return { component: 'other', detail: `node_modules/${nm[1]}` };
  const m = /\/src\/([^/]+)\/(?:(.*)\/)?([^/]+?)\.(?:js|ts|mjs)$/.exec(url);
  if (m) {
    const dir = m[1] as string;
    const sub = m[2];
    const file = m[3] as string;
    if (dir === 'venue' && (sub === 'clearing' || sub?.startsWith('clearing/') || (sub === undefined && CLEARING_FILES.has(`venue/${file}`)))) return { component: 'clearing', detail: 'clearing' };
    const c = DIRECT[dir];
    if (c !== undefined) return { component: c, detail: c };
    if (dir === 'run' || dir === 'scenario') return { component: 'other', detail: 'run/scenario' };
    return { component: 'other', detail: dir };
  }
  if (/\/src\/[^/]+\.(?:js|ts)$/.test(url)) return { component: 'other', detail: 'src (top level)' };
  if (/\/bench\//.test(url)) return { component: 'other', detail: 'bench harness' };
  return { component: 'other', detail: 'other scripts' };
}

export interface ProfileSplit {
  /** Self time in ms per component (every component present, 0 when unsampled). */
  readonly byComponent: Readonly<Record<Component, number>>;
  /** Self time in ms per component and detail label (`venue`, `output: node_modules/apache-arrow`, `other: gc`), largest first. */
  readonly byDetail: ReadonlyArray<readonly [string, number]>;
  /** The profile's total sampled time in ms, idle included. */
  readonly totalMs: number;
  /** Time V8 sampled as "(idle)" (the thread waiting, e.g. on a file write): in no component. */
  readonly idleMs: number;
  /** Self time in ms per function (`name file:line`), largest first, the top 25. */
  readonly topFunctions: ReadonlyArray<readonly [string, number]>;
  readonly samples: number;
}

/**
 * The script a frame's time belongs to: its own, or for a native frame (no URL: a C++ binding
 * such as fs `open`/`writeBuffers`, or a frame V8 reported without its script) its nearest
 * JavaScript caller's, so a file write counts for the output code that asked for it. V8's
 * pseudo-frames ("(garbage collector)", "(program)", "(idle)", "(root)") stay apart.
 */
function callerUrl(n: Profiler.ProfileNode, parentOf: ReadonlyMap<number, Profiler.ProfileNode>): string {
  if (n.callFrame.url !== '' || n.callFrame.functionName.startsWith('(')) return n.callFrame.url;
  for (let p = parentOf.get(n.id); p !== undefined; p = parentOf.get(p.id)) if (p.callFrame.url !== '') return p.callFrame.url;
  return '';
}

const isSrc = (url: string): boolean => /\/src\//.test(url) && !/\/node_modules\//.test(url);

/** The nearest caller (itself included) whose script is in src/, or null. */
function srcCaller(n: Profiler.ProfileNode, parentOf: ReadonlyMap<number, Profiler.ProfileNode>): string | null {
  for (let p: Profiler.ProfileNode | undefined = n; p !== undefined; p = parentOf.get(p.id)) if (isSrc(p.callFrame.url)) return p.callFrame.url;
  return null;
}

/**
 * Self time per component. Each sample's time is its `timeDeltas` entry (the interval that ended
 * with it, in microseconds), as Chrome DevTools and `--cpu-prof` consumers count it.
 */
export function splitProfile(profile: Profiler.Profile): ProfileSplit {
  const byNode = new Map<number, Attribution>();
  const fnOf = new Map<number, string>();
  const parentOf = new Map<number, Profiler.ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n);
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const own = attribute(callerUrl(n, parentOf), f.functionName);
    // A library or Node frame (Arrow's writer, TextEncoder, fs) counts for the component whose
    // code called it, its detail still naming the library; GC and V8's own frames stay "other".
    const caller = own.component === 'other' && !own.detail.startsWith('(') && own.detail !== 'gc' ? srcCaller(n, parentOf) : null;
    const via = caller === null ? null : attribute(caller, '');
    byNode.set(n.id, via !== null && via.component !== 'other' ? { component: via.component, detail: own.detail } : own);
    const short = (url: string): string => url.replace(/^.*?\/((?:src|bench|node_modules)\/)/, '$1');
    const nativeIn = f.url === '' && !f.functionName.startsWith('(') ? callerUrl(n, parentOf) : '';
    const where = f.url !== '' ? ` ${short(f.url)}:${f.lineNumber + 1}` : nativeIn !== '' ? ` (native, called from ${short(nativeIn)})` : '';
    fnOf.set(n.id, `${f.functionName === '' ? '(anonymous)' : f.functionName}${where}`);
  }
  const byFunction = new Map<string, number>();
  const byComponent = Object.fromEntries(COMPONENTS.map((c) => [c, 0])) as Record<Component, number>;
  const byDetail = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalMs = 0;
  let idleMs = 0;
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    const a = byNode.get(id);
    const ms = (deltas[i] ?? 0) / 1000;
    totalMs += ms;
    if (a === undefined) continue;
    if (a.detail === '(idle)') {
      idleMs += ms;
      continue;
    }
    const fn = fnOf.get(id) as string;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    byComponent[a.component] += ms;
    const key = a.detail === a.component ? a.component : `${a.component}: ${a.detail}`;
    byDetail.set(key, (byDetail.get(key) ?? 0) + ms);
  }
  const desc = (m: Map<string, number>): Array<[string, number]> => [...m].sort((x, y) => y[1] - x[1]);
  return { byComponent, byDetail: desc(byDetail), totalMs, idleMs, topFunctions: desc(byFunction).slice(0, 25), samples: samples.length };
}
