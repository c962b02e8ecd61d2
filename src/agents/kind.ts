/**
 * The contract between an agent kind and the scenario layer. Each kind exports one
 * {@link AgentKind}: its strict zod schema for one agent group in the scenario's `agents:` map
 * (a `kind` literal plus the kind's parameters) and a factory that builds one actor per member.
 * scenario/agentKinds.ts lists every kind statically (no registry filled by import side effects).
 */
import type { z } from 'zod';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext } from '../model/context.js';
import type { Message } from '../model/messages.js';
import type { InstrumentInfo, OptionSeriesInfo } from '../model/market.js';
import type { RandomStream } from '../engine/rng.js';

/** The scenario's `output:` settings an agent needs (resolved to ns and plain numbers). */
export interface AgentOutputEnv {
  /** `output.greeks_interval` in ns: greeks, gex and gex_profile sampling. */
  readonly greeksIntervalNs: number;
  /** `output.gex_profile.range`: the profile grid spans spot * (1 +/- range). */
  readonly gexProfileRange: number;
  /** `output.gex_profile.points`: grid points (odd, so spot itself is one of them). */
  readonly gexProfilePoints: number;
}

/** What the world builder tells a factory about the world the agent lives in. */
export interface AgentEnv {
  /** The group name (key in `agents:`), the member index and its agent name `<group>/<index>`. */
  readonly group: string;
  readonly index: number;
  readonly name: string;
  /** Number of members in this group. */
  readonly groupSize: number;
  /** Actor id of a venue by name; throws on an unknown name (the schema validated it). */
  venueId(venueName: string): number;
  /** Instrument listed at a venue, by symbol. */
  instrument(venueName: string, symbol: string): InstrumentInfo;
  /** Option series listed at a venue's options desk. */
  optionSeries(venueName: string): readonly OptionSeriesInfo[];
  /** Actor ids of every member of another group (e.g. liquidity providers for a shock). */
  groupMembers(group: string): readonly number[];
  /** The scenario's output sampling: agents that record sampled tables follow it. */
  readonly output: AgentOutputEnv;
  /** The scenario's start price of the underlying, quote currency (reference for quoting). */
  readonly initialPrice: number;
  /**
   * Start price of the underlying an instrument follows (a venue may list several underlyings),
   * quote currency. Absent (tests' hand-made envs): `initialPrice` for every instrument.
   */
  readonly initialPriceOf?: (venue: string, symbol: string) => number;
  /**
   * A named stream of this member for draws needed at world build, before the kernel starts
   * (e.g. a retail account's leverage, which the venue needs when it opens the account). It must
   * be the stream `ctx.stream(purpose)` would give: `agent/<name>/<purpose>` under the root seed.
   * Agents use purposes here that they never ask `ctx.stream` for.
   */
  stream(purpose: string): RandomStream;
}

/**
 * The trading account a member needs at a venue; the world builder opens it before the run
 * (`CexVenue.openAccount(id, { mode, leverage, collateralUnits })`) and deposits the collateral.
 */
export interface AccountSetup {
  /** Venue name. */
  readonly venue: string;
  /** Collateral in quote currency (convert with toQuoteUnits). */
  readonly collateral: number;
  readonly marginMode: 'isolated' | 'cross';
  /** Account leverage at the venue (sets initial and isolated margin). */
  readonly leverage: number;
  /**
   * A position held from t = 0 (no fill, no fee): the world builder books it at `priceTicks`
   * against the schedule account, which stands for whoever sold it before the run and never trades it.
   */
  readonly initialPosition?: InitialPosition;
  /**
   * Further positions held from t = 0 at the same venue, booked like `initialPosition` after it
   * (a cross account holding several instruments, e.g. BTC and ETH perps).
   */
  readonly initialPositions?: readonly InitialPosition[];
}

/** A position held from t = 0: instrument symbol, signed lots, entry price in that instrument's ticks. */
export interface InitialPosition {
  readonly instrument: string;
  readonly signedLots: number;
  readonly priceTicks: number;
}

/** Actors that trade on a venue expose their account through this method. */
export interface HasAccount {
  accountSetup(): AccountSetup;
}

/** The account setup of an actor built by a factory, or null when it needs none. */
export function accountSetupOf(actor: object): AccountSetup | null {
  const f = (actor as Partial<HasAccount>).accountSetup;
  return typeof f === 'function' ? f.call(actor) : null;
}

/** Actors with accounts on several venues (the arbitrageur) list them all through this method. */
export interface HasAccounts {
  accountSetups(): readonly AccountSetup[];
}

/**
 * Every account an actor needs: `accountSetups()` when it has it (several venues), else its one
 * `accountSetup()`, else none.
 */
export function accountSetupsOf(actor: object): readonly AccountSetup[] {
  const many = (actor as Partial<HasAccounts>).accountSetups;
  if (typeof many === 'function') return many.call(actor);
  const one = accountSetupOf(actor);
  return one === null ? [] : [one];
}

/** One agent kind. `P` is the schema's output type for a group. */
export interface AgentKind<P extends { kind: string; count: number }> {
  readonly kind: P['kind'];
  readonly description: string;
  readonly schema: z.ZodType<P>;
  create(params: P, env: AgentEnv): Actor<AgentContext, Message>;
}
