/**
 * `balances` rows (model/tables.ts BALANCES): every money bucket of one venue, read from its
 * clearing ledger and spot ledger, so the conservation identity the run checks internally
 * (Ledger.totalMoney() == depositedUnits, SpotLedger.totalUnits() == 0) can be checked from the
 * table alone. Per ledger: one row per account slot that holds anything (flat accounts with cash
 * included; the liquidation engine's and the schedule actor's accounts are accounts like any
 * other), then one row per system bucket. A row whose every value is 0 adds nothing to either side
 * of the identity and is left out (the ledgers are dense by agent id, so most agents of another
 * venue would be such rows).
 *
 * Units: integer money units as the ledgers keep them (10^-4 quote; 10^-8 coin for an inverse
 * clearing house), never converted to floats, so the identity holds to the last unit.
 * Reading state only: sampling never changes what the venue does.
 */
import { BALANCES, BALANCE_BUCKETS, BALANCE_CURRENCIES, BALANCE_LEDGERS, type Appender } from '../model/tables.js';
import { COIN_UNITS_PER_COIN, QUOTE_UNITS_PER_QUOTE } from '../model/units.js';
import { SystemAccount, type ClearingHouse } from './clearing/index.js';
import type { SpotLedger } from './trading/spotLedger.js';

const LEDGER = { clearing: BALANCE_LEDGERS.indexOf('clearing'), spot: BALANCE_LEDGERS.indexOf('spot') };
const CURRENCY = { quote: BALANCE_CURRENCIES.indexOf('quote'), coin: BALANCE_CURRENCIES.indexOf('coin') };
const BUCKET = {
  account: BALANCE_BUCKETS.indexOf('account'),
  fees: BALANCE_BUCKETS.indexOf('fees'),
  insurance: BALANCE_BUCKETS.indexOf('insurance_fund'),
  rounding: BALANCE_BUCKETS.indexOf('rounding'),
  socialized: BALANCE_BUCKETS.indexOf('socialized_loss'),
};

/** Who holds what at one venue: agent ids of the system parties. */
export interface BalanceHolders {
  readonly venueId: number;
  readonly insuranceFundId: number;
}

/**
 * System buckets of the clearing ledger, as rows: [SystemAccount, bucket index, holder]. Every
 * entry of `Ledger.system` must be listed (checked when a sampler is built), so a new bucket
 * cannot silently drop out of the identity.
 */
function systemRows(h: BalanceHolders): readonly (readonly [SystemAccount, number, number])[] {
  return [
    [SystemAccount.Fees, BUCKET.fees, h.venueId],
    [SystemAccount.Insurance, BUCKET.insurance, h.insuranceFundId],
    [SystemAccount.Rounding, BUCKET.rounding, h.venueId],
    [SystemAccount.Socialized, BUCKET.socialized, h.venueId],
  ];
}

export class BalancesSampler {
  private readonly system: readonly (readonly [SystemAccount, number, number])[];
  private readonly clearingCurrency: number;
  private readonly clearingUnits: number;
  /** Time of the last sample (-1: none), so the end-of-run sample is not written twice. */
  private lastNs = -1;

  /**
   * `reservedUnits(acct)`: margin held for the account's resting orders (ClearingAdapter).
   * `coinSettled`: the clearing house settles in the coin (inverse perps and futures).
   */
  constructor(
    private readonly holders: BalanceHolders,
    private readonly house: ClearingHouse,
    private readonly spot: SpotLedger,
    private readonly spotInstruments: readonly number[],
    private readonly reservedUnits: (acct: number) => number,
    coinSettled: boolean,
  ) {
    this.system = systemRows(holders);
    const listed = new Set(this.system.map((r) => r[0]));
    for (let s = 0; s < house.ledger.system.length; s++) {
      if (!listed.has(s as SystemAccount)) throw new Error(`balances: system balance ${s} of the ledger has no row`);
    }
    this.clearingCurrency = coinSettled ? CURRENCY.coin : CURRENCY.quote;
    this.clearingUnits = coinSettled ? COIN_UNITS_PER_COIN : QUOTE_UNITS_PER_QUOTE;
  }

