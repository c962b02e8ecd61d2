/**
 * `gammaloop export <run-or-sweep-dir> --format parquet`: flags and help. The conversion
 * (apache-arrow, parquet-wasm) is imported only when the command runs.
 */
import type { Argv } from 'yargs';
import { runCommand } from '../runCommand.js';

/** Parsed flags of `export`. */
export interface ExportArgs {
  readonly dir: string;
  readonly format: 'parquet';
  readonly out: string | undefined;
  readonly json: boolean;
  readonly quiet: boolean;
}

export function registerExport(y: Argv): Argv {
  return y.command(
    'export <dir>',
    'Write every table of a run or sweep directory as Parquet (ZSTD; Hive layout kept; NaN "no value" floats become nulls)',
    (c) =>
      c
        .positional('dir', { type: 'string', describe: 'Run directory (results/<scenario>/seed=<N>) or sweep directory', demandOption: true })
        .option('format', { type: 'string', choices: ['parquet'], default: 'parquet', describe: 'Output format' })
        .option('parquet', { type: 'boolean', describe: 'Same as --format parquet' })
        .option('out', { alias: 'o', type: 'string', describe: 'Output directory (default <dir>/parquet)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the written files as JSON on stdout' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No summary on stderr' })
        .example('$0 export results/baseline/seed=1', 'write results/baseline/seed=1/parquet/*.parquet')
        .example("duckdb -c \"SELECT cell, avg(ask - bid) FROM read_parquet('DIR/parquet/book/*/*/*.parquet', hive_partitioning = true) GROUP BY cell\"", 'query a sweep export'),
    runCommand('export', async (a: Record<string, unknown>) => {
      const args: ExportArgs = {
        dir: String(a['dir']),
        format: 'parquet',
        out: a['out'] === undefined ? undefined : String(a['out']),
        json: a['json'] === true,
        quiet: a['quiet'] === true,
      };
      const { exportCommand } = await import('../export/export.js');
      return exportCommand(args);
    }),
  );
}
