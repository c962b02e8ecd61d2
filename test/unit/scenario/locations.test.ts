/**
 * Location mapping over a whole file: a stray key inserted before any block key, at any depth
 * (top level, a section, a venue, an agent group, the groups map itself), is reported on
 * exactly its own line, in the file that holds it, whether that file is the main one or a base.
 */
import { describe, expect, test } from 'vitest';
import { ScenarioError } from '../../../src/scenario/errors.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { MINIMAL, memFiles } from './memFiles.js';
import { TEST_KINDS } from './testKinds.js';

const lines = MINIMAL.split('\n');
const insertionPoints = lines.flatMap((line, i) => {
  const m = /^( *)[a-z_]+:/.exec(line);
  return m ? [{ index: i, indent: m[1] ?? '' }] : [];
});

function errorsFor(files: Record<string, string>, main: string): ScenarioError {
  try {
    loadScenario(main, { kinds: TEST_KINDS, readText: memFiles(files) });
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('loaded without errors');
}

describe('a stray key is reported on its own line', () => {
  test('the fixture has insertion points at every depth', () => {
    expect(new Set(insertionPoints.map((p) => p.indent.length))).toEqual(new Set([0, 2, 4]));
  });

  test.each(insertionPoints.map((p) => [p.index + 1, p] as const))('inserted before line %i', (_line, p) => {
    const text = [...lines.slice(0, p.index), `${p.indent}zzq_stray: 1`, ...lines.slice(p.index)].join('\n');
    for (const [files, main, where] of [
      [{ 's/main.yaml': text }, 's/main.yaml', 's/main.yaml'],
      [{ 's/base.yaml': text, 's/child.yaml': 'extends: base.yaml\n' }, 's/child.yaml', 's/base.yaml'],
    ] as const) {
      const err = errorsFor(files, main);
      expect(err.issues.map((i) => [i.source, i.line])).toEqual([[where, p.index + 1]]);
    }
  });
});
