/**
 * `gammaloop run <scenario>`: flags and help. The run itself (scenario loading, the simulator,
 * Arrow output) is imported only when the command runs.
 */
import type { Argv } from 'yargs';
import { seedFlag, stringsFlag, traceFlag } from '../args.js';
import { runCommand } from '../runCommand.js';

/** Parsed flags of `run`. */
export interface RunArgs {
  readonly scenario: string;
  readonly seed: number | undefined;
  readonly out: string | undefined;
  readonly set: string[];
  readonly trace: string | undefined;
  readonly json: boolean;
  readonly quiet: boolean;
  /** Replace another run's or a sweep's files in --out (never files gammaloop did not write). */
  readonly force: boolean;
}

export function registerRun(y: Argv): Argv {
  return y.command(
    'run <scenario>',
    'Run one scenario with one seed and write its tables',
    (c) =>
      c
        .positional('scenario', { type: 'string', describe: 'Scenario YAML file', demandOption: true })
        .option('seed', { type: 'string', describe: 'Root seed (u32); wins over the file\'s seed' })
        .option('out', { alias: 'o', type: 'string', describe: 'Output directory (default results/<scenario>/seed=<N>, or results/<scenario>/set=<hash of the --set flags>/seed=<N>). A directory holding another run or a sweep is refused (exit 2) unless --force' })
        .option('force', { type: 'boolean', default: false, describe: 'Delete the files of another run or sweep in --out before writing this run (files gammaloop did not write are never deleted)' })
        .option('set', { type: 'string', array: true, describe: 'Override a value: dotted.path=value (repeatable)' })
        .option('trace', { type: 'string', describe: 'Record messages of agents matching a glob (e.g. "dealer/*") in the events table' })
        .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document on stdout (paths, rows, metrics, errors)' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress or summary on stderr' })
        .example('$0 run scenarios/baseline.yaml --seed 7', 'write results/baseline/seed=7/')
        .example('$0 run scenarios/baseline.yaml --set agents.value.count=40 --set clock.duration=2h', 'override values')
        .example('$0 run scenarios/baseline.yaml --json > run.json', 'machine-readable summary')
        .epilogue('Exit codes: 0 complete, 1 the simulation failed, 2 bad input or an output directory it may not use, 130 SIGINT, 143 SIGTERM (tables closed, manifest status interrupted). See docs/robustness.md.'),
    runCommand('run', async (a: Record<string, unknown>) => {
      const args: RunArgs = {
        scenario: String(a['scenario']),
        seed: seedFlag(a['seed']),
        out: a['out'] === undefined ? undefined : String(a['out']),
        set: stringsFlag(a['set']),
        trace: traceFlag(a['trace']),
        json: a['json'] === true,
        quiet: a['quiet'] === true,
        force: a['force'] === true,
      };
      const { run } = await import('../run/run.js');
      return run(args);
    }),
  );
}
