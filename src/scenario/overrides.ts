/**
 * Command-line overrides: `--set dotted.path=value` (the value parsed as YAML, so `0.1` is a
 * number, `[1,2]` a list and `band` a string) applied in order after `extends`, then `--seed`,
 * which wins over the file. Problems are issues attributed to the flag.
 */
import { parseDocument } from 'yaml';
import type { ScenarioIssue } from './errors.js';
import { setAt, type OverrideRecord } from './merge.js';
import type { Layer } from './origins.js';

/** A parsed `--set`: path segments and value, or the issue explaining why it cannot be used. */
export function parseSetFlag(raw: string, rank: number): { segments: string[]; value: unknown; flag: string } | ScenarioIssue {
  const eq = raw.indexOf('=');
  const pathText = eq < 0 ? raw : raw.slice(0, eq).trim();
  const flag = `--set ${pathText}`;
  const fail = (message: string): ScenarioIssue => ({ source: flag, rank, path: pathText, message });
  if (eq < 0) return fail(`expected dotted.path=value, got "${raw}"`);
  const segments = pathText.split('.');
  if (segments.some((s) => s.length === 0)) return fail('expected a dotted path such as agents.mm.count');
  if (segments[0] === 'extends') return fail('extends cannot be overridden from the command line');
  const text = raw.slice(eq + 1);
  const doc = parseDocument(text.trim() === '' ? '""' : text);
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) return fail(`cannot parse value "${text}" as YAML: ${(problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`);
  return { segments, value: doc.toJS(), flag };
}

/** Applies `--set` flags in order, then `--seed`; returns the new layer and any issues. */
export function applyOverrides(
  layer: Layer,
  sets: readonly string[],
  seed: number | undefined,
  firstRank: number,
  overrides: OverrideRecord[],
): { layer: Layer; issues: ScenarioIssue[] } {
  const issues: ScenarioIssue[] = [];
  let cur = layer;
  sets.forEach((raw, i) => {
    const parsed = parseSetFlag(raw, firstRank + i);
    if (!('segments' in parsed)) {
      issues.push(parsed);
      return;
    }
    const next = setAt(cur, parsed.segments, parsed.value, parsed.flag, firstRank + i, overrides);
    if ('value' in next) cur = next;
    else issues.push(next);
  });
  if (seed !== undefined) {
    const rank = firstRank + sets.length;
    if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
      issues.push({ source: '--seed', rank, path: 'seed', message: `expected an integer in [0, 4294967295], got ${seed}` });
    } else {
      const next = setAt(cur, ['seed'], seed, '--seed', rank, overrides);
      if ('value' in next) cur = next;
    }
  }
  return { layer: cur, issues };
}
