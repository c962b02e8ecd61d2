import { describe, expect, it } from 'vitest';
import { NS_PER_HOUR, NS_PER_MIN, NS_PER_SEC } from '../../../src/engine/time.js';
import { MsgKind, OrderType, Reason } from '../../../src/model/messages.js';
import { OPTION_TRADES } from '../../../src/model/tables.js';
import { toQuoteUnits } from '../../../src/model/units.js';
import { DEFAULT_OPTIONS_DESK } from '../../../src/venue/cexDefaults.js';
import { btcInstruments, makeWorld, order, START_UTC_MS, VENUE, type ScriptedTrader } from './harness.js';

const MS = 1_000_000;
const USD = 10_000;

/** A dealer that answers every QuoteRequested with `premiumUsd(requestOrdinal)` per contract (null: silence). */
function dealer(t: ScriptedTrader, premiumUsd: (k: number) => number | null): void {
  let k = 0;
  t.onMsg = (_ctx, msg, me) => {
    if (msg.kind !== MsgKind.QuoteRequested) return;
    const p = premiumUsd(k++);
    if (p === null) return;
    const id = msg.orderId;
    const side = -msg.side;
    const size = msg.sizeLots;
    me.send(VENUE, MsgKind.QuoteOption, (m) => {
      m.orderId = id;
      m.instrument = msg.instrument;
      m.side = side;
      m.sizeLots = size;
      m.priceTicks = p * USD;
    });
  };
}

