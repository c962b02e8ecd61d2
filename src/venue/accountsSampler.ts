/**
 * `accounts` rows: one per account and perp with an open position, every accounts interval, from
 * the clearing ledger at the current marks (ascending account id, then instrument). Collateral is
 * the wallet (cross) or the isolated bucket; equity, maintenance and margin ratio follow the
 * margin mode (cross: whole account; isolated: the position). Real units.
 */
import { ACCOUNTS, type Appender } from '../model/tables.js';
import type { ClearingHouse } from './clearing/index.js';
import type { CexInstrumentConfig } from './cexConfig.js';
import { moneyUnitsOf } from './instrumentInfo.js';

export function sampleAccounts(tNs: number, venueId: number, cfg: readonly CexInstrumentConfig[], house: ClearingHouse, rec: Appender): void {
  if (!rec.enabled) return;
  const L = house.ledger;
  const M = house.margin;
  const marks = house.marks;
  const col = ACCOUNTS.col;
  // Money columns are in the venue's settlement currency (the coin at an inverse venue).
  const u = moneyUnitsOf(cfg);
  for (let a = 0; a < L.accountCount; a++) {
    if ((L.openPositions[a] as number) === 0) continue;
    const iso = M.isIsolated(a);
    for (let i = 0; i < cfg.length; i++) {
      const p = L.position(a, i);
      if (p === 0) continue;
      const c = cfg[i] as CexInstrumentConfig;
      const mark = marks[i] as number;
      const scope = iso ? i : -1;
      const collateral = iso ? (L.isoMargin[L.slot(a, i)] as number) : (L.wallet[a] as number);
      const equity = M.equity(a, marks, scope);
      rec.begin(tNs);
      rec.set(col.venue, venueId);
      rec.set(col.agent, a);
      rec.set(col.instrument, c.dictIndex);
      rec.set(col.position, p * c.lotSize);
      rec.set(col.entry_price, L.entryTicks(a, i) * c.tickSize);
      rec.set(col.collateral, collateral / u);
      rec.set(col.unrealized_pnl, M.upnl(a, i, mark) / u);
      rec.set(col.equity, equity / u);
      rec.set(col.maintenance_margin, M.maintenance(a, marks, scope) / u);
      rec.set(col.margin_ratio, M.marginRatio(a, marks, scope));
      rec.set(col.leverage, equity > 0 ? M.notional(a, i, mark) / equity : Number.POSITIVE_INFINITY);
      rec.end();
    }
  }
}
