/**
 * The world builder: a resolved scenario -> a kernel with venues and agents, ready to run.
 *
 * Venues are CexVenue or DexVenue by `kind` (both behind VenueWorldApi); a DEX gets the
 * scenario's `congestion` entries as block-level congestion windows at build time (venueConfig.ts).
 * Actor ids are dense in a fixed order: for each venue (scenario order) the venue, its
 * liquidation engine and its insurance fund; then the `schedule` actor; then every agent group
 * in scenario order, members `<group>/<i>`. These names are the `agents` dictionary of every
 * table. Instrument and series names are their symbols, qualified `<venue>:<symbol>` only when
 * two venues list the same symbol. Link latencies come from each venue's `latency` block and
 * draw from `latency/<venue>/<agent>` (order entry) and `latency/<venue>/<agent>/response`;
 * market-data latency is drawn once per (agent, venue) from `latency/<venue>/<agent>/market_data`.
 * A group's own `latency` block overrides its venues' blocks field by field.
 */
import { Kernel } from '../engine/kernel.js';
import { StreamFactory, type DrawObserver } from '../engine/rng.js';
import type { LatencyModel } from '../engine/latency.js';
import type { Actor } from '../engine/kernel.js';
import type { AgentContext, MarketAccess } from '../model/context.js';
import { SimClock } from '../model/clock.js';
import { MessagePool, type Message } from '../model/messages.js';
import { latencyModelOf, type LatencyNs } from '../model/schema.js';
import type { RecorderSource } from '../model/tables.js';
import { QUOTE_UNITS_PER_QUOTE, toQuoteUnits } from '../model/units.js';
import { FundamentalPath, correlatedFundamentals } from '../instruments/index.js';
import { CexVenue } from '../venue/cexVenue.js';
import { DexVenue, type VenueWorldApi } from '../venue/dex/index.js';
import { wakeViaContexts } from '../venue/marketData/marketDataTypes.js';
import { accountSetupsOf, type AgentEnv } from '../agents/kind.js';
import { agentKindByName } from './agentKinds.js';
import { agentKinds } from './registry.js';
import type { ResolvedScenario, ResolvedVenue } from './resolvedTypes.js';
import { ScheduleActor } from './scheduleActor.js';
import { cexConfigOf, dexConfigOf, instrumentUnderlyings, venueUnderlyings } from './venueConfig.js';
import { marketAccessFor, MAX_VENUES, type WorldServices } from './worldContext.js';
import { planWorld, type WorldPlan } from './worldPlan.js';

export { planWorld, type WorldPlan };

/** Collateral of the schedule actor's account at each venue (quote currency). */
const SCHEDULE_COLLATERAL = 1e11;
/** The schedule actor's collateral at a coin-settled venue, in coin (10^7 BTC: 10^15 units, a safe integer). */
const SCHEDULE_COLLATERAL_COIN = 1e7;

export interface World {
  readonly scenario: ResolvedScenario;
  readonly plan: WorldPlan;
  readonly kernel: Kernel<Message, MarketAccess>;
  /** Venue actors in scenario order (CexVenue or DexVenue). */
  readonly venues: readonly VenueWorldApi[];
  readonly clock: SimClock;
  readonly fundamental: FundamentalPath;
  /** Every underlying's path, primary first (scenario `underlyings` order). */
  readonly fundamentals: readonly FundamentalPath[];
  /** Simulated end of the run, ns since start. */
  readonly endNs: number;
}

export interface BuildOptions {
  /** Kernel label for invariant errors (default `seed=<seed>`). */
  readonly label?: string;
  /**
   * Sees every uniform drawn from every stream of the run (tests: the common-random-numbers
   * test records them). Observed streams draw the same numbers; ordinary runs never pass one.
   */
  readonly drawObserver?: DrawObserver;
  /**
   * Replaces an agent's actor before it is registered (counterfactual replay, run/tape.ts). The
   * replacement's `accountSetups` decide the accounts opened for it.
   */
  readonly wrapAgent?: (id: number, actor: Actor<AgentContext, Message>) => Actor<AgentContext, Message>;
}

