/**
 * Runs and measures scenarios/cross-margin-contagion.yaml (issue 18 part 6) for the contagion
 * science test: one run per (seed, margin mode, shock on/off), in memory, and from its tables
 * the BTC liquidations (count and notional at the mark of the `triggered` step, retail accounts
 * only) and the BTC move after the shock time (largest drawdown of the BTC-PERP mid over the
 * window, from the last mid before the shock). Without the shock the schedule is emptied, so the
 * same seed gives the counterfactual path: what the ETH shock *caused* is shock - no shock.
 */
import { BOOK, LIQUIDATIONS } from '../../src/model/tables.js';
import { NS_PER_SEC } from '../../src/engine/time.js';
import { runInMemory } from './dexRuns.js';

export const CONTAGION_FILE = 'scenarios/cross-margin-contagion.yaml';
/** The shock time of the scenario (its schedule: 4 m). */
export const SHOCK_NS = 240 * NS_PER_SEC;

export interface ContagionArm {
  readonly margin: 'cross' | 'isolated';
  readonly shock: boolean;
  /** Extra --set overrides (the unit variant without BTC legs). */
  readonly set?: readonly string[];
}

export interface ContagionMeasure {
  /** Retail BTC-PERP liquidations started (triggered steps) after the shock time. */
  readonly btcLiquidations: number;
  /** Their notional at the mark, quote currency. */
  readonly btcLiquidatedNotional: number;
  /** Retail ETH-PERP liquidations started after the shock time. */
  readonly ethLiquidations: number;
  /** Largest fall of the BTC-PERP mid after the shock time, fraction of the last mid before it. */
  readonly btcDrawdown: number;
  /** Largest fall of the ETH-PERP mid after the shock time (same definition). */
  readonly ethDrawdown: number;
  /** Retail liquidations of either instrument before the shock time. */
  readonly liquidationsBefore: number;
}

/** Runs one arm on `seed` and measures it. */
export function runContagion(seed: number, arm: ContagionArm): ContagionMeasure {
  const set = [`agents.retail.margin_mode=${arm.margin}`, ...(arm.shock ? [] : ['schedule=[]']), ...(arm.set ?? [])];
  const r = runInMemory(CONTAGION_FILE, [LIQUIDATIONS, BOOK], { seed, set });
  const btc = r.instrument('BTC-PERP');
  const eth = r.instrument('ETH-PERP');
  const retail = new Set(r.plan.groupMembers.get('retail') ?? []);
  const liq = r.table(LIQUIDATIONS);
  const lc = (n: string): number => liq.spec.columns.findIndex((c) => c.name === n);
  let btcN = 0;
  let btcNotional = 0;
  let ethN = 0;
  let before = 0;
  for (const row of liq.rows) {
    if (row[lc('event')] !== 0 || !retail.has(row[lc('account')] as number)) continue; // triggered steps of retail accounts
    if ((row[0] as number) < SHOCK_NS) {
      before++;
      continue;
    }
    if (row[lc('instrument')] === btc) {
      btcN++;
      btcNotional += (row[lc('size')] as number) * (row[lc('mark')] as number);
    } else if (row[lc('instrument')] === eth) ethN++;
  }
  const book = r.table(BOOK);
  const bc = (n: string): number => book.spec.columns.findIndex((c) => c.name === n);
  const drawdown = (inst: number): number => {
    let ref = Number.NaN;
    let low = Infinity;
    for (const row of book.rows) {
      if (row[bc('instrument')] !== inst) continue;
      const mid = row[bc('mid')] as number;
      if (!Number.isFinite(mid)) continue;
      if ((row[0] as number) < SHOCK_NS) ref = mid;
      else low = Math.min(low, mid);
    }
    return Number.isFinite(ref) && Number.isFinite(low) ? Math.max(0, 1 - low / ref) : Number.NaN;
  };
  return { btcLiquidations: btcN, btcLiquidatedNotional: btcNotional, ethLiquidations: ethN, btcDrawdown: drawdown(btc), ethDrawdown: drawdown(eth), liquidationsBefore: before };
}
