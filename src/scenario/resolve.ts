/**
 * Resolve step: the schema's output -> {@link ResolvedScenario}. Converts to integer units
 * (ns, epoch ms, ticks, lots, quote units), checks cross references (venues, instruments,
 * option series, agent groups named by agents, open interest and schedule entries) and times
 * (schedule entries inside the run). Problems are returned with their scenario paths; the
 * loader locates them in the files and flags that supplied the values.
 */
import type { ScenarioInput } from './scenarioSchema.js';
import type { ScheduleEntryInput } from './scheduleSchema.js';
import { onGrid, resolveVenue, seriesSymbol, type PathIssue } from './resolveVenue.js';
import {
  RESOLVED_FORMAT_VERSION,
  type ResolvedAgentGroup,
  type ResolvedOpenInterest,
  type ResolvedScenario,
  type ResolvedScheduleEntry,
  type ResolvedVenue,
  type ResolvedUnderlying,
} from './resolvedTypes.js';
import { NS_PER_MS, formatDurationNs } from '../engine/time.js';
import { didYouMean as nearest } from './errors.js';
import { choleskyPsd } from '../instruments/correlatedFundamentals.js';
import { MAX_ORDER_NOTIONAL, capacityIssues } from '../model/capacity.js';

type P = (string | number)[];

/** Resolves a validated scenario; `issues` is non-empty when the scenario is unusable. */
export function resolveScenario(s: ScenarioInput): { scenario: ResolvedScenario; issues: PathIssue[] } {
  const issues: PathIssue[] = [];
  const { primary, all, correlation } = resolveUnderlyings(s, issues);
  const startUtcMs = s.clock.start_utc;
  const durationNs = s.clock.duration;
  if (durationNs <= 0) issues.push({ path: ['clock', 'duration'], message: 'must be > 0' });
  for (const [k, ns] of [
    [['output', 'book_interval'], s.output.book_interval],
    [['output', 'greeks_interval'], s.output.greeks_interval],
    [['output', 'accounts_interval'], s.output.accounts_interval],
  ] as const) {
    if (ns <= 0) issues.push({ path: [...k], message: 'must be > 0' });
  }
  for (const u of all) if (u.fundamental.gridNs <= 0) issues.push({ path: s.underlyings ? ['underlyings', u.symbol, 'fundamental', 'grid'] : ['underlying', 'fundamental', 'grid'], message: 'must be > 0' });
  if (all.length > 1 && all.some((u) => u.fundamental.gridNs !== primary.fundamental.gridNs)) {
    issues.push({ path: ['underlyings'], message: 'correlated underlyings share one fundamental grid: give them the same fundamental.grid' });
  }
  // Each instrument follows the underlying it names, else the primary; the venue's underlying
  // (its options' and its first index's) is its first instrument's. A cex venue keeps one index
  // per underlying (venue/prices/venuePrices.ts); a dex has one oracle, so one underlying.
  const venues = Object.entries(s.venues).map(([name, v]) => {
    v.instruments.forEach((x, i) => {
      if (x.underlying !== undefined && !all.some((u) => u.symbol === x.underlying)) {
        issues.push({ path: ['venues', name, 'instruments', i, 'underlying'], message: `unknown underlying "${x.underlying}" (declared: ${all.map((u) => u.symbol).join(', ')})` });
      }
    });
    const uname = v.instruments[0]?.underlying ?? primary.symbol;
    const named = [...new Set(v.instruments.map((i) => i.underlying ?? primary.symbol))];
    if (v.kind === 'dex' && named.length > 1) issues.push({ path: ['venues', name, 'instruments'], message: `a dex venue follows one underlying (its oracle): instruments follow ${named.join(' and ')}; list them at two venues` });
    const priceOf = (sym: string): number => (all.find((x) => x.symbol === sym) ?? primary).initialPrice;
    const r = resolveVenue(name, v, { underlyingSymbol: uname, initialPrice: priceOf(uname), startUtcMs, issues, primarySymbol: primary.symbol, initialPriceOf: priceOf, multiUnderlying: s.underlyings !== undefined });
    return uname === primary.symbol ? r : { ...r, underlying: uname };
  });
  if (venues.length === 0) issues.push({ path: ['venues'], message: 'at least one venue is required' });
  const refs = new Refs(primary.initialPrice, primary.symbol, venues, Object.keys(s.agents), issues);
  for (const v of venues) if (v.kind === 'dex') refs.oracleSource(v);

  const agents: ResolvedAgentGroup[] = Object.entries(s.agents).map(([group, params]) => {
    refs.agentParams(group, params as Record<string, unknown>);
    return { group, kind: params.kind, count: params.count, params };
  });
  issues.push(...capacityIssues(s.agents as Record<string, { kind: string; count: number }>, primary.quote));

  const openInterest = s.open_interest.flatMap((oi, i) => {
    const r = refs.openInterest(oi, ['open_interest', i]);
    return r ? [r] : [];
  });

  const schedule = s.schedule
    .flatMap((e, i) => {
      const at: P = ['schedule', i];
      const atNs = e.at.kind === 'offset' ? e.at.ns : Math.round((e.at.ms - startUtcMs) * NS_PER_MS);
      if (atNs < 0) issues.push({ path: [...at, 'at'], message: 'is before clock.start_utc' });
      else if (atNs > durationNs) issues.push({ path: [...at, 'at'], message: `is after the end of the run (${formatDurationNs(atNs)} > clock.duration ${formatDurationNs(durationNs)})` });
      const r = resolveEntry(e, i, atNs, at, refs);
      return r ? [r] : [];
    })
    .sort((a, b) => a.atNs - b.atNs || a.index - b.index);

  const scenario: ResolvedScenario = {
    formatVersion: RESOLVED_FORMAT_VERSION,
    name: s.name,
    description: s.description,
    seed: s.seed,
    clock: { startUtcMs, durationNs, endUtcMs: startUtcMs + durationNs / NS_PER_MS },
    underlying: primary,
    ...(s.underlyings !== undefined ? { underlyings: all, correlation } : {}),
    venues,
    openInterest,
    agents,
    schedule,
    output: {
      tables: [...new Set(s.output.tables)].sort(),
      bookIntervalNs: s.output.book_interval,
      greeksIntervalNs: s.output.greeks_interval,
      gexProfileRange: s.output.gex_profile.range,
      gexProfilePoints: s.output.gex_profile.points,
      accountsIntervalNs: s.output.accounts_interval,
      depthLevels: s.output.depth_levels,
    },
  };
  return { scenario, issues };
}

