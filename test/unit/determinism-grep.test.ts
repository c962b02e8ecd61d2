/**
 * Determinism: simulation code must not read the wall clock, schedule host timers or use host
 * randomness. Only src/cli/ may (src/run/ gets a clock handed to it by cli). A line ending in
 * `// determinism-ok: <reason>` is exempt. Comments are ignored (prose may name the APIs).
 */
import { describe, expect, it } from 'vitest';
import { blankComments, listSourceFiles, readSource } from './sourceScan.js';

const FORBIDDEN: ReadonlyArray<readonly [string, RegExp]> = [
  ['Math.random', /\bMath\s*\.\s*random\b/],
  ['Date.now', /\bDate\s*\.\s*now\b/],
  ['new Date(', /\bnew\s+Date\s*\(/],
  ['performance.now', /\bperformance\s*\.\s*now\b/],
  ['process.hrtime', /\bprocess\s*\.\s*hrtime\b/],
  ['setTimeout', /\bsetTimeout\b/],
  ['setInterval', /\bsetInterval\b/],
  ['setImmediate', /\bsetImmediate\b/],
  ['crypto.random', /\bcrypto\s*\.\s*random/],
  ['randomUUID', /\brandomUUID\b/],
  ['getRandomValues', /\bgetRandomValues\b/],
];

const EXEMPT = /\/\/\s*determinism-ok:\s*\S/;
const ALLOWED_DIRS = ['cli/'];

/** Forbidden uses in one file (`relPath` relative to src/), as `file:line: what`. */
export function determinismViolations(relPath: string, text: string): string[] {
  if (ALLOWED_DIRS.some((d) => relPath.startsWith(d))) return [];
  const raw = text.split('\n');
  const code = blankComments(text).split('\n');
  const out: string[] = [];
  code.forEach((line, i) => {
    if (EXEMPT.test(raw[i] as string)) return;
    for (const [what, re] of FORBIDDEN) if (re.test(line)) out.push(`src/${relPath}:${i + 1}: ${what}`);
  });
  return out;
}

describe('determinism grep (self-test)', () => {
  const cases: ReadonlyArray<readonly [string, number, string, string]> = [
    ['Math.random', 1, 'agents/x.ts', 'const u = Math.random();'],
    ['Date.now', 1, 'run/x.ts', 'const t = Date.now();'],
    ['new Date()', 1, 'model/x.ts', 'const d = new Date();'],
    ['performance.now', 1, 'engine/x.ts', 'const t = performance.now();'],
    ['process.hrtime.bigint', 1, 'engine/x.ts', 'const t = process.hrtime.bigint();'],
    ['timers', 3, 'venue/x.ts', 'setTimeout(f, 1); setInterval(f, 1); setImmediate(f);'],
    ['crypto', 2, 'output/x.ts', "import { randomUUID } from 'node:crypto';\nconst b = crypto.getRandomValues(a);"],
    ['crypto.randomBytes', 1, 'output/x.ts', 'const b = crypto.randomBytes(8);'],
    ['an exempt line', 0, 'model/x.ts', 'new Date(ms).toISOString(); // determinism-ok: formats a given instant'],
    ['an empty exemption', 1, 'model/x.ts', 'new Date(ms); // determinism-ok:'],
    ['src/cli', 0, 'cli/main.ts', 'const t = Date.now();'],
    ['a comment', 0, 'engine/x.ts', '// never Math.random here\n/** not Date.now either */'],
    ['a look-alike name', 0, 'engine/x.ts', 'const mySetTimeoutNs = 5; const nowDate = 1;'],
  ];
  it.each(cases)('%s: %d violation(s)', (_name, count, path, text) => {
    expect(determinismViolations(path, text)).toHaveLength(count);
  });
  it('names file and line', () => {
    expect(determinismViolations('agents/noise.ts', 'a\nb\nconst u = Math.random();')).toEqual(['src/agents/noise.ts:3: Math.random']);
  });
});

describe('determinism of src/', () => {
  it('no wall clock, host timers or host randomness outside src/cli/', () => {
    const files = listSourceFiles();
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((f) => determinismViolations(f, readSource(f)))).toEqual([]);
  });
});
