/**
 * `gammaloop sweep <scenario> --seeds ... [--grid path=v1,v2]... [--cells cells.csv]` and
 * `gammaloop sweep --collect DIR`: flags and help. The sweep itself is imported only when the
 * command runs.
 */
import type { Argv } from 'yargs';
import { countFlag, stringsFlag } from '../args.js';
import { usageError } from '../errors.js';
import { runCommand } from '../runCommand.js';

/** Parsed flags of `sweep`. */
export interface SweepArgs {
  readonly scenario: string | undefined;
  readonly seeds: string | undefined;
  readonly grid: string[];
  readonly cells: string | undefined;
  readonly set: string[];
  readonly workers: number | undefined;
  readonly shard: string | undefined;
  readonly out: string | undefined;
  readonly collect: string | undefined;
  readonly json: boolean;
  readonly quiet: boolean;
}

const once = (name: string, v: unknown): string | undefined => {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw usageError(`give --${name} once`);
  return String(v);
};

export function registerSweep(y: Argv): Argv {
  return y.command(
    'sweep [scenario]',
    'Run a scenario over grid cells x seeds in worker processes (resumable, shardable)',
    (c) =>
      c
        .positional('scenario', { type: 'string', describe: 'Scenario YAML file (not with --collect)' })
        .option('seeds', { type: 'string', describe: 'Seeds: 1..100, 1,5,9 or 1..10,20..25' })
        .option('grid', { type: 'string', array: true, describe: 'A swept setting: dotted.path=v1,v2,... (repeatable; cells are the product)' })
        .option('cells', { type: 'string', describe: 'CSV of cells: a header of dotted paths, one row per cell (instead of --grid)' })
        .option('set', { type: 'string', array: true, describe: 'Override a value in every cell: dotted.path=value (repeatable)' })
        .option('workers', { alias: 'j', type: 'string', describe: 'Worker processes (default: available CPUs; 0 runs in this process)' })
        .option('shard', { type: 'string', describe: 'Run only slice i of n: i/n, auto/n or auto (index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)' })
        .option('out', { alias: 'o', type: 'string', describe: 'Sweep directory (default results/<scenario>/sweep-<hash>)' })
        .option('collect', { type: 'string', describe: 'Check a sweep directory is complete; write manifest.json, cells.arrow, summary.arrow' })
        .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document on stdout' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress or summary on stderr' })
        .example('$0 sweep scenarios/short-gamma-squeeze.yaml --seeds 1..20 --grid agents.dealers.hedge.band_move=0.0005,0.001,0.005', '3 cells x 20 seeds on all CPUs')
        .example('$0 sweep s.yaml --seeds 1..100 --cells cells.csv --shard auto --out runs/r1', 'one Slurm array task')
        .example('$0 sweep --collect runs/r1', 'after all shards: check and summarize')
        .epilogue('Exit codes: 0 ok, 1 runtime error or incomplete sweep (collect), 2 usage or input error, or a directory another live sweep is writing, 3 some runs failed, 130 SIGINT, 143 SIGTERM (rerun the same command to resume). See docs/robustness.md.'),
    runCommand('sweep', async (a: Record<string, unknown>) => {
      const args: SweepArgs = {
        scenario: a['scenario'] === undefined ? undefined : String(a['scenario']),
        seeds: once('seeds', a['seeds']),
        grid: stringsFlag(a['grid']),
        cells: once('cells', a['cells']),
        set: stringsFlag(a['set']),
        workers: countFlag('workers', Array.isArray(a['workers']) ? a['workers'].at(-1) : a['workers']),
        shard: once('shard', a['shard']),
        out: once('out', a['out']),
        collect: once('collect', a['collect']),
        json: a['json'] === true,
        quiet: a['quiet'] === true,
      };
      const { sweep } = await import('../sweep/sweep.js');
      return sweep(args);
    }),
  );
}
