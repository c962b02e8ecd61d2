/**
 * Synthetic inputs for the end-to-end tests, written with src/output's own writers: a small
 * trades file for `inspect`, and run directories for `show` (book, trades, liquidations with one
 * known cascade, greeks, hedges, schedule, funding, manifest). The numbers the tests expect
 * follow from the constants below (documented next to them), not from running the CLI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { METRICS } from '../../../src/analysis/metrics.js';
import { NS_PER_SEC } from '../../../src/model/time.js';
import { BOOK, FUNDING, GREEKS, HEDGES, LIQUIDATIONS, SCHEDULE, TRADES, type TableSpec } from '../../../src/model/tables.js';
import { MANIFEST_VERSION, tableSpec, writeManifest, writeTable, type ColumnValues } from '../../../src/output/index.js';

export type Cell = number | string | boolean;
export type Row = Readonly<Record<string, Cell>>;

export const DICTS = {
  agents: ['cex', 'liquidation_engine', 'insurance_fund', 'mm/0', 'noise/0', 'dealer/0', 'dealer/1', 'shock/0', 'lp/0',
    'retail/0', 'retail/1', 'retail/2', 'retail/3', 'retail/4', 'retail/5', 'retail/6'],
  instruments: ['BTC-USD', 'BTC-PERP'],
  series: [],
};

export const SHA = '5ca1ab1e'.repeat(8);
export const SEED = 7;
export const METADATA = {
  'gammaloop.version': '0.1.0',
  'gammaloop.schema_version': '1',
  'gammaloop.scenario_sha256': SHA,
  'gammaloop.seed': String(SEED),
};

/** Rows -> columns for `spec` (missing numeric cells are 0, missing text cells the first name). */
export async function writeRows(file: string, spec: TableSpec, rows: readonly Row[]): Promise<number> {
  const columns: Record<string, ColumnValues> = {};
  for (const c of spec.columns) {
    const text = c.type.kind === 'dict' || c.type.kind === 'enum';
    if (text) {
      const first = c.type.kind === 'enum' ? (c.type.values[0] as string) : (DICTS[c.type.dict][0] ?? '');
      columns[c.name] = rows.map((r) => String(r[c.name] ?? first));
    } else if (c.type.kind === 'bool') {
      columns[c.name] = rows.map((r) => r[c.name] === true);
    } else {
      columns[c.name] = rows.map((r) => Number(r[c.name] ?? 0));
    }
  }
  return writeTable(file, spec, columns, { dictionaries: DICTS, metadata: METADATA });
}

/** 25 trades, one per second: price 60000 + 0.5 i, size 0.001 (i + 1), every 5th a liquidation. */
export async function writeTradesFile(file: string): Promise<void> {
  const rows: Row[] = Array.from({ length: 25 }, (_, i) => ({
    t_ns: i * NS_PER_SEC,
    venue: 'cex',
    instrument: i % 2 === 1 ? 'BTC-PERP' : 'BTC-USD',
    price: 60000 + i * 0.5,
    size: Number((0.001 * (i + 1)).toFixed(3)),
    aggressor_side: i % 3 === 0 ? 'sell' : 'buy',
    maker: 'mm/0',
    taker: 'noise/0',
    maker_order_id: i + 1,
    taker_order_id: 100 + i,
    liquidation: i % 5 === 0,
    hedge: false,
  }));
  await writeRows(file, TRADES, rows);
}

const S = NS_PER_SEC;
/** One simulated hour. */
export const DURATION_NS = 3600 * S;

/** Perp mid: 60000 wobbling, a fall to 57000 between 1990 s and 2010 s, then +0.5 per second. */
export function perpMid(tS: number): number {
  if (tS < 1990) return 60000 + Math.round(50 * Math.sin(tS / 300) * 2) / 2;
  if (tS <= 2010) return 60000 - ((tS - 1990) / 20) * 3000;
  return 57000 + (tS - 2010) * 0.5;
}

/**
 * The cascade: triggers at 2000 s (2 liquidations, mark 59000), 2005 s (3, mark 58400) and
 * 2010 s (1, mark 57820); each liquidation fills 0.5 base. So 6 liquidations in 3 rounds over
 * 10 s, volume 3, mark move 57820 / 59000 - 1 = -2.00 %. One more at 3000 s (fill 0.25) is a
 * second cascade: 7 liquidations and 2 cascades in the run.
 */
export const CASCADE = { liquidations: 6, rounds: 3, volume: 3, movePct: '-2.00%', durationText: '10 s', start: '0:33:20.000', total: 7, cascades: 2 };

function liquidationRows(): Row[] {
  const triggers: [number, number][] = [[2000, 59000], [2000, 59000], [2005, 58400], [2005, 58400], [2005, 58400], [2010, 57820], [3000, 57500]];
  const rows: Row[] = [];
  let fund = 250000;
  triggers.forEach(([tS, mark], k) => {
    const id = k + 1;
    const fill = tS === 3000 ? 0.25 : 0.5;
    const account = `retail/${k}`;
    rows.push({ t_ns: tS * S, venue: 'cex', instrument: 'BTC-PERP', account, event: 'triggered', liquidation_id: id, side: 'buy', size: 1, mark, bankruptcy_price: mark - 300, insurance_fund: fund });
    fund -= 100;
    rows.push({ t_ns: tS * S + 1_000_000, venue: 'cex', instrument: 'BTC-PERP', account, event: 'fill', liquidation_id: id, side: 'buy', size: fill, mark, fill_price: mark - 10, fee: 3, insurance_fund: fund });
    rows.push({ t_ns: tS * S + 2_000_000, venue: 'cex', instrument: 'BTC-PERP', account, event: 'completed', liquidation_id: id, side: 'buy', size: 0, mark, insurance_fund: fund });
  });
  return rows.sort((a, b) => (a['t_ns'] as number) - (b['t_ns'] as number));
}

