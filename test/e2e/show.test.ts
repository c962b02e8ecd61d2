/**
 * `gammaloop show` on synthetic run directories written with src/output: a run with a known
 * cascade, dealers and scheduled shocks; a run with none of them; a run with summary.arrow.
 * Checks sections, numbers derived from the fixture, width and the absence of escape codes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, hasEscapes, runCli } from './helpers/cli.js';
import { CASCADE, DEALERS, SHA, writeRunDir } from './helpers/fixtures.js';

let tmp = '';
let full = '';
let empty = '';
let summarized = '';
const plain = { env: { NO_COLOR: '1' } };

beforeAll(async () => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-e2e-show-'));
  full = await writeRunDir(path.join(tmp, 'full'), { events: true });
  empty = await writeRunDir(path.join(tmp, 'empty'), { events: false });
  summarized = await writeRunDir(path.join(tmp, 'summarized'), { events: true, summary: { rv_index_5m: 0.4242, liquidation_count: 99 } });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const width = (s: string): number => Math.max(...s.split('\n').map((l) => [...l].length));

/** The line after `label │` / `label ┤` in the gutter, without the gutter. */
function row(stdout: string, label: string): string {
  const line = stdout.split('\n').find((l) => new RegExp(`^ *${label} [│┤]`).test(l));
  if (line === undefined) throw new Error(`no row ${label}`);
  return line.replace(/^ *\S+ [│┤]/, '');
}

describe('show', () => {
  test('a run with a cascade, dealers and shocks: every section with its numbers', () => {
    const r = runCli(['show', full, '--width', '80'], plain);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(new RegExp(`^synthetic {2}seed 7 {2}sha ${SHA.slice(0, 12)} {2}sim 1 h 0 m {2}status complete$`, 'm'));
    // Price header: first and last mid and index of the reference (perp) book.
    expect(out).toContain('mid BTC-PERP 60,000 → 57,795 (-3.67%)');
    expect(out).toContain('index 59,995 → 57,790');
    expect(out).toMatch(/[⠁-⣿]/); // braille chart cells
    expect(out).toMatch(/^ +0:00:00 .* 1:00:00$/m);
    // Liquidation markers: one burst at 2000-2010 s and one at 3000 s, as two marked columns.
    expect(row(out, 'liqs').replace(/ /g, '')).toMatch(/^[▁-█]{2}$/);
    expect(out).toContain(`liquidations triggered: ${CASCADE.total}`);
    expect(row(out, 'sched').replace(/ /g, '')).toBe('SW');
    expect(out).toContain('S market_order at 0:33:15 shock/0 -50');
    expect(out).toContain('W liquidity_withdrawal at 0:41:40 lp/0 0.5');
    // Dealer strip.
    expect(row(out, 'buys')).toMatch(/█/);
    expect(row(out, 'sells')).toMatch(/[▁-█]/);
    expect(out).toContain(`2 dealer(s)`);
    expect(out).toContain(`${DEALERS.fills} hedge fills: bought ${DEALERS.bought}, sold ${DEALERS.sold}`);
    // Metrics computed from the tables.
    expect(out).toContain('metrics  (computed from the tables)');
    expect(out).toMatch(/liquidation_count +7\b/);
    expect(out).toMatch(/cascade_count +2\b/);
    expect(out).toMatch(/liquidation_volume +3\.25 base/);
    expect(out).toMatch(new RegExp(`dealer_pnl +${DEALERS.dealerPnl} USD`));
    // Largest cascade timeline.
    expect(out).toContain(`start ${CASCADE.start}  ${CASCADE.liquidations} liquidations in ${CASCADE.rounds} round(s) over ${CASCADE.durationText}`);
    expect(out).toContain(`volume ${CASCADE.volume} base  notional 175,480 USD  mark ${CASCADE.movePct}`);
    expect(out).toMatch(/\+0\.000 s +2 triggered {2}mark 59,000/);
    expect(out).toMatch(/\+5\.000 s +3 triggered {2}mark 58,400/);
    expect(out).toMatch(/\+10\.000 s +1 triggered {2}mark 57,820/);
    expect(out).toContain(`${CASCADE.cascades} cascade(s) in the run`);
    expect(width(out)).toBeLessThanOrEqual(80);
    expect(hasEscapes(out + r.stderr)).toBe(false);
    expect(r.stderr).toBe('');
  });

  test('--width sets the chart width', () => {
    const narrow = runCli(['show', full, '--width', '60'], plain);
    const wide = runCli(['show', full, '--width', '140'], plain);
    expect(narrow.code).toBe(0);
    expect(width(narrow.stdout.split('\n').filter((l) => /[┤│└]/.test(l)).join('\n'))).toBe(60);
    expect(width(wide.stdout.split('\n').filter((l) => /[┤│└]/.test(l)).join('\n'))).toBe(140);
  });

  test('piped without --width draws at 100 columns and without escape codes (no NO_COLOR)', () => {
    const r = runCli(['show', full]);
    expect(r.code).toBe(0);
    expect(hasEscapes(r.stdout)).toBe(false);
    const axis = r.stdout.split('\n').find((l) => l.includes('└'));
    expect(axis === undefined ? 0 : [...axis].length).toBe(100);
  });

  test('a run with no liquidations, dealers or schedule says none', () => {
    const r = runCli(['show', empty, '--width', '80'], plain);
    expect(r.code).toBe(0);
    expect(row(r.stdout, 'liqs')).toBe('none');
    expect(row(r.stdout, 'sched')).toBe('none');
    expect(row(r.stdout, 'delta')).toBe('none (no dealers)');
    expect(row(r.stdout, 'hedges')).toBe('none');
    expect(r.stdout).toMatch(/largest cascade\n {2}none \(no liquidations\)/);
    expect(r.stdout).toMatch(/liquidation_count +0\b/);
    expect(hasEscapes(r.stdout)).toBe(false);
  });

  test('metrics come from summary.arrow when the run has one', () => {
    const r = runCli(['show', summarized, '--width', '100'], plain);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('metrics  (summary.arrow)');
    expect(r.stdout).toMatch(/rv_index_5m +42\.4% ann\./);
    expect(r.stdout).toMatch(/liquidation_count +99\b/);
    expect(r.stdout).toMatch(/cascade_count +—/);
  });

  test('FORCE_COLOR colours the chart (so the escape-code checks can fail)', () => {
    const r = runCli(['show', full, '--width', '80'], { env: { FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(hasEscapes(r.stdout)).toBe(true);
  });

  const errorCases = [
    { name: 'a missing directory', dir: () => path.join(tmp, 'nope'), stderr: /no such run directory/ },
    { name: 'a directory that is not a run', dir: () => fs.mkdtempSync(path.join(tmp, 'notarun-')), stderr: /is not a run directory/ },
  ];
  test.each(errorCases)('$name exits 2', ({ dir, stderr }) => {
    const r = runCli(['show', dir()], plain);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(stderr);
  });

  test('--width below 40 is a usage error', () => {
    const r = runCli(['show', full, '--width', '10'], plain);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--width must be an integer in 40..1000');
  });
});