/** Builds the world of `s`; tables go to `recorder` (its dictionaries must be `planWorld(s)`'s). */
export function buildWorld(s: ResolvedScenario, recorder: RecorderSource, opts: BuildOptions = {}): World {
  const plan = planWorld(s);
  // Every stream of the run, the world's and the actors', comes from this one factory.
  const streams = new StreamFactory(s.seed, opts.drawObserver);
  const clock = new SimClock(s.clock.startUtcMs);
  // One path per underlying, correlated through a Cholesky factor over per-asset streams: the
  // primary keeps `world/fundamental` (a single-asset world is unchanged), the others
  // `world/fundamental/<symbol>` (instruments/correlatedFundamentals.ts).
  const unders = s.underlyings ?? [s.underlying];
  const paths = correlatedFundamentals(
    unders.map((u) => ({
      name: u.symbol,
      config: {
        initialPrice: u.initialPrice,
        driftPerYear: u.fundamental.drift,
        volPerYear: u.fundamental.vol,
        jumpRatePerYear: u.fundamental.jumpRatePerYear,
        jumpMeanLog: u.fundamental.jumpMean,
        jumpStdLog: u.fundamental.jumpStdev,
        gridNs: u.fundamental.gridNs,
      },
    })),
    s.correlation ?? null,
    (i, name) => streams.stream(i === 0 ? 'world/fundamental' : `world/fundamental/${name}`),
  );
  const fundamental = paths[0] as FundamentalPath;
  const underlyingIndex = (symbol: string | undefined): number => Math.max(0, unders.findIndex((u) => u.symbol === symbol));
  const venueUnderlying = s.venues.map((v) => underlyingIndex(v.underlying));
  const actorCount = plan.agentNames.length;
  // Which fundamental each actor's ctx.fundamental() reads: its venue's underlying (agents: the venue they trade).
  const fundamentalOf = new Int32Array(actorCount);
  s.venues.forEach((_, vi) => {
    const ids = plan.venueIds[vi] as { venue: number; liquidationEngine: number; insuranceFund: number };
    for (const id of [ids.venue, ids.liquidationEngine, ids.insuranceFund]) fundamentalOf[id] = venueUnderlying[vi] as number;
  });
  for (const g of s.agents) {
    const gp = g.params as { venue?: string; instrument?: string };
    const vi = s.venues.findIndex((v) => v.name === gp.venue);
    if (vi < 0) continue;
    // The underlying of the instrument the group trades (a venue may list several), else the venue's.
    const v = s.venues[vi] as ResolvedVenue;
    const ii = v.instruments.findIndex((x) => x.symbol === gp.instrument);
    const u = ii >= 0 ? underlyingIndex(instrumentUnderlyings(s, v)[ii]) : (venueUnderlying[vi] as number);
    for (const id of plan.groupMembers.get(g.group) ?? []) fundamentalOf[id] = u;
  }
  const services: WorldServices = {
    clock,
    recorder,
    fundamental,
    fundamentals: paths,
    fundamentalOf,
    venueIndexById: new Int32Array(actorCount).fill(-1),
    venues: [],
    marketDataNs: s.venues.map(() => new Float64Array(actorCount)),
  };
  if (s.venues.length > MAX_VENUES) throw new Error(`at most ${MAX_VENUES} venues`);
  const kernel = new Kernel<Message, MarketAccess>({
    rootSeed: s.seed,
    streams,
    payloads: new MessagePool(),
    label: opts.label ?? `seed=${s.seed}`,
    extendContext: (base) => marketAccessFor(base, services),
  });

  // A group's `latency` overrides its venues' latency blocks field by field.
  const groupLatency = new Map<number, GroupLatency>();
  for (const g of s.agents) {
    const l = (g.params as { latency?: GroupLatency }).latency;
    if (l !== undefined) for (const id of plan.groupMembers.get(g.group) ?? []) groupLatency.set(id, l);
  }
  // The latency of one link: the group's own field, else the venue's (its model built once).
  const venueModels = new Map<LatencyNs, LatencyModel>();
  const link = (id: number, field: keyof GroupLatency, venueSpec: LatencyNs): { spec: LatencyNs; model: LatencyModel } => {
    const own = groupLatency.get(id)?.[field];
    if (own !== undefined) return { spec: own, model: latencyModelOf(own) };
    let model = venueModels.get(venueSpec);
    if (model === undefined) venueModels.set(venueSpec, (model = latencyModelOf(venueSpec)));
    return { spec: venueSpec, model };
  };

  // Market-data latency per (venue, agent): drawn once, before any actor exists, from its own stream.
  s.venues.forEach((v, vi) => {
    const row = services.marketDataNs[vi] as Float64Array;
    for (let id = 0; id < actorCount; id++) {
      const { model } = link(id, 'market_data', v.latency.marketData);
      row[id] = model.isConstant ? model.meanNs() : model.sampleNs(streams.stream(`latency/${v.name}/${plan.agentNames[id]}/market_data`));
    }
  });

  // Venues and their system actors.
  s.venues.forEach((v, vi) => {
    const ids = plan.venueIds[vi] as { venue: number; liquidationEngine: number; insuranceFund: number };
    const wiring = {
      liquidationEngineId: ids.liquidationEngine,
      insuranceFundId: ids.insuranceFund,
      instrumentDictIndex: plan.instrumentDictIndex[vi] as number[],
      seriesDictIndex: plan.seriesDictIndex[vi] as number[],
      dealerIds: plan.dealerIdsByVenue[vi] as number[],
      maxMarketDataLatencyNs: maxOf(services.marketDataNs[vi] as Float64Array),
    };
    const mdRow = services.marketDataNs[vi] as Float64Array;
    const deps = {
      venueId: ids.venue,
      clock,
      // One path per underlying the venue lists (its index groups); absent with one underlying.
      ...(venueUnderlyings(s, v).length > 1 ? { groupFundamentals: venueUnderlyings(s, v).map((sym) => paths[underlyingIndex(sym)] as FundamentalPath) } : {}),
      wakeAgent: wakeViaContexts((id) => kernel.contextOf(id), (id) => mdRow[id] as number),
      actorName: (id: number) => plan.agentNames[id] ?? String(id),
    };
    // A DEX's oracle may read another venue's book: names -> ids from the plan (no venue needed yet).
    const sourceIds = (venue: string, symbol: string): { venueId: number; instrumentId: number } => {
      const si = s.venues.findIndex((x) => x.name === venue);
      const instrumentId = s.venues[si]?.instruments.findIndex((x) => x.symbol === symbol) ?? -1;
      if (si < 0 || instrumentId < 0) throw new Error(`venue ${v.name}: oracle source ${venue} ${symbol} is not listed`);
      return { venueId: (plan.venueIds[si] as { venue: number }).venue, instrumentId };
    };
    const venue: VenueWorldApi = v.kind === 'dex' ? new DexVenue(dexConfigOf(s, v, wiring, sourceIds), deps) : new CexVenue(cexConfigOf(s, v, wiring), deps);
    services.venues.push(venue);
    services.venueIndexById[ids.venue] = vi;
    add(kernel, v.name, venue, ids.venue);
    add(kernel, `${v.name}/liquidation_engine`, {}, ids.liquidationEngine);
    add(kernel, `${v.name}/insurance_fund`, {}, ids.insuranceFund);
  });

  const venueId = (name: string): number => {
    const vi = s.venues.findIndex((v) => v.name === name);
    if (vi < 0) throw new Error(`unknown venue "${name}"`);
    return (plan.venueIds[vi] as { venue: number }).venue;
  };
  const venueByName = (name: string): VenueWorldApi => services.venues[s.venues.findIndex((v) => v.name === name)] as VenueWorldApi;
  const instrumentId = (venue: string, symbol: string): number => {
    const i = venueByName(venue).instruments().findIndex((x) => x.symbol === symbol);
    if (i < 0) throw new Error(`venue "${venue}" lists no instrument "${symbol}"`);
    return i;
  };

  const schedule = new ScheduleActor(s.schedule, {
    venueId,
    instrumentId,
    lotSize: (venue, symbol) => venueByName(venue).instrumentInfo(instrumentId(venue, symbol)).lotSize,
    seriesId: (venue, symbol) => {
      const i = venueByName(venue).optionSeries().findIndex((x) => x.symbol === symbol);
      if (i < 0) throw new Error(`venue "${venue}" lists no option series "${symbol}"`);
      return i;
    },
    groupMembers: (g) => plan.groupMembers.get(g) ?? [],
    dealersAt: (v) => plan.dealerIdsByVenue[s.venues.findIndex((x) => x.name === v)] ?? [],
    fundamental,
    fundamentalOf: (symbol) => paths[underlyingIndex(symbol)] as FundamentalPath,
  });
  add(kernel, 'schedule', schedule, plan.scheduleId);
  for (const venue of services.venues) venue.openAccount(plan.scheduleId, { mode: 'cross', leverage: 100, collateralUnits: toVenueUnits(venue, venue.moneyUnits === QUOTE_UNITS_PER_QUOTE ? SCHEDULE_COLLATERAL : SCHEDULE_COLLATERAL_COIN) });

  // Agents, group by group, with their accounts and link latencies.
  for (const g of s.agents) {
    const kind = agentKindByName(agentKinds(), g.kind);
    if (kind === undefined) throw new Error(`unknown agent kind "${g.kind}" (a plug-in kind must be registered with registerAgentKind, or loaded with --plugin, before the run)`);
    const members = plan.groupMembers.get(g.group) as readonly number[];
    const params = withOpenInterest(s, g.group, g.kind, g.params, g.count);
    members.forEach((id, index) => {
      const env: AgentEnv = {
        group: g.group,
        index,
        name: plan.agentNames[id] as string,
        groupSize: g.count,
        venueId,
        instrument: (venue, symbol) => venueByName(venue).instrumentInfo(instrumentId(venue, symbol)),
        optionSeries: (venue) => venueByName(venue).optionSeries(),
        groupMembers: (other) => plan.groupMembers.get(other) ?? [],
        output: { greeksIntervalNs: s.output.greeksIntervalNs, gexProfileRange: s.output.gexProfileRange, gexProfilePoints: s.output.gexProfilePoints },
        // The start price of the underlying of the venue this group trades (the primary's otherwise).
        initialPrice: (unders[fundamentalOf[id] as number] ?? s.underlying).initialPrice,
        initialPriceOf: (venue, symbol) => {
          const v = s.venues.find((x) => x.name === venue);
          const ii = v === undefined ? -1 : v.instruments.findIndex((x) => x.symbol === symbol);
          if (v === undefined || ii < 0) throw new Error(`venue "${venue}" lists no instrument "${symbol}"`);
          return (unders[underlyingIndex(instrumentUnderlyings(s, v)[ii])] ?? s.underlying).initialPrice;
        },
        stream: (purpose) => streams.stream(`agent/${plan.agentNames[id]}/${purpose}`),
      };
      const built = kind.create(params, env);
      const actor = opts.wrapAgent ? opts.wrapAgent(id, built) : built;
      add(kernel, env.name, actor, id);
      // Every account the actor needs (the arbitrageur has one on each of its venues).
      for (const acct of accountSetupsOf(actor)) {
        const v = venueByName(acct.venue);
        v.openAccount(id, { mode: acct.marginMode, leverage: acct.leverage, collateralUnits: toVenueUnits(v, acct.collateral) });
        // A position held from t = 0: its other side goes to the schedule account (ample collateral, never trades it).
        const ip = acct.initialPosition;
        if (ip !== undefined) v.bookInitialPosition(id, plan.scheduleId, instrumentId(acct.venue, ip.instrument), ip.signedLots, ip.priceTicks);
        for (const more of acct.initialPositions ?? []) v.bookInitialPosition(id, plan.scheduleId, instrumentId(acct.venue, more.instrument), more.signedLots, more.priceTicks);
      }
    });
  }

  // Initial open interest is booked at the desk against the venue itself, which stands in for
  // the customers holding it: settlement then pays through the venue like any other position.
  for (const oi of s.openInterest) {
    const vi = s.venues.findIndex((v) => v.name === oi.venue);
    const venue = services.venues[vi];
    if (!(venue instanceof CexVenue)) throw new Error(`open interest at ${oi.venue}: only a cex venue has an options desk`);
    const series = venue.optionSeries().findIndex((x) => x.symbol === oi.series);
    if (series < 0) throw new Error(`open interest names series "${oi.series}", not listed at ${oi.venue}`);
    const members = plan.groupMembers.get(oi.dealerGroup) ?? [];
    const venueActor = (plan.venueIds[vi] as { venue: number }).venue;
    for (const dealer of members) {
      const contracts = oi.contracts / members.length;
      if (oi.dealerSide === 'long') venue.desk.ledger.trade(series, dealer, venueActor, contracts);
      else venue.desk.ledger.trade(series, venueActor, dealer, contracts);
    }
  }

  // Link latencies between every non-venue actor and every venue.
  s.venues.forEach((v, vi) => {
    const vid = (plan.venueIds[vi] as { venue: number }).venue;
    for (let id = plan.scheduleId; id < actorCount; id++) {
      const name = plan.agentNames[id] as string;
      const entry = link(id, 'order_entry', v.latency.orderEntry);
      const response = link(id, 'response', v.latency.response);
      if (!isZero(entry.spec)) kernel.setLinkLatency(id, vid, entry.model, `latency/${v.name}/${name}`);
      if (!isZero(response.spec)) kernel.setLinkLatency(vid, id, response.model, `latency/${v.name}/${name}/response`);
    }
  });

  return { scenario: s, plan, kernel, venues: services.venues, clock, fundamental, fundamentals: paths, endNs: s.clock.durationNs };
}

