/**
 * The moment table of docs/calibration.md, generated from {@link MOMENTS} so the documentation
 * cannot drift from the definitions (test/unit/analysis/moments/doc.test.ts compares them).
 */
import { MOMENTS } from './defs.js';

export const MOMENTS_DOC_BEGIN = '<!-- generated from src/analysis/moments/defs.ts: moments begin -->';
export const MOMENTS_DOC_END = '<!-- generated from src/analysis/moments/defs.ts: moments end -->';

/** The generated section, markers included. */
export function momentsMarkdown(): string {
  const rows = MOMENTS.map((m) => `| \`${m.name}\` | ${m.unit} | ${m.needs} | ${m.definition.replace(/\|/g, '\\|')} |`);
  return [MOMENTS_DOC_BEGIN, '', '| moment | unit | needs | definition |', '|---|---|---|---|', ...rows, '', MOMENTS_DOC_END].join('\n');
}