function resolveEntry(e: ScheduleEntryInput, index: number, atNs: number, at: P, refs: Refs): ResolvedScheduleEntry | null {
  switch (e.action) {
    case 'market_order': {
      const v = refs.venue(e.venue, [...at, 'venue']);
      const ins = v ? refs.instrument(v, e.instrument, [...at, 'instrument']) : null;
      const lots = ins ? onGrid(e.size, ins.lotSize, [...at, 'size'], `lot grid of ${v?.name} ${ins.symbol}`, refs.issues) : null;
      if (lots !== null && e.slices > lots) {
        refs.issues.push({ path: [...at, 'slices'], message: `${e.slices} slices of ${lots} lots: every child needs at least one lot` });
        return null;
      }
      // At the instrument's own start price (a venue may list several underlyings).
      const notional = e.size * (ins ? ins.initialPriceTicks * ins.tickSize : refs.initialPrice);
      if (notional > MAX_ORDER_NOTIONAL) {
        refs.issues.push({ path: [...at, 'size'], message: `the order's notional (size x underlying.initial_price) is ${notional.toExponential(2)}; at most ${MAX_ORDER_NOTIONAL.toExponential()} is supported (the schedule actor's collateral at a venue, so it could never be margined)` });
        return null;
      }
      return lots === null ? null : { index, atNs, action: e.action, venue: e.venue, instrument: e.instrument, side: e.side, sizeLots: lots, slices: e.slices, intervalNs: e.interval };
    }
    case 'fundamental_jump':
      return { index, atNs, action: e.action, logReturn: e.log_return, ...(e.underlying !== undefined ? { underlying: e.underlying } : {}) };
    case 'liquidity_withdrawal':
      refs.group(e.group, [...at, 'group']);
      return { index, atNs, action: e.action, group: e.group, fraction: e.fraction, durationNs: e.duration };
    case 'feed_halt':
      refs.venue(e.venue, [...at, 'venue']);
      return { index, atNs, action: e.action, venue: e.venue, durationNs: e.duration };
    case 'open_interest': {
      const r = refs.openInterest(e, at);
      return r ? { index, atNs, action: e.action, ...r } : null;
    }
    case 'congestion': {
      const v = refs.venue(e.venue, [...at, 'venue']);
      if (v && v.kind !== 'dex') refs.issues.push({ path: [...at, 'venue'], message: `congestion applies to a dex venue; "${v.name}" is a ${v.kind}` });
      if (e.duration <= 0) refs.issues.push({ path: [...at, 'duration'], message: 'must be > 0' });
      if (e.block_time !== undefined && e.block_time <= 0) refs.issues.push({ path: [...at, 'block_time'], message: 'must be > 0' });
      return {
        index,
        atNs,
        action: e.action,
        venue: e.venue,
        durationNs: e.duration,
        extraLatencyNs: e.extra_latency,
        dropProbability: e.drop_probability,
        blockTimeNs: e.block_time ?? null,
        blockCapacity: e.block_capacity ?? null,
        minPriorityFee: e.min_priority_fee ?? null,
      };
    }
    case 'vol_shift': {
      const v = refs.venue(e.venue, [...at, 'venue']);
      if (v && v.options === null) refs.issues.push({ path: [...at, 'venue'], message: `venue "${v.name}" has no options desk` });
      return { index, atNs, action: e.action, venue: e.venue, atmVolChange: e.atm_vol_change };
    }
  }
}

