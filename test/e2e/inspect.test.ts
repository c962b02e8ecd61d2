/**
 * `gammaloop inspect` on an Arrow file written by src/output: schema, metadata, head, tail,
 * columns, where filters, JSON, and the user errors (bad column, missing or non-Arrow file).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, hasEscapes, runCli } from './helpers/cli.js';
import { SHA, writeTradesFile } from './helpers/fixtures.js';

let tmp = '';
let trades = '';
const plain = { env: { NO_COLOR: '1' } };

beforeAll(async () => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-e2e-inspect-'));
  trades = path.join(tmp, 'trades.arrow');
  await writeTradesFile(trades);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Row numbers (the `#` column) of the data lines printed after `title`. */
function rowNumbers(stdout: string, title: RegExp): number[] {
  const lines = stdout.split('\n');
  const at = lines.findIndex((l) => title.test(l));
  if (at < 0) return [];
  const out: number[] = [];
  for (const l of lines.slice(at + 3)) {
    const m = /^\s+(\d+)\s/.exec(l);
    if (m === null) break;
    out.push(Number(m[1]));
  }
  return out;
}

describe('inspect', () => {
  test('shows schema with units, metadata, row count and the first 10 rows', () => {
    const r = runCli(['inspect', trades], plain);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rows {5}25 in 1 batch$/m);
    expect(r.stdout).toMatch(/^ {2}t_ns +Int64 +ns since start +Simulated time/m);
    expect(r.stdout).toMatch(/^ {2}price +Float64 +quote +Trade price\.$/m);
    expect(r.stdout).toMatch(/^ {2}instrument +Dictionary<Int32, Utf8> +Instrument symbol\.$/m);
    expect(r.stdout).toContain(`gammaloop.scenario_sha256  ${SHA}`);
    expect(r.stdout).toMatch(/^ {2}gammaloop\.table +trades$/m);
    expect(rowNumbers(r.stdout, /^first 10 rows$/)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Row 1: t = 1 s, BTC-PERP at 60000.5, size 0.002, a buy.
    expect(r.stdout).toMatch(/^ {2}1 +1000000000 +cex +BTC-PERP +60000\.5 +0\.002 +buy +mm\/0 +noise\/0 +2 +101 +false +false$/m);
    expect(hasEscapes(r.stdout + r.stderr)).toBe(false);
  });

  test('--head and --tail select rows from each end', () => {
    const r = runCli(['inspect', trades, '--head', '2', '--tail', '3'], plain);
    expect(r.code).toBe(0);
    expect(rowNumbers(r.stdout, /^first 2 rows$/)).toEqual([0, 1]);
    expect(rowNumbers(r.stdout, /^last 3 rows$/)).toEqual([22, 23, 24]);
    const tailOnly = runCli(['inspect', trades, '--tail', '1'], plain);
    expect(tailOnly.stdout).not.toMatch(/^first/m);
    expect(rowNumbers(tailOnly.stdout, /^last 1 rows$/)).toEqual([24]);
  });

  test('--columns prints only those columns, in the order given', () => {
    const r = runCli(['inspect', trades, '--columns', 'size,t_ns', '--head', '1'], plain);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}# +size +t_ns$/m);
    expect(r.stdout).toMatch(/^ {2}0 +0\.001 +0$/m);
  });

  const whereCases = [
    { name: 'number >=', where: ['price >= 60010'], rows: [20, 21, 22, 23, 24] },
    { name: 'number <', where: ['size < 0.003'], rows: [0, 1] },
    { name: 'number !=', where: ['taker_order_id != 100', 't_ns <= 2000000000'], rows: [1, 2] },
    { name: 'dictionary =', where: ['instrument = BTC-PERP', 'price < 60003'], rows: [1, 3, 5] },
    { name: 'enum != (quoted)', where: ['aggressor_side != "buy"', 'price > 60008'], rows: [18, 21, 24] },
    { name: 'bool =', where: ['liquidation = true'], rows: [0, 5, 10, 15, 20] },
  ];
  test.each(whereCases)('--where $name', ({ where, rows }) => {
    const r = runCli(['inspect', trades, ...where.flatMap((w) => ['--where', w]), '--head', '100'], plain);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`: ${rows.length} matching`);
    expect(rowNumbers(r.stdout, /matching rows$/)).toEqual(rows);
  });

  test('--json prints one JSON document with schema, metadata and rows', () => {
    const r = runCli(['inspect', trades, '--json', '--columns', 't_ns,price,liquidation', '--where', 'liquidation = true', '--head', '2']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      rows: number; matched: number; metadata: Record<string, string>;
      fields: { name: string; unit: string | null }[]; head: { index: number[]; rows: Record<string, unknown>[] };
    };
    expect(doc.rows).toBe(25);
    expect(doc.matched).toBe(5);
    expect(doc.metadata['gammaloop.seed']).toBe('7');
    expect(doc.fields.find((f) => f.name === 'size')?.unit).toBe('base');
    expect(doc.head.index).toEqual([0, 5]);
    expect(doc.head.rows[1]).toEqual({ t_ns: 5_000_000_000, price: 60002.5, liquidation: true });
    expect(r.stderr).toBe('');
  });

  const errorCases = [
    { name: 'unknown --where column', args: ['--where', 'prise > 3'], stderr: /no column "prise".*did you mean "price"\?/ },
    { name: 'unknown --columns column', args: ['--columns', 't_ns,sise'], stderr: /no column "sise".*did you mean "size"\?/ },
    { name: 'ordering on text', args: ['--where', 'instrument < B'], stderr: /only = and != apply/ },
    { name: 'text value for a number', args: ['--where', 'price > cheap'], stderr: /"cheap" is not a number/ },
    { name: 'malformed filter', args: ['--where', 'price ~ 3'], stderr: /expected "column op value"/ },
  ];
  test.each(errorCases)('$name exits 2', ({ args, stderr }) => {
    const r = runCli(['inspect', trades, ...args], plain);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(stderr);
    expect(r.stdout).toBe('');
  });

  test('a missing file exits 2 naming it', () => {
    const missing = path.join(tmp, 'nope.arrow');
    const r = runCli(['inspect', missing], plain);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no such file: ${missing}`);
  });

  test('a file that is not Arrow exits 2', () => {
    const text = path.join(tmp, 'notes.arrow');
    fs.writeFileSync(text, 'this is not arrow\n');
    const r = runCli(['inspect', text], plain);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${text} is not an Arrow IPC file`);
  });

  test('piped output has no escape codes even without NO_COLOR', () => {
    const r = runCli(['inspect', trades, '--where', 'nope = 1']);
    expect(r.code).toBe(2);
    expect(hasEscapes(r.stderr)).toBe(false);
    const ok = runCli(['inspect', trades]);
    expect(ok.code).toBe(0);
    expect(hasEscapes(ok.stdout)).toBe(false);
  });

  test('FORCE_COLOR turns colour on (so the plain-output checks can fail)', () => {
    const r = runCli(['inspect', trades], { env: { FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(hasEscapes(r.stdout)).toBe(true);
  });
});
