/**
 * `gammaloop compare <sweep-dir> [--baseline K] [--metric ...]`: flags and help. The statistics
 * are imported only when the command runs.
 */
import type { Argv } from 'yargs';
import { countFlag, listFlag } from '../args.js';
import { runCommand } from '../runCommand.js';

/** Parsed flags of `compare`. */
export interface CompareArgs {
  readonly dir: string;
  readonly baseline: number | undefined;
  /** Metric names; undefined for the default set; ['all'] for every metric. */
  readonly metric: string[] | undefined;
  readonly resamples: number | undefined;
  readonly json: boolean;
}

export function registerCompare(y: Argv): Argv {
  return y.command(
    'compare <dir>',
    'Compare the cells of a sweep: mean, sd, 95% CI per cell; paired differences against a baseline cell',
    (c) =>
      c
        .positional('dir', { type: 'string', describe: 'Sweep directory (with summary.arrow)', demandOption: true })
        .option('baseline', { alias: 'b', type: 'string', describe: 'Baseline cell (default 0)' })
        .option('metric', { alias: 'm', type: 'string', array: true, describe: 'Metrics to compare (repeatable or comma list; "all" for every metric)' })
        .option('resamples', { type: 'string', describe: 'Bootstrap resamples (default 2000)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document on stdout' })
        .example('$0 compare results/short-gamma-squeeze/sweep-1a2b3c4d5e6f', 'headline metrics, baseline cell 0')
        .example('$0 compare runs/r1 --baseline 2 --metric hedge_cost,dealer_pnl --json', 'for machines'),
    runCommand('compare', async (a: Record<string, unknown>) => {
      const args: CompareArgs = {
        dir: String(a['dir']),
        baseline: countFlag('baseline', a['baseline']),
        metric: listFlag(a['metric']),
        resamples: countFlag('resamples', a['resamples'], 1),
        json: a['json'] === true,
      };
      const { compare } = await import('../sweep/compare.js');
      return compare(args);
    }),
  );
}
