/**
 * The report's Vega-Lite specs on the synthetic run fixture: pinned as golden JSON (the specs are
 * the charts' source of truth and what Altair users would reuse; regenerate on purpose with
 * GAMMALOOP_UPDATE_GOLDEN=1), each compiles with vega-lite, and every positional axis title names
 * its unit in parentheses, e.g. "price (USD)", "spread (bps of mid)".
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compile, type TopLevelSpec } from 'vega-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartSections, loadRunData } from '../../../src/report/index.js';
import { writeRunDir } from '../../e2e/helpers/fixtures.js';

const GOLDEN = path.join(path.dirname(new URL(import.meta.url).pathname), 'golden', 'run-specs.json');
let tmp = '';
let specs: Record<string, unknown> = {};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-specs-'));
  const dir = await writeRunDir(path.join(tmp, 'full'), { events: true });
  specs = Object.fromEntries(chartSections(loadRunData(dir)).map(([id, , , p]) => [id, p.spec ?? { notDrawn: p.reason }]));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every x/y encoding title in a spec (layers and concatenations included). */
function axisTitles(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => axisTitles(n, out));
  else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const enc = o['encoding'] as Record<string, { title?: unknown }> | undefined;
    for (const ch of ['x', 'y']) {
      const t = enc?.[ch]?.title;
      if (typeof t === 'string') out.push(t);
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'encoding' && k !== 'data' && k !== 'datasets') axisTitles(v, out);
  }
  return out;
}

describe('report Vega-Lite specs', () => {
  it('match the golden specs', () => {
    const text = `${JSON.stringify(specs, null, 1)}\n`;
    if (process.env['GAMMALOOP_UPDATE_GOLDEN'] === '1') fs.writeFileSync(GOLDEN, text);
    expect(text).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });

  it('compile with vega-lite, and every axis title carries a unit', () => {
    const drawn = Object.entries(specs).filter(([, s]) => !('notDrawn' in (s as object)));
    expect(drawn.length).toBeGreaterThanOrEqual(7);
    for (const [id, spec] of drawn) {
      expect(() => compile(spec as TopLevelSpec), id).not.toThrow();
      const titles = axisTitles(spec);
      expect(titles.length, id).toBeGreaterThan(0);
      for (const t of titles) expect(t, `${id}: ${t}`).toMatch(/\(.+\)/);
    }
  });
});
