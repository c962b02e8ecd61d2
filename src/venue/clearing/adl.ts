/**
 * Auto-deleveraging ranking (BitMEX/Binance, crypto-mechanics.md §3.3): counterparties on the
 * opposite side are ranked highest first by
 *   score = pnlPct * effLev  if pnlPct > 0,   pnlPct / effLev  otherwise,
 * with pnlPct = uPnL(mark) / |cost basis| and effLev = notional(mark) / equity (Infinity when
 * equity <= 0). Ties by account id, so the order is total. A rare path: it scans the accounts.
 */
import type { AgentId, InstrumentId } from '../../model/ids.js';
import type { Ledger } from './ledger.js';
import type { MarginCalc } from './margin.js';

/** ADL score of one position (see file header). */
export function adlScore(upnlUnits: number, costAbsUnits: number, notionalUnits: number, equityUnits: number): number {
  const pnlPct = costAbsUnits > 0 ? upnlUnits / costAbsUnits : 0;
  const effLev = equityUnits > 0 ? notionalUnits / equityUnits : Infinity;
  if (pnlPct > 0) return pnlPct * effLev;
  return effLev === Infinity ? 0 : pnlPct / effLev;
}

/**
 * Accounts holding a position of sign `sign` in `inst` (excluding `exclude`), ranked by ADL
 * score descending then account id ascending. Returns a fresh array (rare path).
 */
export function rankAdl(ledger: Ledger, margin: MarginCalc, inst: InstrumentId, sign: 1 | -1, marks: ArrayLike<number>, exclude: AgentId): AgentId[] {
  const accts: number[] = [];
  const scores: number[] = [];
  const mark = marks[inst] as number;
  for (let a = 0; a < ledger.accountCount; a++) {
    if (a === exclude) continue;
    const p = ledger.position(a, inst);
    if (p === 0 || Math.sign(p) !== sign) continue;
    const eq = margin.equity(a, marks, margin.isIsolated(a) ? inst : -1);
    accts.push(a);
    scores.push(adlScore(margin.upnl(a, inst, mark), Math.abs(ledger.costBasis(a, inst)), margin.notional(a, inst, mark), eq));
  }
  const order = accts.map((_, i) => i);
  order.sort((i, j) => {
    const si = scores[i] as number;
    const sj = scores[j] as number;
    if (si !== sj) return sj > si ? 1 : -1;
    return (accts[i] as number) - (accts[j] as number);
  });
  return order.map((i) => accts[i] as number);
}
