/**
 * Integration: the option dealer (src/agents/dealer, unchanged) hedging a constant-gamma book on
 * the DEX while the price rises. A fee-floor congestion window strands its default-fee hedges
 * until their deadline: they come back as OrderExpired (outcome dropped in `hedges`) and its
 * delta error before each hedge is larger than without congestion (issue 6 acceptance, one seed).
 */
import { describe, expect, it } from 'vitest';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { RandomStream } from '../../../src/engine/rng.js';
import { MsgKind, OrderType } from '../../../src/model/messages.js';
import { Side } from '../../../src/model/side.js';
import { HEDGES, HEDGE_EVENTS, HEDGE_OUTCOMES } from '../../../src/model/tables.js';
import { dealerSchema, optionDealerKind } from '../../../src/agents/index.js';
import type { AgentEnv } from '../../../src/agents/kind.js';
import type { Actor } from '../../../src/engine/kernel.js';
import type { AgentContext } from '../../../src/model/context.js';
import type { Message } from '../../../src/model/messages.js';
import { DEFAULT_DEX_CHAIN, FAST_DEX_ORACLE, type CongestionWindow } from '../../../src/venue/dex/index.js';
import { DEX, makeDexWorld, order, type DexWorld, type ScriptedTrader } from './harness.js';

const S = NS_PER_SEC;
const MS = 1_000_000;

/** Runs 60 s: the fundamental rises 50,000 -> 51,200 linearly; the DEX maker quotes a deep ladder. */
function run(congestion: CongestionWindow[]): DexWorld {
  let dealer: Actor<AgentContext, Message> | null = null;
  const w = makeDexWorld({
    traders: 1,
    instruments: ['perp'],
    dex: { chain: { ...DEFAULT_DEX_CHAIN, blockTimeNs: S, defaultDeadlineNs: 5 * S }, funding: null, oracle: FAST_DEX_ORACLE, congestion },
    fundamental: (t) => 50_000 + (1_200 * Math.min(t, 60 * S)) / (60 * S),
    actors: [['dealer/0', { onStart: (c) => dealer?.onStart?.(c), onWakeup: (c, t) => dealer?.onWakeup?.(c, t), onMessage: (c, m, f) => dealer?.onMessage?.(c, m, f) }]],
  });
  const params = dealerSchema.parse({
    kind: 'option_dealer',
    venue: 'dex',
    instrument: 'BTCUSDT-PERP',
    hedge: { policy: 'constant_gamma', gamma: -0.01, interval: '1s' },
    execution: { inflight_timeout: '60s' },
  });
  const env: AgentEnv = {
    group: 'dealer',
    index: 0,
    name: 'dealer/0',
    groupSize: 1,
    output: { greeksIntervalNs: 60e9, gexProfileRange: 0.1, gexProfilePoints: 21 },
    venueId: () => DEX,
    instrument: () => w.dex.instrumentInfo(0),
    optionSeries: () => [],
    groupMembers: () => [],
    initialPrice: 50_000,
    stream: (p) => RandomStream.derive(7, `agent/dealer/0/${p}`),
  };
  dealer = optionDealerKind.create(params, env);
  w.dex.openAccount(w.id(0), { leverage: 10, collateralUnits: 100_000_000 * 10_000 });
  w.dex.openAccount(w.actorId(0), { leverage: 10, collateralUnits: 100_000_000 * 10_000 });
  const maker = w.traders[0] as ScriptedTrader;
  // Asks every 10 from 50,000 to 52,000 and bids below 50,000: 1 BTC each.
  maker.at(10 * MS, (_c, me) => {
    for (let k = 0; k <= 200; k++) me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Sell, OrderType.Limit, 500_000 + 100 * k, 1000, 1 + k));
    for (let k = 1; k <= 50; k++) me.send(DEX, MsgKind.SubmitOrder, order(0, Side.Buy, OrderType.Limit, 500_000 - 100 * k, 1000, 1000 + k));
  });
  w.kernel.runUntil(60 * S);
  return w;
}

const rowsOf = (w: DexWorld, event: string): Record<string, number>[] => w.table(HEDGES).objects().filter((r) => r.event === HEDGE_EVENTS.indexOf(event as (typeof HEDGE_EVENTS)[number]));
const meanAbs = (xs: number[]): number => xs.reduce((a, b) => a + Math.abs(b), 0) / Math.max(1, xs.length);

describe('option dealer hedging on the DEX', () => {
  const window: CongestionWindow[] = [{ startNs: 15 * S, endNs: 45 * S, minPriorityFee: 50 }];

  it('hedges land at blocks without congestion; a fee-floor window drops them and the delta error grows', () => {
    const calm = run([]);
    const jam = run(window);
    const fillsCalm = rowsOf(calm, 'fill');
    const fillsJam = rowsOf(jam, 'fill');
    expect(fillsCalm.length).toBeGreaterThan(20);
    expect(rowsOf(calm, 'expire')).toEqual([]);
    const expired = rowsOf(jam, 'expire');
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.every((r) => r.outcome === HEDGE_OUTCOMES.indexOf('dropped'))).toBe(true);
    expect(fillsJam.length).toBeLessThan(fillsCalm.length);
    // Delta error before each hedge decision inside the window.
    const inWindow = (r: Record<string, number>): boolean => (r.t_ns as number) >= 15 * S && (r.t_ns as number) < 45 * S;
    const errCalm = meanAbs(rowsOf(calm, 'decision').filter(inWindow).map((r) => r.delta_before as number));
    const errJam = meanAbs(rowsOf(jam, 'decision').filter(inWindow).map((r) => r.delta_before as number));
    expect(errJam).toBeGreaterThan(2 * errCalm);
  });
});