/** Checks names against what the scenario defines, recording "unknown ... (did you mean)" issues. */
class Refs {
  constructor(
    readonly initialPrice: number,
    private readonly underlying: string,
    private readonly venues: readonly ResolvedVenue[],
    private readonly groups: readonly string[],
    readonly issues: PathIssue[],
  ) {}

  venue(name: string, path: P): ResolvedVenue | null {
    const v = this.venues.find((x) => x.name === name);
    if (!v) this.unknown('venue', name, this.venues.map((x) => x.name), path);
    return v ?? null;
  }

  instrument(v: ResolvedVenue, symbol: string, path: P) {
    const ins = v.instruments.find((x) => x.symbol === symbol);
    if (!ins) this.unknown(`instrument at venue "${v.name}"`, symbol, v.instruments.map((x) => x.symbol), path);
    return ins ?? null;
  }

  group(name: string, path: P): boolean {
    const ok = this.groups.includes(name);
    if (!ok) this.unknown('agent group', name, this.groups, path);
    return ok;
  }

  openInterest(
    oi: { venue: string; expiry: number; strike: number; type: 'call' | 'put'; contracts: number; dealer_side: 'long' | 'short'; dealer_group: string },
    at: P,
  ): ResolvedOpenInterest | null {
    this.group(oi.dealer_group, [...at, 'dealer_group']);
    const v = this.venue(oi.venue, [...at, 'venue']);
    if (!v) return null;
    if (v.options === null) {
      this.issues.push({ path: [...at, 'venue'], message: `venue "${v.name}" has no options desk (add venues.${v.name}.options)` });
      return null;
    }
    const symbol = seriesSymbol(v?.underlying ?? this.underlying, oi.expiry, oi.strike, oi.type);
    if (!v.options.series.some((x) => x.symbol === symbol)) {
      this.issues.push({ path: [...at, 'strike'], message: `no listed ${oi.type} series with this expiry and strike at venue "${v.name}"` });
      return null;
    }
    const notional = oi.contracts * v.options.contractSize * this.initialPrice;
    if (notional > MAX_ORDER_NOTIONAL) {
      this.issues.push({ path: [...at, 'contracts'], message: `the open interest's notional (contracts x contract_size x underlying.initial_price) is ${notional.toExponential(2)}; at most ${MAX_ORDER_NOTIONAL.toExponential()} per entry is supported (premiums and settlements are safe integers of 1e-4 quote units)` });
      return null;
    }
    return { venue: oi.venue, series: symbol, contracts: oi.contracts, dealerSide: oi.dealer_side, dealerGroup: oi.dealer_group };
  }

  /**
   * Field-name conventions shared with agents/common/schema.ts: `venue` + `instrument` name where
   * a group trades; `other_venue` + `other_instrument` a second book (the arbitrageur);
   * `options_venue` a venue with an options desk; `positions[].series` listed series at that
   * desk (default: `venue`'s).
   */
  agentParams(group: string, p: Record<string, unknown>): void {
    const at: P = ['agents', group];
    const venue = typeof p['venue'] === 'string' ? this.venue(p['venue'], [...at, 'venue']) : null;
    if (venue && typeof p['instrument'] === 'string') this.instrument(venue, p['instrument'], [...at, 'instrument']);
    if (typeof p['other_venue'] === 'string') {
      const other = this.venue(p['other_venue'], [...at, 'other_venue']);
      if (other && typeof p['other_instrument'] === 'string') this.instrument(other, p['other_instrument'], [...at, 'other_instrument']);
    }
    let desk = venue;
    if (typeof p['options_venue'] === 'string') {
      desk = this.venue(p['options_venue'], [...at, 'options_venue']);
      if (desk && desk.options === null) this.issues.push({ path: [...at, 'options_venue'], message: `venue "${desk.name}" has no options desk` });
    }
    const positions = p['positions'];
    if (!Array.isArray(positions) || positions.length === 0 || !desk) return;
    const listed = desk.options?.series.map((x) => x.symbol) ?? [];
    positions.forEach((pos: unknown, i) => {
      const series = (pos as { series?: unknown } | null)?.series;
      if (typeof series === 'string' && !listed.includes(series)) this.unknown(`option series at venue "${desk.name}"`, series, listed, [...at, 'positions', i, 'series']);
    });
  }

