#!/usr/bin/env node
/**
 * The `gammaloop` command line. Each command registers its flags from a small module in
 * commands/ and imports the heavy code (apache-arrow, zod, the simulator) only inside its
 * handler, so `gammaloop --help` starts fast. Usage errors exit 2 (yargs would exit 1), runtime
 * errors 1, SIGINT 130, SIGTERM 143 (docs/robustness.md). Only the command's product goes to stdout.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { registerCalibrate } from './commands/calibrate.js';
import { registerCompare } from './commands/compare.js';
import { registerExport } from './commands/export.js';
import { registerInspect } from './commands/inspect.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';
import { registerScience } from './commands/science.js';
import { registerShow } from './commands/show.js';
import { registerSweep } from './commands/sweep.js';
import { registerValidate } from './commands/validate.js';
import { usageFailure } from './usage.js';
import { packageVersion } from './version.js';

let cli: Argv = yargs(hideBin(process.argv))
  .scriptName('gammaloop')
  .usage('$0 <command> [options]\n\nAgent-based market microstructure simulator for gamma hedging feedback.')
  .version(packageVersion())
  .parserConfiguration({ 'camel-case-expansion': false })
  .strict()
  .recommendCommands()
  .demandCommand(1, 'Give a command, e.g. gammaloop run scenarios/baseline.yaml')
  .fail(usageFailure)
  .option('plugin', { type: 'string', global: true, describe: 'Load a plug-in module (its agent kinds) before the command: ./my-agents.js (repeatable)' })
  .help()
  .alias('help', 'h')
  .wrap(null)
  .epilogue('Exit codes: 0 ok, 1 runtime error, 2 usage or input error (see docs/robustness.md), 3 some sweep runs failed, 130 SIGINT, 143 SIGTERM.\nRun `gammaloop <command> --help` for a command\'s flags and examples.');
for (const register of [registerRun, registerValidate, registerSchema, registerInspect, registerShow, registerReport, registerSweep, registerCompare, registerCalibrate, registerExport, registerScience]) cli = register(cli);
await cli.parseAsync();
