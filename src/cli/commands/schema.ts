/** `gammaloop schema`: prints the scenario JSON Schema (draft-07) on stdout. */
import type { Argv } from 'yargs';
import { runCommand } from '../runCommand.js';

export function registerSchema(y: Argv): Argv {
  return y.command(
    'schema',
    'Print the scenario JSON Schema (draft-07) for editor autocomplete',
    (c) =>
      c
        .example('$0 schema > scenario.schema.json', 'save it for your editor')
        .example('# yaml-language-server: $schema=./scenario.schema.json', 'first line of a scenario file'),
    runCommand('schema', async () => {
      const { scenarioJsonSchemaText } = await import('../../scenario/jsonSchema.js');
      process.stdout.write(scenarioJsonSchemaText());
    }),
  );
}
