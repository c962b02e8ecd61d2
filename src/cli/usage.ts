/**
 * The yargs `.fail` handler: usage problems (unknown command or flag, missing argument) print
 * one message plus a did-you-mean for misspelt flags, then exit 2. Errors thrown by handlers
 * never reach it: runCommand catches them.
 */
import { closest } from './args.js';
import { EXIT } from './errors.js';
import { paintErr } from './term.js';

/**
 * Flag names described in the current command context. yargs hands `.fail` its usage object
 * (not the Argv), whose `getDescriptions()` is keyed by option name.
 */
function knownFlags(usage: unknown): string[] {
  try {
    const u = usage as { getDescriptions?: () => Record<string, unknown> } | undefined;
    const d = typeof u?.getDescriptions === 'function' ? u.getDescriptions() : {};
    return Object.keys(d).filter((k) => k.length > 1);
  } catch {
    return [];
  }
}

/** Adds ` (did you mean --x?)` to `Unknown argument: y` messages. */
export function explainUsage(msg: string, flags: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (m === null) return msg;
  const hints = (m[1] as string)
    .split(', ')
    .map((w) => {
      const c = closest(w.replace(/^-+/, ''), flags);
      return c === undefined ? undefined : `--${w.replace(/^-+/, '')} -> did you mean --${c}?`;
    })
    .filter((h): h is string => h !== undefined);
  return hints.length === 0 ? msg : `${msg} (${hints.join('; ')})`;
}

export function usageFailure(msg: string | null | undefined, err: Error | undefined, usage?: unknown): never {
  const text = msg ?? err?.message ?? 'usage error';
  process.stderr.write(`${paintErr('red', 'gammaloop:')} ${explainUsage(text, knownFlags(usage))}\n`);
  process.stderr.write('Run `gammaloop --help` (or `gammaloop <command> --help`) for usage.\n');
  process.exit(EXIT.usage);
}
