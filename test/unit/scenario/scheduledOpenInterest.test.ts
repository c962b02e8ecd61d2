import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArrowFile } from '../../../src/output/index.js';
import { runScenario } from '../../../src/run/index.js';
import { loadScenario } from '../../../src/scenario/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-oi-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const MIN = 60e9;
const ENTRY = '{at: 10m, action: open_interest, venue: cex, expiry: "2026-03-27T08:00:00Z", strike: 60000, type: call, contracts: 40, dealer_side: short, dealer_group: dealers}';

async function run(name: string, set: string[]) {
  const loaded = loadScenario('scenarios/long-gamma-pin.yaml', { set: ['clock.duration=20m', 'output.greeks_interval=1m', ...set] });
  return runScenario({ loaded, outDir: path.join(tmp, name), wallClockMs: () => 0 });
}

describe('scheduled open interest', () => {
  it('arrives at the desk at its time, is taken by the dealer at a premium, and changes the dealer gamma', async () => {
    const base = await run('base', []);
    const more = await run('more', [`schedule=[${ENTRY}]`]);
    const trades = readArrowFile(more.files['option_trades'] as string);
    const t = trades.numbers('t_ns');
    const seller = trades.column('seller');
    const contracts = trades.numbers('contracts');
    const premium = trades.numbers('premium');
    const i = Array.from(t).findIndex((x) => x >= 10 * MIN);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(t[i]).toBeLessThan(10 * MIN + 1e9); // within the quote deadline
    expect([seller[i], contracts[i]]).toEqual(['dealers/0', 40]);
    expect(premium[i]).toBeGreaterThan(0);
    const sched = readArrowFile(more.files['schedule'] as string);
    expect(sched.column('action')).toContain('open_interest');
    // The dealers started long 150 calls + 150 puts; selling 40 calls makes them less long gamma.
    const gammaAt = (file: string, tNs: number): number => {
      const g = readArrowFile(file);
      const tt = g.numbers('t_ns');
      const k = Array.from(tt).findIndex((x) => x >= tNs);
      return g.numbers('gamma')[k] as number;
    };
    expect(gammaAt(more.files['greeks'] as string, 12 * MIN)).toBeLessThan(gammaAt(base.files['greeks'] as string, 12 * MIN));
  }, 60_000);
});
