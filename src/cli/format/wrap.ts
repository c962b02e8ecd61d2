/**
 * Fitting text lines to a width: visible width ignores ANSI escape sequences; long lines wrap
 * at spaces with the continuation indented two past the line's own indent.
 */

// The escape character is built from its code so the source stays printable.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Width of `s` on a terminal, escape sequences excluded (one column per code point). */
export function visibleLength(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

/** `line` wrapped at spaces to at most `width` visible columns where possible. */
export function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const indent = ' '.repeat(Math.min(width >> 2, (/^ */.exec(line)?.[0].length ?? 0) + 2));
  const words = line.split(' ');
  const out: string[] = [];
  let cur = '';
  for (const w of words) {
    const next = cur === '' ? w : `${cur} ${w}`;
    if (visibleLength(next) > width && cur.trim() !== '') {
      out.push(cur.trimEnd());
      cur = indent + w;
    } else {
      cur = next;
    }
  }
  if (cur.trim() !== '') out.push(cur.trimEnd());
  return out;
}
