/**
 * `gammaloop inspect <file.arrow>`: the command's flags and help. The work (apache-arrow is a
 * 120 ms import) lives in ../inspect/ and is imported only when the command runs.
 */
import type { Argv } from 'yargs';
import { countFlag, listFlag, stringsFlag } from '../args.js';
import { runCommand } from '../runCommand.js';

/** Parsed flags of `inspect`. */
export interface InspectArgs {
  readonly file: string;
  readonly columns: string[] | undefined;
  readonly head: number | undefined;
  readonly tail: number | undefined;
  readonly where: string[];
  readonly json: boolean;
}

export function registerInspect(y: Argv): Argv {
  return y.command(
    'inspect <file>',
    'Print an Arrow table\'s schema, metadata, row count and rows',
    (c) =>
      c
        .positional('file', { type: 'string', describe: 'An .arrow file (IPC file or stream format)', demandOption: true })
        .option('columns', { alias: 'c', type: 'string', describe: 'Comma-separated columns to print (default: all)' })
        .option('head', { type: 'string', describe: 'Print the first N rows (default 10)' })
        .option('tail', { type: 'string', describe: 'Print the last N rows' })
        .option('where', { alias: 'w', type: 'string', array: true, describe: 'Filter "col op value"; op is = != < <= > >= (numbers) or = != (text); repeat to AND' })
        .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document on stdout' })
        .example('$0 inspect results/demo/seed=1/trades.arrow', 'schema and first 10 rows')
        .example('$0 inspect trades.arrow --columns t_ns,price,size --tail 5', 'last 5 rows of three columns')
        .example('$0 inspect trades.arrow --where "liquidation = true" --where "size > 0.5"', 'filtered rows')
        .example('$0 inspect book.arrow --json --head 0', 'schema and metadata as JSON'),
    runCommand('inspect', async (a: Record<string, unknown>) => {
      const args: InspectArgs = {
        file: String(a['file']),
        columns: listFlag(a['columns']),
        head: countFlag('head', a['head']),
        tail: countFlag('tail', a['tail']),
        where: stringsFlag(a['where']),
        json: a['json'] === true,
      };
      const { inspect } = await import('../inspect/inspect.js');
      return inspect(args);
    }),
  );
}