/** Dealer groups get their share of the scenario's open interest as initial positions. */
function withOpenInterest(s: ResolvedScenario, group: string, kind: string, params: Record<string, unknown>, count: number): typeof params & { kind: string; count: number } {
  const p = params as { kind: string; count: number } & Record<string, unknown>;
  if (kind !== 'option_dealer') return p;
  const extra = s.openInterest
    .filter((oi) => oi.dealerGroup === group)
    .map((oi) => ({ series: oi.series, contracts: ((oi.dealerSide === 'long' ? 1 : -1) * oi.contracts) / count }));
  if (extra.length === 0) return p;
  const existing = (p['positions'] as { series: string; contracts: number }[] | undefined) ?? [];
  return { ...p, positions: [...existing, ...extra] };
}

function add(kernel: Kernel<Message, MarketAccess>, name: string, actor: Actor<AgentContext, Message>, expectedId: number): void {
  const id = kernel.addActor(name, actor);
  if (id !== expectedId) throw new Error(`world plan out of step: ${name} got id ${id}, planned ${expectedId}`);
}

/** A group's own latency fields (agents/common/schema.ts agentLatencySchema), already in ns. */
interface GroupLatency {
  readonly order_entry?: LatencyNs;
  readonly response?: LatencyNs;
  readonly market_data?: LatencyNs;
}

function isZero(l: LatencyNs): boolean {
  return l.kind === 'constant' && l.latencyNs === 0;
}

function maxOf(a: Float64Array): number {
  let m = 0;
  for (const x of a) if (x > m) m = x;
  return m;
}

/**
 * Collateral in a venue's settlement currency to its integer money units: quote units (exactly
 * as before) at a linear venue, coin units (10^8) at an inverse one, where `collateral` is in coin.
 */
function toVenueUnits(venue: { readonly moneyUnits: number }, amount: number): number {
  return venue.moneyUnits === QUOTE_UNITS_PER_QUOTE ? toQuoteUnits(amount) : Math.round(amount * venue.moneyUnits);
}