  /** A DEX oracle reading another venue: that venue and instrument must exist (and not be the DEX itself). */
  oracleSource(v: Extract<ResolvedVenue, { kind: 'dex' }>): void {
    const src = v.dex.source;
    if (src === 'fundamental') return;
    const at: P = ['venues', v.name, 'oracle', 'source'];
    if (src.venue === v.name) {
      this.issues.push({ path: [...at, 'venue'], message: 'an oracle cannot read its own venue' });
      return;
    }
    const other = this.venue(src.venue, [...at, 'venue']);
    if (other) this.instrument(other, src.instrument, [...at, 'instrument']);
  }

  private unknown(what: string, name: string, known: readonly string[], path: P): void {
    const guess = known.length > 0 ? nearest(name, known) : undefined;
    const hint = guess ? ` (did you mean "${guess}"?)` : known.length > 0 ? `; known: ${known.join(', ')}` : '';
    this.issues.push({ path, message: `unknown ${what} "${name}"${hint}` });
  }
}

type UnderlyingInput = NonNullable<ScenarioInput['underlying']>;

function resolvedUnderlying(symbol: string, u: Omit<UnderlyingInput, 'symbol'>): ResolvedUnderlying {
  return {
    symbol,
    quote: u.quote,
    initialPrice: u.initial_price,
    fundamental: {
      drift: u.fundamental.drift,
      vol: u.fundamental.vol,
      jumpRatePerYear: u.fundamental.jump_rate_per_year,
      jumpMean: u.fundamental.jump_mean,
      jumpStdev: u.fundamental.jump_stdev,
      gridNs: u.fundamental.grid,
    },
  };
}

/**
 * The underlyings: `underlying:` (one) or `underlyings:` (a map, primary first), exactly one of
 * them; and the correlation matrix in declared order from `correlation:` pairs (symmetric, unset
 * pairs 0), checked positive semi-definite with the failing pair located.
 */
function resolveUnderlyings(s: ScenarioInput, issues: PathIssue[]): { primary: ResolvedUnderlying; all: ResolvedUnderlying[]; correlation: number[][] } {
  const fallback = resolvedUnderlying('BTC', { quote: 'USD', initial_price: 1, fundamental: { drift: 0, vol: 0.5, jump_rate_per_year: 0, jump_mean: 0, jump_stdev: 0, grid: 1e9 } });
  if ((s.underlying === undefined) === (s.underlyings === undefined)) {
    issues.push({ path: s.underlying === undefined ? [] : ['underlyings'], message: 'give exactly one of `underlying` (one asset) or `underlyings` (a map of several)' });
  }
  const all = s.underlyings !== undefined
    ? Object.entries(s.underlyings).map(([sym, u]) => resolvedUnderlying(sym, u))
    : s.underlying !== undefined ? [resolvedUnderlying(s.underlying.symbol, s.underlying)] : [];
  if (s.underlyings !== undefined && all.length === 0) issues.push({ path: ['underlyings'], message: 'at least one underlying is required' });
  const n = all.length;
  const names = all.map((u) => u.symbol);
  const c = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const set = new Map<string, number>();
  for (const [a, row] of Object.entries(s.correlation ?? {})) {
    for (const [b, rho] of Object.entries(row)) {
      const path = ['correlation', a, b];
      const i = names.indexOf(a);
      const j = names.indexOf(b);
      if (i < 0 || j < 0) {
        issues.push({ path, message: `unknown underlying "${i < 0 ? a : b}" (declared: ${names.join(', ') || 'none'})` });
        continue;
      }
      if (i === j) {
        if (rho !== 1) issues.push({ path, message: 'an underlying has correlation 1 with itself' });
        continue;
      }
      const key = i < j ? `${i},${j}` : `${j},${i}`;
      const prev = set.get(key);
      if (prev !== undefined && prev !== rho) issues.push({ path, message: `conflicts with correlation.${b}.${a} = ${prev}` });
      set.set(key, rho);
      (c[i] as number[])[j] = rho;
      (c[j] as number[])[i] = rho;
    }
  }
  if (s.correlation !== undefined && s.underlyings === undefined) issues.push({ path: ['correlation'], message: 'needs `underlyings` (several assets)' });
  const f = choleskyPsd(c);
  if (!f.ok) issues.push({ path: ['correlation', names[f.row] ?? '', names[f.col] ?? ''], message: f.message });
  return { primary: all[0] ?? fallback, all, correlation: c };
}
