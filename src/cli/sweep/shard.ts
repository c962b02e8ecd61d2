/**
 * `--shard` values: `i/n` (explicit), `auto/n` (index from the scheduler's environment) or
 * `auto` (index and count from a Slurm job array). The index comes from SLURM_ARRAY_TASK_ID,
 * else JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs); arrays must be numbered 0..n-1.
 */
import type { Shard } from '../../run/sweep/index.js';
import { usageError } from '../errors.js';

const INDEX_VARS = ['SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX'] as const;

function integer(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim())) throw usageError(`--shard: ${what} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text.trim());
}

/** Parses `--shard` against `env`; undefined when the flag is absent. */
export function parseShard(flag: string | undefined, env: NodeJS.ProcessEnv): Shard | undefined {
  if (flag === undefined) return undefined;
  const [iText, nText, ...rest] = flag.split('/');
  if (iText === undefined || rest.length > 0) throw usageError(`--shard: expected i/n, auto/n or auto, got ${JSON.stringify(flag)}`);
  let index: number;
  if (iText.trim() === 'auto') {
    const from = INDEX_VARS.find((v) => env[v] !== undefined && env[v] !== '');
    if (from === undefined) throw usageError(`--shard ${flag}: none of ${INDEX_VARS.join(', ')} is set (give the index: --shard i/n)`);
    index = integer(env[from] as string, from);
  } else {
    index = integer(iText, 'the index');
  }
  let count: number;
  if (nText !== undefined) count = integer(nText, 'the count');
  else if (iText.trim() === 'auto' && env['SLURM_ARRAY_TASK_COUNT'] !== undefined) count = integer(env['SLURM_ARRAY_TASK_COUNT'], 'SLURM_ARRAY_TASK_COUNT');
  else throw usageError(`--shard ${flag}: give the shard count, e.g. --shard ${iText}/4`);
  if (count < 1) throw usageError('--shard: the count must be at least 1');
  if (index >= count) throw usageError(`--shard: index ${index} is not below the count ${count} (number array tasks 0..${count - 1})`);
  return { index, count };
}
