/**
 * The "Summary metrics" section of docs/output.md, generated from {@link METRICS} so the docs
 * cannot drift from the one definition (a test compares them).
 */
import { METRICS } from './metrics.js';

export const METRICS_DOC_BEGIN = '<!-- generated from src/analysis/metrics.ts: metrics begin -->';
export const METRICS_DOC_END = '<!-- generated from src/analysis/metrics.ts: metrics end -->';

/** The generated section, markers included. */
export function metricsMarkdown(): string {
  const rows = METRICS.map((m) => `| \`${m.name}\` | ${m.unit} | ${m.definition.replace(/\|/g, '\\|')} |`);
  return [
    METRICS_DOC_BEGIN,
    '',
    'Defined once in `src/analysis/metrics.ts`; the `summary` table (one row), `run --json`, sweeps',
    '(`summary.arrow`) and `compare` all read that list. A metric that cannot be computed (no data,',
    'no expiry inside the run) is NaN in Arrow and null in JSON.',
    '',
    'The reference book is the first venue\'s first perp (else its first instrument). Realized',
    'volatility is annualized over a 24/7, 365-day year. **Cascade joining rule**: liquidation',
    'triggers sorted by time form one cascade while each trigger comes within 60 s of the previous',
    'trigger in it; a cascade\'s *rounds* are its distinct trigger timestamps (triggers found by one',
    'mark-price check share a timestamp; a trigger caused by the impact of earlier liquidation fills',
    'comes later).',
    '',
    '| metric | unit | definition |',
    '|---|---|---|',
    ...rows,
    '',
    METRICS_DOC_END,
  ].join('\n');
}

/** `text` with its metrics section replaced (appended under a heading when absent). */
export function withMetricsSection(text: string): string {
  const begin = text.indexOf(METRICS_DOC_BEGIN);
  const end = text.indexOf(METRICS_DOC_END);
  if (begin < 0 || end < begin) return `${text.trimEnd()}\n\n## Summary metrics\n\n${metricsMarkdown()}\n`;
  return text.slice(0, begin) + metricsMarkdown() + text.slice(end + METRICS_DOC_END.length);
}
