/**
 * The ranges the engine supports, as numbers the schema states and the resolve step checks, so
 * that every scenario `validate` accepts also runs (issue 16). Each bound is derived here from
 * the representation it protects, not from a measurement of what happened to pass:
 *
 * - Money is an integer count of quote units of 10^-4 (model/units.ts), asserted to be a safe
 *   integer: at most 2^53 = 9.007e15 units, i.e. 9.0e11 in quote currency, for any single sum
 *   (a venue's total of deposits, an account's cash, a position's notional).
 * - The schedule actor deposits 1e11 at every venue (world.ts SCHEDULE_COLLATERAL).
 * - Memory: about 8 KB per agent (measured: 100,000 noise agents peak at 790 MB RSS), under
 *   Node's default 4 GB heap.
 *
 * Amounts are in quote currency (e.g. USD), sizes in base units, as in the YAML.
 */

/** Money ceiling in quote currency: 2^53 quote units of 10^-4. */
export const MONEY_CEILING = 2 ** 53 / 10_000;

/**
 * Collateral per agent: at most 1e9. With the largest account leverage (200) an account can
 * then hold a position of 2e11 notional, under a quarter of {@link MONEY_CEILING}, so a 4x price
 * move still fits.
 */
export const MAX_AGENT_COLLATERAL = 1e9;

/**
 * Total collateral deposited at one venue by all agent groups: at most 1e11. With the schedule
 * actor's 1e11 the venue's total is 2e11, under a quarter of the ceiling (the clearing house sums
 * every account, the insurance fund and rounding into one safe integer).
 */
export const MAX_VENUE_DEPOSITS = 1e11;

/**
 * Notional of one scheduled market order (size x initial price): at most 1e11, the schedule
 * actor's collateral at one venue. Larger orders could not be margined; they would be rejected
 * in the run, which is a silent no-op of the scenario's main event.
 */
export const MAX_ORDER_NOTIONAL = 1e11;

/**
 * The same bound applies to one open-interest entry (contracts x contract_size x initial price)
 * and option contracts are capped at most 10 base units each (venue `options.contract_size`).
 */
export const MAX_CONTRACT_SIZE = 10;

/** Agents in one group: at most 100,000 (about 0.8 GB). */
export const MAX_GROUP_COUNT = 100_000;

/** Agents in the whole scenario: at most 200,000 (about 1.6 GB of the 4 GB default heap). */
export const MAX_TOTAL_AGENTS = 200_000;

/**
 * Annualized volatility of the fundamental: at most 5 (500 % a year, several times the 0.5-1 of
 * BTC). On the default 1 s grid a step then moves the log price by 5 / sqrt(31,536,000) = 0.09 %,
 * a few ticks, so the book's agents can follow the path. At 1e6 (accepted before) a 1 s step was a
 * log move of 178: the path collapsed to the price floor at once and the run showed *less*
 * movement than at 0.5, a parameter that no longer did what it says.
 */
export const MAX_FUNDAMENTAL_VOL = 5;

type P = (string | number)[];

/** One capacity problem, at the path the user should change. */
export interface CapacityIssue {
  readonly path: P;
  readonly message: string;
}

interface GroupInput {
  readonly kind: string;
  readonly count: number;
  readonly venue?: unknown;
  readonly collateral?: unknown;
}

const fmt = (v: number): string => v.toLocaleString('en-US', { maximumSignificantDigits: 3 });

/** Cross-field capacity checks of a schema-valid scenario (per-field bounds are in the schema). */
export function capacityIssues(agents: Readonly<Record<string, GroupInput>>, quote: string): CapacityIssue[] {
  const issues: CapacityIssue[] = [];
  const groups = Object.entries(agents);
  const total = groups.reduce((n, [, g]) => n + g.count, 0);
  if (total > MAX_TOTAL_AGENTS) {
    const [largest] = [...groups].sort((a, b) => b[1].count - a[1].count);
    issues.push({ path: ['agents', largest?.[0] ?? '', 'count'], message: `the scenario has ${total.toLocaleString('en-US')} agents in all; at most ${fmt(MAX_TOTAL_AGENTS)} are supported (about 8 KB of memory each)` });
  }
  const byVenue = new Map<string, { total: number; largest: string; largestAmount: number }>();
  for (const [name, g] of groups) {
    if (typeof g.collateral !== 'number' || typeof g.venue !== 'string') continue;
    const amount = g.collateral * g.count;
    const v = byVenue.get(g.venue) ?? { total: 0, largest: name, largestAmount: -1 };
    v.total += amount;
    if (amount > v.largestAmount) Object.assign(v, { largest: name, largestAmount: amount });
    byVenue.set(g.venue, v);
  }
  for (const [venue, v] of byVenue) {
    if (v.total > MAX_VENUE_DEPOSITS) {
      issues.push({ path: ['agents', v.largest, 'collateral'], message: `agents deposit ${fmt(v.total)} ${quote} at venue "${venue}" (count x collateral summed over groups); at most ${fmt(MAX_VENUE_DEPOSITS)} is supported (money is a safe integer of 1e-4 ${quote})` });
    }
  }
  return issues;
}
