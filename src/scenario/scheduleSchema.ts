/**
 * Zod schema of the scenario's `schedule:` list: shocks, open-interest changes, congestion
 * windows, liquidity withdrawals, feed halts and vol shifts, each `at:` a duration from the
 * start or a UTC instant. A discriminated union on `action`, so a wrong action gives one error
 * naming the valid actions. `at` is resolved against `clock` in resolve.ts.
 */
import { z } from 'zod';
import { parseDurationNs } from '../engine/time.js';
import { parseUtcMs } from '../model/clock.js';
import { duration, price, probability, size, utcInstant } from '../model/schema.js';

/** A schedule time before it is resolved against the clock. */
export type ScheduleAt = { kind: 'offset'; ns: number } | { kind: 'utc'; ms: number };

/** `at:` a duration from the start (`2h30m`) or a UTC instant (`2026-03-27T08:00:00Z`). */
export const atSchema: z.ZodType<ScheduleAt, string> = z
  .string()
  .transform((text, ctx): ScheduleAt => {
    if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
      const ms = parseUtcMs(text);
      if (ms !== null) return { kind: 'utc', ms };
    } else {
      const ns = parseDurationNs(text);
      if (typeof ns === 'number') return { kind: 'offset', ns };
    }
    ctx.addIssue({
      code: 'custom',
      message: `invalid time "${text}": expected a duration from the start (e.g. 2h30m) or a UTC instant (e.g. 2026-03-27T08:00:00Z)`,
    });
    return z.NEVER;
  })
  .describe('When: a duration from the start (e.g. "2h30m") or a UTC instant (e.g. "2026-03-27T08:00:00Z").') as unknown as z.ZodType<
  ScheduleAt,
  string
>;

const venueRef = z.string().describe('Venue name (a key of `venues`).');
const instrumentRef = z.string().describe('Instrument symbol at that venue.');
const groupRef = z.string().describe('Agent group name (a key of `agents`).');

const entry = <A extends string, S extends z.ZodRawShape>(action: A, description: string, shape: S) =>
  z
    .object({ at: atSchema, action: z.literal(action).describe(description), ...shape })
    .strict()
    .describe(description);

const marketOrder = entry('market_order', 'A one-off market order by a scripted trader (a shock).', {
  venue: venueRef,
  instrument: instrumentRef,
  side: z.enum(['buy', 'sell']).describe('Order side.'),
  size: size('Order size in base units (must lie on the lot grid).'),
  slices: z.number().int().min(1).max(100_000).prefault(1).describe('Send the size as this many child market orders, one every `interval` from `at` (a metaorder: the book refills between children, so a size far above the visible depth executes instead of being cut by market protection). Lots are split evenly, the first children taking the remainder. Default 1.'),
  interval: duration('Time between child orders when slices > 1. Default "1s".').prefault('1s'),
});

const fundamentalJump = entry('fundamental_jump', 'A jump of the exogenous fundamental price.', {
  log_return: z.number().min(-5).max(5).describe('Jump size as a log return, e.g. -0.05.'),
  underlying: z.string().regex(/^[A-Z0-9]+$/).optional().describe('Which underlying jumps (with `underlyings`); default the primary.'),
});

const liquidityWithdrawal = entry('liquidity_withdrawal', 'Liquidity providers pull part of their quotes for a while.', {
  group: groupRef,
  fraction: probability('Fraction of quoted size withdrawn.').prefault(1),
  duration: duration('How long the withdrawal lasts.'),
});

const feedHalt = entry('feed_halt', "A venue's market data freezes (agents see the last snapshot).", {
  venue: venueRef,
  duration: duration('How long the feed is halted.'),
});

/** Fields of one block of open interest (also the entries of the top-level `open_interest:`). */
export const openInterestFields = {
  venue: venueRef,
  expiry: utcInstant('Expiry of a listed series, a UTC instant.'),
  strike: price('Strike of a listed series, quote currency.'),
  type: z.enum(['call', 'put']).describe('Option type.'),
  contracts: z.number().int().positive().describe('Number of contracts (whole contracts).'),
  dealer_side: z.enum(['long', 'short']).describe('The dealers are long or short these options (customers hold the other side).'),
  dealer_group: groupRef,
};

const openInterest = entry(
  'open_interest',
  'A block of option open interest arrives: a customer request for quotes at the venue\'s options desk, taken by the best-quoting dealer at its own premium (with one dealer group per venue, that group).',
  openInterestFields,
);

const congestion = entry('congestion', 'A congestion window on a DEX venue: longer blocks, a fee floor, fewer slots, dropped transactions.', {
  venue: venueRef,
  duration: duration('How long the congestion lasts.'),
  extra_latency: duration('Added to the block time inside the window (blocks come this much later). Default "0s".').prefault('0s'),
  block_time: duration('Block time inside the window (overrides extra_latency).').optional(),
  block_capacity: z.number().int().nonnegative().optional().describe('Transactions per block inside the window (0 = no inclusion: an outage).'),
  min_priority_fee: z.number().int().nonnegative().optional().describe('Fee floor inside the window (fee units): transactions paying less wait, and expire at their deadline.'),
  drop_probability: probability('Probability a transaction arriving inside the window is dropped at once.').prefault(0),
});

const volShift = entry('vol_shift', "A shift of the options desk's ATM implied vol.", {
  venue: venueRef,
  atm_vol_change: z.number().min(-5).max(5).describe('Added to atm_vol (absolute, e.g. 0.1 = +10 vol points).'),
});

/** One schedule entry, discriminated by `action`. */
export const scheduleEntrySchema = z
  .discriminatedUnion('action', [marketOrder, fundamentalJump, liquidityWithdrawal, feedHalt, openInterest, congestion, volShift])
  .describe('A scheduled action.');
export type ScheduleEntryInput = z.output<typeof scheduleEntrySchema>;
