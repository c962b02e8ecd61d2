/**
 * Counterfactual replay (theory.md 1b's "exogenous flow unchanged by the hedger's presence"):
 * a tape records every message that chosen agents send (time, sender, receiver and every
 * message field) in one run; a later run on the same world plan replaces those agents by replay
 * actors that send exactly the recorded messages (submits, cancels, cancel-alls, at the
 * recorded send times, from the same actor ids, so accounts, client order ids and link
 * latencies are the same) and ignore everything they receive. Their flow is then exogenous to
 * whatever else the second run changes (e.g. a hedging dealer added on the same seed).
 *
 * Tape file: one JSON header line (`gammaloop-tape`, version, agent names of the world plan,
 * field names, row count) padded with spaces to a multiple of 8 bytes, then the rows as
 * little-endian float64, {@link TAPE_FIELDS} per row, in send order. Times are ns since start.
 * An internal transport between the jobs of one `gammaloop science` run, not a user table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Actor, KernelTracer } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import { newMessage, resetMessage, type Message } from '../model/messages.js';
import { matchAgents } from './trace.js';
import { accountSetupsOf, type AccountSetup, type HasAccounts } from '../agents/kind.js';

/** Per-row fields, in file order. */
export const TAPE_FIELDS = [
  'time_ns', 'from', 'to', 'kind', 'instrument', 'client_order_id', 'order_id', 'price_ticks', 'size_lots',
  'side', 'order_type', 'flags', 'reason', 'aux0', 'aux1', 'aux2', 'aux3',
] as const;
const W = TAPE_FIELDS.length;

/** A tape in memory: rows of {@link TAPE_FIELDS} and the agent names actor ids refer to. */
export interface Tape {
  readonly agents: readonly string[];
  readonly rows: Float64Array;
  readonly count: number;
}

/** A kernel tracer that records the `out` messages of the traced actors into a growing tape. */
export class TapeRecorder implements KernelTracer<Message> {
  private rows = new Float64Array(W * 4096);
  private n = 0;

  onMessage(direction: 'out' | 'in', timeNs: number, actorId: number, m: Readonly<Message>, peerId: number): void {
    if (direction !== 'out') return;
    if ((this.n + 1) * W > this.rows.length) {
      const grown = new Float64Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    const r = this.rows;
    const o = this.n++ * W;
    r[o] = timeNs;
    r[o + 1] = actorId;
    r[o + 2] = peerId;
    r[o + 3] = m.kind;
    r[o + 4] = m.instrument;
    r[o + 5] = m.clientOrderId;
    r[o + 6] = m.orderId;
    r[o + 7] = m.priceTicks;
    r[o + 8] = m.sizeLots;
    r[o + 9] = m.side;
    r[o + 10] = m.orderType;
    r[o + 11] = m.flags;
    r[o + 12] = m.reason;
    r[o + 13] = m.aux0;
    r[o + 14] = m.aux1;
    r[o + 15] = m.aux2;
    r[o + 16] = m.aux3;
  }

  tape(agents: readonly string[]): Tape {
    return { agents, rows: this.rows.subarray(0, this.n * W), count: this.n };
  }
}

/** Writes `tape` to `file` (format in the header comment). */
export function writeTape(file: string, tape: Tape): void {
  let header = JSON.stringify({ format: 'gammaloop-tape', version: 1, agents: tape.agents, fields: TAPE_FIELDS, count: tape.count });
  header += ' '.repeat((8 - ((Buffer.byteLength(header) + 1) % 8)) % 8) + '\n';
  const head = Buffer.from(header, 'utf8');
  const body = Buffer.from(tape.rows.buffer, tape.rows.byteOffset, tape.count * W * 8);
  writeFileSync(file, Buffer.concat([head, body]));
}

/** Reads a tape written by {@link writeTape}; throws naming the file when it is not one. */
export function readTape(file: string): Tape {
  const buf = readFileSync(file);
  const nl = buf.indexOf(10);
  let header: { format?: string; version?: number; agents?: string[]; fields?: string[]; count?: number };
  try {
    header = JSON.parse(buf.subarray(0, nl).toString('utf8')) as typeof header;
  } catch {
    throw new Error(`${file}: not a gammaloop tape (no JSON header line)`);
  }
  if (header.format !== 'gammaloop-tape' || header.version !== 1 || header.fields?.length !== W || !Array.isArray(header.agents)) {
    throw new Error(`${file}: not a version-1 gammaloop tape`);
  }
  const count = header.count ?? 0;
  const start = nl + 1;
  if (start % 8 !== 0 || buf.length - start !== count * W * 8) throw new Error(`${file}: tape body has ${buf.length - start} bytes, expected ${count * W * 8}`);
  const rows = new Float64Array(count * W);
  new Uint8Array(rows.buffer).set(buf.subarray(start));
  return { agents: header.agents, rows, count };
}

/** Agent ids matching any of the comma-separated globs in `globs` (`makers/*,noise/*`). */
export function matchAgentGlobs(names: readonly string[], globs: string): number[] {
  const ids = new Set<number>();
  for (const g of globs.split(',')) if (g.trim() !== '') for (const id of matchAgents(names, g.trim())) ids.add(id);
  return [...ids].sort((a, b) => a - b);
}

/** The kernel tag of a replay wake-up (agents' own tags are small; the venue never wakes a replay actor). */
const REPLAY_TAG = 0x7ead;

/**
 * Stands in for one recorded agent: sends its recorded messages at their times and receivers,
 * keeps the original actor's accounts (the world builder opens them from `accountSetups`).
 */
export class ReplayActor implements Actor<AgentContext, Message>, HasAccounts {
  private readonly msg: Message = newMessage();
  private cursor = 0;

