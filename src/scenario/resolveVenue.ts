/**
 * Resolve step for one venue: puts prices and sizes on each instrument's grid (ticks, lots),
 * money in integer quote units, checks what the schema cannot see field by field (unique
 * symbols, increasing margin tiers, funding aligned to 00:00 UTC, expiries after the start),
 * and lists the option series. Problems are collected with their scenario path, never thrown.
 */
import { NS_PER_DAY } from '../engine/time.js';
import { QUOTE_UNITS_PER_QUOTE } from '../model/units.js';
import { gridMultiple, gridNeighbours, productMultiple } from './decimal.js';
import { dexPartsOf, type DexParts } from '../venue/dex/schema.js';
import type { DexVenueInput, InstrumentInput, VenueInput } from './venueSchema.js';
import type { ResolvedInstrument, ResolvedOptions, ResolvedOptionSeries, ResolvedPerp, ResolvedVenue } from './resolvedTypes.js';

/** A problem found while resolving, at a scenario path. */
export interface PathIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** What a venue needs from the rest of the scenario. */
export interface VenueContext {
  readonly underlyingSymbol: string;
  readonly initialPrice: number;
  readonly startUtcMs: number;
  readonly issues: PathIssue[];
  /** The scenario's primary underlying (what an instrument without `underlying` follows); default `underlyingSymbol`. */
  readonly primarySymbol?: string;
  /** Start price of an underlying by symbol (default: `initialPrice` for every one). */
  readonly initialPriceOf?: (symbol: string) => number;
  /** True with the `underlyings:` map (off-grid start prices are then located under it). */
  readonly multiUnderlying?: boolean;
}

const QUOTE_UNIT = 1 / QUOTE_UNITS_PER_QUOTE;

/** `value` in units of `step`, or null after recording an off-grid issue. */
export function onGrid(value: number, step: number, path: PathIssue['path'], what: string, issues: PathIssue[]): number | null {
  const n = gridMultiple(value, step);
  if (n === null) {
    const [lo, hi] = gridNeighbours(value, step);
    issues.push({ path, message: `${value} is not on the ${what} (step ${step}); nearest ${lo} or ${hi}` });
  }
  return n;
}

/** Money in quote currency -> integer quote units (10^-4), or null after recording an issue. */
export function toUnits(amount: number, path: PathIssue['path'], issues: PathIssue[]): number | null {
  return onGrid(amount, QUOTE_UNIT, path, 'money grid of 10^-4 quote units', issues);
}

