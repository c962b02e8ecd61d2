/**
 * Maps a resolved venue (scenario units: ns, ticks, lots, quote units) onto the CEX or DEX
 * venue's config (the DEX's congestion windows include the scenario's `congestion` entries). Rates in the scenario are per funding interval; the instruments' funding formula
 * takes interest and clamp per 8 h (crypto-mechanics 1.4), so they are rescaled here once.
 */
import { NS_PER_HOUR, NS_PER_SEC } from '../engine/time.js';
import { makeBracketsIn } from '../venue/clearing/brackets.js';
import { COIN_UNITS_PER_COIN, QUOTE_UNITS_PER_QUOTE } from '../model/units.js';
import { SimClock } from '../model/clock.js';
import { DEFAULT_LIQUIDATION_PARAMS } from '../venue/clearing/defaults.js';
import type { CexInstrumentConfig, CexVenueConfig, FundingConfig } from '../venue/cexConfig.js';
import { cexConfig, DEFAULT_FUNDING, DEFAULT_MARK, DEFAULT_OPTIONS_DESK } from '../venue/cexDefaults.js';
import type { OptionSeriesConfig } from '../venue/options/optionsConfig.js';
import { dexConfig, type CongestionWindow, type DexVenueConfig, type OracleSource } from '../venue/dex/index.js';
import type { ResolvedCexVenue, ResolvedDexVenue, ResolvedScenario, ResolvedVenue } from './resolvedTypes.js';

const EIGHT_HOURS_NS = 8 * NS_PER_HOUR;

/** Ids and dictionary positions the world builder has already fixed for one venue. */
export interface VenueWiring {
  readonly liquidationEngineId: number;
  readonly insuranceFundId: number;
  /** Global `instruments` dictionary index of each listed instrument, in listing order. */
  readonly instrumentDictIndex: readonly number[];
  /** Global `series` dictionary index of each option series, in listing order. */
  readonly seriesDictIndex: readonly number[];
  /** Dealer agent ids asked for quotes on this venue's series. */
  readonly dealerIds: readonly number[];
  /** Largest market-data latency of any agent to this venue (sizes the as-of history). */
  readonly maxMarketDataLatencyNs: number;
}

/**
 * Integer money units per unit of a venue's settlement currency: 10^8 per coin when its margined
 * instruments are inverse, else 10^4 per quote unit (model/units.ts).
 */
export function venueMoneyUnits(v: ResolvedVenue): number {
  return v.instruments.some((i) => i.contract === 'inverse') ? COIN_UNITS_PER_COIN : QUOTE_UNITS_PER_QUOTE;
}

/** The underlying each listed instrument follows (its own, else its venue's, else the primary), by symbol. */
export function instrumentUnderlyings(s: ResolvedScenario, v: ResolvedVenue): string[] {
  return v.instruments.map((ins) => ins.underlying ?? v.underlying ?? s.underlying.symbol);
}

/** The distinct underlyings of a venue in order of first listing (group g of venue/prices/venuePrices.ts is the g-th). */
export function venueUnderlyings(s: ResolvedScenario, v: ResolvedVenue): string[] {
  return [...new Set(instrumentUnderlyings(s, v))];
}

