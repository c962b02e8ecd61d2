/**
 * The `balances` table from a busy scripted run (scriptedRun.ts: spot and perp trading with fees,
 * a crash with liquidations, funding every minute): the identity of docs/clearing.md holds at
 * every sample, exactly, and it is a check that can fail: leaving out any one bucket (fee revenue,
 * insurance fund, rounding, accounts with positions, flat accounts) breaks it by exactly
 * that bucket's balance. A sampler refuses a ledger with a system balance it has no row for.
 */
import { describe, expect, it } from 'vitest';
import { BALANCES, BALANCE_BUCKETS, BALANCE_CURRENCIES, BALANCE_LEDGERS } from '../../../src/model/tables.js';
import { BalancesSampler } from '../../../src/venue/balancesSampler.js';
import type { ClearingHouse } from '../../../src/venue/clearing/index.js';
import type { SpotLedger } from '../../../src/venue/trading/spotLedger.js';
import { identityResiduals, identityViolations, type BalanceRow } from '../../helpers/balancesIdentity.js';
import { MemAppender } from './harness.js';
import { runWorld } from './scriptedRun.js';

interface Row extends BalanceRow {
  readonly holder: number;
  readonly currency: string;
  readonly open_positions: number;
}

function rowsOf(a: MemAppender): Row[] {
  return a.objects().map((r) => ({
    t_ns: r['t_ns'] as number,
    venue: String(r['venue']),
    ledger: BALANCE_LEDGERS[r['ledger'] as number] as string,
    currency: BALANCE_CURRENCIES[r['currency'] as number] as string,
    bucket: BALANCE_BUCKETS[r['bucket'] as number] as string,
    holder: r['holder'] as number,
    cash_units: r['cash_units'] as number,
    isolated_margin_units: r['isolated_margin_units'] as number,
    cost_basis_units: r['cost_basis_units'] as number,
    deposited_units: r['deposited_units'] as number,
    open_positions: r['open_positions'] as number,
  }));
}

const held = (r: BalanceRow): number => Number(r.cash_units) + Number(r.isolated_margin_units) - Number(r.cost_basis_units) - Number(r.deposited_units);

describe('balances table', () => {
  const w = runWorld(0);
  w.kernel.stop();
  const rows = rowsOf(w.table(BALANCES));
  const endNs = w.kernel.now;
  const last = rows.filter((r) => r.t_ns === endNs && r.ledger === 'clearing');
  const ids = w.venue.systemAgentIds();

  it('is sampled at the start, every accounts interval and at the end, and the identity holds at each sample', () => {
    const times = [...new Set(rows.map((r) => r.t_ns))];
    // 4 minutes at the default 1-minute interval: 0, 1, 2, 3, 4 min (the end coincides with the last).
    expect(times).toEqual([0, 1, 2, 3, 4].map((m) => m * 60e9));
    expect(identityViolations(rows)).toEqual([]);
    // Both ledgers, each in quote currency here.
    expect(new Set(rows.map((r) => `${r.ledger}/${r.currency}`))).toEqual(new Set(['clearing/quote', 'spot/quote']));
  });

  it('shows every system bucket the run used, and flat accounts', () => {
    const bucket = (b: string): Row | undefined => last.find((r) => r.bucket === b);
    expect(bucket('fees')?.cash_units).toBeGreaterThan(0);
    expect(bucket('fees')?.holder).toBe(ids.venue);
    expect(bucket('insurance_fund')?.holder).toBe(ids.insuranceFund);
    expect(bucket('insurance_fund')?.deposited_units).toBe(1_000 * 10_000);
    expect(bucket('rounding')?.cash_units).toBeGreaterThan(0);
    // The liquidation engine took over positions, so its account holds money.
    expect(w.venue.liquidationsStarted).toBeGreaterThan(0);
    expect(rows.some((r) => r.bucket === 'account' && r.holder === ids.liquidationEngine)).toBe(true);
    // Accounts without a position are rows too (at t = 0 every account is one).
    expect(rows.filter((r) => r.bucket === 'account' && r.open_positions === 0 && r.cash_units !== 0).length).toBeGreaterThan(0);
    expect(rows.some((r) => r.ledger === 'spot' && r.bucket === 'fees' && Number(r.cash_units) > 0)).toBe(true);
  });

  it('breaks when any one bucket is left out, by exactly that bucket', () => {
    const cases: [string, (r: Row) => boolean][] = [
      ['fees', (r) => r.bucket === 'fees'],
      ['insurance_fund', (r) => r.bucket === 'insurance_fund'],
      ['rounding', (r) => r.bucket === 'rounding'],
      ['accounts with positions (cost bases)', (r) => r.bucket === 'account' && r.open_positions > 0],
      ['flat accounts', (r) => r.bucket === 'account' && r.open_positions === 0],
    ];
    const clearing = rows.filter((r) => r.ledger === 'clearing');
    for (const [what, drop] of cases) {
      // The last sample at which the bucket holds anything (net of its deposits).
      const at = [...new Set(clearing.map((r) => r.t_ns))].reverse().find((t) => clearing.some((r) => r.t_ns === t && drop(r) && held(r) !== 0));
      expect(at, `${what} holds money at some sample`).toBeDefined();
      const sample = clearing.filter((r) => r.t_ns === at);
      const missing = sample.filter(drop).reduce((s, r) => s + held(r), 0);
      const residual = identityResiduals(sample.filter((r) => !drop(r))).get(`${at}|${ids.venue}|clearing`);
      expect(residual, what).toBe(BigInt(-missing));
      expect(residual, what).not.toBe(0n);
    }
  });

  it('refuses a ledger with a system balance it would not write', () => {
    const house = { ledger: { system: new Float64Array(5) } } as unknown as ClearingHouse;
    expect(() => new BalancesSampler({ venueId: 0, insuranceFundId: 2 }, house, {} as SpotLedger, [], () => 0, false)).toThrow(/system balance 4/);
  });
});
