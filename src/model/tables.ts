/**
 * Output tables as plain data specs (name, columns, types, units). `output/` turns them into
 * Arrow schemas; producers get a typed appender from `ctx.recorder(spec)`. Every table has
 * `t_ns` first. Prices and sizes are written in real units (quote currency, base units) so
 * notebooks need no tick sizes; money in quote currency. Column indices are fixed by position:
 * `TRADES.col.price` is the index to pass to `Appender.set`.
 *
 * Observers never perturb a run: producers record and go on; nothing here feeds back.
 */

import { MsgKind } from './messages.js';

/** Message kind names indexed by code ('' for unused codes). */
const MSG_KIND_NAMES: string[] = (() => {
  const names: string[] = [];
  for (const [name, code] of Object.entries(MsgKind)) names[code] = name;
  return Array.from(names, (n) => n ?? '');
})();

/** A column's storage type. Dictionary columns hold int32 indices into a dictionary fixed for the run. */
export type ColumnType =
  | { readonly kind: 'i64' }
  | { readonly kind: 'i32' }
  | { readonly kind: 'i8' }
  | { readonly kind: 'f64' }
  | { readonly kind: 'bool' }
  /** Names fixed at world build: `agents` (every party), `instruments` (symbols), `series` (option series). */
  | { readonly kind: 'dict'; readonly dict: 'agents' | 'instruments' | 'series' }
  /** A fixed list of strings known here; values are indices into it. */
  | { readonly kind: 'enum'; readonly values: readonly string[] };

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** Unit for docs and Arrow field metadata, e.g. `ns since start`, `quote`, `base`, `1`. */
  readonly unit: string;
  readonly description: string;
}

export interface TableSpec<N extends string = string> {
  readonly name: string;
  readonly description: string;
  /** Optional tables are written only when the scenario's `output.tables` turns them on. */
  readonly optional: boolean;
  readonly columns: readonly ColumnSpec[];
  /** Column name -> index. */
  readonly col: { readonly [K in N]: number };
}

/**
 * A typed appender for one table. Zero allocation per row: `begin(tNs)` opens a row, `set` fills
 * columns by index (unset columns are 0), `end()` commits it. Dictionary and enum columns take
 * their integer index; bool columns take 0 or 1.
 */
export interface Appender {
  readonly spec: TableSpec;
  /** False when the table is turned off: producers may skip computing the row. */
  readonly enabled: boolean;
  begin(tNs: number): void;
  set(column: number, value: number): void;
  end(): void;
}

/** Hands out appenders by table (implemented in output/, a null one when a table is off). */
export interface RecorderSource {
  recorder(spec: TableSpec): Appender;
}

/** An appender that drops everything (tables turned off, unit tests). */
export function nullAppender(spec: TableSpec): Appender {
  return { spec, enabled: false, begin() {}, set() {}, end() {} };
}

// ---- helpers to write specs compactly ----
const I64 = { kind: 'i64' } as const;
const I32 = { kind: 'i32' } as const;
const F64 = { kind: 'f64' } as const;
const BOOL = { kind: 'bool' } as const;
const AGENT = { kind: 'dict', dict: 'agents' } as const;
const INSTRUMENT = { kind: 'dict', dict: 'instruments' } as const;
const SERIES = { kind: 'dict', dict: 'series' } as const;
const enumOf = (...values: string[]): ColumnType => ({ kind: 'enum', values });

/** Side dictionary: index 0 = sell, 1 = buy (write `side > 0 ? 1 : 0`). */
export const SIDE_VALUES = ['sell', 'buy'] as const;
export const sideIndex = (side: number): number => (side > 0 ? 1 : 0);

type Col<N extends string> = readonly [N, ColumnType, string, string];

