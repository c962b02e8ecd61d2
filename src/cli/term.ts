/**
 * Terminal facts and colour for the CLI. Colour goes only through node:util `styleText`, which
 * honours NO_COLOR, FORCE_COLOR, TERM=dumb and whether the stream is a TTY, so piped output is
 * plain text. Logs go to stderr; only a command's product goes to stdout.
 */
import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

/** Styles `text` for `stream` (plain when that stream would not show colour). */
export function paint(style: Style, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return styleText(style, text, { stream, validateStream: true });
}

/** Styles text meant for stderr. */
export const paintErr = (style: Style, text: string): string => paint(style, text, process.stderr);

/** Width to draw at: `--width` if given, else the terminal's columns, else 100 (piped). */
export function outputWidth(flag: number | undefined): number {
  if (flag !== undefined) return flag;
  const cols = process.stdout.isTTY ? process.stdout.columns : undefined;
  return cols !== undefined && cols > 0 ? cols : 100;
}

/** Writes one line to stderr (logs, progress, summaries). */
export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Writes the command's product to stdout. */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** True when a progress bar may be drawn on stderr: a TTY, not CI, not --json. */
export function progressAllowed(json: boolean): boolean {
  return !json && process.stderr.isTTY === true && process.env['CI'] !== 'true';
}