/** Resolves venue `name`. */
export function resolveVenue(name: string, v: VenueInput, ctx: VenueContext): ResolvedVenue {
  const at = ['venues', name];
  const seen = new Map<string, number>();
  v.instruments.forEach((ins, i) => {
    const first = seen.get(ins.symbol);
    if (first !== undefined) ctx.issues.push({ path: [...at, 'instruments', i, 'symbol'], message: `duplicate symbol "${ins.symbol}" (also instruments.${first})` });
    else seen.set(ins.symbol, i);
  });
  const instruments = v.instruments.map((ins, i) => resolveInstrument(ins, [...at, 'instruments', i], name, ctx));
  const followsOf = (symbol: string): string => {
    const ins = v.instruments.find((x) => x.symbol === symbol);
    return ins?.underlying ?? ctx.primarySymbol ?? ctx.underlyingSymbol;
  };
  // One settlement currency per venue (one clearing house): Binance keeps USDⓈ-M and COIN-M as
  // separate wallets too; list both kinds as two venues.
  const firstInverse = instruments.findIndex((x) => x.type !== 'spot' && x.contract === 'inverse');
  const firstLinear = instruments.findIndex((x) => x.type !== 'spot' && x.contract !== 'inverse');
  if (firstInverse >= 0 && firstLinear >= 0) {
    ctx.issues.push({ path: [...at, 'instruments', Math.max(firstInverse, firstLinear)], message: `a venue settles in one currency: instruments.${firstLinear} is linear and instruments.${firstInverse} inverse; list them at two venues` });
  }
  // A spot book settles in the quote currency, so it cannot share a coin-settled venue either
  // (the clearing house refused it at run time, after validate had passed: issue 16 item 5).
  const firstSpot = instruments.findIndex((x) => x.type === 'spot');
  if (firstInverse >= 0 && firstSpot >= 0) {
    ctx.issues.push({ path: [...at, 'instruments', Math.max(firstInverse, firstSpot)], message: `a venue settles in one currency: instruments.${firstSpot} is a spot book (quote-settled) and instruments.${firstInverse} inverse (coin-settled); list them at two venues` });
  }
  // A coin-settled venue's money is its one coin: inverse contracts on another underlying would
  // settle in another coin (Deribit keeps a BTC and an ETH wallet), so list them at two venues.
  if (firstInverse >= 0) {
    const coin = v.instruments[firstInverse]?.underlying ?? ctx.primarySymbol ?? ctx.underlyingSymbol;
    v.instruments.forEach((x, i) => {
      const follows = x.underlying ?? ctx.primarySymbol ?? ctx.underlyingSymbol;
      if ((instruments[i] as ResolvedInstrument).type !== 'spot' && follows !== coin) ctx.issues.push({ path: [...at, 'instruments', i, 'underlying'], message: `a coin-settled venue settles in one coin (${coin}): this instrument follows ${follows}; list it at another venue` });
    });
  }
  if (v.kind === 'dex') {
    instruments.forEach((x, i) => {
      if (x.type === 'future' || x.contract === 'inverse') ctx.issues.push({ path: [...at, 'instruments', i, 'type'], message: 'dated futures and inverse contracts are listed on cex venues only' });
    });
  }
  if (v.kind === 'cex' && v.options !== undefined) {
    const settlement = v.options.settlement ?? (firstInverse >= 0 ? 'coin' : 'quote');
    // The desk moves premiums and payoffs in the venue's one settlement currency.
    if (settlement === 'coin' && firstInverse < 0) ctx.issues.push({ path: [...at, 'options', 'settlement'], message: 'coin-settled options need a coin-settled venue (inverse perps or futures)' });
    if (settlement === 'quote' && firstInverse >= 0) ctx.issues.push({ path: [...at, 'options', 'settlement'], message: 'quote-settled options cannot be listed at a coin-settled venue (its money is the coin)' });
    const checkUnderlying = (sym: string | undefined, path: (string | number)[], optionExpiries: readonly number[]): void => {
      if (sym === undefined) return;
      const ins = instruments.find((x) => x.symbol === sym);
      if (ins === undefined || ins.type === 'spot') {
        ctx.issues.push({ path, message: `"${sym}" is not a perp or dated future listed at ${name} (listed: ${instruments.filter((x) => x.type !== 'spot').map((x) => x.symbol).join(', ') || 'none'})` });
        return;
      }
      const fut = ins.future;
      if (fut !== undefined && optionExpiries.some((e) => e > fut.expiryUtcMs)) ctx.issues.push({ path, message: `${sym} expires before an option that settles on it` });
      // The desk values and settles on its one index: the venue's first underlying.
      const follows = followsOf(sym);
      if (follows !== ctx.underlyingSymbol) ctx.issues.push({ path, message: `${sym} follows ${follows}, but the options at ${name} follow ${ctx.underlyingSymbol} (the first instrument's underlying)` });
    };
    checkUnderlying(v.options.underlying, [...at, 'options', 'underlying'], [...v.options.expiries, ...v.options.series.map((x) => x.expiry)]);
    v.options.series.forEach((x, i) => checkUnderlying(x.underlying, [...at, 'options', 'series', i, 'underlying'], [x.expiry]));
  }
  const base = {
    name,
    instruments,
    liquidation: {
      feeBps: v.liquidation.fee_bps,
      partialFraction: v.liquidation.partial_fraction,
      insuranceFundInitialUnits: toUnits(v.liquidation.insurance_fund_initial, [...at, 'liquidation', 'insurance_fund_initial'], ctx.issues) ?? 0,
      ...(v.liquidation.maintenance_valuation === 'entry' ? { maintenanceValuation: 'entry' as const } : {}),
      ...(v.liquidation.step_down === true ? { stepDown: true as const } : {}),
    },
    latency: { orderEntry: v.latency.order_entry, response: v.latency.response, marketData: v.latency.market_data },
  };
  if (v.kind === 'dex') return { ...base, kind: 'dex', dex: resolveDex(v, at, ctx), options: null };
  const source = v.instruments.find((x) => x.type === 'spot') ?? v.instruments[0];
  return {
    ...base,
    kind: v.kind,
    index: { method: v.index.method, windowNs: v.index.window, externalWeight: v.index.external_weight, sourceSymbol: source?.symbol ?? '' },
    marketProtectionBps: v.market_protection_bps,
    options: v.options && source ? resolveOptions(v.options, source.tick_size, [...at, 'options'], ctx, firstInverse >= 0) : null,
  };
}

/** The DEX part: presets applied (venue/dex/schema.ts dexPartsOf); window times checked. */
function resolveDex(v: DexVenueInput, at: (string | number)[], ctx: VenueContext): DexParts {
  v.congestion.forEach((w, i) => {
    if (w.block_time !== undefined && w.block_time <= 0) ctx.issues.push({ path: [...at, 'congestion', i, 'block_time'], message: 'must be > 0' });
  });
  if (v.chain.default_deadline <= 0) ctx.issues.push({ path: [...at, 'chain', 'default_deadline'], message: 'must be > 0' });
  return dexPartsOf(v);
}

