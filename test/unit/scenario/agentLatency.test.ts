import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArrowFile } from '../../../src/output/index.js';
import { runScenario } from '../../../src/run/index.js';
import { loadScenario } from '../../../src/scenario/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gammaloop-latency-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Round trips (submit out -> accepted in) of noise/0's orders, in ns, from the events table. */
async function roundTrips(name: string, set: string[]): Promise<number[]> {
  const loaded = loadScenario('test/fixtures/scenarios/baseline-gaussian.yaml', { set: ['clock.duration=2m', ...set] });
  const r = await runScenario({ loaded, outDir: path.join(tmp, name), wallClockMs: () => 0, trace: 'noise/0' });
  const e = readArrowFile(r.files['events'] as string);
  const t = e.numbers('t_ns');
  const kind = e.column('kind');
  const dir = e.column('direction');
  const cid = e.numbers('client_order_id');
  const sent = new Map<number, number>();
  const trips: number[] = [];
  for (let i = 0; i < e.numRows; i++) {
    if (dir[i] === 'out' && kind[i] === 'SubmitOrder') sent.set(cid[i] as number, t[i] as number);
    if (dir[i] === 'in' && kind[i] === 'OrderAccepted' && sent.has(cid[i] as number)) trips.push((t[i] as number) - (sent.get(cid[i] as number) as number));
  }
  return trips;
}

describe('per-group latency', () => {
  it("a group's order_entry overrides its venue's: the ack comes 500 ms later, other links unchanged", async () => {
    const venue = await roundTrips('venue', []);
    const own = await roundTrips('own', ['agents.noise.latency={order_entry: 500ms}']);
    expect(venue.length).toBeGreaterThan(0);
    expect(own.length).toBeGreaterThan(0);
    // baseline.yaml: 2 ms order entry + 2 ms response
    expect(new Set(venue)).toEqual(new Set([4_000_000]));
    expect(new Set(own)).toEqual(new Set([502_000_000]));
  }, 60_000);

  it('rejects an unknown field in the group latency block', () => {
    expect(() => loadScenario('test/fixtures/scenarios/baseline-gaussian.yaml', { set: ['agents.noise.latency={order_entri: 5ms}'] })).toThrow(/order_entri/);
  });
});
