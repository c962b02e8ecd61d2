/**
 * Helpers for the source-scanning tests (layering, determinism grep): list the .ts files of
 * src/ and blank out comments while keeping every line and column where it was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SRC_DIR = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every .ts file under `dir`, as paths relative to src/ with '/' separators, sorted. */
export function listSourceFiles(dir = SRC_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push(relative(SRC_DIR, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function readSource(rel: string): string {
  return readFileSync(join(SRC_DIR, rel), 'utf8');
}

/**
 * Replaces `//` and `/* *\/` comments by spaces (newlines kept), skipping string literals, so
 * line numbers and columns stay valid and prose in comments is not mistaken for code.
 */
export function blankComments(text: string): string {
  const out = text.split('');
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i++;
      while (i < n && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      for (; i < stop; i++) if (text[i] !== '\n') out[i] = ' ';
    } else {
      i++;
    }
  }
  return out.join('');
}

/** 1-based line of character index `at`. */
export function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