function table<const N extends string>(
  name: string,
  description: string,
  optional: boolean,
  cols: readonly Col<N>[],
): TableSpec<'t_ns' | N> {
  const columns: ColumnSpec[] = [
    { name: 't_ns', type: I64, unit: 'ns since start', description: 'Simulated time in nanoseconds since clock.start_utc.' },
    ...cols.map(([n, type, unit, description]) => ({ name: n, type, unit, description })),
  ];
  const col: Record<string, number> = {};
  columns.forEach((c, i) => {
    if (c.name in col) throw new Error(`table ${name}: duplicate column ${c.name}`);
    col[c.name] = i;
  });
  return { name, description, optional, columns, col: col as { [K in 't_ns' | N]: number } };
}

export const TRADES = table('trades', 'Every trade on every book: one row per fill.', false, [
  ['venue', AGENT, '', 'Venue that matched the trade.'],
  ['instrument', INSTRUMENT, '', 'Instrument symbol.'],
  ['price', F64, 'quote', 'Trade price.'],
  ['size', F64, 'base', 'Traded quantity.'],
  ['aggressor_side', enumOf(...SIDE_VALUES), '', 'Side of the taker.'],
  ['maker', AGENT, '', 'Agent whose resting order traded.'],
  ['taker', AGENT, '', 'Agent whose incoming order traded.'],
  ['maker_order_id', I64, '', 'Venue order id of the maker order.'],
  ['taker_order_id', I64, '', 'Venue order id of the taker order.'],
  ['liquidation', BOOL, '', 'True when the taker order came from the liquidation engine.'],
  ['hedge', BOOL, '', 'True when the taker order was a dealer hedge.'],
]);

export const BOOK = table('book', 'Top of book sampled every output.book_interval.', false, [
  ['venue', AGENT, '', 'Venue.'],
  ['instrument', INSTRUMENT, '', 'Instrument symbol.'],
  ['bid', F64, 'quote', 'Best bid (NaN when the bid side is empty).'],
  ['ask', F64, 'quote', 'Best ask (NaN when the ask side is empty).'],
  ['bid_size', F64, 'base', 'Size at the best bid.'],
  ['ask_size', F64, 'base', 'Size at the best ask.'],
  ['mid', F64, 'quote', 'Mid price (NaN when one side is empty).'],
  ['last', F64, 'quote', 'Last trade price.'],
  ['index', F64, 'quote', 'Venue index price.'],
  ['mark', F64, 'quote', 'Mark price (equals index for spot).'],
  ['depth_10bp_bid', F64, 'base', 'Resting bid size at prices >= mid * (1 - 10 bp) (0 when one side is empty).'],
  ['depth_10bp_ask', F64, 'base', 'Resting ask size at prices <= mid * (1 + 10 bp) (0 when one side is empty).'],
]);

export const DEPTH = table('depth', 'N levels per side sampled every output.book_interval (optional).', true, [
  ['venue', AGENT, '', 'Venue.'],
  ['instrument', INSTRUMENT, '', 'Instrument symbol.'],
  ['side', enumOf(...SIDE_VALUES), '', 'Book side.'],
  ['level', I32, '', 'Level number, 0 = best.'],
  ['price', F64, 'quote', 'Level price.'],
  ['size', F64, 'base', 'Total size resting at the level.'],
  ['orders', I32, '', 'Number of orders at the level.'],
]);

export const ORDER_EVENTS = ['submitted', 'accepted', 'rejected', 'canceled', 'filled', 'reduced', 'expired', 'amended'] as const;
export const ORDER_TYPES = ['none', 'limit', 'market', 'ioc', 'post_only'] as const;

export const ORDERS = table('orders', 'Full order log at the venues (optional).', true, [
  ['venue', AGENT, '', 'Venue.'],
  ['instrument', INSTRUMENT, '', 'Instrument symbol.'],
  ['agent', AGENT, '', 'Owner of the order.'],
  ['event', enumOf(...ORDER_EVENTS), '', 'What happened.'],
  ['order_id', I64, '', 'Venue order id (0 before acceptance).'],
  ['client_order_id', I64, '', 'Agent-chosen id.'],
  ['side', enumOf(...SIDE_VALUES), '', 'Order side.'],
  ['order_type', enumOf(...ORDER_TYPES), '', 'Order type.'],
  ['price', F64, 'quote', 'Limit price (fill price for fills; NaN for market orders).'],
  ['size', F64, 'base', 'Order size (fill size for fills, lots removed for cancels).'],
  ['reason', I32, '', 'Reason code for rejects, cancels and expiries (see docs/output.md).'],
]);

