/** Edit distance, "did you mean" and the printed error format. */
import { describe, expect, test } from 'vitest';
import { didYouMean, editDistance, formatErrors, ScenarioError, type ScenarioIssue } from '../../../src/scenario/errors.js';

describe('editDistance', () => {
  test.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['levrage', 'leverage', 1],
    ['nosie', 'noise', 1], // a transposition is one edit
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ] as const)('%s -> %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('didYouMean', () => {
  const keys = ['leverage', 'max_leverage', 'count', 'venue', 'instrument', 'tick_size', 'taker_fee_bps'];
  test.each([
    ['levrage', keys, 'leverage'], // a whole-word match beats a tail match
    ['levrage', ['max_leverage', 'count'], 'max_leverage'], // matched by its snake_case tail
    ['cuont', keys, 'count'],
    ['Venue', keys, 'venue'],
    ['tick', keys, undefined], // too far from everything
    ['zzz', keys, undefined],
    ['a', ['b', 'c'], 'b'], // one edit allowed on short words, ties alphabetical
  ] as const)('%s', (word, candidates, expected) => {
    expect(didYouMean(word, candidates)).toBe(expected);
  });
});

describe('formatErrors', () => {
  const issues: ScenarioIssue[] = [
    { source: '--set a.b', rank: 2, path: 'a.b', message: 'flag problem' },
    { source: 'child.yaml', rank: 0, line: 9, col: 3, path: 'x', message: 'later line' },
    { source: 'base.yaml', rank: 1, line: 1, col: 1, path: '', message: 'whole file' },
    { source: 'child.yaml', rank: 0, line: 2, col: 5, path: 'y.z', message: 'earlier line' },
    { source: 'child.yaml', rank: 0, line: 2, col: 5, path: 'y.z', message: 'earlier line' },
  ];
  test('one line per distinct issue, sorted by source rank then position', () => {
    expect(formatErrors(issues).split('\n')).toEqual([
      'child.yaml:2:5  y.z: earlier line',
      'child.yaml:9:3  x: later line',
      'base.yaml:1:1  whole file',
      '--set a.b  a.b: flag problem',
    ]);
  });
  test('ScenarioError carries the issues and exit code 2', () => {
    const e = new ScenarioError(issues);
    expect(e.exitCode).toBe(2);
    expect(e.issues).toBe(issues);
    expect(e.message).toBe(formatErrors(issues));
    expect(e).toBeInstanceOf(Error);
  });
});
