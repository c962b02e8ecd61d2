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
  ['gex_per_pct', F64, 'quote', 'Dollar gamma per 1% move: gamma * spot^2 / 100.'],
  ['vega', F64, 'quote per vol point', 'Vega per 1 vol point (0.01).'],
  ['option_value', F64, 'quote', 'Mark-to-model value of the options book.'],
  ['option_pnl', F64, 'quote', 'Cumulative options PnL (premium + value change + settlement).'],
  ['hedge_pnl', F64, 'quote', 'Cumulative hedge PnL marked to mid.'],
  ['fees', F64, 'quote', 'Cumulative fees paid on hedges.'],
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
export const ALL_TABLES: readonly TableSpec[] = [TRADES, BOOK, DEPTH, ORDERS, HEDGES, GREEKS, LIQUIDATIONS, FUNDING, ACCOUNTS, OPTION_TRADES, SCHEDULE, EVENTS];

export function tableByName(name: string): TableSpec | undefined {
  return ALL_TABLES.find((t) => t.name === name);
}