export const HEDGE_EVENTS = ['decision', 'fill', 'reject', 'expire', 'cancel'] as const;
export const HEDGE_OUTCOMES = ['none', 'included', 'late', 'dropped'] as const;

export const HEDGES = table('hedges', 'Each dealer hedge decision and each fill of a hedge order.', false, [
  ['dealer', AGENT, '', 'Dealer agent.'],
  ['venue', AGENT, '', 'Venue the hedge was sent to.'],
  ['instrument', INSTRUMENT, '', 'Hedge instrument.'],
  ['event', enumOf(...HEDGE_EVENTS), '', 'Decision (order sent) or its outcome.'],
  ['policy', enumOf('none', 'time', 'band', 'whalley_wilmott', 'partial', 'constant_gamma'), '', 'Hedge policy.'],
  ['delta_before', F64, 'base', 'Portfolio delta (options + hedge position) before the hedge.'],
  ['delta_after', F64, 'base', 'Target delta for decisions; delta after the fill for fills.'],
  ['gamma', F64, 'base per quote', 'Portfolio gamma (d delta / d spot).'],
  ['size', F64, 'base', 'Signed hedge size (+ buy, - sell): ordered for decisions, filled for fills.'],
  ['price', F64, 'quote', 'Fill price (limit price for decisions; NaN for market decisions).'],
  ['mid', F64, 'quote', 'Mid the dealer saw when deciding.'],
  ['slippage', F64, 'quote', 'Cost against that mid: (price - mid) * size, positive = cost (fills).'],
  ['latency_ns', I64, 'ns', 'Fill time minus decision time (fills).'],
  ['outcome', enumOf(...HEDGE_OUTCOMES), '', 'DEX inclusion outcome (none on a CEX).'],
]);

export const GREEKS = table('greeks', 'Per dealer, every output.greeks_interval.', false, [
  ['dealer', AGENT, '', 'Dealer agent.'],
  ['spot', F64, 'quote', 'Underlying price the dealer used (its delayed view of the index).'],
  ['option_delta', F64, 'base', 'Delta of the options book.'],
  ['hedge_position', F64, 'base', 'Position in the hedge instrument.'],
  ['net_delta', F64, 'base', 'option_delta + hedge_position.'],
  ['gamma', F64, 'base per quote', 'Gamma of the options book.'],
  ['gex_per_pct', F64, 'quote', 'Dollar gamma per 1% move: gamma * spot^2 / 100 (negative = dealer short gamma; see the GEX convention).'],
  ['vega', F64, 'quote per vol point', 'Vega per 1 vol point (0.01).'],
  ['option_value', F64, 'quote', 'Mark-to-model value of the options book.'],
  ['option_pnl', F64, 'quote', 'Cumulative options PnL (premium + value change + settlement).'],
  ['hedge_pnl', F64, 'quote', 'Cumulative hedge PnL marked to mid.'],
  ['fees', F64, 'quote', 'Cumulative fees paid on hedges.'],
]);

/**
 * GEX sign convention (gex, gex_profile, greeks.gex_per_pct): the dealers' OWN position, not a
 * vendor's assumption about who holds what. GEX = gamma * S^2 / 100, with gamma the dealer's signed
 * book gamma in base per quote: negative when the dealer is short gamma. A dealer with GEX < 0 that
 * hedges buys as the price rises and sells as it falls (pro-cyclical, amplifying); GEX > 0 hedges
 * against the move (dampening, pinning). GEX is in quote currency: the hedge notional the dealer
 * must trade for a 1 % move of the underlying.
 */
