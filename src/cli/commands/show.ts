/**
 * `gammaloop show <run-dir>`: flags and help. The terminal view is built in ../show/, imported
 * only when the command runs.
 */
import type { Argv } from 'yargs';
import { countFlag } from '../args.js';
import { runCommand } from '../runCommand.js';

/** Parsed flags of `show`. */
/** Widest chart drawn (no terminal is wider; each column is a string per chart row). */
const MAX_WIDTH = 1000;

export interface ShowArgs {
  readonly dir: string;
  readonly width: number | undefined;
}

export function registerShow(y: Argv): Argv {
  return y.command(
    'show <dir>',
    'Draw a run in the terminal: prices, liquidations, shocks, dealer delta, metrics, largest cascade',
    (c) =>
      c
        .positional('dir', { type: 'string', describe: 'A run directory (results/<scenario>/seed=<N>)', demandOption: true })
        .option('width', { type: 'string', describe: 'Width in characters, 40 to 1000 (default: the terminal\'s, 100 when piped)' })
        .example('$0 show results/baseline/seed=1', 'the run at the terminal\'s width')
        .example('$0 show results/baseline/seed=1 --width 80 | less', 'plain text at 80 columns'),
    runCommand('show', async (a: Record<string, unknown>) => {
      const args: ShowArgs = { dir: String(a['dir']), width: countFlag('width', a['width'], 40, MAX_WIDTH) };
      const { show } = await import('../show/show.js');
      return show(args);
    }),
  );
}
