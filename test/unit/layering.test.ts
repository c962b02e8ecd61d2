/**
 * Layering (DESIGN.md section 1): each top folder of src/ may import only the folders listed
 * below. TypeScript 7 has no compiler API, so import lines are found with regular expressions
 * (static `import`, `import type`, side-effect imports, `export ... from`, dynamic `import()`).
 */
import { describe, expect, it } from 'vitest';
import { posix } from 'node:path';
import { blankComments, lineOf, listSourceFiles, readSource } from './sourceScan.js';

/** Who may import whom. A folder may always import itself; files directly in src/ import anything. */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  engine: [],
  model: ['engine'],
  book: ['model'],
  instruments: ['model', 'engine'],
  venue: ['book', 'instruments', 'model', 'engine'],
  agents: ['model', 'instruments', 'engine'],
  output: ['model', 'engine'],
  analysis: ['model', 'output'],
  scenario: ['model', 'engine', 'instruments', 'venue', 'agents'],
  run: ['scenario', 'output', 'analysis', 'model', 'engine', 'instruments', 'venue', 'agents', 'book'],
  report: ['analysis', 'output', 'model'],
  science: ['run', 'scenario', 'output', 'analysis', 'model', 'engine', 'instruments', 'venue', 'agents', 'book'],
  cli: ['engine', 'model', 'book', 'instruments', 'venue', 'agents', 'output', 'analysis', 'scenario', 'run', 'report', 'science', '<src>'],
};

const IMPORT_PATTERNS: readonly RegExp[] = [
  /\bimport\s+(?:type\s+)?[\w$*{}\s,]+?\s+from\s*(['"])([^'"]+)\1/g, // import x / {a} / * as n / type ... from
  /\bimport\s*(['"])([^'"]+)\1/g, // side-effect import
  /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(['"])([^'"]+)\1/g,
  /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g, // dynamic import with a literal
];

export interface ImportEdge {
  readonly line: number;
  readonly specifier: string;
}

/** Every module specifier imported or re-exported by `text`, with its line. */
export function findImports(text: string): ImportEdge[] {
  const code = blankComments(text);
  const edges: ImportEdge[] = [];
  for (const re of IMPORT_PATTERNS) {
    for (const m of code.matchAll(re)) edges.push({ line: lineOf(code, m.index), specifier: m[2] as string });
  }
  return edges.sort((a, b) => a.line - b.line || a.specifier.localeCompare(b.specifier));
}

/** Top folder of a path relative to src/ ('<src>' for files directly in src/). */
function topOf(relPath: string): string {
  const i = relPath.indexOf('/');
  return i === -1 ? '<src>' : relPath.slice(0, i);
}

/** Layering violations of one file (`relPath` relative to src/), as readable lines. */
export function layeringViolations(relPath: string, text: string): string[] {
  const from = topOf(relPath);
  if (from === '<src>') return [];
  const allowed = ALLOWED[from];
  if (allowed === undefined) return [`src/${relPath}: folder "${from}" is not in the layering table (add it to DESIGN.md and this test)`];
  const out: string[] = [];
  for (const { line, specifier } of findImports(text)) {
    if (!specifier.startsWith('.')) continue; // packages and node: builtins
    const target = posix.normalize(posix.join(posix.dirname(relPath), specifier));
    if (target.startsWith('..')) {
      out.push(`src/${relPath}:${line}: imports "${specifier}", outside src/`);
      continue;
    }
    const to = topOf(target);
    if (to !== from && !allowed.includes(to)) out.push(`src/${relPath}:${line}: ${from} -> ${to} ("${specifier}") is not allowed`);
  }
  return out;
}

describe('layering checker (self-test)', () => {
  const cases: ReadonlyArray<readonly [string, number, string, string]> = [
    ['agents importing venue', 1, 'agents/x.ts', "import { V } from '../venue/v.js';"],
    ['agents importing book by type', 1, 'agents/x.ts', "import type { B } from '../book/b.js';"],
    ['a multi-line import', 1, 'book/x.ts', "import {\n  a,\n  b,\n} from '../engine/kernel.js';"],
    ['export-from', 1, 'engine/x.ts', "export * from '../model/units.js';"],
    ['export-type-from', 1, 'engine/x.ts', "export type { T } from '../model/units.js';"],
    ['dynamic import', 1, 'output/x.ts', "const m = await import('../scenario/s.js');"],
    ['side-effect import', 1, 'model/x.ts', "import '../book/b.js';"],
    ['the src index from a folder', 1, 'venue/x.ts', "import { x } from '../index.js';"],
    ['a path outside src', 1, 'engine/x.ts', "import x from '../../bench/run.js';"],
    ['an unknown folder', 1, 'newthing/x.ts', "import x from './y.js';"],
    ['an allowed import', 0, 'venue/x.ts', "import { K } from '../engine/kernel.js';\nimport type { B } from '../book/b.js';"],
    ['the same folder', 0, 'agents/a/x.ts', "import { y } from '../y.js';\nimport { z } from './z.js';"],
    ['a package', 0, 'engine/x.ts', "import seedrandom from 'seedrandom';\nimport { join } from 'node:path';"],
    ['a commented-out import', 0, 'agents/x.ts', "// import { V } from '../venue/v.js';\n/* import('../book/b.js') */"],
    ['files directly in src/', 0, 'index.ts', "export * from './venue/index.js';"],
    ['cli importing everything', 0, 'cli/main.ts', "import { a } from '../run/r.js';\nimport { b } from '../index.js';"],
  ];
  it.each(cases)('%s: %d violation(s)', (_name, count, path, text) => {
    expect(layeringViolations(path, text)).toHaveLength(count);
  });
  it('reports the file, line and edge', () => {
    expect(layeringViolations('agents/dealer.ts', "\n\nimport { Book } from '../book/orderBook.js';")).toEqual([
      'src/agents/dealer.ts:3: agents -> book ("../book/orderBook.js") is not allowed',
    ]);
  });
});

describe('layering of src/', () => {
  it('every import edge of src/ is allowed by DESIGN.md section 1', () => {
    const files = listSourceFiles();
    expect(files.length).toBeGreaterThan(10);
    const violations = files.flatMap((f) => layeringViolations(f, readSource(f)));
    expect(violations).toEqual([]);
  });
});