export const GEX = table('gex', 'Dealer gamma exposure per option series, every output.greeks_interval (one row per dealer and series it holds). Sums over series equal greeks.gamma and greeks.gex_per_pct.', false, [
  ['dealer', AGENT, '', 'Dealer agent (its group is the part of the name before "/").'],
  ['series', SERIES, '', 'Option series symbol.'],
  ['is_call', BOOL, '', 'True for a call.'],
  ['strike', F64, 'quote', 'Strike.'],
  ['tenor_years', F64, 'years', 'Time to expiry, ACT/365 over 24/7 time (greeks use max(tenor, tau_floor)).'],
  ['contracts', F64, 'contracts', "The dealer's signed position (+ long, - short)."],
  ['position', F64, 'base', 'contracts * contract size.'],
  ['spot', F64, 'quote', 'Underlying price the dealer used (its delayed view of the index).'],
  ['gamma', F64, 'base per quote', "Gamma of the dealer's position in the series (negative = dealer short gamma)."],
  ['gex_per_pct', F64, 'quote', 'gamma * spot^2 / 100: hedge notional per 1 % move (sign: see the GEX convention).'],
]);

export const GEX_PROFILE = table('gex_profile', "Dealer gamma and GEX over a grid of spot levels around the current spot, every output.greeks_interval: the dealer's book revalued as if spot moved there now (same tenors, vol from the dealer's surface at that spot).", false, [
  ['dealer', AGENT, '', 'Dealer agent.'],
  ['spot', F64, 'quote', 'Current spot the dealer used.'],
  ['offset', F64, '1', 'Relative spot move of this grid point: spot_level / spot - 1.'],
  ['spot_level', F64, 'quote', 'Hypothetical spot.'],
  ['gamma', F64, 'base per quote', 'Book gamma at spot_level.'],
  ['gex_per_pct', F64, 'quote', 'gamma * spot_level^2 / 100 at spot_level.'],
]);

export const HOLDER_KINDS = ['dealer', 'customer'] as const;

export const OPEN_INTEREST = table('open_interest', "Option open interest per series at each options desk, every output.greeks_interval: long and short contracts by holder kind (dealer = an option dealer quoting on the desk; customer = everyone else, including the venue, which holds the scenario's initial open interest for the customers).", false, [
  ['venue', AGENT, '', 'Venue (options desk).'],
  ['series', SERIES, '', 'Option series symbol.'],
  ['is_call', BOOL, '', 'True for a call.'],
  ['strike', F64, 'quote', 'Strike.'],
  ['tenor_years', F64, 'years', 'Time to expiry, ACT/365 over 24/7 time.'],
  ['holder_kind', enumOf(...HOLDER_KINDS), '', 'Who holds the contracts.'],
  ['long_contracts', F64, 'contracts', 'Sum of long positions of holders of this kind (>= 0).'],
  ['short_contracts', F64, 'contracts', 'Sum of short positions of holders of this kind, as a positive number.'],
  ['index', F64, 'quote', 'Venue index at the sample.'],
]);

export const LIQUIDATION_EVENTS = ['triggered', 'fill', 'insurance_draw', 'adl', 'socialized_loss', 'completed'] as const;

export const LIQUIDATIONS = table('liquidations', 'Every step of every liquidation.', false, [
  ['venue', AGENT, '', 'Venue.'],
  ['instrument', INSTRUMENT, '', 'Instrument symbol.'],
  ['account', AGENT, '', 'Liquidated account (for adl: the deleveraged counterparty).'],
  ['event', enumOf(...LIQUIDATION_EVENTS), '', 'Which step.'],
  ['liquidation_id', I64, '', 'Groups the steps of one liquidation.'],
  ['side', enumOf(...SIDE_VALUES), '', 'Side of the position being closed.'],
  ['size', F64, 'base', 'Size of this step (position size for triggered).'],
  ['mark', F64, 'quote', 'Mark price at this step.'],
  ['bankruptcy_price', F64, 'quote', 'Price at which the account equity is zero.'],
  ['fill_price', F64, 'quote', 'Fill price (fill, adl).'],
  ['fee', F64, 'quote', 'Liquidation fee paid to the insurance fund.'],
  ['insurance_draw', F64, 'quote', 'Amount drawn from the insurance fund.'],
  ['insurance_fund', F64, 'quote', 'Insurance fund balance after this step.'],
  ['socialized_loss', F64, 'quote', 'Deficit left after the fund and ADL.'],
]);

