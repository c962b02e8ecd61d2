/**
 * The sections of `show`, each a list of lines: title, price chart with liquidation and
 * schedule markers, dealer strip (net delta and hedge fills), headline metrics, largest
 * cascade. All time rows share one axis and one left gutter, so columns line up.
 */
import { findCascades, largestCascade, type Cascade } from '../../analysis/cascades.js';
import { METRICS } from '../../analysis/metrics.js';
import { metricText } from '../format/metricText.js';
import { durationText, humanNumber, percentText, simClock } from '../format/numbers.js';
import { paint } from '../term.js';
import { brailleChart, bucketSums, columnOf, sparkline, timeLabels, type BrailleChart, type Series, type TimeAxis } from './chart.js';
import type { RunMetrics } from './runMetrics.js';
import { nums, strs, type RunData } from './runData.js';

/** Layout shared by the time rows: gutter width (labels) and the axis. */
export interface Frame {
  readonly gutter: number;
  readonly axis: TimeAxis;
}

/** Significant digits of y-axis labels. */
const AXIS_DIGITS = 5;
const SERIES_STYLES = ['cyan', 'yellow'] as const;
const bold = (s: string): string => paint('bold', s);
const dim = (s: string): string => paint('dim', s);

/** A gutter label right-aligned, then the axis character. */
function gut(frame: Frame, label: string, edge = '┤'): string {
  return `${label.padStart(frame.gutter)} ${edge}`;
}

/** Chart rows with y labels on the top, middle and bottom rows, coloured by series. */
function chartLines(frame: Frame, chart: BrailleChart): string[] {
  const h = chart.rows.length;
  return chart.rows.map((row, r) => {
    const v = h === 1 ? chart.hi : chart.hi - ((chart.hi - chart.lo) * r) / (h - 1);
    const label = r === 0 || r === h - 1 || r === Math.floor((h - 1) / 2) ? humanNumber(v, AXIS_DIGITS) : '';
    const own = chart.owner[r] as Int8Array;
    let text = '';
    let runStart = 0;
    // Colour runs of cells owned by the same series (one escape sequence per run).
    for (let c = 1; c <= row.length; c++) {
      if (c < row.length && own[c] === own[runStart]) continue;
      const piece = row.slice(runStart, c);
      const k = own[runStart] as number;
      text += k < 0 ? piece : paint(SERIES_STYLES[k % SERIES_STYLES.length] as (typeof SERIES_STYLES)[number], piece);
      runStart = c;
    }
    return `${gut(frame, label)}${text}`.trimEnd();
  });
}

/** The widest label the price and delta charts will print (sizes the gutter). */
export function chartLabels(chart: BrailleChart): string[] {
  const h = chart.rows.length;
  return [chart.hi, chart.lo, chart.hi - ((chart.hi - chart.lo) * Math.floor((h - 1) / 2)) / Math.max(1, h - 1)].map((v) => humanNumber(v, AXIS_DIGITS));
}

/** `gammaloop run` title: scenario, seed, hash prefix, simulated duration, status. */
export function titleLines(run: RunData): string[] {
  const m = run.manifest;
  const name = run.facts.name ?? m?.['scenario_name'] ?? run.dir;
  const parts = [
    bold(String(name)),
    `seed ${m?.seed ?? '?'}`,
    `sha ${typeof m?.scenario_sha256 === 'string' ? m.scenario_sha256.slice(0, 12) : '?'}`,
    `sim ${durationText(run.endNs)}`,
    `status ${m?.status === 'complete' ? paint('green', 'complete') : m?.status ? paint('yellow', String(m.status)) : 'unknown'}`,
  ];
  const lines = [parts.join('  ')];
  if (m !== null && typeof m.events === 'number') {
    const rows = Object.entries(m.rows ?? {}).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ');
    lines.push(dim(`${m.events.toLocaleString('en-US')} events, wall ${(m.wall_time_ms / 1000).toFixed(1)} s${rows === '' ? '' : `; rows: ${rows}`}`));
  }
  if (m?.error) lines.push(paint('red', `error: ${m.error}`));
  return lines;
}

export function priceChart(run: RunData, axis: TimeAxis, height: number): BrailleChart {
  const mid: Series = { tNs: run.book.tNs, values: run.book.mid };
  const index: Series = { tNs: run.book.tNs, values: run.book.index };
  return brailleChart([mid, index], axis, height);
}

function firstLast(values: ArrayLike<number>): [number, number] {
  let first = Number.NaN;
  let last = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (Number.isNaN(first)) first = v;
    last = v;
  }
  return [first, last];
}

const SCHEDULE_CODES: Readonly<Record<string, string>> = {
  market_order: 'S', fundamental_jump: 'J', liquidity_withdrawal: 'W', liquidity_return: 'R', feed_halt: 'H',
  feed_resume: 'h', open_interest: 'O', congestion_start: 'C', congestion_end: 'c', vol_shift: 'V',
};

