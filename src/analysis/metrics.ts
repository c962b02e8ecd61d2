/**
 * The run's summary metrics, defined once: `run` (the summary table and --json), `sweep` and
 * `compare` all read this list. Each metric has a name, unit and exact definition (also in
 * docs/output.md). A metric that cannot be computed (no data, no expiry in the run) is NaN.
 */
import { NS_PER_HOUR, NS_PER_MIN, NS_PER_SEC } from '../model/time.js';
import { findCascades, largestCascade, type LiquidationRows } from './cascades.js';
import { maxDrawdown, maxRunUp, realizedVol } from './series.js';

export interface MetricDef {
  readonly name: string;
  readonly unit: string;
  readonly definition: string;
}

const def = (name: string, unit: string, definition: string): MetricDef => ({ name, unit, definition });

/** Every summary metric, in output order. */
export const METRICS: readonly MetricDef[] = [
  def('rv_index_1m', '1 per sqrt(year)', 'Annualized realized vol of the index, log returns of the index sampled every 1 min (previous-tick), sqrt(mean r^2 * periods per 365-day year).'),
  def('rv_index_5m', '1 per sqrt(year)', 'As rv_index_1m with 5-minute returns.'),
  def('rv_index_1h', '1 per sqrt(year)', 'As rv_index_1m with 1-hour returns (NaN under 2 returns).'),
  def('rv_mid_1m', '1 per sqrt(year)', 'As rv_index_1m for the mid of the reference book (the perp, else the only book).'),
  def('rv_mid_5m', '1 per sqrt(year)', 'As rv_mid_1m with 5-minute returns.'),
  def('rv_mid_1h', '1 per sqrt(year)', 'As rv_mid_1m with 1-hour returns.'),
  def('max_drawdown', '1', 'Largest fall of the reference mid from a running peak, as a fraction of the peak.'),
  def('max_run_up', '1', 'Largest rise of the reference mid from a running trough, as a fraction of the trough.'),
  def('mid_return', '1', 'log(last mid / first mid) of the reference book.'),
  def('liquidation_count', 'count', 'Number of liquidations triggered (rows with event = triggered).'),
  def('liquidation_volume', 'base', 'Sum of |size| of liquidation fills.'),
  def('liquidation_notional', 'quote', 'Sum of |size| * fill_price of liquidation fills.'),
  def('cascade_count', 'count', 'Number of cascades: triggers sorted by time join one cascade while each is within 60 s of the previous one.'),
  def('largest_cascade_liquidations', 'count', 'Triggers in the largest cascade (most triggers, then most volume, then earliest).'),
  def('largest_cascade_rounds', 'count', 'Distinct trigger timestamps in the largest cascade.'),
  def('largest_cascade_volume', 'base', 'Liquidation fill volume of the largest cascade.'),
  def('largest_cascade_price_move', '1', 'Mark at its last trigger / mark at its first trigger - 1.'),
  def('largest_cascade_duration_s', 's', 'Last trigger time - first trigger time of the largest cascade.'),
  def('insurance_fund_low', 'quote', 'Lowest insurance_fund balance recorded in the liquidations table (NaN without liquidations).'),
  def('socialized_loss', 'quote', 'Sum of socialized_loss over the liquidations table.'),
  def('funding_paid_by_longs', 'quote', 'Sum of paid_by_longs over funding settlements (negative: longs received).'),
  def('funding_volume', 'quote', 'Sum of |paid_by_longs| over funding settlements.'),
  def('hedge_trades', 'count', 'Number of dealer hedge fills.'),
  def('hedge_volume', 'base', 'Sum of |size| of dealer hedge fills.'),
  def('hedge_cost', 'quote', 'Slippage against the decision mid summed over hedge fills, plus the dealers\' final cumulative fees.'),
  def('dealer_option_pnl', 'quote', 'Sum over dealers of the last option_pnl in the greeks table.'),
  def('dealer_hedge_pnl', 'quote', 'Sum over dealers of the last hedge_pnl in the greeks table.'),
  def('dealer_fees', 'quote', 'Sum over dealers of the last cumulative fees in the greeks table.'),
  def('dealer_pnl', 'quote', 'dealer_option_pnl + dealer_hedge_pnl - dealer_fees.'),
  def('settlement_price', 'quote', 'Settlement price of the first expiry inside the run (NaN when none).'),
  def('heaviest_strike', 'quote', 'Strike with the most open-interest contracts at that expiry.'),
  def('settlement_distance_ticks', 'ticks', '|settlement_price - heaviest_strike| / tick size.'),
  def('settlement_distance_pct', '%', '100 * |settlement_price - heaviest_strike| / heaviest_strike.'),
  def('one_sided_share', '1', 'Share of book samples of the reference book with one or both sides empty, counted from the first two-sided sample (the empty book before makers first quote is not counted).'),
  def('wide_spread_share', '1', 'Share of two-sided book samples whose spread exceeds wide_spread_bps (default 50 bps) of the mid.'),
];