  /** Writes every bucket at `tNs` (once per instant). */
  sample(tNs: number, rec: Appender): void {
    if (!rec.enabled || tNs === this.lastNs) return;
    this.lastNs = tNs;
    this.sampleClearing(tNs, rec);
    if (this.spotInstruments.length > 0) this.sampleSpot(tNs, rec);
  }

  private sampleClearing(tNs: number, rec: Appender): void {
    const L = this.house.ledger;
    const n = L.nInstruments;
    for (let a = 0; a < L.accountCount; a++) {
      let iso = 0;
      let cost = 0;
      for (let i = 0; i < n; i++) {
        const k = a * n + i;
        iso += L.isoMargin[k] as number;
        cost += L.cost[k] as number;
      }
      const cash = L.wallet[a] as number;
      const deposited = L.deposits[a] as number;
      const realized = L.realizedPnl[a] as number;
      const fees = L.feesPaid[a] as number;
      const reserved = this.reservedUnits(a);
      const open = L.openPositions[a] as number;
      if (cash === 0 && iso === 0 && cost === 0 && deposited === 0 && realized === 0 && fees === 0 && reserved === 0 && open === 0) continue;
      this.row(tNs, rec, LEDGER.clearing, this.clearingCurrency, this.clearingUnits, a, BUCKET.account, cash, iso, cost, deposited, realized, fees, reserved, open);
    }
    for (const [sys, bucket, holder] of this.system) {
      const cash = L.system[sys] as number;
      const deposited = L.systemDeposits[sys] as number;
      if (cash === 0 && deposited === 0) continue;
      this.row(tNs, rec, LEDGER.clearing, this.clearingCurrency, this.clearingUnits, holder, bucket, cash, 0, 0, deposited, 0, 0, 0, 0);
    }
  }

  private sampleSpot(tNs: number, rec: Appender): void {
    const S = this.spot;
    const insts = this.spotInstruments;
    for (let a = 0; a < S.accountCount; a++) {
      let cash = 0;
      let open = 0;
      for (const i of insts) {
        cash += S.cashUnits(a, i);
        if (S.basePosition(a, i) !== 0) open++;
      }
      if (cash === 0 && open === 0) continue;
      this.row(tNs, rec, LEDGER.spot, CURRENCY.quote, QUOTE_UNITS_PER_QUOTE, a, BUCKET.account, cash, 0, 0, 0, 0, 0, 0, open);
    }
    if (S.feesUnits !== 0) this.row(tNs, rec, LEDGER.spot, CURRENCY.quote, QUOTE_UNITS_PER_QUOTE, this.holders.venueId, BUCKET.fees, S.feesUnits, 0, 0, 0, 0, 0, 0, 0);
  }

  private row(tNs: number, rec: Appender, ledger: number, currency: number, units: number, holder: number, bucket: number, cash: number, iso: number, cost: number, deposited: number, realized: number, fees: number, reserved: number, open: number): void {
    const col = BALANCES.col;
    rec.begin(tNs);
    rec.set(col.venue, this.holders.venueId);
    rec.set(col.ledger, ledger);
    rec.set(col.currency, currency);
    rec.set(col.units_per_currency, units);
    rec.set(col.holder, holder);
    rec.set(col.bucket, bucket);
    rec.set(col.cash_units, cash);
    rec.set(col.isolated_margin_units, iso);
    rec.set(col.cost_basis_units, cost);
    rec.set(col.deposited_units, deposited);
    rec.set(col.realized_pnl_units, realized);
    rec.set(col.fees_paid_units, fees);
    rec.set(col.reserved_units, reserved);
    rec.set(col.open_positions, open);
    rec.end();
  }
}
