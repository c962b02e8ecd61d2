import { describe, expect, test } from 'vitest';
import { NS_PER_SEC } from '../../src/engine/time.js';
import { HEDGES, HEDGE_EVENTS } from '../../src/model/tables.js';
import { runInMemory } from './dexRuns.js';

const FILE = 'scenarios/dex-hedge-congestion.yaml';
const W0 = 240 * NS_PER_SEC;
const W1 = 390 * NS_PER_SEC;
const EV = { decision: HEDGE_EVENTS.indexOf('decision'), fill: HEDGE_EVENTS.indexOf('fill'), cancel: HEDGE_EVENTS.indexOf('cancel') };

function measure(rows: Record<string, number>[]): { deltaErr: number; slip: number; colSlip: number; landed: number } {
  let arrival = NaN;
  let reset = true;
  let firstFill = false;
  const errs: number[] = [];
  let shortfall = 0, vol = 0, col = 0;
  for (const r of rows) {
    const t = r.t_ns as number;
    if (r.event === EV.decision) {
      if (reset || Number.isNaN(arrival)) arrival = r.mid as number;
      reset = false;
      firstFill = true;
    } else if (r.event === EV.fill) {
      if (t >= W0 && t < W1) {
        if (firstFill) errs.push(Math.abs(r.delta_before as number));
        shortfall += ((r.price as number) - arrival) * (r.size as number);
        col += r.slippage as number;
        vol += Math.abs(r.size as number);
      }
      firstFill = false;
      reset = true;
    } else if (r.event === EV.cancel) reset = true;
  }
  return { deltaErr: errs.reduce((a, b) => a + b, 0) / Math.max(1, errs.length), slip: vol > 0 ? shortfall / vol : NaN, colSlip: vol > 0 ? col / vol : NaN, landed: errs.length };
}

describe('explore', () => {
  test('numbers', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const set = ['clock.duration=6m30s'];
      const jam = runInMemory(FILE, [HEDGES], { seed, set });
      const calm = runInMemory(FILE, [HEDGES], { seed, set: [...set, 'schedule=[{at: 4m, action: fundamental_jump, log_return: 0.03}]'] });
      const a = measure(jam.table(HEDGES).objects());
      const b = measure(calm.table(HEDGES).objects());
      console.log(seed, JSON.stringify(a), JSON.stringify(b));
    }
  }, 120_000);
});