/** The listed instruments in the venues' config form (both kinds share it). */
function instrumentsOf(s: ResolvedScenario, v: ResolvedVenue, w: VenueWiring): CexInstrumentConfig[] {
  const units = venueMoneyUnits(v);
  const follows = instrumentUnderlyings(s, v);
  const groups = venueUnderlyings(s, v);
  return v.instruments.map((ins, i) => {
    const sym = follows[i] as string;
    const group = groups.indexOf(sym);
    const fut = ins.future ?? null;
    const base = {
      symbol: ins.symbol,
      // inverse_perp is a perp with an inverse contract in the venue's terms.
      kind: ins.type === 'inverse_perp' ? ('perp' as const) : ins.type,
      ...(ins.contract === 'inverse' ? { contract: 'inverse' as const } : {}),
      ...(fut !== null
        ? { future: { expiryNs: new SimClock(s.clock.startUtcMs).simNsAt(fut.expiryUtcMs) ?? 0, expiryUtcMs: fut.expiryUtcMs, settlementWindowNs: fut.settlementWindowNs, settlementSampleNs: fut.settlementSampleNs } }
        : {}),
      tickSize: ins.tickSize,
      lotSize: ins.lotSize,
      makerFeeBps: ins.makerFeeBps,
      takerFeeBps: ins.takerFeeBps,
      initialPrice: (s.underlyings?.find((u) => u.symbol === sym) ?? s.underlying).initialPrice,
      // Absent for the venue's first underlying, so single-underlying configs are unchanged.
      ...(group > 0 ? { underlyingGroup: group } : {}),
      dictIndex: w.instrumentDictIndex[i] as number,
    };
    if (ins.perp === null) return base;
    let floor = 0;
    const rows = ins.perp.marginTiers.map((t) => {
      const row = [floor / 10_000, t.maxLeverage, t.maintenanceMarginRate] as const;
      floor = t.maxNotionalUnits;
      return row;
    });
    // Tier floors were resolved at 10^4 units per currency unit; the venue's own money unit may be the coin's.
    return { ...base, brackets: makeBracketsIn(rows, units) };
  });
}

/** Funding from the venue's first perp (rates per interval rescaled to per 8 h), else the default. */
function fundingOf(v: ResolvedVenue): FundingConfig {
  const perp = v.instruments.find((i) => i.perp !== null && i.future === undefined)?.perp ?? null;
  return perp === null
    ? DEFAULT_FUNDING
    : {
        ...DEFAULT_FUNDING,
        intervalNs: perp.funding.intervalNs,
        interestPer8h: (perp.funding.interest * EIGHT_HOURS_NS) / perp.funding.intervalNs,
        clampPer8h: (perp.funding.clamp * EIGHT_HOURS_NS) / perp.funding.intervalNs,
        capPerInterval: perp.funding.cap,
      };
}

export function cexConfigOf(s: ResolvedScenario, v: ResolvedCexVenue, w: VenueWiring): CexVenueConfig {
  const instruments = instrumentsOf(s, v, w);
  const perp = v.instruments.find((i) => i.perp !== null)?.perp ?? null;
  const funding = fundingOf(v);
  const unitScale = venueMoneyUnits(v) / QUOTE_UNITS_PER_QUOTE;
  const mark = perp === null ? DEFAULT_MARK : { halfLifeNs: perp.mark.premiumWindowNs, maxBasis: perp.mark.premiumClamp };
  const series: OptionSeriesConfig[] = (v.options?.series ?? []).map((sr, i) => ({
    symbol: sr.symbol,
    isCall: sr.type === 'call',
    strike: sr.strike,
    expiryUtcMs: sr.expiryUtcMs,
    contractSize: v.options?.contractSize ?? 1,
    dealers: w.dealerIds,
    dictIndex: w.seriesDictIndex[i] as number,
    ...(sr.underlying !== undefined
      ? { referenceInstrument: v.instruments.findIndex((x) => x.symbol === sr.underlying), referenceTickSize: v.instruments.find((x) => x.symbol === sr.underlying)?.tickSize ?? 1 }
      : {}),
  }));
  const cex = cexConfig(
    { name: v.name, instruments, liquidationEngineId: w.liquidationEngineId, insuranceFundId: w.insuranceFundId },
    {
      index:
        v.index.method === 'twap'
          ? { method: 'twap', windowNs: v.index.windowNs, externalWeight: v.index.externalWeight }
          : { method: 'ema', halfLifeNs: v.index.windowNs, externalWeight: v.index.externalWeight },
      mark,
      funding,
      liquidation: { ...DEFAULT_LIQUIDATION_PARAMS, feeRate: v.liquidation.feeBps / 10_000, chunkFraction: v.liquidation.partialFraction, ...(v.liquidation.stepDown === true ? { stepDown: true } : {}) },
      // The fund is given in the settlement currency; resolved at 10^4 units, rescaled to the venue's unit.
      insuranceFundUnits: v.liquidation.insuranceFundInitialUnits * unitScale,
      options: {
        ...DEFAULT_OPTIONS_DESK,
        series,
        settlementWindowNs: v.options?.settlementWindowNs ?? DEFAULT_OPTIONS_DESK.settlementWindowNs,
        ...(v.options?.settlement === 'coin' ? { settlement: 'coin' as const, moneyUnits: venueMoneyUnits(v) } : {}),
      },
      output: { bookIntervalNs: s.output.bookIntervalNs, depthLevels: s.output.depthLevels, accountsIntervalNs: s.output.accountsIntervalNs, openInterestIntervalNs: s.output.greeksIntervalNs },
      marketDataRetentionNs: Math.max(10 * NS_PER_SEC, 2 * w.maxMarketDataLatencyNs),
      marketProtectionBps: v.marketProtectionBps,
    },
  );
  return v.liquidation.maintenanceValuation === 'entry' ? { ...cex, maintenanceValuation: 'entry' } : cex;
}

