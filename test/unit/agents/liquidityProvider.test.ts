import { describe, expect, it } from 'vitest';
import { liquidityProviderKind, liquidityProviderSchema, type LiquidityProvider } from '../../../src/agents/liquidityProvider.js';
import { MsgFlag, MsgKind } from '../../../src/model/messages.js';
import { NS_PER_SEC } from '../../../src/engine/time.js';
import { Harness, type Received } from './harness.js';

const base = { kind: 'liquidity_provider', venue: 'cex', instrument: 'BTC-PERP' } as const;
const S = NS_PER_SEC;

function setup(extra: Record<string, unknown> = {}, seed = 1) {
  const h = new Harness(seed);
  h.setMid(100_000);
  const lp = liquidityProviderKind.create(liquidityProviderSchema.parse({ ...base, ...extra }), h.env('lp', 0)) as LiquidityProvider;
  const id = h.add('lp/0', lp);
  return { h, lp, id };
}

/** The ladder resting at time t: submits after the last CancelAll at or before t. */
function ladderAt(h: Harness, t: number): Received[] {
  const upTo = h.received.filter((r) => r.t <= t);
  let start = 0;
  upTo.forEach((r, i) => {
    if (r.msg.kind === MsgKind.CancelAll) start = i + 1;
  });
  return upTo.slice(start).filter((r) => r.msg.kind === MsgKind.SubmitOrder);
}
const best = (l: Received[], side: number) => {
  const px = l.filter((r) => r.msg.side === side).map((r) => r.msg.priceTicks);
  return side > 0 ? Math.max(...px) : Math.min(...px);
};
const spreadTicks = (l: Received[]) => best(l, -1) - best(l, 1);
const fill = (h: Harness, id: number, side: number, lots: number) =>
  h.deliver(id, (m) => {
    m.kind = MsgKind.OrderFilled;
    m.instrument = 1;
    m.side = side;
    m.sizeLots = lots;
    m.priceTicks = 1_000_000;
  });

describe('liquidity_provider schema', () => {
  it('fills documented defaults', () => {
    expect(liquidityProviderSchema.parse(base)).toMatchObject({ reference: 'mid', levels: 3, half_spread_bps: 5, level_spacing_bps: 5, size: 0.5, vol_threshold: 1.5, vacuum_cooldown: 30 * S, withdrawals: [] });
  });
  it.each([
    ['unknown reference', { ...base, reference: 'vwap' }],
    ['zero levels', { ...base, levels: 0 }],
    ['window ending before it starts', { ...base, withdrawals: [{ start: '10s', end: '5s' }] }],
    ['size factor above one', { ...base, vacuum_size_factor: 2 }],
    ['unknown key', { ...base, spread: 3 }],
  ])('rejects %s', (_n, input) => {
    expect(liquidityProviderSchema.safeParse(input).success).toBe(false);
  });
});