  /** `rows`: this agent's tape rows (times ascending). */
  constructor(private readonly original: object, private readonly rows: Float64Array) {}

  accountSetups(): readonly AccountSetup[] {
    return accountSetupsOf(this.original);
  }

  onStart(ctx: AgentContext): void {
    this.scheduleNext(ctx);
  }

  onWakeup(ctx: AgentContext, tag: number): void {
    if (tag !== REPLAY_TAG) return;
    const r = this.rows;
    const end = r.length / W;
    while (this.cursor < end && (r[this.cursor * W] as number) <= ctx.now) {
      const o = this.cursor++ * W;
      const m = resetMessage(this.msg, r[o + 3] as number);
      m.instrument = r[o + 4] as number;
      m.clientOrderId = r[o + 5] as number;
      m.orderId = r[o + 6] as number;
      m.priceTicks = r[o + 7] as number;
      m.sizeLots = r[o + 8] as number;
      m.side = r[o + 9] as number;
      m.orderType = r[o + 10] as number;
      m.flags = r[o + 11] as number;
      m.reason = r[o + 12] as number;
      m.aux0 = r[o + 13] as number;
      m.aux1 = r[o + 14] as number;
      m.aux2 = r[o + 15] as number;
      m.aux3 = r[o + 16] as number;
      ctx.send(r[o + 2] as number, m);
    }
    this.scheduleNext(ctx);
  }

  private scheduleNext(ctx: AgentContext): void {
    if (this.cursor * W < this.rows.length) ctx.wakeAt(Math.max(ctx.now, this.rows[this.cursor * W] as number), REPLAY_TAG);
  }
}

/**
 * A world-builder hook (scenario/world.ts `wrapAgent`) that replaces every agent whose id is in
 * `ids` by a {@link ReplayActor} of its rows on `tape`. The tape must come from a run with the
 * same agent names in the same order (same world plan): a mismatch throws before the run.
 */
export function replayHook(tape: Tape, agentNames: readonly string[], ids: readonly number[]): (id: number, actor: Actor<AgentContext, Message>) => Actor<AgentContext, Message> {
  const mismatch = tape.agents.findIndex((n, i) => agentNames[i] !== n);
  if (tape.agents.length !== agentNames.length || mismatch >= 0) {
    throw new Error(`replay tape was recorded on another world plan (agent ${mismatch} is "${tape.agents[mismatch] ?? '(none)'}", here "${agentNames[mismatch] ?? '(none)'}")`);
  }
  const byActor = new Map<number, number[]>();
  for (let i = 0; i < tape.count; i++) {
    const from = tape.rows[i * W + 1] as number;
    const list = byActor.get(from) ?? [];
    list.push(i);
    byActor.set(from, list);
  }
  const wanted = new Set(ids);
  return (id, actor) => {
    if (!wanted.has(id)) return actor;
    const rows = byActor.get(id) ?? [];
    const own = new Float64Array(rows.length * W);
    rows.forEach((row, k) => own.set(tape.rows.subarray(row * W, row * W + W), k * W));
    return new ReplayActor(actor, own);
  };
}
