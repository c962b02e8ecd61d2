/** Bar files: the kline JSON and CSV layouts, located errors, and gaps on the grid. */
import { describe, expect, it } from 'vitest';
import { BarsFormatError, barsToGrid, parseBarsCsv, parseKlineJson } from '../../../../src/analysis/moments/index.js';

const MIN = 60_000;

describe('bar parsers', () => {
  it('kline JSON [open_time_ms, open, high, low, close, volume]; numbers may be strings (Binance REST)', () => {
    const bars = parseKlineJson('[[0,"1","2","0.5","1.5","10"],[60000,1.5,2,1,1.8,20,999]]');
    expect(bars).toEqual([
      { openTimeMs: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
      { openTimeMs: MIN, open: 1.5, high: 2, low: 1, close: 1.8, volume: 20 },
    ]);
  });
  it('CSV with a header: epoch ms or ISO-8601 times, optional columns, any order', () => {
    const bars = parseBarsCsv('close,time,volume\n100,2021-04-02T00:00:00Z,5\n101,2021-04-02T00:01:00Z,6\n');
    expect(bars.map((b) => [b.openTimeMs, b.close, b.volume, b.open])).toEqual([
      [Date.UTC(2021, 3, 2), 100, 5, 100],
      [Date.UTC(2021, 3, 2, 0, 1), 101, 6, 101],
    ]);
  });
  it('errors name the file, line and column', () => {
    expect(() => parseBarsCsv('open_time_ms,close\n0,1\n60000,abc\n', 'bars.csv')).toThrow('bars.csv:3:2: close is not a number');
    expect(() => parseBarsCsv('when,close\n', 'bars.csv')).toThrow(/bars\.csv:1:1: header must name a time column/);
    expect(() => parseBarsCsv('time,close\nyesterday,1\n', 'b.csv')).toThrow('b.csv:2:1: time is neither epoch ms nor ISO-8601');
    expect(() => parseKlineJson('[[0,1,2,3]]', 'k.json')).toThrow(BarsFormatError);
    expect(() => parseKlineJson('{', 'k.json')).toThrow(/k\.json:1:1: not JSON/);
  });
});

describe('barsToGrid', () => {
  it('sorts, keeps the last duplicate, marks missing minutes NaN, cuts a window', () => {
    const b = (m: number, close: number) => ({ openTimeMs: m * MIN, open: close, high: close, low: close, close, volume: m });
    const g = barsToGrid([b(3, 13), b(0, 10), b(1, 11), b(1, 11.5)]);
    expect(g.startMs).toBe(0);
    expect(g.stepMs).toBe(MIN);
    expect([...g.values]).toEqual([10, 11.5, Number.NaN, 13]);
    expect([...(g.volume ?? [])]).toEqual([0, 1, 0, 3]);
    expect([...barsToGrid([b(0, 10), b(1, 11), b(2, 12)], MIN, 2 * MIN).values]).toEqual([11]);
  });
});