/**
 * Congestion windows of a DEX from the scenario's `congestion` schedule entries aimed at it: a
 * window [at, at + duration) with the entry's block time (or the chain's block time plus
 * `extra_latency`), capacity, fee floor and drop probability.
 */
export function scheduledWindowsOf(s: ResolvedScenario, v: ResolvedDexVenue): CongestionWindow[] {
  const out: CongestionWindow[] = [];
  for (const e of s.schedule) {
    if (e.action !== 'congestion' || e.venue !== v.name) continue;
    const blockTimeNs = e.blockTimeNs ?? (e.extraLatencyNs > 0 ? v.dex.chain.blockTimeNs + e.extraLatencyNs : null);
    out.push({
      startNs: e.atNs,
      endNs: e.atNs + e.durationNs,
      ...(blockTimeNs !== null ? { blockTimeNs } : {}),
      ...(e.blockCapacity !== null ? { blockCapacity: e.blockCapacity } : {}),
      ...(e.minPriorityFee !== null ? { minPriorityFee: e.minPriorityFee } : {}),
      ...(e.dropProbability > 0 ? { dropProbability: e.dropProbability } : {}),
    });
  }
  return out;
}

/**
 * The DEX venue's config: the shared instrument, funding, liquidation and output mapping, the
 * chain and oracle as resolved, the venue's own congestion windows plus the scheduled ones, and
 * the oracle source with its venue and instrument names turned into ids (`sourceIds`).
 */
export function dexConfigOf(
  s: ResolvedScenario,
  v: ResolvedDexVenue,
  w: VenueWiring,
  sourceIds: (venue: string, instrument: string) => { readonly venueId: number; readonly instrumentId: number },
): DexVenueConfig {
  const d = v.dex;
  const src = d.source;
  const source: OracleSource = src === 'fundamental' ? { kind: 'fundamental' } : { kind: 'venue', ...sourceIds(src.venue, src.instrument), field: src.field };
  const dex = dexConfig(
    { name: v.name, instruments: instrumentsOf(s, v, w), liquidationEngineId: w.liquidationEngineId, insuranceFundId: w.insuranceFundId },
    {
      chain: d.chain,
      congestion: [...d.congestion, ...scheduledWindowsOf(s, v)],
      oracle: { ...d.oracle, source },
      notifyInclusion: d.notifyInclusion,
      funding: fundingOf(v),
      liquidation: { ...DEFAULT_LIQUIDATION_PARAMS, feeRate: v.liquidation.feeBps / 10_000, chunkFraction: v.liquidation.partialFraction, ...(v.liquidation.stepDown === true ? { stepDown: true } : {}) },
      insuranceFundUnits: v.liquidation.insuranceFundInitialUnits,
      output: { bookIntervalNs: s.output.bookIntervalNs, depthLevels: s.output.depthLevels, accountsIntervalNs: s.output.accountsIntervalNs },
      marketDataRetentionNs: Math.max(10 * NS_PER_SEC, 2 * w.maxMarketDataLatencyNs),
    },
  );
  return v.liquidation.maintenanceValuation === 'entry' ? { ...dex, maintenanceValuation: 'entry' } : dex;
}
