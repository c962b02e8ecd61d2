/**
 * The fuzzer's second mode: damage a valid scenario file and check the loader's answer. A
 * mutation (a deleted line, a swapped type, a huge number, unicode, a truncation, a duplicated
 * key, a tab) either still loads, or fails with a ScenarioError whose every issue about the file
 * has a line (what `validate` and `run` print as file:line:col, exit 2). Anything else (another
 * exception, an issue without a location) is a failure. Loading writes nothing, so "nothing
 * written" holds by construction; the CLI tests check it for `run`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScenarioError, loadScenario } from '../../src/scenario/index.js';
import { BASES, rngFor, type Rand } from './generate.js';

export interface MutationOutcome {
  readonly caseNo: number;
  readonly mutation: string;
  readonly status: 'loads' | 'rejected' | 'fail';
  readonly message: string;
  readonly yaml: string;
}

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const HUGE = ['1e308', '-1e308', '9007199254740993', '1e-320', '.inf', '-.inf', '.nan', '0x7fffffffffffffff'];
const ODD = ['"ünïcødé"', '"\u202e"', '"🙂"', '[]', '{}', 'null', 'true', '"1h"', '-1', '0', "''"];

/** Applies one random mutation to `text`; returns the new text and what was done. */
export function mutate(text: string, r: Rand): { text: string; mutation: string } {
  const lines = text.split('\n');
  const at = Math.floor(r() * lines.length);
  const line = lines[at] ?? '';
  const kind = pick(r, ['delete-line', 'swap-value', 'huge-number', 'truncate', 'duplicate-line', 'tab-indent', 'unicode-key'] as const);
  switch (kind) {
    case 'delete-line':
      lines.splice(at, 1);
      return { text: lines.join('\n'), mutation: `delete line ${at + 1}` };
    case 'swap-value':
    case 'huge-number': {
      const m = /^(\s*-?\s*[\w.]+:\s*)(.+)$/.exec(line);
      if (m === null) return mutate(text, r);
      const value = kind === 'huge-number' ? pick(r, HUGE) : pick(r, ODD);
      lines[at] = `${m[1]}${value}`;
      return { text: lines.join('\n'), mutation: `line ${at + 1}: value -> ${value}` };
    }
    case 'truncate': {
      const cut = Math.floor(r() * text.length);
      return { text: text.slice(0, cut), mutation: `truncate at byte ${cut}` };
    }
    case 'duplicate-line':
      lines.splice(at, 0, line);
      return { text: lines.join('\n'), mutation: `duplicate line ${at + 1}` };
    case 'tab-indent':
      lines[at] = line.replace(/^ +/, '\t');
      return { text: lines.join('\n'), mutation: `tab indent on line ${at + 1}` };
    case 'unicode-key':
      lines[at] = line.replace(/^(\s*)(\w)/, '$1ü$2');
      return { text: lines.join('\n'), mutation: `unicode in the key on line ${at + 1}` };
  }
}

/** Mutation case `caseNo`: a reference scenario with one to three mutations, loaded from `workDir`. */
export function mutationCase(caseNo: number, scenariosDir: string, workDir: string): MutationOutcome {
  const r = rngFor(1_000_000_000 + caseNo);
  const base = pick(r, BASES);
  let text = fs.readFileSync(path.join(scenariosDir, `${base}.yaml`), 'utf8');
  const done: string[] = [];
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) {
    const m = mutate(text, r);
    text = m.text;
    done.push(m.mutation);
  }
  const mutation = `${base}: ${done.join(', ')}`;
  fs.mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, `mutant-${caseNo}.yaml`);
  fs.writeFileSync(file, text);
  try {
    loadScenario(file);
    return { caseNo, mutation, status: 'loads', message: '', yaml: text };
  } catch (err) {
    if (!(err instanceof ScenarioError)) return { caseNo, mutation, status: 'fail', message: `threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`, yaml: text };
    const unlocated = err.issues.filter((i) => i.source === file && i.line === undefined && i.path !== '');
    if (err.issues.length === 0 || unlocated.length > 0) {
      return { caseNo, mutation, status: 'fail', message: `issues without a line: ${unlocated.map((i) => `${i.path}: ${i.message}`).join('; ') || '(none at all)'}`, yaml: text };
    }
    return { caseNo, mutation, status: 'rejected', message: err.issues.map((i) => `${i.line ?? ''}:${i.col ?? ''} ${i.path}: ${i.message}`).join('; '), yaml: text };
  } finally {
    fs.rmSync(file, { force: true });
  }
}
