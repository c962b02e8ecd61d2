/**
 * Counterfactual replay (src/run/tape.ts): recording every non-dealer agent of a run and
 * replaying the tape on the same seed reproduces the run's book exactly when nothing else
 * changes (a replay that drifted would make the replay arm's "exogenous flow" a different
 * flow), and a hedging dealer added on top sends its orders on top of the recorded ones and
 * changes the book.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArrowFile } from '../../../src/output/index.js';
import { runScenario, type RunRequest } from '../../../src/run/index.js';
import { readTape } from '../../../src/run/tape.js';
import { loadScenario } from '../../../src/scenario/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gammaloop-tape-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dealer = (g: number): string => `agents.dealers={kind: option_dealer, venue: cex, instrument: BTC-PERP, spot_source: mid, hedge: {policy: constant_gamma, gamma: ${g}, interval: 1s}, execution: {style: market}}`;
const OTHERS = 'makers/*,flow/*,meta/*,value/*,trend/*';

async function run(name: string, g: number, extra: Partial<RunRequest>): Promise<{ mid: Float64Array; orders: number }> {
  const loaded = loadScenario('scenarios/baseline.yaml', { seed: 3, set: ['clock.duration=2m', dealer(g), 'output.tables=[orders]'] });
  const out = path.join(dir, name);
  const r = await runScenario({ loaded, outDir: out, wallClockMs: () => 0, writeManifest: false, ...extra });
  const book = readArrowFile(r.files['book'] as string);
  const orders = readArrowFile(r.files['orders'] as string).column('event').filter((e) => e === 'submitted').length;
  return { mid: Float64Array.from(book.numbers('mid')), orders };
}

describe('counterfactual replay tape', () => {
  const tapeFile = path.join(dir, 'control.tape');
  it('replaying the control on the same seed reproduces its book exactly; a hedger on top changes it', async () => {
    const control = await run('control', 0, { record: { agents: OTHERS, file: tapeFile } });
    const tape = readTape(tapeFile);
    expect(tape.count).toBeGreaterThan(1000);
    const replayed = await run('replay', 0, { replay: { agents: OTHERS, file: tapeFile } });
    expect(replayed.mid).toEqual(control.mid);
    expect(replayed.orders).toBe(control.orders);
    const hedged = await run('hedged', -0.05, { replay: { agents: OTHERS, file: tapeFile } });
    let differ = 0;
    hedged.mid.forEach((m, i) => {
      if (m !== control.mid[i]) differ++;
    });
    // The dealer's orders come on top of the replayed ones, and they move the book; only a little
    // here: the replayed quotes put it back (docs/science.md, "Departures").
    expect(hedged.orders).toBeGreaterThan(control.orders + 50);
    expect(differ).toBeGreaterThan(0);
  }, 60_000);

  it('a tape from another world plan is refused before the run', async () => {
    const loaded = loadScenario('scenarios/baseline.yaml', { seed: 3, set: ['clock.duration=10s'] });
    await expect(runScenario({ loaded, outDir: path.join(dir, 'other'), wallClockMs: () => 0, writeManifest: false, replay: { agents: OTHERS, file: tapeFile } })).rejects.toThrow(/another world plan/);
  });
});