export type MetricName = (typeof METRICS)[number]['name'];
export type Metrics = Record<string, number>;

export interface MetricInputs {
  /** Book samples of the reference instrument, time ascending. */
  readonly book: {
    readonly tNs: ArrayLike<number>;
    readonly mid: ArrayLike<number>;
    readonly index: ArrayLike<number>;
    readonly bid: ArrayLike<number>;
    readonly ask: ArrayLike<number>;
  };
  readonly liquidations: LiquidationRows & {
    readonly insuranceFund: ArrayLike<number>;
    readonly socializedLoss: ArrayLike<number>;
  };
  readonly funding: { readonly paidByLongs: ArrayLike<number> };
  readonly hedges: { readonly event: ArrayLike<string>; readonly size: ArrayLike<number>; readonly slippage: ArrayLike<number> };
  readonly greeks: {
    readonly dealer: ArrayLike<string>;
    readonly optionPnl: ArrayLike<number>;
    readonly hedgePnl: ArrayLike<number>;
    readonly fees: ArrayLike<number>;
  };
  /** The first expiry inside the run, when there is one. */
  readonly settlement: { readonly price: number; readonly heaviestStrike: number; readonly tickSize: number } | null;
  /** Spread threshold for wide_spread_share, basis points of mid (default 50). */
  readonly wideSpreadBps?: number;
}