export const FUNDING = table('funding', 'Each funding settlement.', false, [
  ['venue', AGENT, '', 'Venue.'],
  ['instrument', INSTRUMENT, '', 'Perp symbol.'],
  ['rate', F64, '1 per interval', 'Funding rate for the interval (longs pay when positive).'],
  ['premium', F64, '1', 'Average premium index over the interval.'],
  ['mark', F64, 'quote', 'Mark price at settlement.'],
  ['index', F64, 'quote', 'Index price at settlement.'],
  ['open_interest', F64, 'base', 'Total long size.'],
  ['paid_by_longs', F64, 'quote', 'Net amount paid by longs to shorts (negative: received).'],
  ['rounding', F64, 'quote', 'Rounding residue credited to the rounding account.'],
]);

export const ACCOUNTS = table('accounts', 'Per account and instrument, every output.accounts_interval.', false, [
  ['venue', AGENT, '', 'Venue.'],
  ['agent', AGENT, '', 'Account owner.'],
  ['instrument', INSTRUMENT, '', 'Instrument (perp) symbol.'],
  ['position', F64, 'base', 'Signed position.'],
  ['entry_price', F64, 'quote', 'Average entry price.'],
  ['collateral', F64, 'quote', 'Cash/collateral balance of the account.'],
  ['unrealized_pnl', F64, 'quote', 'At mark.'],
  ['equity', F64, 'quote', 'collateral + unrealized_pnl.'],
  ['maintenance_margin', F64, 'quote', 'Maintenance requirement.'],
  ['margin_ratio', F64, '1', 'maintenance_margin / equity (liquidation at >= 1).'],
  ['leverage', F64, '1', 'Notional / equity.'],
]);

export const BALANCE_LEDGERS = ['clearing', 'spot'] as const;
export const BALANCE_CURRENCIES = ['quote', 'coin'] as const;
export const BALANCE_BUCKETS = ['account', 'fees', 'insurance_fund', 'rounding', 'socialized_loss'] as const;

/**
 * Every money bucket of every venue ledger, in integer money units, so conservation can be checked
 * from the outside to the last unit (docs/clearing.md "Checking conservation"): per (t_ns, venue,
 * ledger), sum(cash_units + isolated_margin_units - cost_basis_units) == sum(deposited_units).
 */
export const BALANCES = table('balances', "Every account (flat ones included) and every system bucket of each venue ledger in integer money units, at the start, every output.accounts_interval and at the end (optional). Per (t_ns, venue, ledger): sum(cash_units + isolated_margin_units - cost_basis_units) == sum(deposited_units) exactly. Rows whose every value is 0 are left out.", true, [
  ['venue', AGENT, '', 'Venue.'],
  ['ledger', enumOf(...BALANCE_LEDGERS), '', 'clearing: perps, futures and option premiums and settlements, in the settlement currency; spot: the spot books (quote currency, no deposits: a credit line, so its buckets sum to 0).'],
  ['currency', enumOf(...BALANCE_CURRENCIES), '', 'Currency of the money columns: quote (underlying.quote) or coin (the underlying, at a venue whose perps and futures are inverse).'],
  ['units_per_currency', I64, '1', 'Money units per unit of the currency: 10000 (quote) or 100000000 (coin).'],
  ['holder', AGENT, '', 'Account owner (bucket account), or the system agent keeping the bucket: the insurance fund for insurance_fund, the venue for the others.'],
  ['bucket', enumOf(...BALANCE_BUCKETS), '', 'account: a trading account (the liquidation engine and the schedule actor included); fees: fee revenue; insurance_fund; rounding: rounding residue of funding, settlement and inverse values (funding flows pass through it); socialized_loss: deficit no one covered (<= 0).'],
  ['cash_units', I64, 'money units', 'Wallet (cross collateral and the free cash of isolated accounts), spot cash, or the system balance.'],
  ['isolated_margin_units', I64, 'money units', 'Sum of the isolated margin buckets of the account positions.'],
  ['cost_basis_units', I64, 'money units', 'Sum of the signed cost bases of the open positions (exact integer); -cost_basis_units sums to the unrealized PnL of all accounts at any common price.'],
  ['deposited_units', I64, 'money units', 'Money this bucket brought in: collateral deposited (accounts), the initial fund (insurance_fund); 0 otherwise.'],
  ['realized_pnl_units', I64, 'money units', 'Cumulative realized PnL of the account (clearing; funding and fees not included).'],
  ['fees_paid_units', I64, 'money units', 'Cumulative trading fees paid by the account (negative: rebates).'],
  ['reserved_units', F64, 'money units', 'Initial margin held for the account resting orders (a float threshold, not money: not part of the identity).'],
  ['open_positions', I32, '', 'Instruments in which the account holds a position.'],
]);