/** Price chart, time axis, liquidation bursts and scheduled actions on the same columns. */
export function priceSection(run: RunData, frame: Frame, chart: BrailleChart): string[] {
  const { axis } = frame;
  const [m0, m1] = firstLast(run.book.mid);
  const [i0, i1] = firstLast(run.book.index);
  const lines = [
    `${bold('price')}  ${paint('cyan', '⣿')} mid ${run.book.instrument ?? '(no book)'} ${humanNumber(m0)} → ${humanNumber(m1)} (${percentText(m1 / m0 - 1)})`,
    `       ${paint('yellow', '⣿')} index ${humanNumber(i0)} → ${humanNumber(i1)} (${percentText(i1 / i0 - 1)})`,
  ];
  if (run.book.tNs.length === 0) lines.push(`${' '.repeat(frame.gutter + 2)}none (no book samples)`);
  else lines.push(...chartLines(frame, chart));
  lines.push(`${' '.repeat(frame.gutter)} └${'─'.repeat(axis.width)}`);
  lines.push(`${' '.repeat(frame.gutter + 2)}${timeLabels(axis, (t) => simClock(t))}`);

  const liq = run.liquidations;
  const events = strs(liq, 'event');
  const counts = bucketSums(axis, nums(liq, 't_ns'), (i) => events[i] === 'triggered');
  const total = counts.reduce((a, b) => a + b, 0);
  const peak = counts.reduce((a, b) => Math.max(a, b), 0);
  lines.push(`${gut(frame, 'liqs', '│')}${total === 0 ? 'none' : paint('red', sparkline(counts))}`.trimEnd());

  const actions = strs(run.schedule, 'action');
  const targets = strs(run.schedule, 'target');
  const values = nums(run.schedule, 'value');
  const times = nums(run.schedule, 't_ns');
  const marks = new Array<string>(axis.width).fill(' ');
  for (let i = 0; i < actions.length; i++) {
    const c = columnOf(axis, times[i] as number);
    if (marks[c] === ' ') marks[c] = SCHEDULE_CODES[actions[i] as string] ?? '*';
  }
  lines.push(`${gut(frame, 'sched', '│')}${actions.length === 0 ? 'none' : paint('magenta', marks.join('').trimEnd())}`.trimEnd());
  if (total > 0) lines.push(`${' '.repeat(frame.gutter + 2)}${dim(`liquidations triggered: ${total} (most in one column: ${peak})`)}`);
  const shown = actions.slice(0, 6).map((a, i) => `${SCHEDULE_CODES[a] ?? '*'} ${a} at ${simClock(times[i] as number)} ${targets[i] ?? ''} ${humanNumber(values[i] as number)}`);
  if (actions.length > 6) shown.push(`… ${actions.length - 6} more`);
  for (const s of shown) lines.push(`${' '.repeat(frame.gutter + 2)}${dim(s)}`);
  return lines;
}

/** Total net delta over dealers after each greeks row (each dealer's latest value summed). */
export function netDeltaSeries(run: RunData): Series {
  const t = nums(run.greeks, 't_ns');
  const dealers = strs(run.greeks, 'dealer');
  const delta = nums(run.greeks, 'net_delta');
  const latest = new Map<string, number>();
  const values = new Float64Array(t.length);
  let sum = 0;
  for (let i = 0; i < t.length; i++) {
    const d = dealers[i] as string;
    sum += (delta[i] as number) - (latest.get(d) ?? 0);
    latest.set(d, delta[i] as number);
    values[i] = sum;
  }
  return { tNs: t, values };
}

export function deltaChart(run: RunData, axis: TimeAxis, height: number): BrailleChart {
  return brailleChart([netDeltaSeries(run)], axis, height);
}

