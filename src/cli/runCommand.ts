/**
 * Wraps a command handler: any CliError becomes its message on stderr and its exit code; any
 * other error is an internal error (exit 1) with its message (and stack under GAMMALOOP_DEBUG).
 * Exit codes go through process.exitCode so stdout finishes flushing to a pipe.
 */
import { fsErrorSentence } from '../run/outDir.js';
import { CliError, EXIT } from './errors.js';
import { paintErr } from './term.js';
import { loadCliPlugins } from './plugins.js';

/** Prints a CliError (message, then its detail lines) to stderr. */
export function reportError(command: string, err: unknown): number {
  if (err instanceof CliError) {
    process.stderr.write(`${paintErr('red', `gammaloop ${command}:`)} ${err.message}\n`);
    for (const line of err.details) process.stderr.write(`${line}\n`);
    return err.exitCode;
  }
  // A file-system error that escaped a command (a read-only or full disk, a file where a folder
  // must go) is about the machine, not gammaloop: a plain sentence naming the path, exit 2.
  const fsSentence = fsErrorSentence(err);
  if (fsSentence !== undefined) {
    process.stderr.write(`${paintErr('red', `gammaloop ${command}:`)} ${fsSentence}\n`);
    if (process.env['GAMMALOOP_DEBUG'] && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return EXIT.usage;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${paintErr('red', `gammaloop ${command}: internal error:`)} ${message}\n`);
  if (process.env['GAMMALOOP_DEBUG'] && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return EXIT.runtime;
}

/** Returns a yargs handler that runs `body` and turns failures into exit codes. */
export function runCommand<A>(command: string, body: (args: A) => Promise<number | void>): (args: A) => Promise<void> {
  return async (args: A) => {
    try {
      await loadCliPlugins(args);
      const code = await body(args);
      if (code !== undefined && code !== 0) process.exitCode = code;
    } catch (err) {
      process.exitCode = reportError(command, err);
    }
  };
}
