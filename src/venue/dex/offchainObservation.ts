/**
 * One oracle observation of the off-chain price for the DEX venue: the scenario fundamental, or
 * another venue's index or mid as this venue sees it through ctx.market. Prices quote currency.
 * (The DEX's listed instruments are checked by the shared ../instrumentInfo.ts.)
 */
import type { AgentContext } from '../../model/context.js';
import { midTicks } from '../../model/market.js';
import type { Oracle } from '../../instruments/oracle.js';
import type { DexOracleConfig } from './dexConfig.js';

/** Reads the off-chain price now and hands it to the oracle (ignored when not a positive finite price). */
export function observeOffchain(ctx: AgentContext, cfg: DexOracleConfig, oracle: Oracle): void {
  const src = cfg.source;
  let p: number;
  if (src.kind === 'fundamental') p = ctx.fundamental();
  else {
    const s = ctx.market(src.venueId, src.instrumentId);
    const ticks = src.field === 'index' ? s.indexTicks : midTicks(s);
    p = ticks * ctx.instrument(src.venueId, src.instrumentId).tickSize;
  }
  if (p > 0 && Number.isFinite(p)) oracle.update(ctx.now, p);
}