function resolveInstrument(ins: InstrumentInput, at: (string | number)[], venue: string, ctx: VenueContext): ResolvedInstrument {
  // Its own underlying's start price (several underlyings at one venue); recorded only when it
  // differs from the venue's, so single-underlying resolved scenarios (and their hashes) are unchanged.
  const follows = ins.underlying ?? ctx.primarySymbol ?? ctx.underlyingSymbol;
  const initialPrice = ctx.initialPriceOf?.(follows) ?? ctx.initialPrice;
  const inverse = ins.type === 'inverse_perp' || (ins.type === 'future' && ins.contract === 'inverse');
  let lotSize: number;
  if (ins.type === 'inverse_perp') lotSize = ins.contract_size;
  else if (ins.type === 'future') {
    const want = inverse ? 'contract_size' : 'lot_size';
    const other = inverse ? 'lot_size' : 'contract_size';
    const v = inverse ? ins.contract_size : ins.lot_size;
    if ((inverse ? ins.lot_size : ins.contract_size) !== undefined) ctx.issues.push({ path: [...at, other], message: `a ${ins.contract} future takes ${want}, not ${other}` });
    if (v === undefined) ctx.issues.push({ path: [...at, want], message: `a ${ins.contract} future needs ${want}` });
    lotSize = v ?? 1;
    if (ins.expiry <= ctx.startUtcMs) ctx.issues.push({ path: [...at, 'expiry'], message: 'expiry must be after clock.start_utc' });
    if (ins.settlement_sample <= 0) ctx.issues.push({ path: [...at, 'settlement_sample'], message: 'must be > 0' });
  } else lotSize = ins.lot_size;
  // An inverse contract's value K / P is never a tick multiple; only linear grids must give whole quote units.
  const quotePerTickLot = inverse ? 1 : productMultiple(ins.tick_size, lotSize, QUOTE_UNIT);
  if (quotePerTickLot === null || quotePerTickLot < 1) {
    ctx.issues.push({
      path: [...at, 'lot_size'],
      message: `tick_size x lot_size = ${ins.tick_size} x ${lotSize} must be a whole number of quote units (10^-4 of the quote currency)`,
    });
  }
  const ticks = gridMultiple(initialPrice, ins.tick_size);
  if (ticks === null) {
    const [lo, hi] = gridNeighbours(initialPrice, ins.tick_size);
    ctx.issues.push({
      path: ctx.multiUnderlying === true ? ['underlyings', follows, 'initial_price'] : ['underlying', 'initial_price'],
      message: `${initialPrice} is not on the tick grid of ${venue} ${ins.symbol} (tick_size ${ins.tick_size}); nearest ${lo} or ${hi}`,
    });
  }
  return {
    symbol: ins.symbol,
    ...(follows !== ctx.underlyingSymbol ? { underlying: follows } : {}),
    type: ins.type,
    ...(inverse ? { contract: 'inverse' as const } : {}),
    tickSize: ins.tick_size,
    lotSize,
    quotePerTickLot: quotePerTickLot ?? 0,
    makerFeeBps: ins.maker_fee_bps,
    takerFeeBps: ins.taker_fee_bps,
    initialPriceTicks: ticks ?? 0,
    perp: ins.type === 'spot' ? null : resolvePerp(ins.type === 'future' ? { ...ins, funding: FUTURE_NO_FUNDING } : ins, at, ctx),
    ...(ins.type === 'future' ? { future: { expiryUtcMs: ins.expiry, settlementWindowNs: ins.settlement_window, settlementSampleNs: ins.settlement_sample } } : {}),
  };
}

/** A dated future pays no funding: its margin block reuses the perp resolver with a placeholder funding that is never settled. */
const FUTURE_NO_FUNDING = { interval: 8 * 3_600_000_000_000, interest: 0, clamp: 0, cap: 0 };

type MarginedInput = Pick<Extract<InstrumentInput, { type: 'perp' }>, 'max_leverage' | 'margin_tiers' | 'funding' | 'mark'>;

