/**
 * `gammaloop validate <scenario>`: flags and help. Loading (zod, yaml) is imported only when the
 * command runs.
 */
import type { Argv } from 'yargs';
import { seedFlag, stringsFlag } from '../args.js';
import { runCommand } from '../runCommand.js';

/** Parsed flags of `validate`. */
export interface ValidateArgs {
  readonly scenario: string;
  readonly seed: number | undefined;
  readonly set: string[];
  readonly resolved: boolean;
  readonly json: boolean;
}

export function registerValidate(y: Argv): Argv {
  return y.command(
    'validate <scenario>',
    'Check a scenario; print every error with file:line:col, or the merged scenario',
    (c) =>
      c
        .positional('scenario', { type: 'string', describe: 'Scenario YAML file', demandOption: true })
        .option('set', { type: 'string', array: true, describe: 'Override a value: dotted.path=value (repeatable)' })
        .option('seed', { type: 'string', describe: 'Root seed (u32); wins over the file\'s seed' })
        .option('resolved', { type: 'boolean', default: false, describe: 'Print the merged scenario as YAML, each overridden value commented with its source' })
        .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document on stdout' })
        .example('$0 validate scenarios/baseline.yaml', 'exit 0 when valid, 2 with located errors')
        .example('$0 validate scenarios/baseline.yaml --set venues.cex.latency.order_entry=5ms --resolved', 'see the merged result'),
    runCommand('validate', async (a: Record<string, unknown>) => {
      const args: ValidateArgs = {
        scenario: String(a['scenario']),
        seed: seedFlag(a['seed']),
        set: stringsFlag(a['set']),
        resolved: a['resolved'] === true,
        json: a['json'] === true,
      };
      const { validate } = await import('../validate/validate.js');
      return validate(args);
    }),
  );
}