/** Computes every metric in {@link METRICS}; NaN where undefined. */
export function computeMetrics(x: MetricInputs): Metrics {
  const m: Metrics = {};
  const { book } = x;
  for (const [suffix, h] of [['1m', NS_PER_MIN], ['5m', 5 * NS_PER_MIN], ['1h', NS_PER_HOUR]] as const) {
    m[`rv_index_${suffix}`] = realizedVol(book.tNs, book.index, h);
    m[`rv_mid_${suffix}`] = realizedVol(book.tNs, book.mid, h);
  }
  m['max_drawdown'] = maxDrawdown(book.mid);
  m['max_run_up'] = maxRunUp(book.mid);
  m['mid_return'] = midReturn(book.mid);

  const liq = x.liquidations;
  let count = 0;
  let volume = 0;
  let notional = 0;
  let fundLow = Number.NaN;
  let socialized = 0;
  for (let i = 0; i < liq.tNs.length; i++) {
    const ev = liq.event[i];
    if (ev === 'triggered') count++;
    if (ev === 'fill') {
      const s = Math.abs(liq.size[i] as number);
      volume += s;
      notional += s * (liq.fillPrice[i] as number);
    }
    const f = liq.insuranceFund[i] as number;
    if (Number.isFinite(f) && !(f >= fundLow)) fundLow = f;
    const sl = liq.socializedLoss[i] as number;
    if (Number.isFinite(sl)) socialized += sl;
  }
  m['liquidation_count'] = count;
  m['liquidation_volume'] = volume;
  m['liquidation_notional'] = notional;
  const cascades = findCascades(liq);
  const big = largestCascade(cascades);
  m['cascade_count'] = cascades.length;
  m['largest_cascade_liquidations'] = big?.liquidations ?? 0;
  m['largest_cascade_rounds'] = big?.rounds ?? 0;
  m['largest_cascade_volume'] = big?.volume ?? 0;
  m['largest_cascade_price_move'] = big?.priceMove ?? Number.NaN;
  m['largest_cascade_duration_s'] = big === null ? Number.NaN : (big.endNs - big.startNs) / NS_PER_SEC;
  m['insurance_fund_low'] = fundLow;
  m['socialized_loss'] = socialized;

  let paid = 0;
  let fundingVolume = 0;
  for (let i = 0; i < x.funding.paidByLongs.length; i++) {
    const p = x.funding.paidByLongs[i] as number;
    paid += p;
    fundingVolume += Math.abs(p);
  }
  m['funding_paid_by_longs'] = paid;
  m['funding_volume'] = fundingVolume;

  let hedgeTrades = 0;
  let hedgeVolume = 0;
  let slippage = 0;
  for (let i = 0; i < x.hedges.event.length; i++) {
    if (x.hedges.event[i] !== 'fill') continue;
    hedgeTrades++;
    hedgeVolume += Math.abs(x.hedges.size[i] as number);
    const s = x.hedges.slippage[i] as number;
    if (Number.isFinite(s)) slippage += s;
  }
  const last = lastPerDealer(x.greeks);
  m['hedge_trades'] = hedgeTrades;
  m['hedge_volume'] = hedgeVolume;
  m['hedge_cost'] = slippage + last.fees;
  m['dealer_option_pnl'] = last.optionPnl;
  m['dealer_hedge_pnl'] = last.hedgePnl;
  m['dealer_fees'] = last.fees;
  m['dealer_pnl'] = last.optionPnl + last.hedgePnl - last.fees;

  const st = x.settlement;
  m['settlement_price'] = st?.price ?? Number.NaN;
  m['heaviest_strike'] = st?.heaviestStrike ?? Number.NaN;
  m['settlement_distance_ticks'] = st === null ? Number.NaN : Math.abs(st.price - st.heaviestStrike) / st.tickSize;
  m['settlement_distance_pct'] = st === null ? Number.NaN : (100 * Math.abs(st.price - st.heaviestStrike)) / st.heaviestStrike;

  const threshold = (x.wideSpreadBps ?? 50) / 10_000;
  let samples = 0;
  let oneSided = 0;
  let twoSided = 0;
  let wide = 0;
  let opened = false;
  for (let i = 0; i < book.tNs.length; i++) {
    const b = book.bid[i] as number;
    const a = book.ask[i] as number;
    opened ||= Number.isFinite(b) && Number.isFinite(a);
    if (!opened) continue;
    samples++;
    if (!Number.isFinite(b) || !Number.isFinite(a)) {
      oneSided++;
      continue;
    }
    twoSided++;
    const mid = (a + b) / 2;
    if ((a - b) / mid > threshold) wide++;
  }
  m['one_sided_share'] = samples === 0 ? Number.NaN : oneSided / samples;
  m['wide_spread_share'] = twoSided === 0 ? Number.NaN : wide / twoSided;

  for (const d of METRICS) if (!(d.name in m)) throw new Error(`metric ${d.name} was not computed`);
  return m;
}

function midReturn(mid: ArrayLike<number>): number {
  let first = Number.NaN;
  let last = Number.NaN;
  for (let i = 0; i < mid.length; i++) {
    const v = mid[i] as number;
    if (!(v > 0)) continue;
    if (Number.isNaN(first)) first = v;
    last = v;
  }
  return Math.log(last / first);
}

function lastPerDealer(g: MetricInputs['greeks']): { optionPnl: number; hedgePnl: number; fees: number } {
  const lastRow = new Map<string, number>();
  for (let i = 0; i < g.dealer.length; i++) lastRow.set(g.dealer[i] as string, i);
  let optionPnl = 0;
  let hedgePnl = 0;
  let fees = 0;
  for (const dealer of [...lastRow.keys()].sort()) {
    const i = lastRow.get(dealer) as number;
    optionPnl += g.optionPnl[i] as number;
    hedgePnl += g.hedgePnl[i] as number;
    fees += g.fees[i] as number;
  }
  return { optionPnl, hedgePnl, fees };
}