describe('CexVenue options desk', () => {
  it('RFQ -> best quote wins (ties to the lower id) -> premium booked -> cash settlement at the index TWAP, cash conserved', () => {
    const expiryNs = 2 * NS_PER_HOUR;
    const w = makeWorld({
      traders: 4,
      instruments: btcInstruments(['spot']),
      orderLatencyNs: 1 * MS,
      responseLatencyNs: 1 * MS,
      overrides: {
        options: {
          ...DEFAULT_OPTIONS_DESK,
          series: [{ symbol: 'BTC-C-50000', isCall: true, strike: 50_000, expiryUtcMs: START_UTC_MS + 2 * 3_600_000, contractSize: 1, dealers: [6, 5], dictIndex: 0 }],
        },
      },
    });
    const [mm, cust, d1, d2] = w.traders as [ScriptedTrader, ScriptedTrader, ScriptedTrader, ScriptedTrader];
    const [idC, idD1, idD2] = [w.id(1), w.id(2), w.id(3)];
    expect([idD1, idD2]).toEqual([5, 6]); // listed as [6, 5]: the desk asks in ascending id order
    for (const id of [idC, idD1, idD2]) w.venue.openAccount(id, { collateralUnits: 100_000 * USD });
    // Request 0: d1 990 vs d2 1000 -> d1. Request 1: tie at 800 -> the lower id (d1). Request 2: silence -> NoQuote.
    dealer(d1, (k) => [990, 800, null][k] ?? null);
    dealer(d2, (k) => [1000, 800, null][k] ?? null);
    mm.at(0, (_c, me) => {
      me.send(VENUE, MsgKind.SubmitOrder, order(0, 1, OrderType.Limit, 499_990, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(0, -1, OrderType.Limit, 500_010, 10));
    });
    const rfq = (side: number, n: number, coid: number) => (_c: unknown, me: ScriptedTrader) =>
      me.send(VENUE, MsgKind.RequestOption, (m) => { m.instrument = 0; m.side = side; m.sizeLots = n; m.clientOrderId = coid; });
    cust.at(1 * NS_PER_SEC, rfq(1, 3, 101));
    cust.at(2 * NS_PER_SEC, rfq(-1, 1, 102));
    cust.at(3 * NS_PER_SEC, rfq(1, 1, 103));
    // Inside the settlement window (1:30-2:00) the spot mid steps to 52,000 at 1:45:02.5.
    mm.at(105 * NS_PER_MIN + 2_500 * MS, (_c, me) => {
      me.send(VENUE, MsgKind.CancelAll, (m) => { m.instrument = 0; });
      me.send(VENUE, MsgKind.SubmitOrder, order(0, 1, OrderType.Limit, 519_990, 10));
      me.send(VENUE, MsgKind.SubmitOrder, order(0, -1, OrderType.Limit, 520_010, 10));
    });
    cust.at(expiryNs + 1 * NS_PER_SEC, rfq(1, 1, 104));
    const wallet0 = [idC, idD1, idD2, VENUE].map((a) => w.venue.house.ledger.wallet[a] ?? 0);
    w.kernel.runUntil(expiryNs + 2 * NS_PER_SEC);

    // Quotes were asked of both dealers in ascending id order, and both were told the customer side.
    expect(d1.got(MsgKind.QuoteRequested).map((m) => [m.orderId, m.side, m.sizeLots])).toEqual([[1, 1, 3], [2, -1, 1], [3, 1, 1]]);
    const fills = cust.got(MsgKind.OptionFilled);
    expect(fills.map((m) => [m.clientOrderId, m.side, m.sizeLots, m.priceTicks])).toEqual([[101, 1, 3, 990 * USD], [102, -1, 1, 800 * USD]]);
    expect(d1.got(MsgKind.OptionFilled).map((m) => [m.side, m.sizeLots])).toEqual([[-1, 3], [1, 1]]);
    expect(d2.got(MsgKind.OptionFilled)).toHaveLength(0);
    // Every dealer answered, so the first two completed without waiting for the deadline.
    expect(fills[0]?.t).toBe(1 * NS_PER_SEC + 4 * MS);
    expect(cust.got(MsgKind.OptionRejected).map((m) => [m.clientOrderId, m.reason])).toEqual([[103, Reason.NoQuote], [104, Reason.Expired]]);

    // Settlement price: previous-tick TWAP of 5 s index samples over [1:30, 2:00]. The index is an
    // EMA (3 s half-life) that stays 50,000 until the step reaches the venue at 1:45:02.501.
    let sum = 0;
    for (let k = 0; k < 360; k++) {
      const tS = 90 * 60 + 5 * k;
      const dt = tS - (105 * 60 + 2.501); // the quotes reach the venue 1 ms after they are sent
      sum += dt < 0 ? 50_000 : 52_000 - 2_000 * 2 ** (-dt / 3);
    }
    const settle = sum / 360;
    const payoffUnits = toQuoteUnits(settle - 50_000);
    const settled = cust.got(MsgKind.OptionSettled);
    expect(settled).toHaveLength(1);
    expect(settled[0]?.sizeLots).toBe(2); // long 3, short 1
    expect(Math.abs((settled[0]?.aux0 as number) - payoffUnits)).toBeLessThanOrEqual(1);
    expect(settled[0]?.t).toBe(expiryNs + 1 * MS);
    expect(d1.got(MsgKind.OptionSettled).map((m) => m.sizeLots)).toEqual([-2]);
    const payoff = settled[0]?.aux0 as number;

    const rows = w.table(OPTION_TRADES).objects();
    expect(rows.map((r) => [r['event'], r['buyer'], r['seller'], r['contracts'], r['premium']])).toEqual([
      [0, idC, idD1, 3, 990],
      [0, idD1, idC, 1, 800],
      [1, idC, VENUE, 2, payoff / USD],
      [1, VENUE, idD1, 2, payoff / USD],
    ]);
    expect(rows[0]?.['underlying']).toBeCloseTo(50_000, 6);
    expect(rows[0]?.['implied_vol']).toBeGreaterThan(0);
    expect(rows[2]?.['underlying']).toBeCloseTo(settle, 2);

    // Cash: premiums and payoffs moved between the two parties only; the venue account nets to 0.
    const wallet1 = [idC, idD1, idD2, VENUE].map((a) => w.venue.house.ledger.wallet[a] ?? 0);
    const delta = wallet1.map((v, i) => v - (wallet0[i] as number));
    expect(delta).toEqual([-3 * 990 * USD + 800 * USD + 2 * payoff, 3 * 990 * USD - 800 * USD - 2 * payoff, 0, 0]);
    const money = w.venue.moneyCheck();
    expect(money.clearingTotalUnits).toBe(money.depositedUnits);
    expect(w.venue.desk.ledger.holders(0)).toEqual([]);
  });

  it('rejects requests for unknown series and bad sizes', () => {
    const w = makeWorld({ traders: 1, instruments: btcInstruments(['spot']) });
    const [c] = w.traders as [ScriptedTrader];
    c.at(1, (_x, me) => me.send(VENUE, MsgKind.RequestOption, (m) => { m.instrument = 3; m.side = 1; m.sizeLots = 1; m.clientOrderId = 1; }));
    w.kernel.runUntil(10 * MS);
    expect(c.got(MsgKind.OptionRejected).map((m) => [m.clientOrderId, m.reason])).toEqual([[1, Reason.UnknownInstrument]]);
    expect(w.venue.optionSeries()).toEqual([]);
  });
});