function resolvePerp(ins: MarginedInput, at: (string | number)[], ctx: VenueContext): ResolvedPerp {
  const tiersIn = ins.margin_tiers ?? [{ max_notional: null, maintenance_margin_rate: 0.5 / ins.max_leverage, max_leverage: ins.max_leverage }];
  let prev = 0;
  const marginTiers = tiersIn.map((t, i) => {
    const p = [...at, 'margin_tiers', i];
    const units = t.max_notional === null ? Number.MAX_SAFE_INTEGER : (toUnits(t.max_notional, [...p, 'max_notional'], ctx.issues) ?? 0);
    if (units <= prev && i > 0) ctx.issues.push({ path: [...p, 'max_notional'], message: 'tiers must be in increasing max_notional' });
    if (t.maintenance_margin_rate >= 1 / t.max_leverage) {
      ctx.issues.push({ path: [...p, 'maintenance_margin_rate'], message: `must be below the initial margin 1/max_leverage = ${1 / t.max_leverage}` });
    }
    prev = units;
    return { maxNotionalUnits: units, maintenanceMarginRate: t.maintenance_margin_rate, maxLeverage: t.max_leverage };
  });
  const intervalNs = ins.funding.interval;
  if (intervalNs <= 0 || NS_PER_DAY % intervalNs !== 0) {
    ctx.issues.push({ path: [...at, 'funding', 'interval'], message: 'must divide 24h (settlements align to 00:00 UTC), e.g. 1h, 4h, 8h' });
  }
  if (ins.funding.clamp > ins.funding.cap) ctx.issues.push({ path: [...at, 'funding', 'clamp'], message: 'must be <= funding.cap' });
  return {
    maxLeverage: ins.max_leverage,
    marginTiers,
    funding: { intervalNs, interest: ins.funding.interest, clamp: ins.funding.clamp, cap: ins.funding.cap },
    mark: { premiumWindowNs: ins.mark.premium_window, premiumClamp: ins.mark.premium_clamp },
  };
}

function resolveOptions(o: NonNullable<Extract<VenueInput, { kind: 'cex' }>['options']>, strikeTick: number, at: (string | number)[], ctx: VenueContext, coinVenue: boolean): ResolvedOptions {
  const wanted: { expiry: number; strike: number; type: 'call' | 'put'; underlying?: string | undefined; path: (string | number)[]; expiryPath: (string | number)[] }[] = [];
  o.expiries.forEach((expiry, e) =>
    o.strikes.forEach((strike, s) => {
      for (const type of ['call', 'put'] as const) wanted.push({ expiry, strike, type, underlying: o.underlying, path: [...at, 'strikes', s], expiryPath: [...at, 'expiries', e] });
    }),
  );
  o.series.forEach((x, i) => wanted.push({ ...x, underlying: x.underlying ?? o.underlying, path: [...at, 'series', i, 'strike'], expiryPath: [...at, 'series', i, 'expiry'] }));
  if (o.expiries.length > 0 && o.strikes.length === 0) ctx.issues.push({ path: [...at, 'strikes'], message: 'expiries are given but no strikes' });
  if (o.strikes.length > 0 && o.expiries.length === 0) ctx.issues.push({ path: [...at, 'expiries'], message: 'strikes are given but no expiries' });
  const bySymbol = new Map<string, ResolvedOptionSeries>();
  const reported = new Set<string>();
  for (const w of wanted) {
    const key = w.path.join('.');
    const strikeTicks = gridMultiple(w.strike, strikeTick);
    if (strikeTicks === null) {
      if (!reported.has(key)) onGrid(w.strike, strikeTick, w.path, 'strike grid (the index instrument\'s tick_size)', ctx.issues);
      reported.add(key);
      continue;
    }
    if (w.expiry <= ctx.startUtcMs) {
      const ek = w.expiryPath.join('.');
      if (!reported.has(ek)) ctx.issues.push({ path: w.expiryPath, message: 'expiry must be after clock.start_utc' });
      reported.add(ek);
      continue;
    }
    const symbol = seriesSymbol(ctx.underlyingSymbol, w.expiry, w.strike, w.type);
    bySymbol.set(symbol, { symbol, expiryUtcMs: w.expiry, strike: w.strike, strikeTicks, type: w.type, ...(w.underlying !== undefined ? { underlying: w.underlying } : {}) });
  }
  const series = [...bySymbol.values()].sort(
    (a, b) => a.expiryUtcMs - b.expiryUtcMs || a.strikeTicks - b.strikeTicks || (a.type === b.type ? 0 : a.type === 'call' ? -1 : 1),
  );
  return {
    contractSize: o.contract_size,
    settlementWindowNs: o.settlement_window,
    strikeTickSize: strikeTick,
    series,
    volSurface: { atmVol: o.vol_surface.atm_vol, skew: o.vol_surface.skew, curvature: o.vol_surface.curvature, dynamics: o.vol_surface.dynamics },
    ...((o.settlement ?? (coinVenue ? 'coin' : 'quote')) === 'coin' ? { settlement: 'coin' as const } : {}),
  };
}

/** `BTC-20260327T0800-60000-C`: underlying, expiry (UTC, minutes), strike, C or P. */
export function seriesSymbol(underlying: string, expiryUtcMs: number, strike: number, type: 'call' | 'put'): string {
  const iso = new Date(expiryUtcMs).toISOString(); // determinism-ok: formats a given instant, reads no clock
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}`;
  return `${underlying}-${stamp}-${strike}-${type === 'call' ? 'C' : 'P'}`;
}
