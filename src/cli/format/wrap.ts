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
  const lead = /^ */.exec(line)?.[0] ?? '';
  const indent = ' '.repeat(Math.min(width >> 2, lead.length + 2));
  const out: string[] = [];
  let cur = lead;
  for (const w of line.slice(lead.length).split(' ')) {
    const next = cur.trim() === '' ? cur + w : `${cur} ${w}`;
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
