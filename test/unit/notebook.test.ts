/**
 * docs/notebooks/see-the-loop.ipynb cannot run here (no polars or duckdb for Python in Debian),
 * so it is checked statically: a valid nbformat 4.5 document (cell ids, empty outputs), Python
 * that parses (python3's ast), every table file it opens is a table the simulator writes, and
 * every column name it uses is a column of some table spec, a metric, a sweep key (cell, seed,
 * swept path) or an alias the notebook itself defines. A renamed column fails this test.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/analysis/metrics.js';
import { ALL_TABLES } from '../../src/model/tables.js';

const FILE = 'docs/notebooks/see-the-loop.ipynb';
interface Cell { cell_type: string; id: string; source: string[]; metadata: object; outputs?: unknown[]; execution_count?: unknown }
const nb = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { nbformat: number; nbformat_minor: number; metadata: Record<string, unknown>; cells: Cell[] };
const code = nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join(''));
const all = code.join('\n');

describe(FILE, () => {
  it('is nbformat 4.5 with unique cell ids and no stored outputs', () => {
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBeGreaterThanOrEqual(5);
    expect(nb.metadata['kernelspec']).toMatchObject({ language: 'python' });
    const ids = nb.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of nb.cells) {
      expect(['markdown', 'code']).toContain(c.cell_type);
      expect(Array.isArray(c.source)).toBe(true);
      expect(typeof c.metadata).toBe('object');
      if (c.cell_type === 'code') {
        expect(c.outputs).toEqual([]);
        expect(c.execution_count).toBeNull();
      }
    }
    expect(code.length).toBeGreaterThanOrEqual(6);
  });

  it('every code cell is valid Python (python3 ast)', () => {
    const script = 'import ast, json, sys\nfor i, c in enumerate(json.load(sys.stdin)):\n    ast.parse(c, filename=f"cell {i}")\nprint("ok")';
    expect(execFileSync('python3', ['-c', script], { input: JSON.stringify(code), encoding: 'utf8' }).trim()).toBe('ok');
  });

  it('opens only tables the simulator writes', () => {
    const tables = new Set([...ALL_TABLES.map((t) => t.name), 'summary', 'cells']);
    const opened = [...all.matchAll(/(?:RUN|SWEEP) \/ "([a-z_]+)(?:\.arrow)?"/g)].map((m) => m[1] as string);
    expect(opened).toEqual(expect.arrayContaining(['book', 'greeks', 'gex', 'gex_profile', 'hedges', 'summary', 'cells', 'trades']));
    for (const t of opened) expect(tables.has(t), t).toBe(true);
    for (const m of all.matchAll(/\/parquet\/([a-z_]+)\.parquet/g)) expect(tables.has(m[1] as string), m[1]).toBe(true);
  });

  it('names only real columns (or its own aliases)', () => {
    const known = new Set<string>([...ALL_TABLES.flatMap((t) => t.columns.map((c) => c.name)), ...METRICS.map((m) => m.name), 'cell', 'seed']);
    for (const m of all.matchAll(/\.alias\("([^"]+)"\)/g)) known.add(m[1] as string);
    // pivot(on="cell") makes the cell numbers columns.
    for (const k of ['0', '1', '2']) known.add(k);
    const used = new Set<string>();
    for (const m of all.matchAll(/pl\.col\("([^"]+)"\)/g)) used.add(m[1] as string);
    for (const m of all.matchAll(/\b(?:on|values|index)="([^"]+)"/g)) used.add(m[1] as string);
    for (const m of all.matchAll(/\b(?:on|by)=\[([^\]]+)\]/g)) for (const s of (m[1] as string).matchAll(/"([^"]+)"/g)) used.add(s[1] as string);
    for (const m of all.matchAll(/\.(?:select|group_by|sort|drop_nulls)\(([^()]*(?:\([^()]*\))?[^()]*)\)/g)) for (const s of (m[1] as string).matchAll(/(?<![\w.(])"([^"]+)"/g)) used.add(s[1] as string);
    for (const m of all.matchAll(/\b(?:perp|mids|rets|pairs|p|gex_t|wide|runs)\["([^"]+)"\]/g)) used.add(m[1] as string);
    expect(used.size).toBeGreaterThan(15);
    for (const name of used) expect(known.has(name), `column "${name}"`).toBe(true);
  });
});
