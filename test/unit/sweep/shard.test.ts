/** `--shard`: explicit i/n, the index from Slurm or Kubernetes, and the errors (exit 2). */
import { describe, expect, test } from 'vitest';
import { parseShard } from '../../../src/cli/sweep/shard.js';
import { CliError } from '../../../src/cli/errors.js';

describe('parseShard', () => {
  const good: ReadonlyArray<readonly [string, string, NodeJS.ProcessEnv, { index: number; count: number }]> = [
    ['explicit', '2/5', {}, { index: 2, count: 5 }],
    ['explicit wins over the environment', '1/3', { SLURM_ARRAY_TASK_ID: '2' }, { index: 1, count: 3 }],
    ['auto/n from Slurm', 'auto/4', { SLURM_ARRAY_TASK_ID: '3' }, { index: 3, count: 4 }],
    ['auto/n from a Kubernetes Indexed Job', 'auto/4', { JOB_COMPLETION_INDEX: '0' }, { index: 0, count: 4 }],
    ['Slurm first when both are set', 'auto/4', { SLURM_ARRAY_TASK_ID: '1', JOB_COMPLETION_INDEX: '2' }, { index: 1, count: 4 }],
    ['auto: index and count from a Slurm array', 'auto', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '3' }, { index: 2, count: 3 }],
  ];
  test.each(good)('%s', (_name, flag, env, shard) => expect(parseShard(flag, env)).toEqual(shard));
  test('absent flag: no shard', () => expect(parseShard(undefined, { SLURM_ARRAY_TASK_ID: '1' })).toBeUndefined());
  const bad: ReadonlyArray<readonly [string, string, NodeJS.ProcessEnv, RegExp]> = [
    ['index not below count', '3/3', {}, /index 3 is not below the count 3/],
    ['zero shards', '0/0', {}, /at least 1/],
    ['auto without the environment', 'auto/2', {}, /none of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX is set/],
    ['auto without a count outside Slurm', 'auto', { JOB_COMPLETION_INDEX: '1' }, /give the shard count/],
    ['an index without a count', '2', {}, /give the shard count/],
    ['garbage', 'a/b', {}, /must be a non-negative integer/],
    ['too many parts', '1/2/3', {}, /expected i\/n/],
    ['a 1-based array index past the end', 'auto/4', { SLURM_ARRAY_TASK_ID: '4' }, /number array tasks 0..3/],
  ];
  test.each(bad)('rejects %s (usage error)', (_name, flag, env, message) => {
    expect(() => parseShard(flag, env)).toThrow(CliError);
    expect(() => parseShard(flag, env)).toThrow(message);
  });
});