/** Dealers' net delta (braille) and hedge fills (buys and sells as sparklines). */
export function dealerSection(run: RunData, frame: Frame, chart: BrailleChart): string[] {
  const lines = [bold('dealers') + '  net delta (base, summed over dealers)  hedge fills (base)'];
  const delta = netDeltaSeries(run);
  const dealers = new Set(strs(run.greeks, 'dealer'));
  if (delta.tNs.length === 0) lines.push(`${gut(frame, 'delta', '│')}none (no dealers)`);
  else lines.push(...chartLines(frame, chart));
  const events = strs(run.hedges, 'event');
  const size = nums(run.hedges, 'size');
  const t = nums(run.hedges, 't_ns');
  const isFill = (i: number): boolean => events[i] === 'fill';
  const buys = bucketSums(frame.axis, t, (i) => isFill(i) && (size[i] as number) > 0, (i) => size[i] as number);
  const sells = bucketSums(frame.axis, t, (i) => isFill(i) && (size[i] as number) < 0, (i) => -(size[i] as number));
  // A loop, not Math.max(...): one argument per chart column overflowed the stack at --width 100000.
  let max = 0;
  for (const v of buys) max = Math.max(max, v);
  for (const v of sells) max = Math.max(max, v);
  let fills = 0;
  let bought = 0;
  let sold = 0;
  for (let i = 0; i < events.length; i++) {
    if (!isFill(i)) continue;
    fills++;
    if ((size[i] as number) > 0) bought += size[i] as number;
    else sold -= size[i] as number;
  }
  if (fills === 0) lines.push(`${gut(frame, 'hedges', '│')}none`);
  else {
    lines.push(`${gut(frame, 'buys', '│')}${paint('green', sparkline(buys, max))}`.trimEnd());
    lines.push(`${gut(frame, 'sells', '│')}${paint('red', sparkline(sells, max))}`.trimEnd());
  }
  if (delta.tNs.length > 0 || fills > 0) {
    const last = delta.values.length > 0 ? (delta.values[delta.values.length - 1] as number) : Number.NaN;
    lines.push(`${' '.repeat(frame.gutter + 2)}${dim(`${dealers.size} dealer(s), final net delta ${humanNumber(last)}; ${fills.toLocaleString('en-US')} hedge fills: bought ${humanNumber(bought)}, sold ${humanNumber(sold)}`)}`);
  }
  return lines;
}

const HEADLINE = [
  'rv_index_5m', 'rv_mid_5m', 'mid_return', 'max_drawdown', 'max_run_up', 'one_sided_share',
  'liquidation_count', 'liquidation_volume', 'liquidation_notional', 'cascade_count', 'insurance_fund_low', 'socialized_loss',
  'funding_paid_by_longs', 'hedge_trades', 'hedge_volume', 'hedge_cost', 'dealer_pnl', 'settlement_distance_pct',
] as const;

/** Headline metrics in one or two columns. */
export function metricsSection(metrics: RunMetrics, width: number, quote: string): string[] {
  const cells = HEADLINE.map((name) => {
    const def = METRICS.find((d) => d.name === name);
    return [name, metricText(metrics.values[name], def?.unit ?? '', quote)] as const;
  });
  const nameW = Math.max(...cells.map(([n]) => n.length));
  const valW = Math.max(...cells.map(([, v]) => v.length));
  const cellW = 2 + nameW + 2 + valW;
  const perLine = width >= 2 * cellW + 2 ? 2 : 1;
  const lines = [`${bold('metrics')}  ${dim(`(${metrics.source})`)}`];
  const rows = Math.ceil(cells.length / perLine);
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let k = 0; k < perLine; k++) {
      const cell = cells[k * rows + r];
      if (cell === undefined) continue;
      line += `  ${cell[0].padEnd(nameW)}  ${cell[1].padStart(valW)}`;
      if (k < perLine - 1) line += '  ';
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** The largest cascade as a short timeline of its rounds. */
export function cascadeSection(run: RunData, quote: string): string[] {
  const liq = run.liquidations;
  const rows = {
    tNs: nums(liq, 't_ns'),
    event: strs(liq, 'event'),
    liquidationId: nums(liq, 'liquidation_id'),
    size: nums(liq, 'size'),
    mark: nums(liq, 'mark'),
    fillPrice: nums(liq, 'fill_price'),
  };
  const cascades = findCascades(rows);
  const big: Cascade | null = largestCascade(cascades);
  const lines = [bold('largest cascade')];
  if (big === null) return [...lines, '  none (no liquidations)'];
  lines.push(`  start ${simClock(big.startNs, true)}  ${big.liquidations} liquidations in ${big.rounds} round(s) over ${durationText(big.endNs - big.startNs)}`);
  lines.push(`  volume ${humanNumber(big.volume)} base  notional ${humanNumber(big.notional)} ${quote}  mark ${percentText(big.priceMove)}`);
  // One line per round: triggers sharing a timestamp inside the cascade.
  const rounds = new Map<number, { n: number; mark: number }>();
  for (let i = 0; i < rows.tNs.length; i++) {
    const t = rows.tNs[i] as number;
    if (rows.event[i] !== 'triggered' || t < big.startNs || t > big.endNs) continue;
    const r = rounds.get(t);
    if (r === undefined) rounds.set(t, { n: 1, mark: rows.mark[i] as number });
    else r.n++;
  }
  const ordered = [...rounds.entries()].sort(([a], [b]) => a - b);
  for (const [t, r] of ordered.slice(0, 8)) {
    lines.push(`  ${`+${((t - big.startNs) / 1e9).toFixed(3)} s`.padStart(12)}  ${String(r.n).padStart(3)} triggered  mark ${humanNumber(r.mark)}`);
  }
  if (ordered.length > 8) lines.push(`  … ${ordered.length - 8} more rounds`);
  lines.push(dim(`  ${cascades.length} cascade(s) in the run (triggers within 60 s join one cascade)`));
  return lines;
}
