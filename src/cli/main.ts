#!/usr/bin/env node
/** The `gammaloop` command line (placeholder until the run pipeline lands). */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';

await yargs(hideBin(process.argv))
  .scriptName('gammaloop')
  .strict()
  .recommendCommands()
  .demandCommand(1, 'Give a command, e.g. gammaloop run scenarios/baseline.yaml')
  .fail((msg, err) => {
    process.stderr.write(`${msg ?? err?.message ?? "error"}\n`);
    process.exit(2);
  })
  .help()
  .parseAsync();
