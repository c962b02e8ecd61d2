/**
 * Partial liquidation down the brackets (issue 18 part 4; `LiquidationParams.stepDown`). A
 * liquidatable account whose positions sit above their first margin bracket is not taken over at
 * once: one position at a time is cut to just below the floor of its bracket (the smallest
 * reduction that lowers its maintenance rate one bracket), and the account is re-checked after
 * each cut; only when every position is in its first bracket and the account is still
 * liquidatable is what is left taken over. This is BitMEX's documented procedure (liquidation
 * and liquidationExamples pages: a FillOrKill sized to bring the position value below a lower
 * risk limit, then a re-check, then the full takeover) and Bitunix's for cross accounts
 * ("Futures Liquidation Mechanism and Tiered Risk Limit": reduce positions in tier > 1, re-check
 * after each reduction, full liquidation when all are in tier 1).
 *
 * Which position first (Bitunix's published reduction priority, in order): the highest bracket;
 * then the largest maintenance margin released by the cut; then the largest notional; then the
 * lowest instrument id (ours, for determinism). Isolated accounts cut only the liquidatable
 * position.
 *
 * Units: notionals and margins in settlement units, marks fractional ticks, sizes lots.
 */
import type { AgentId, InstrumentId } from '../../model/ids.js';
import { bracketIndex, maintenanceMargin, type MarginBracket } from './brackets.js';
import type { Ledger } from './ledger.js';
import type { MarginCalc } from './margin.js';

/** The cut chosen: instrument and lots to take off (0 lots: none possible). */
export interface StepDownCut {
  inst: InstrumentId;
  lots: number;
  /** Bracket the position was in before the cut (> 0). */
  bracket: number;
  /** Maintenance margin the cut releases (settlement units). */
  releasedMm: number;
}

/**
 * Lots to keep so that the position's notional at `markTicks` is strictly below `floorUnits`:
 * the largest k with k * unitNotional < floor.
 */
function keepBelow(floorUnits: number, unitNotional: number): number {
  let k = Math.max(0, Math.ceil(floorUnits / unitNotional) - 1);
  // The quotient can land an ulp off an exact multiple: settle k on the products themselves.
  while (k > 0 && k * unitNotional >= floorUnits) k--;
  while ((k + 1) * unitNotional < floorUnits) k++;
  return k;
}

/**
 * The next cut for `acct` (cross: over all its positions; isolated: `inst` only), or false when
 * every candidate position is in its first bracket. Writes `out`.
 */
export function nextStepDown(L: Ledger, M: MarginCalc, acct: AgentId, inst: InstrumentId, marks: ArrayLike<number>, out: StepDownCut): boolean {
  const isolated = M.isIsolated(acct);
  const first = isolated ? inst : 0;
  const last = isolated ? inst : L.nInstruments - 1;
  let found = false;
  let bestNotional = 0;
  for (let j = first; j <= last; j++) {
    const p = L.position(acct, j);
    if (p === 0) continue;
    const mark = marks[j] as number;
    const brackets: readonly MarginBracket[] = M.brackets(j);
    // The bracket follows the notional the requirement is on: at the mark (Binance), or the entry
    // value |C| at entry valuation (Bybit); the cut removes it pro rata to lots either way.
    const n = M.maintenanceAtEntry ? Math.abs(L.costBasis(acct, j)) : M.notional(acct, j, mark);
    const b = bracketIndex(brackets, n);
    if (b === 0) continue;
    const unit = n / Math.abs(p);
    const keep = keepBelow((brackets[b] as MarginBracket).floorUnits, unit);
    const lots = Math.abs(p) - keep;
    if (lots <= 0) continue;
    const mmBefore = M.positionMaintenance(acct, j, mark);
    const mmAfter = maintenanceMargin(brackets, keep * unit);
    const released = mmBefore - mmAfter;
    const better = !found || b > out.bracket || (b === out.bracket && (released > out.releasedMm || (released === out.releasedMm && n > bestNotional)));
    if (better) {
      found = true;
      out.inst = j;
      out.lots = lots;
      out.bracket = b;
      out.releasedMm = released;
      bestNotional = n;
    }
  }
  return found;
}
