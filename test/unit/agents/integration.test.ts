/**
 * The agents against the real CexVenue (no fakes): a perp book made by a liquidity provider and
 * noise traders, an option customer trading with a dealer through the options desk, the dealer
 * hedging on the perp, and leveraged retail accounts. Checks that the protocol fits end to end.
 */
import { describe, expect, it } from 'vitest';
import { Kernel, type ActorContext } from '../../../src/engine/kernel.js';
import { NS_PER_MIN, NS_PER_SEC } from '../../../src/engine/time.js';
import { SimClock } from '../../../src/model/clock.js';
import type { MarketAccess } from '../../../src/model/context.js';
import { emptySnapshot } from '../../../src/model/market.js';
import { MessagePool, type Message } from '../../../src/model/messages.js';
import { GREEKS, HEDGES, TRADES, nullAppender, type Appender, type TableSpec } from '../../../src/model/tables.js';
import { toQuoteUnits } from '../../../src/model/units.js';
import { CexVenue } from '../../../src/venue/cexVenue.js';
import { cexConfig, DEFAULT_OPTIONS_DESK } from '../../../src/venue/cexDefaults.js';
import { wakeViaContexts } from '../../../src/venue/marketData/marketDataTypes.js';
import { ALL_AGENT_KINDS, accountSetupOf, type AgentEnv, type OptionDealer, type RetailTrader } from '../../../src/agents/index.js';

const START = Date.UTC(2026, 0, 1, 8); // determinism-ok: a fixed instant in a test
const VENUE = 0;

class Rows implements Appender {
  readonly rows: number[][] = [];
  private cur: number[] = [];
  constructor(readonly spec: TableSpec) {}
  readonly enabled = true;
  begin(t: number): void {
    this.cur = new Array<number>(this.spec.columns.length).fill(0);
    this.cur[0] = t;
  }
  set(c: number, v: number): void {
    this.cur[c] = v;
  }
  end(): void {
    this.rows.push(this.cur);
  }
}

