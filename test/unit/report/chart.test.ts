/**
 * The SVG chart module: pixel scaling of lines (default 880 x 260 viewBox, plot area x 72..816,
 * y 232..28), NaN gaps, step lines, bars around zero, markers, empty and all-NaN series, the
 * right axis, bands, rules, escaping, decimation that keeps extremes, and byte-identical output.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderChart, type ChartSpec } from '../../../src/report/svg/chart.js';
import { decimate, linePath, px } from '../../../src/report/svg/path.js';

const END = 1000;
const base = (over: Partial<ChartSpec> = {}): ChartSpec => ({ title: 'T', startNs: 0, endNs: END, series: [], yLabel: 'y', ...over });
/** The d attributes of the series paths (those carrying a <title>). */
const seriesPaths = (svg: string): string[] => [...svg.matchAll(/<path d="([^"]*)"[^>]*><title>/g)].map((m) => m[1] as string);

describe('renderChart', () => {
  test('a line from (0, 0) to (end, 10) spans the plot area corner to corner', () => {
    const svg = renderChart(base({ series: [{ name: 'a', kind: 'line', x: [0, END], y: [0, 10], color: '#000' }] }));
    expect(seriesPaths(svg)).toEqual(['M72.0 232.0L816.0 28.0']);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 880 260" width="100%" role="img"/);
    expect(svg).toContain('<title>T</title>');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  test('a midpoint lands in the middle: x 444, y at its share of the nice domain', () => {
    // y domain [0, 10] (step 2): 5 is halfway, 130 px.
    const svg = renderChart(base({ series: [{ name: 'a', kind: 'line', x: [0, END / 2, END], y: [0, 5, 10], color: '#000' }] }));
    expect(seriesPaths(svg)).toEqual(['M72.0 232.0L444.0 130.0L816.0 28.0']);
  });

  test('NaN splits a line into separate segments (a gap, not a drop to zero)', () => {
    const svg = renderChart(base({ series: [{ name: 'a', kind: 'line', x: [0, 250, 500, 750, END], y: [0, 10, Number.NaN, 10, 0], color: '#000' }] }));
    const [d] = seriesPaths(svg);
    expect(d?.match(/M/g)?.length).toBe(2);
    expect(d).toBe('M72.0 232.0L258.0 28.0M630.0 28.0L816.0 232.0');
  });

  test('a step line holds each value until the next point', () => {
    const svg = renderChart(base({ series: [{ name: 's', kind: 'step', x: [0, 500, END], y: [0, 10, 5], color: '#000' }] }));
    expect(seriesPaths(svg)).toEqual(['M72.0 232.0H444.0V28.0H816.0V130.0']);
  });

  test('bars grow from zero in both directions; zero bars are not drawn', () => {
    const svg = renderChart(base({ zeroLeft: true, series: [{ name: 'b', kind: 'bars', x: [250, 500, 750], y: [2, 0, -2], color: '#0a0', barWidthNs: 100 }] }));
    // Domain [-2, 2]: zero at y 130, +2 at 28, -2 at 232. A 100 ns bar is 74.4 px wide.
    expect(seriesPaths(svg)).toEqual(['M220.8 28.0h74.4v102.0h-74.4zM592.8 130.0h74.4v102.0h-74.4z']);
  });

  test('markers draw one triangle per finite point', () => {
    const svg = renderChart(base({ series: [{ name: 'm', kind: 'markers', x: [100, 200, 300], y: [1, Number.NaN, 3], color: '#c00' }] }));
    expect(seriesPaths(svg)[0]?.match(/z/g)?.length).toBe(2);
  });

  test.each([
    { name: 'no series', series: [] },
    { name: 'an empty series', series: [{ name: 'e', kind: 'line' as const, x: [], y: [], color: '#000' }] },
    { name: 'an all-NaN series', series: [{ name: 'n', kind: 'line' as const, x: [0, 1], y: [Number.NaN, Number.NaN], color: '#000' }] },
    { name: 'all-zero bars', series: [{ name: 'z', kind: 'bars' as const, x: [0, 1], y: [0, 0], color: '#000' }] },
  ])('$name: axes and "no data", no series path', ({ series }) => {
    const svg = renderChart(base({ series }));
    expect(svg).toContain('>no data</text>');
    expect(seriesPaths(svg)).toEqual([]);
    expect(svg).toContain('>0:00:00</text>');
  });

  test('the right axis has its own domain and label', () => {
    const svg = renderChart(base({
      y2Label: 'USD',
      series: [
        { name: 'count', kind: 'line', x: [0, END], y: [0, 10], color: '#000' },
        { name: 'fund', kind: 'line', x: [0, END], y: [50_000, 10_000], color: '#555', axis: 'right' },
      ],
    }));
    expect(seriesPaths(svg)[1]).toBe('M72.0 28.0L816.0 232.0');
    expect(svg).toContain('>50,000</text>');
    expect(svg).toContain('>USD</text>');
    expect(svg).toContain('fund (right axis)');
  });

  test('bands and rules are drawn in the plot area with escaped labels', () => {
    const svg = renderChart(base({
      title: 'a <b> & "c"',
      bands: [{ fromNs: 250, toNs: 500, color: '#f00', label: 'cascade' }],
      rules: [{ atNs: 500, label: 'shock<1>', color: '#609' }],
      series: [{ name: 'a', kind: 'line', x: [0, END], y: [0, 1], color: '#000' }],
    }));
    expect(svg).toContain('<rect x="258.0" y="28.0" width="186.0" height="204.0" fill="#f00"');
    expect(svg).toContain('<line x1="444.0" x2="444.0" y1="28.0" y2="232.0"');
    expect(svg).toContain('shock&lt;1&gt;');
    expect(svg).toContain('<title>a &lt;b&gt; &amp; &quot;c&quot;</title>');
    expect(svg).not.toMatch(/<script/i);
  });

  test('the same spec gives the same bytes', () => {
    const spec = base({ series: [{ name: 'a', kind: 'line', x: [0, 300, END], y: [1.5, 2.25, 1.75], color: '#000' }] });
    expect(renderChart(spec)).toBe(renderChart(spec));
  });
});

describe('decimate and linePath', () => {
  const sx = (v: number): number => v / 10; // 10 points per pixel column

  test('short series are kept whole', () => {
    expect(decimate([0, 1, 2], [1, 2, 3], sx, 100)).toEqual([0, 1, 2]);
  });

  test('long series keep every column\'s first, lowest, highest and last point, and NaNs (property)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN)), { minLength: 50, maxLength: 400 }), (ys) => {
      const xs = ys.map((_, i) => i);
      const kept = decimate(xs, ys, sx, 4);
      const set = new Set(kept);
      const ascending = kept.every((v, k) => k === 0 || v > (kept[k - 1] as number));
      const finite = ys.map((v, i) => [v, i] as const).filter(([v]) => Number.isFinite(v));
      if (finite.length === 0) return ascending;
      const lo = Math.min(...finite.map(([v]) => v));
      const hi = Math.max(...finite.map(([v]) => v));
      const nanKept = ys.every((v, i) => Number.isFinite(v) || set.has(i));
      return ascending && nanKept && kept.some((i) => ys[i] === lo) && kept.some((i) => ys[i] === hi);
    }));
  });

  test('px prints one decimal and never -0.0', () => {
    expect([px(1.25), px(-0.01), px(3)]).toEqual(['1.3', '0.0', '3.0']);
  });

  test('linePath skips non-finite x as a gap', () => {
    const id = (v: number): number => v;
    expect(linePath([0, Number.NaN, 2], [1, 1, 1], [0, 1, 2], id, id)).toBe('M0.0 1.0M2.0 1.0');
  });
});
