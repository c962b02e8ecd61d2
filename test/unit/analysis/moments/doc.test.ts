/** docs/calibration.md lists every moment exactly as src/analysis/moments/defs.ts defines it. Regenerate with GAMMALOOP_UPDATE_DOCS=1. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOMENTS_DOC_BEGIN, MOMENTS_DOC_END, momentsMarkdown } from '../../../../src/analysis/moments/index.js';

const DOC = path.join(import.meta.dirname, '..', '..', '..', '..', 'docs', 'calibration.md');

describe('docs/calibration.md moment table', () => {
  it('is generated from the moment definitions', () => {
    const text = fs.readFileSync(DOC, 'utf8');
    const a = text.indexOf(MOMENTS_DOC_BEGIN);
    const b = text.indexOf(MOMENTS_DOC_END);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
    const generated = momentsMarkdown();
    if (process.env['GAMMALOOP_UPDATE_DOCS'] === '1') fs.writeFileSync(DOC, text.slice(0, a) + generated + text.slice(b + MOMENTS_DOC_END.length));
    const now = fs.readFileSync(DOC, 'utf8');
    expect(now.slice(now.indexOf(MOMENTS_DOC_BEGIN), now.indexOf(MOMENTS_DOC_END) + MOMENTS_DOC_END.length)).toBe(generated);
  });
});
