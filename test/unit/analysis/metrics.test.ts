import { describe, expect, it } from 'vitest';
import { computeMetrics, METRICS, type MetricInputs } from '../../../src/analysis/metrics.js';
import { findCascades } from '../../../src/analysis/cascades.js';
import { maxDrawdown, maxRunUp, realizedVol, sampleOnGrid } from '../../../src/analysis/series.js';

const MIN = 60e9;
const SEC = 1e9;

function emptyInputs(): MetricInputs {
  return {
    book: { tNs: [], mid: [], index: [], bid: [], ask: [] },
    liquidations: { tNs: [], event: [], liquidationId: [], size: [], mark: [], fillPrice: [], insuranceFund: [], socializedLoss: [] },
    funding: { paidByLongs: [] },
    hedges: { event: [], size: [], slippage: [] },
    greeks: { dealer: [], optionPnl: [], hedgePnl: [], fees: [] },
    settlement: null,
  };
}

describe('series helpers', () => {
  it('samples previous-tick on a grid and skips NaN', () => {
    const s = sampleOnGrid([0, 30 * SEC, 60 * SEC, 150 * SEC], [100, NaN, 101, 103], MIN);
    expect([...s]).toEqual([100, 101, 101]);
  });

  it('annualizes realized vol from 1-minute log returns', () => {
    // Returns +1%, -1%, +1% (in log terms exactly ln(1.01), ln(1/1.01), ln(1.01)).
    const mids = [100, 101, 100, 101];
    const r = Math.log(1.01);
    const expected = Math.sqrt(((3 * r * r) / 3) * (365 * 24 * 60));
    expect(realizedVol([0, MIN, 2 * MIN, 3 * MIN], mids, MIN)).toBeCloseTo(expected, 10);
    expect(realizedVol([0, MIN], [100, 101], MIN)).toBeNaN(); // one return is not enough
  });

  it('drawdown and run-up', () => {
    expect(maxDrawdown([100, 120, 90, 110, 60, 200])).toBeCloseTo(0.5, 12); // 120 -> 60
    expect(maxRunUp([100, 80, 120, 60, 90])).toBeCloseTo(0.5, 12); // 80 -> 120 and 60 -> 90
    expect(maxDrawdown([])).toBeNaN();
  });
});

describe('cascades', () => {
  // Liquidations 1,2 at t=0 (round 1), 3 at t=2s (round 2), 4 at t=50s (joins: gap 48s <= 60s),
  // 5 at t=200s (gap 150s > 60s: a new cascade).
  const rows = {
    tNs: [0, 0, 1 * SEC, 2 * SEC, 3 * SEC, 50 * SEC, 200 * SEC, 201 * SEC],
    event: ['triggered', 'triggered', 'fill', 'triggered', 'fill', 'triggered', 'triggered', 'fill'],
    liquidationId: [1, 2, 1, 3, 3, 4, 5, 5],
    size: [2, 1, 2, 1, 1, 3, 4, 4],
    mark: [100, 100, 99, 98, 97, 95, 90, 89],
    fillPrice: [NaN, NaN, 99, NaN, 97, NaN, NaN, 88],
  };

  it('splits by the 60 s joining rule and counts rounds as distinct trigger times', () => {
    const cs = findCascades(rows);
    expect(cs).toHaveLength(2);
    expect(cs[0]).toMatchObject({ startNs: 0, endNs: 50 * SEC, liquidations: 4, rounds: 3, volume: 3, notional: 2 * 99 + 97 });
    expect(cs[0]?.priceMove).toBeCloseTo(95 / 100 - 1, 12);
    expect(cs[1]).toMatchObject({ liquidations: 1, rounds: 1, volume: 4, notional: 352 });
  });

  it('a shorter joining gap splits the first cascade', () => {
    expect(findCascades(rows, 10 * SEC).map((c) => c.liquidations)).toEqual([3, 1, 1]);
  });
});