export const OPTION_TRADES = table('option_trades', 'Option trades cleared by the options desk, expiries and settlements.', false, [
  ['venue', AGENT, '', 'Venue (options desk).'],
  ['series', SERIES, '', 'Option series symbol.'],
  ['event', enumOf('trade', 'settlement'), '', 'Trade or cash settlement at expiry.'],
  ['buyer', AGENT, '', 'Buyer (holder for settlements with positive size).'],
  ['seller', AGENT, '', 'Seller.'],
  ['contracts', F64, 'contracts', 'Number of contracts.'],
  ['premium', F64, 'quote', 'Premium per contract (payoff per contract for settlements).'],
  ['underlying', F64, 'quote', 'Index (settlement price for settlements).'],
  ['implied_vol', F64, '1', 'Implied volatility of the premium (NaN for settlements).'],
]);

export const SCHEDULE = table('schedule', 'Scheduled actions as they fired (shocks, OI changes, congestion, halts).', false, [
  ['action', enumOf('market_order', 'fundamental_jump', 'liquidity_withdrawal', 'liquidity_return', 'feed_halt', 'feed_resume', 'open_interest', 'congestion_start', 'congestion_end', 'vol_shift'), '', 'Action.'],
  ['target', AGENT, '', 'Agent or venue the action applies to (or the first of them).'],
  ['value', F64, '', 'By action: market_order signed size in base units (+ buy); fundamental_jump log return; liquidity_withdrawal fraction of the group; feed_halt/feed_resume halt length in s; vol_shift ATM vol change (0.1 = 10 vol points).'],
  ['entry', I32, '', 'Index of the entry in the scenario schedule.'],
]);

export const EVENT_DIRECTIONS = ['out', 'in'] as const;

export const EVENTS = table('events', 'Messages in and out of traced agents (run --trace).', true, [
  ['agent', AGENT, '', 'Traced agent.'],
  ['direction', enumOf(...EVENT_DIRECTIONS), '', 'Sent (out) or delivered (in).'],
  ['kind', enumOf(...MSG_KIND_NAMES), '', 'Message kind (see MsgKind in src/model/messages.ts).'],
  ['instrument', I32, '', 'Instrument or series id.'],
  ['client_order_id', I64, '', ''],
  ['order_id', I64, '', ''],
  ['price_ticks', F64, 'ticks', ''],
  ['size_lots', F64, 'lots', ''],
  ['side', I32, '', '+1 buy, -1 sell, 0 none.'],
  ['order_type', I32, '', ''],
  ['flags', I32, '', ''],
  ['reason', I32, '', ''],
  ['aux0', F64, '', ''],
  ['aux1', F64, '', ''],
]);

/** Every table a run can write, in output order. `summary` is defined by analysis/metrics.ts. */
export const ALL_TABLES: readonly TableSpec[] = [TRADES, BOOK, DEPTH, ORDERS, HEDGES, GREEKS, GEX, GEX_PROFILE, OPEN_INTEREST, LIQUIDATIONS, FUNDING, ACCOUNTS, BALANCES, OPTION_TRADES, SCHEDULE, EVENTS];

export function tableByName(name: string): TableSpec | undefined {
  return ALL_TABLES.find((t) => t.name === name);
}