function runWorld(seed: number, minutes: number) {
  const clock = new SimClock(START);
  const dealerId = 9;
  const series = [100_000, 101_000, 99_000].flatMap((strike, i) =>
    [true, false].map((isCall, j) => ({ symbol: `BTC-2D-${strike}-${isCall ? 'C' : 'P'}`, isCall, strike, expiryUtcMs: START + 2 * 86_400_000, contractSize: 1, dealers: [dealerId], dictIndex: 2 * i + j })),
  );
  const cfg = cexConfig(
    { name: 'cex', instruments: [{ symbol: 'BTC-PERP', kind: 'perp', tickSize: 0.1, lotSize: 0.001, makerFeeBps: 2, takerFeeBps: 5, initialPrice: 100_000, dictIndex: 0 }], liquidationEngineId: 1, insuranceFundId: 2 },
    { options: { ...DEFAULT_OPTIONS_DESK, series } },
  );
  const tables = new Map<string, Rows>();
  const recorder = (spec: TableSpec): Appender => {
    if (![TRADES.name, HEDGES.name, GREEKS.name].includes(spec.name)) return nullAppender(spec);
    let r = tables.get(spec.name);
    if (!r) tables.set(spec.name, (r = new Rows(spec)));
    return r;
  };
  let venue: CexVenue | null = null;
  const kernel = new Kernel<Message, MarketAccess>({
    rootSeed: seed,
    payloads: new MessagePool(),
    extendContext: (base: ActorContext<Message>): MarketAccess => {
      const snap = emptySnapshot();
      return {
        market: (_v, inst) => venue!.snapshotAt(inst, base.now, snap),
        watchMid: (_v, inst, lo, hi, tag) => venue!.watchMid(inst, lo, hi, base.id, tag),
        unwatch: (h) => venue!.unwatch(h),
        fundamental: () => Number.NaN,
        instrument: (_v, inst) => venue!.instrumentInfo(inst),
        optionSeries: () => venue!.optionSeries(),
        recorder,
        clock,
      };
    },
  });
  venue = new CexVenue(cfg, { venueId: VENUE, clock, wakeAgent: wakeViaContexts((id) => kernel.contextOf(id), () => 0) });
  kernel.addActor('cex', venue);
  kernel.addActor('cex/liquidation', {});
  kernel.addActor('cex/insurance', {});
  const where = { venue: 'cex', instrument: 'BTC-PERP' };
  const groups: [string, number, Record<string, unknown>][] = [
    ['lp', 1, { kind: 'liquidity_provider', levels: 5, size: 2, half_spread_bps: 2, level_spacing_bps: 2, max_inventory: 50 }],
    ['noise', 5, { kind: 'noise', rate: 2, size: { dist: 'fixed', value: 0.05 }, limit_offset_bps: { dist: 'exponential', mean: 3 } }],
    ['dealer', 1, { kind: 'option_dealer', spot_source: 'mid', positions: [{ series: 'BTC-2D-100000-C', contracts: -50 }, { series: 'BTC-2D-100000-P', contracts: -50 }], hedge: { policy: 'band', band: 0.5, band_move: 0 } }],
    ['customer', 1, { kind: 'option_customer', rate: 0.2, moneyness_sd: 0.01 }],
    ['retail', 10, { kind: 'retail', signal: 'random', entry_rate: 0.05, leverage: { dist: 'uniform', min: 20, max: 80 }, cooldown: '30s' }],
  ];
  const ids: Record<string, number[]> = {};
  const actors: Record<string, unknown[]> = {};
  for (const [group, count, params] of groups) {
    const kind = ALL_AGENT_KINDS.find((k) => k.kind === params.kind)!;
    const p = kind.schema.parse({ ...where, ...params, count });
    ids[group] = [];
    actors[group] = [];
    for (let i = 0; i < count; i++) {
      const name = `${group}/${i}`;
      const env: AgentEnv = {
        group, index: i, name, groupSize: count, output: { greeksIntervalNs: 60e9, gexProfileRange: 0.1, gexProfilePoints: 21 },
        venueId: () => VENUE,
        instrument: () => venue!.instrumentInfo(0),
        optionSeries: () => venue!.optionSeries(),
        groupMembers: (g) => ids[g] ?? [],
        initialPrice: 100_000,
        stream: (purpose) => kernel.streams.stream(`agent/${name}/${purpose}`),
      };
      const actor = kind.create(p, env);
      const id = kernel.addActor(name, actor);
      const acct = accountSetupOf(actor)!;
      venue.openAccount(id, { mode: acct.marginMode, leverage: acct.leverage, collateralUnits: toQuoteUnits(acct.collateral) });
      ids[group]!.push(id);
      actors[group]!.push(actor);
    }
  }
  expect(ids.dealer![0]).toBe(dealerId);
  // The dealer's initial short straddle is booked at the desk against the venue account.
  venue.desk.ledger.trade(0, VENUE, dealerId, 50);
  venue.desk.ledger.trade(1, VENUE, dealerId, 50);
  for (let m = 1; m <= minutes; m++) kernel.runUntil(m * NS_PER_MIN);
  return { kernel, venue, tables, dealer: actors.dealer![0] as OptionDealer, retail: actors.retail as RetailTrader[] };
}

describe('agents on the real CEX venue', () => {
  it('make a two-sided market, clear options with the dealer, hedge, and trade retail leverage', () => {
    const w = runWorld(11, 10);
    const trades = w.tables.get('trades')!.rows;
    expect(trades.length).toBeGreaterThan(500);
    const snap = w.venue.snapshotAt(0, w.kernel.now, emptySnapshot());
    expect(snap.bidLots).toBeGreaterThan(0);
    expect(snap.askLots).toBeGreaterThan(0);
    expect(Math.abs(snap.bidTicks / 1_000_000 - 1)).toBeLessThan(0.05);
    // Customer trades reached the dealer's book (the book started at -50/-50 on series 0/1).
    const d = w.dealer;
    const traded = Array.from(d.book.contracts).some((c, i) => (i < 2 ? c !== -50 : c !== 0));
    expect(traded).toBe(true);
    // The dealer hedged on the perp and stays near delta neutral.
    const hedges = w.tables.get('hedges')!.rows;
    expect(hedges.filter((r) => r[HEDGES.col.event] === 1).length).toBeGreaterThan(0);
    expect(Math.abs(d.netDelta)).toBeLessThan(5);
    expect(d.hedgePosition).not.toBe(0);
    expect(w.tables.get('greeks')!.rows.length).toBe(11);
    // Retail accounts traded.
    expect(w.retail.some((r) => r.positionLots !== 0 || r.takeProfits + r.stopLosses + r.liquidations > 0)).toBe(true);
    const money = w.venue.moneyCheck();
    expect(money.clearingTotalUnits).toBe(money.depositedUnits);
  }, 30_000);

  it('is deterministic: same seed, same trades', () => {
    const digest = (seed: number) => JSON.stringify(runWorld(seed, 3).tables.get('trades')!.rows);
    expect(digest(5)).toBe(digest(5));
    expect(digest(5)).not.toBe(digest(6));
  }, 30_000);
});
