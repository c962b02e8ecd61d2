/**
 * Agent rates are bounded by what the engine represents (model/schema.ts MAX_RATE_PER_SEC: gaps
 * drawn in whole ns), so no rate the schema accepts asks for unbounded work (issue 16, fuzz
 * leftovers): every per-second rate field of every agent kind in the JSON Schema has a maximum
 * of at most 10^6 and says why, and a rate above it is rejected at its line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RATE_PER_SEC } from '../../../src/model/schema.js';
import { ScenarioError, loadScenario, scenarioJsonSchema } from '../../../src/scenario/index.js';

type Node = { properties?: Record<string, Node>; oneOf?: Node[]; anyOf?: Node[]; additionalProperties?: Node; type?: string; maximum?: number; description?: string };

/** `kind.path` -> node of every numeric field under an agent kind whose name ends in `rate`. */
function rateFields(): Map<string, Node> {
  const s = scenarioJsonSchema() as Node;
  const kinds = s.properties?.['agents']?.additionalProperties?.oneOf ?? [];
  const out = new Map<string, Node>();
  const walk = (n: Node | undefined, at: string): void => {
    if (n === undefined) return;
    for (const b of [...(n.oneOf ?? []), ...(n.anyOf ?? [])]) walk(b, at);
    for (const [k, v] of Object.entries(n.properties ?? {})) {
      if (/rate$/.test(k) && v.type === 'object') {
        for (const [c, w] of Object.entries(v.properties ?? {})) out.set(`${at}.${k}.${c}`, w);
        continue;
      }
      if (/rate$/.test(k) && /per second|events\/s/.test(v.description ?? '')) out.set(`${at}.${k}`, v);
      walk(v, `${at}.${k}`);
    }
  };
  for (const k of kinds) walk(k, String((k.properties?.['kind'] as { const?: string } | undefined)?.const));
  return out;
}

describe('agent rate bounds', () => {
  it('every per-second rate of every agent kind has a maximum <= 10^6 and gives the reason', () => {
    const fields = rateFields();
    // noise, fundamental, momentum, option_customer, retail (entry_rate), metaorder, value_trader, chartist (2), hawkes_flow (max_rate, base_rate x 3).
    expect(fields.size).toBeGreaterThanOrEqual(10);
    for (const [at, n] of fields) {
      expect(n.maximum, at).toBeDefined();
      expect(n.maximum as number, at).toBeLessThanOrEqual(MAX_RATE_PER_SEC);
      expect(n.description, at).toMatch(/whole ns/);
    }
  });

  it('rejects a rate above the bound at its line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-rate-'));
    const file = path.join(dir, 's.yaml');
    const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../../scenarios/science/liquidation-cascade-gaussian.yaml'), 'utf8');
    const lines = text.split('\n');
    const kindLine = lines.findIndex((l) => /^\s+kind: noise/.test(l));
    const rateLine = lines.findIndex((l, i) => i > kindLine && /^\s+rate: /.test(l));
    lines[rateLine] = '    rate: 1.0e7';
    fs.writeFileSync(file, lines.join('\n'));
    try {
      expect(() => loadScenario(file)).toThrow(ScenarioError);
      try {
        loadScenario(file);
      } catch (err) {
        const issue = (err as ScenarioError).issues.find((i) => i.path === 'agents.noise.rate');
        expect(issue?.line).toBe(rateLine + 1);
        expect(issue?.message).toMatch(/1000000/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bounds the multipliers and per-year rates that scale work too: trend.max_multiplier and jump_rate_per_year', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-rate-'));
    const file = path.join(dir, 's.yaml');
    const base = fs.readFileSync(path.resolve(import.meta.dirname, '../../../scenarios/science/short-gamma-squeeze-gaussian.yaml'), 'utf8');
    const issuesOf = (text: string) => {
      fs.writeFileSync(file, text);
      try {
        loadScenario(file);
        return [];
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        return err.issues;
      }
    };
    try {
      expect(issuesOf(base)).toEqual([]);
      const mult = issuesOf(base.replace('trend: { enabled: true, max_multiplier: 3 }', 'trend: { enabled: true, max_multiplier: 1.0e6 }'));
      expect(mult.some((i) => i.path === 'agents.customers.trend.max_multiplier')).toBe(true);
      // each under its own bound (2,000/s, x1,000), but their product asks for 2 M requests per second
      const product = issuesOf(base.replace('rate: 0.0005          # requests', 'rate: 2000          # requests').replace('max_multiplier: 3 }', 'max_multiplier: 1000 }'));
      expect(product.some((i) => i.path === 'agents.customers.trend.max_multiplier' && /1000000/.test(i.message))).toBe(true);
      const jumps = issuesOf(base.replace('    vol: 0.5\n    grid: 1s', '    vol: 0.5\n    jump_rate_per_year: 1.0e9\n    grid: 1s'));
      expect(jumps.some((i) => i.path === 'underlying.fundamental.jump_rate_per_year')).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
