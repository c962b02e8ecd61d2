/**
 * `gammaloop science [--quick] [--json] [--seeds N] [--only a,b] [--out DIR] [--workers N]`:
 * flags and help. The suite (src/science) is imported only when the command runs.
 */
import type { Argv } from 'yargs';
import { countFlag } from '../args.js';
import { usageError } from '../errors.js';
import { runCommand } from '../runCommand.js';

/** Parsed flags of `science`. */
export interface ScienceArgs {
  readonly quick: boolean;
  readonly json: boolean;
  readonly seeds: number | undefined;
  readonly only: string[];
  readonly out: string | undefined;
  readonly workers: number | undefined;
}

const once = (name: string, v: unknown): string | undefined => {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw usageError(`give --${name} once`);
  return String(v);
};

export function registerScience(y: Argv): Argv {
  return y.command(
    'science',
    'Run the science suite: named checks of the simulator against theory (prediction with calibrated inputs, measurement with a 95% CI over paired seeds, tolerance, PASS/FAIL)',
    (c) =>
      c
        .option('quick', { type: 'boolean', default: false, describe: 'CI-sized: only the checks marked quick, fewer seeds, shorter runs (under 3 minutes on 2 cores)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document on stdout' })
        .option('seeds', { type: 'string', describe: 'Paired seeds per check (seeds 1..N; default each check\'s own count)' })
        .option('only', { type: 'string', describe: 'Run only these checks (comma-separated names)' })
        .option('out', { alias: 'o', type: 'string', describe: 'Write science_seeds.arrow, science_checks.arrow and science.json here' })
        .option('workers', { alias: 'j', type: 'string', describe: 'Worker processes (default: available CPUs; 0 runs in this process)' })
        .example('$0 science --quick', 'the CI suite')
        .example('nice -n 10 $0 science --out results/science', 'the full suite (docs/science.md)')
        .example('$0 science --only feedback-vol-ratio,hedge-autocorr --seeds 10 --json', 'two checks, 10 seeds, JSON')
        .epilogue('Exit codes: 0 every check PASS, 1 some check FAIL (or a runtime error), 2 usage or input error, 130 interrupted.'),
    runCommand('science', async (a: Record<string, unknown>) => {
      const only = once('only', a['only']);
      const args: ScienceArgs = {
        quick: a['quick'] === true,
        json: a['json'] === true,
        seeds: countFlag('seeds', once('seeds', a['seeds']), 2),
        only: only === undefined ? [] : only.split(',').map((s) => s.trim()).filter((s) => s !== ''),
        out: once('out', a['out']),
        workers: countFlag('workers', Array.isArray(a['workers']) ? a['workers'].at(-1) : a['workers']),
      };
      if (only !== undefined && args.only.length === 0) throw usageError('--only needs check names, e.g. --only feedback-vol-ratio');
      const { science } = await import('../science/science.js');
      return science(args);
    }),
  );
}