describe('computeMetrics', () => {
  it('an empty run gives zero counts and NaN for undefined quantities, and every metric', () => {
    const m = computeMetrics(emptyInputs());
    expect(Object.keys(m).sort()).toEqual(METRICS.map((d) => d.name).sort());
    expect(m['liquidation_count']).toBe(0);
    expect(m['hedge_volume']).toBe(0);
    expect(m['rv_mid_1m']).toBeNaN();
    expect(m['settlement_distance_pct']).toBeNaN();
    expect(m['insurance_fund_low']).toBeNaN();
  });

  it('hand-computed run', () => {
    const x: MetricInputs = {
      ...emptyInputs(),
      book: {
        tNs: [0, MIN, 2 * MIN, 3 * MIN],
        mid: [100, 110, 99, NaN],
        index: [100, 100, 100, 100],
        bid: [99.9, 109, 98, NaN],
        ask: [100.1, 111, 100, 101],
      },
      liquidations: {
        tNs: [0, SEC, SEC],
        event: ['triggered', 'fill', 'insurance_draw'],
        liquidationId: [7, 7, 7],
        size: [2, 2, 0],
        mark: [100, 99, 99],
        fillPrice: [NaN, 98, NaN],
        insuranceFund: [1000, 1005, 990],
        socializedLoss: [0, 0, 12.5],
      },
      funding: { paidByLongs: [10, -4] },
      hedges: { event: ['decision', 'fill', 'fill'], size: [3, 1, -2], slippage: [NaN, 0.5, 0.25] },
      greeks: { dealer: ['d/0', 'd/1', 'd/0'], optionPnl: [1, 2, 5], hedgePnl: [0, -1, -3], fees: [0, 0.5, 0.25] },
      settlement: { price: 101.5, heaviestStrike: 100, tickSize: 0.5 },
    };
    const m = computeMetrics(x);
    expect(m['max_drawdown']).toBeCloseTo(11 / 110, 12);
    expect(m['max_run_up']).toBeCloseTo(0.1, 12);
    expect(m['mid_return']).toBeCloseTo(Math.log(99 / 100), 12);
    expect(m['rv_index_1m']).toBe(0);
    expect(m['liquidation_count']).toBe(1);
    expect(m['liquidation_volume']).toBe(2);
    expect(m['liquidation_notional']).toBe(196);
    expect(m['insurance_fund_low']).toBe(990);
    expect(m['socialized_loss']).toBe(12.5);
    expect(m['funding_paid_by_longs']).toBe(6);
    expect(m['funding_volume']).toBe(14);
    expect(m['hedge_trades']).toBe(2);
    expect(m['hedge_volume']).toBe(3);
    expect(m['dealer_option_pnl']).toBe(7); // last rows: d/0 -> 5, d/1 -> 2
    expect(m['dealer_hedge_pnl']).toBe(-4);
    expect(m['dealer_fees']).toBe(0.75);
    expect(m['hedge_cost']).toBe(0.75 + 0.75);
    expect(m['dealer_pnl']).toBe(7 - 4 - 0.75);
    expect(m['settlement_distance_ticks']).toBe(3);
    expect(m['settlement_distance_pct']).toBeCloseTo(1.5, 12);
    expect(m['one_sided_share']).toBe(0.25);
    // Samples before the first two-sided quote (the empty book at the start) are not counted.
    const opening = computeMetrics({ ...x, book: { tNs: [0, ...Array.from(x.book.tNs, (t) => t + 1)], mid: [NaN, ...Array.from(x.book.mid)], index: [100, ...Array.from(x.book.index)], bid: [NaN, ...Array.from(x.book.bid)], ask: [NaN, ...Array.from(x.book.ask)] } });
    expect(opening['one_sided_share']).toBe(0.25);
    // spreads: 0.2/100 = 20 bps, 2/110 = 182 bps, 2/99 = 202 bps -> 2 of 3 wider than 50 bps
    expect(m['wide_spread_share']).toBeCloseTo(2 / 3, 12);
  });
});
