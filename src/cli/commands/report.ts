/**
 * `gammaloop report <dir> [--out FILE]`: writes a self-contained HTML report of a run or of a
 * collected sweep (Vega-Lite charts as inline SVG; the cascade view is interactive with the vega runtime inlined). The report code (src/report, apache-arrow) is imported only
 * when the command runs. Prints the written path on stdout.
 */
import type { Argv } from 'yargs';
import { usageError } from '../errors.js';
import { runCommand } from '../runCommand.js';

/** Parsed flags of `report`. */
export interface ReportArgs {
  readonly dir: string;
  readonly out: string | undefined;
}

async function report(args: ReportArgs): Promise<number> {
  const { writeReport, RunDirError, isSweepDir } = await import('../../report/index.js');
  try {
    // A sweep's paired differences are gammaloop compare's (the run layer), every metric.
    let compare;
    if (isSweepDir(args.dir)) {
      const { compareSweep } = await import('../../run/sweep/compare.js');
      compare = compareSweep(args.dir);
    }
    const written = await writeReport(args.dir, args.out, compare);
    process.stdout.write(`${written.file}\n`);
    return 0;
  } catch (err) {
    if (err instanceof RunDirError) throw usageError(err.message);
    throw err;
  }
}

export function registerReport(y: Argv): Argv {
  return y.command(
    'report <dir>',
    'Write a self-contained HTML report of a run (charts, metrics, largest cascade, scenario) or of a collected sweep (metrics by cell)',
    (c) =>
      c
        .positional('dir', { type: 'string', describe: 'A run directory (results/<scenario>/seed=<N>) or a collected sweep directory', demandOption: true })
        .option('out', { alias: 'o', type: 'string', describe: 'Output file (default: <dir>/report.html)' })
        .example('$0 report results/baseline/seed=1', 'writes results/baseline/seed=1/report.html')
        .example('$0 report results/baseline/seed=1 --out /tmp/baseline.html', 'writes the report elsewhere')
        .example('$0 report runs/r1', 'a sweep: every metric by cell, charts with 95% CIs'),
    runCommand('report', async (a: Record<string, unknown>) => {
      const out = a['out'];
      if (out !== undefined && (typeof out !== 'string' || out === '')) throw usageError('--out needs a file path');
      return report({ dir: String(a['dir']), out: out as string | undefined });
    }),
  );
}
