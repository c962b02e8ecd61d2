/** The category bar chart: bar geometry from zero, CI whiskers, NaN bars, empty input, escaping. */
import { describe, expect, test } from 'vitest';
import { renderBars, type BarChartSpec } from '../../../src/report/svg/bars.js';

// Default 420 x 200: plot x 64..408, y 170 (bottom) .. 12 (top).
const spec = (over: Partial<BarChartSpec> = {}): BarChartSpec => ({ title: 'm by cell', categories: ['a', 'b'], values: [10, 5], yLabel: 'count', color: '#00f', ...over });
const rects = (svg: string): string[] => [...svg.matchAll(/<rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)" fill="#00f"/g)].map((m) => m.slice(1).join(' '));

describe('renderBars', () => {
  test('bars rise from zero to their value on a nice domain', () => {
    // Domain [0, 10]: 10 is the full 158 px, 5 half of it. Slots of 172 px, bars 48 px wide.
    const svg = renderBars(spec());
    expect(rects(svg)).toEqual(['126.0 12.0 48.0 158.0', '298.0 91.0 48.0 79.0']);
    expect(svg).toContain('<title>m by cell</title>');
    expect(svg).toContain('>a</text>');
  });

  test('negative values hang below zero; whiskers draw the interval', () => {
    const svg = renderBars(spec({ values: [-2, 2], low: [-3, 1], high: [-1, 3] }));
    // Four intervals of a nice step: domain [-4, 4] in 158 px, zero at 91, so -2 is 39.5 px down.
    expect(rects(svg)[0]).toBe('126.0 91.0 48.0 39.5');
    expect((svg.match(/<path d="M/g) ?? []).length).toBe(2);
  });

  test('a NaN value draws no bar; no finite value says "no data"', () => {
    expect(rects(renderBars(spec({ values: [Number.NaN, 4] })))).toHaveLength(1);
    const empty = renderBars(spec({ values: [Number.NaN, Number.NaN] }));
    expect(rects(empty)).toEqual([]);
    expect(empty).toContain('>no data</text>');
    expect(renderBars(spec({ categories: [], values: [] }))).toContain('>no data</text>');
  });

  test('labels are escaped and output is deterministic', () => {
    const s = spec({ categories: ['<x>', 'b&c'] });
    expect(renderBars(s)).toContain('&lt;x&gt;');
    expect(renderBars(s)).toBe(renderBars(s));
  });
});
