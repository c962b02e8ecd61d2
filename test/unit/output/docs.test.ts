/**
 * docs/output.md documents every table and column with its type and unit: its generated section
 * must equal what src/output/docs.ts produces from model/tables.ts.
 * Regenerate with GAMMALOOP_UPDATE_DOCS=1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_TABLES, TRADES } from '../../../src/model/tables.js';
import { currentSection, replaceSection, tableMarkdown, tablesMarkdown, typeText } from '../../../src/output/docs.js';

const DOC = path.join(import.meta.dirname, '..', '..', '..', 'docs', 'output.md');

describe('docs/output.md tables section', () => {
  it('is generated from the current table specs', () => {
    const text = fs.readFileSync(DOC, 'utf8');
    const generated = tablesMarkdown(ALL_TABLES);
    if (process.env['GAMMALOOP_UPDATE_DOCS'] === '1') fs.writeFileSync(DOC, replaceSection(text, generated));
    expect(currentSection(fs.readFileSync(DOC, 'utf8'))).toBe(generated);
  });

  it('lists every column of every table with its unit', () => {
    const generated = tablesMarkdown(ALL_TABLES);
    for (const spec of ALL_TABLES) {
      expect(generated).toContain(`### ${spec.name}`);
      for (const c of spec.columns) expect(generated).toContain(`| \`${c.name}\` | ${typeText(c.type).replace(/\|/g, '\\|')} |`);
    }
    expect(tableMarkdown(TRADES)).toContain('| `price` | float64 | quote | Trade price. |');
  });

  const TYPES: readonly (readonly [string, Parameters<typeof typeText>[0], string])[] = [
    ['int64', { kind: 'i64' }, 'int64'],
    ['agents dictionary', { kind: 'dict', dict: 'agents' }, 'dictionary<int32, utf8> of agents'],
    ['small enum', { kind: 'enum', values: ['sell', 'buy'] }, 'dictionary<int8, utf8>: sell, buy'],
    ['sparse enum', { kind: 'enum', values: ['', 'a', '', 'b'] }, 'dictionary<int8, utf8>: 1=a, 3=b'],
  ];
  it.each(TYPES)('types: %s', (_n, type, text) => {
    expect(typeText(type)).toBe(text);
  });
});
