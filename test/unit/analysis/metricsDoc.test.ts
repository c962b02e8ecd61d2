import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../../src/analysis/metrics.js';
import { metricsMarkdown, withMetricsSection } from '../../../src/analysis/metricsDoc.js';

const DOC = new URL('../../../docs/output.md', import.meta.url);

describe('docs/output.md summary metrics', () => {
  it('defines every metric, generated from analysis/metrics.ts (GAMMALOOP_UPDATE_DOCS=1 rewrites it)', () => {
    const text = readFileSync(DOC, 'utf8');
    const updated = withMetricsSection(text);
    if (process.env['GAMMALOOP_UPDATE_DOCS'] === '1' && updated !== text) writeFileSync(DOC, updated);
    expect(readFileSync(DOC, 'utf8')).toContain(metricsMarkdown());
    for (const m of METRICS) expect(metricsMarkdown()).toContain(`\`${m.name}\``);
  });

  it('replaces a stale section instead of appending a second one', () => {
    const stale = withMetricsSection('# doc\n').replace('rv_index_1m', 'rv_stale');
    const fixed = withMetricsSection(stale);
    expect(fixed).not.toContain('rv_stale');
    expect(fixed.split('## Summary metrics').length).toBe(2);
  });
});
