/**
 * Real tick data in the hftbacktest collector format (data README section 2): gzip text, one
 * message per line, `<local receive time, ns> <json>`, the JSON a combined-stream Binance
 * websocket message (`btcusdt@trade`, `btcusdt@bookTicker`, depth diffs) or a REST snapshot.
 * Maps trades onto {@link Fills} (exchange trade time `T` in ms, sign +1 when isBuyerMaker is
 * false) and bookTicker onto a 1 s mid grid and 100 ms spread samples on the receive clock, as
 * stats.py does. Depth diffs are not replayed here (depth within 10 bp is taken from the data
 * README with `--target`).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { MomentInputs } from './defs.js';
import type { Fills } from './takers.js';
import { previousTickGrid, type PriceGrid } from './grid.js';

interface Bbo {
  readonly tMs: number;
  readonly bid: number;
  readonly ask: number;
}

/** Parsed feed: fills in exchange-time order and bookTicker updates in receive-time order. */
export interface Feed {
  /** `t` is the exchange trade time (ms); `localMs` the receive time, the clock of `bbo`. */
  readonly fills: { readonly t: Float64Array; readonly sign: Float64Array; readonly size: Float64Array; readonly localMs: Float64Array };
  readonly bbo: readonly Bbo[];
}

/** Parses collector text (already decompressed). Lines that are not trades or bookTicker are skipped. */
export function parseHftFeed(text: string): Feed {
  const trades: [number, number, number, number][] = [];
  const bbo: Bbo[] = [];
  for (const line of text.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp < 0) continue;
    const isTrade = line.includes('@trade"');
    const isBbo = !isTrade && line.includes('@bookTicker"');
    if (!isTrade && !isBbo) continue;
    const localMs = receiveMs(line.slice(0, sp));
    const d = (JSON.parse(line.slice(sp + 1)) as { data: Record<string, unknown> }).data;
    if (isTrade) trades.push([Number(d['T']), d['m'] === true ? -1 : 1, Number(d['q']), localMs]);
    else bbo.push({ tMs: localMs, bid: Number(d['b']), ask: Number(d['a']) });
  }
  // stable sort by exchange time (stats.py sorts its trades the same way)
  trades.sort((a, b) => a[0] - b[0]);
  bbo.sort((a, b) => a.tMs - b.tMs);
  return {
    fills: {
      t: Float64Array.from(trades, (x) => x[0]), sign: Float64Array.from(trades, (x) => x[1]), size: Float64Array.from(trades, (x) => x[2]),
      localMs: Float64Array.from(trades, (x) => x[3]),
    },
    bbo,
  };
}

/**
 * Receive time in ms from the collector's integer: ns (19 digits, the 2024 files) or us. The
 * ns integer exceeds 2^53, so it is split into whole ms and the remainder to keep sub-ms precision.
 */
function receiveMs(text: string): number {
  const t = text.trim();
  if (t.length >= 19) return Number(t.slice(0, -6)) + Number(t.slice(-6)) / 1e6;
  return Number(t) / 1e3;
}

/** Reads and parses a collector file (gzipped when the name ends in .gz). Several files are concatenated (a window across midnight). */
export function readHftFeed(paths: readonly string[]): Feed {
  const text = paths.map((p) => {
    const raw = readFileSync(p);
    return (p.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  }).join('\n');
  return parseHftFeed(text);
}

/**
 * Moment inputs from a feed: the fills; the bookTicker mid on a 1 s grid aligned to whole
 * seconds (previous-tick, from the first whole second after the first update); spread
 * 1e4 (ask - bid) / mid sampled every 100 ms from the first update (stats.py run_feed).
 */
export function feedMomentInputs(f: Feed): MomentInputs {
  if (f.bbo.length === 0) return { fills: fillsOnly(f) };
  const t = Float64Array.from(f.bbo, (b) => b.tMs);
  const mid = Float64Array.from(f.bbo, (b) => (b.bid + b.ask) / 2);
  const b0 = t[0] as number;
  const b1 = t[t.length - 1] as number;
  const startMs = b0 - (b0 % 1000) + 1000;
  const spread: number[] = [];
  let j = 0;
  for (let g = b0; g <= b1; g += 100) {
    while (j + 1 < t.length && (t[j + 1] as number) <= g) j++;
    const b = f.bbo[j] as Bbo;
    spread.push((1e4 * (b.ask - b.bid)) / ((b.ask + b.bid) / 2));
  }
  return { fills: fillsOnly(f), mid: { startMs, stepMs: 1000, values: previousTickGrid(t, mid, startMs, 1000, b1) }, spreadBp: Float64Array.from(spread) };
}

/** The exchange-time fills as the moment code takes them (without the receive clock). */
function fillsOnly(f: Feed): Fills {
  return { t: f.fills.t, sign: f.fills.sign, size: f.fills.size };
}

/** Mid on a 1 s receive-clock grid and the fills on the same clock (for {@link kyleLambda}). */
export function feedLambdaInputs(f: Feed): { fillMs: Float64Array; signedSize: Float64Array; mid: PriceGrid } | null {
  const m = feedMomentInputs(f).mid;
  if (m === undefined) return null;
  const signed = Float64Array.from(f.fills.size, (q, i) => q * (f.fills.sign[i] as number));
  return { fillMs: f.fills.localMs, signedSize: signed, mid: m };
}