function bookRows(): Row[] {
  const rows: Row[] = [];
  for (let tS = 0; tS <= 3600; tS += 10) {
    for (const [instrument, offset] of [['BTC-USD', -5], ['BTC-PERP', 0]] as const) {
      const mid = perpMid(tS) + offset;
      rows.push({ t_ns: tS * S, venue: 'cex', instrument, bid: mid - 0.25, ask: mid + 0.25, bid_size: 1, ask_size: 1, mid, last: mid, index: perpMid(tS) - 5, mark: perpMid(tS) });
    }
  }
  return rows;
}

/**
 * Dealers: dealer/0 net delta 2 sin(t / 600 s), dealer/1 a constant -1, every minute. Final
 * option pnl 100 + 50, hedge pnl -30 - 10, fees 5 + 2 (dealer_pnl 103). dealer/0 hedges every
 * 2 minutes: +0.3 then -0.2 alternately (30 fills each way: bought 9, sold 6).
 */
export const DEALERS = { dealerPnl: 103, fills: 60, bought: 9, sold: 6 };

function greeksRows(): Row[] {
  const rows: Row[] = [];
  for (let tS = 0; tS < 3600; tS += 60) {
    const f = tS / 3540;
    rows.push({ t_ns: tS * S, dealer: 'dealer/0', spot: perpMid(tS), net_delta: 2 * Math.sin(tS / 600), option_pnl: 100 * f, hedge_pnl: -30 * f, fees: 5 * f });
    rows.push({ t_ns: tS * S, dealer: 'dealer/1', spot: perpMid(tS), net_delta: -1, option_pnl: 50 * f, hedge_pnl: -10 * f, fees: 2 * f });
  }
  return rows;
}

function hedgeRows(): Row[] {
  const rows: Row[] = [];
  for (let k = 0; k < 60; k++) {
    const tS = 30 + k * 60;
    const size = k % 2 === 0 ? 0.3 : -0.2;
    const base = { dealer: 'dealer/0', venue: 'cex', instrument: 'BTC-PERP', policy: 'band', size, mid: perpMid(tS) };
    rows.push({ ...base, t_ns: tS * S, event: 'decision', price: Number.NaN });
    rows.push({ ...base, t_ns: tS * S + 5_000_000, event: 'fill', price: perpMid(tS) + 0.5, slippage: 0.15, latency_ns: 5_000_000 });
  }
  return rows;
}

const SCHEDULE_ROWS: Row[] = [
  { t_ns: 1995 * S, action: 'market_order', target: 'shock/0', value: -50, entry: 0 },
  { t_ns: 2500 * S, action: 'liquidity_withdrawal', target: 'lp/0', value: 0.5, entry: 1 },
];

export interface RunDirOptions {
  /** Liquidations, dealers (greeks, hedges) and schedule entries; false writes an empty run. */
  readonly events: boolean;
  /** Write summary.arrow with these metric values (others NaN). */
  readonly summary?: Readonly<Record<string, number>>;
}

/** Writes a synthetic run directory and returns its path. */
export async function writeRunDir(dir: string, options: RunDirOptions): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const rows: Record<string, number> = {};
  rows['book'] = await writeRows(path.join(dir, 'book.arrow'), BOOK, bookRows());
  rows['trades'] = await writeRows(path.join(dir, 'trades.arrow'), TRADES, []);
  rows['liquidations'] = await writeRows(path.join(dir, 'liquidations.arrow'), LIQUIDATIONS, options.events ? liquidationRows() : []);
  rows['schedule'] = await writeRows(path.join(dir, 'schedule.arrow'), SCHEDULE, options.events ? SCHEDULE_ROWS : []);
  rows['funding'] = await writeRows(path.join(dir, 'funding.arrow'), FUNDING, []);
  if (options.events) {
    // The empty run has no greeks or hedges files at all: show must cope with absent tables.
    rows['greeks'] = await writeRows(path.join(dir, 'greeks.arrow'), GREEKS, greeksRows());
    rows['hedges'] = await writeRows(path.join(dir, 'hedges.arrow'), HEDGES, hedgeRows());
  }
  if (options.summary !== undefined) {
    const spec = tableSpec('summary', 'Run summary metrics.', METRICS.map((m) => ({ name: m.name, type: { kind: 'f64' } as const, unit: m.unit, description: m.definition })));
    const cols: Record<string, ColumnValues> = {};
    for (const m of METRICS) cols[m.name] = [options.summary[m.name] ?? Number.NaN];
    await writeTable(path.join(dir, 'summary.arrow'), spec, cols, { metadata: METADATA });
  }
  writeManifest(dir, {
    manifest_version: MANIFEST_VERSION,
    status: 'complete',
    seed: SEED,
    scenario_sha256: SHA,
    versions: { gammaloop: '0.1.0', node: process.versions.node, 'apache-arrow': '21.2.0' },
    wall_time_ms: 1234,
    events: 98765,
    sim_time_ns: DURATION_NS,
    rows,
    error: null,
    scenario: {
      name: 'synthetic',
      seed: SEED,
      clock: { durationNs: DURATION_NS },
      underlying: { symbol: 'BTC', quote: 'USD' },
      venues: [{ name: 'cex', instruments: [{ symbol: 'BTC-USD', type: 'spot', tickSize: 0.1 }, { symbol: 'BTC-PERP', type: 'perp', tickSize: 0.5 }] }],
    },
  });
  return dir;
}