describe('liquidity_provider quoting', () => {
  it('requotes once per instant however many fills arrive at it (fuzz case 1032: a ladder per fill multiplied without bound)', () => {
    const { h, id, lp } = setup({ levels: 3, requote_inventory_change: 0.5 });
    h.run(S / 2);
    const cancelsBefore = h.sent(MsgKind.CancelAll, id).length;
    const submitsBefore = h.sent(MsgKind.SubmitOrder, id).length;
    // A sweep of five of its levels: five fills of 1 BTC each (each alone past the 0.5 BTC requote threshold), one instant.
    for (let k = 0; k < 5; k++) fill(h, id, 1, 1000);
    h.run(S / 2 + 10);
    expect(lp.inventoryLots).toBe(5000);
    expect(h.sent(MsgKind.CancelAll, id).length - cancelsBefore).toBe(1);
    expect(h.sent(MsgKind.SubmitOrder, id).length - submitsBefore).toBe(6);
  });

  it('posts the configured ladder around the mid', () => {
    const { h } = setup();
    h.run(1);
    const l = ladderAt(h, 1);
    expect(l.filter((r) => r.msg.side > 0).map((r) => r.msg.priceTicks)).toEqual([999_500, 999_000, 998_500]);
    expect(l.filter((r) => r.msg.side < 0).map((r) => r.msg.priceTicks)).toEqual([1_000_500, 1_001_000, 1_001_500]);
    expect(l.every((r) => r.msg.sizeLots === 500)).toBe(true);
  });

  it('skews quotes down after buying and stops bidding at max inventory', () => {
    const { h, id, lp } = setup({ inventory_skew_bps: 10, max_inventory: 10 });
    h.run(S / 2);
    const before = ladderAt(h, S / 2);
    fill(h, id, 1, 5000); // long 5 BTC = half of max inventory
    h.run(S / 2 + 10);
    expect(lp.inventoryLots).toBe(5000);
    const after = ladderAt(h, S / 2 + 10);
    expect(best(after, 1)).toBeLessThan(best(before, 1));
    expect(best(after, -1)).toBeLessThan(best(before, -1));
    fill(h, id, 1, 5000);
    h.run(S / 2 + 20);
    const full = ladderAt(h, S / 2 + 20);
    expect(full.filter((r) => r.msg.side > 0)).toHaveLength(0);
    expect(full.filter((r) => r.msg.side < 0).length).toBe(3);
  });

  it('counts maker fills against the liquidation engine in its inventory', () => {
    const { h, id, lp } = setup();
    h.run(1);
    h.deliver(id, (m) => Object.assign(m, { kind: MsgKind.OrderFilled, instrument: 1, side: 1, sizeLots: 700, priceTicks: 999_500, flags: MsgFlag.Maker | MsgFlag.Liquidation }));
    h.run(2);
    expect(lp.inventoryLots).toBe(700);
  });

  it('widens and pulls size when realized vol jumps, and comes back after the cooldown', () => {
    const { h, lp } = setup({ vol_window: 10, vacuum_cooldown: '30s', vol_threshold: 1.5 });
    h.run(5 * S + 1);
    const calm = ladderAt(h, 5 * S + 1);
    // 1 % moves every second for 10 s: about 1.8e3 annualized vol.
    for (let k = 1; k <= 10; k++) {
      h.setMid(k % 2 === 0 ? 100_000 : 101_000);
      h.run((5 + k) * S + 1);
    }
    h.setMid(100_000);
    expect(lp.vacuum).toBe(true);
    const wide = ladderAt(h, 15 * S + 1);
    expect(spreadTicks(wide) / spreadTicks(calm)).toBeGreaterThan(3.5);
    expect(wide[0]?.msg.sizeLots).toBe(125);
    // The estimate forgets the burst after 10 samples (t = 26 s); the vacuum lasts 30 s more.
    h.run(50 * S);
    expect(lp.vacuum).toBe(true);
    h.run(60 * S);
    expect(lp.vacuum).toBe(false);
    const back = ladderAt(h, 60 * S);
    expect(spreadTicks(back)).toBe(spreadTicks(calm));
    expect(back[0]?.msg.sizeLots).toBe(500);
  });

  it('pulls its quotes while the feed is halted and requotes after it resumes', () => {
    const { h } = setup();
    h.run(5 * S);
    h.snap.halted = true;
    h.run(7 * S);
    const during = h.received.filter((r) => r.t > 5 * S && r.t <= 7 * S);
    expect(during.map((r) => r.msg.kind)).toEqual([MsgKind.CancelAll]);
    h.snap.halted = false;
    h.run(8 * S);
    expect(ladderAt(h, 8 * S)).toHaveLength(6);
  });

  it('withdraws inside a scheduled window and on a Scheduled message', () => {
    const { h, id } = setup({ withdrawals: [{ start: '10s', end: '20s' }] });
    h.setMid(100_000);
    h.run(30 * S);
    const inWindow = h.received.filter((r) => r.t > 10 * S && r.t < 20 * S);
    expect(inWindow).toHaveLength(0);
    expect(h.received.find((r) => r.t === 10 * S)?.msg.kind).toBe(MsgKind.CancelAll);
    expect(ladderAt(h, 20 * S)).toHaveLength(6);
    h.deliver(id, (m) => {
      m.kind = MsgKind.Scheduled;
      m.aux0 = 3;
      m.aux1 = 5 * S;
    });
    h.setMid(100_100); // would trigger a requote if it were still quoting
    h.run(40 * S);
    expect(h.received.filter((r) => r.t > 30 * S && r.t < 35 * S && r.msg.kind === MsgKind.SubmitOrder)).toHaveLength(0);
    expect(ladderAt(h, 35 * S)).toHaveLength(6);
  });
});

describe('liquidity_provider requote_mode: amend', () => {
  it('amends only the levels that moved, the side moving away first, and reposts a level that filled', () => {
    const { h, id } = setup({ requote_mode: 'amend', inventory_skew_bps: 0 });
    h.run(S / 2);
    const placed = h.sent(MsgKind.SubmitOrder);
    expect(placed).toHaveLength(6);
    const coids = placed.map((r) => r.msg.clientOrderId);
    h.setMid(100_010);
    h.run(S + S / 2);
    expect(h.sent(MsgKind.CancelAll)).toHaveLength(0);
    const amends = h.sent(MsgKind.AmendOrder);
    expect(amends).toHaveLength(6);
    // The mid moved up: asks (moving away from the bids) are amended before the bids (asks round up, bids down).
    const sideOf = (coid: number) => placed.find((r) => r.msg.clientOrderId === coid)?.msg.side;
    expect(amends.map((r) => sideOf(r.msg.clientOrderId))).toEqual([-1, -1, -1, 1, 1, 1]);
    expect(new Set(amends.map((r) => r.msg.clientOrderId))).toEqual(new Set(coids));
    expect(amends.map((r) => r.msg.priceTicks)).toEqual([1_000_601, 1_001_101, 1_001_601, 999_599, 999_099, 998_599]);
    // The best ask fills completely; at the next requote (inventory moved) that level is posted anew.
    const bestAsk = amends[0]?.msg.clientOrderId as number;
    h.deliver(id, (m) => {
      m.kind = MsgKind.OrderFilled;
      m.instrument = 1;
      m.side = -1;
      m.sizeLots = 500;
      m.priceTicks = 1_000_601;
      m.clientOrderId = bestAsk;
      m.aux0 = 0;
      m.flags = MsgFlag.Maker;
    });
    h.setMid(100_020);
    h.run(2 * S + S / 2);
    const later = h.sent(MsgKind.SubmitOrder).slice(6);
    expect(later.map((r) => [r.msg.side, r.msg.priceTicks])).toEqual([[-1, 1_000_701]]);
    expect(h.sent(MsgKind.AmendOrder).slice(6).map((r) => r.msg.clientOrderId)).not.toContain(bestAsk);
  });
});
