/**
 * Every reference scenario runs to completion over its whole duration (seed 1), and runScenario's
 * money-conservation check (clearing total = deposits and spot total = 0 at every venue; it
 * throws otherwise) holds at its end: through the squeeze, the expiry and settlement of the pin
 * scenario and the liquidation cascade. The list is read from scenarios/, so a new reference
 * scenario is covered without editing this file. Whole runs take 0.5-3.5 s each here.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runOnce } from '../../bench/science/harness.js';
import { loadScenario } from '../../src/scenario/index.js';

const FILES = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('science: reference scenarios complete with money conserved', () => {
  it('finds the reference scenarios', () => {
    expect(FILES).toEqual(expect.arrayContaining(['baseline.yaml', 'short-gamma-squeeze.yaml', 'long-gamma-pin.yaml', 'liquidation-cascade.yaml']));
  });

  it.each(FILES)('%s runs its whole duration', async (file) => {
    const { scenario } = loadScenario(`scenarios/${file}`, { seed: 1 });
    const out = await runOnce(`scenarios/${file}`, 1, [], (run) => ({ status: run.status, simTimeNs: run.simTimeNs, events: run.events, bookRows: run.rows['book'] ?? 0 }));
    expect(out.status).toBe('complete');
    expect(out.simTimeNs).toBe(scenario.clock.durationNs);
    expect(out.events).toBeGreaterThan(10_000);
    expect(out.bookRows).toBeGreaterThan(0);
  }, 60_000);
});
