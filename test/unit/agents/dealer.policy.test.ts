import { describe, expect, it } from 'vitest';
import { bandHalfWidth, dealerSchema, hedgePolicySchema, hedgeTrade, whalleyWilmottHalfWidth } from '../../../src/agents/dealer/index.js';
import { NS_PER_SEC } from '../../../src/engine/time.js';

const where = { kind: 'option_dealer', venue: 'cex', instrument: 'BTC-PERP' } as const;

describe('option_dealer schema', () => {
  it('defaults to a band hedge at market on the given instrument', () => {
    const p = dealerSchema.parse(where);
    expect(p.hedge).toEqual({ policy: 'band', check_interval: NS_PER_SEC, band: 1, band_move: 0.005, to: 'target' });
    expect(p.execution).toMatchObject({ style: 'market', limit_ticks: 2, max_order_size: 100, participation: 0 });
    expect(p).toMatchObject({ positions: [], spot_source: 'index', quote_spread_vol: 0.02 });
    // No group default: the dealer samples at output.greeks_interval unless the group sets its own.
    expect(p.greeks_interval).toBeUndefined();
    expect(p.surface).toEqual({ atm_vol: 0.5, rr25: -0.02, bf25: 0.015, dynamics: 'sticky_moneyness' });
    expect(hedgePolicySchema.parse({ policy: 'whalley_wilmott' })).toMatchObject({ cost_bps: 5, risk_aversion: 0.001, to: 'edge' });
  });
  it.each([
    ['unknown policy', { ...where, hedge: { policy: 'delta_star' } }],
    ['partial fraction 0', { ...where, hedge: { policy: 'partial', fraction: 0 } }],
    ['field of another policy', { ...where, hedge: { policy: 'time', band: 3 } }],
    ['non-finite contracts', { ...where, positions: [{ series: 'X', contracts: Infinity }] }],
    ['bad execution style', { ...where, execution: { style: 'twap' } }],
  ])('rejects %s', (_n, input) => {
    expect(dealerSchema.safeParse(input).success).toBe(false);
  });
});

describe('hedge rules', () => {
  it('whalley_wilmott half-width follows (3 c S G^2 / 2 gamma)^(1/3)', () => {
    // c = 10 bps, S = 100000, G = 0.05, risk aversion 0.001: 3*0.001*1e5*0.0025/0.002 = 375.
    expect(whalleyWilmottHalfWidth(0.001, 100_000, 0.05, 0.001)).toBeCloseTo(Math.cbrt(375), 10);
  });

  it('whalley_wilmott band shrinks as cost falls, as cost^(1/3)', () => {
    const costs = [0.002, 0.001, 0.0005, 0.0001];
    const h = costs.map((c) => whalleyWilmottHalfWidth(c, 100_000, 0.05, 0.001));
    for (let i = 1; i < h.length; i++) expect(h[i]!).toBeLessThan(h[i - 1]!);
    expect(h[0]! / h[3]!).toBeCloseTo(Math.cbrt(20), 10);
    // A net delta inside the wide band is left alone, hedged once the cost is low enough.
    const ww = hedgePolicySchema.parse({ policy: 'whalley_wilmott', include_half_spread: false });
    const net = (h[1]! + h[2]!) / 2;
    expect(hedgeTrade(ww, net, 0.05, 100_000, 0.001)).toBe(0);
    expect(hedgeTrade(ww, net, 0.05, 100_000, 0.0005)).toBeCloseTo(-(net - h[2]!), 10);
  });

  it.each([
    ['band to target, inside', { policy: 'band', band: 2, band_move: 0 }, 1.9, 0],
    ['band to target, outside', { policy: 'band', band: 2, band_move: 0 }, 2.5, -2.5],
    ['band to edge, outside below', { policy: 'band', band: 2, band_move: 0, to: 'edge' }, -3, 1],
    ['band from gamma move', { policy: 'band', band: 0, band_move: 0.005 }, 24, 0],
    ['partial half the gap', { policy: 'partial', fraction: 0.5 }, 4, -2],
    ['partial inside its band', { policy: 'partial', fraction: 0.5, band: 5 }, 4, 0],
    ['time closes the gap', { policy: 'time' }, -7, 7],
    ['none never trades', { policy: 'none' }, 50, 0],
  ])('%s', (_n, policy, net, expected) => {
    // gamma 0.05 at S = 100000: band_move 0.005 gives a 25 unit band.
    expect(hedgeTrade(hedgePolicySchema.parse(policy), net, 0.05, 100_000, 0)).toBeCloseTo(expected, 12);
  });

  it('band half-width is max(band, |gamma| S move)', () => {
    expect(bandHalfWidth(1, 0.005, 100_000, -0.05)).toBeCloseTo(25, 12);
    expect(bandHalfWidth(30, 0.005, 100_000, -0.05)).toBe(30);
  });
});
