/** The `option_dealer` agent kind: schema in schema.ts, actor in dealer.ts, rules in policy.ts. */
import type { z } from 'zod';
import type { AgentKind } from '../kind.js';
import { OptionDealer } from './dealer.js';
import { dealerSchema, type DealerParams } from './schema.js';

export { OptionDealer } from './dealer.js';
export { OptionBook } from './book.js';
export { POLICY_NAMES, bandHalfWidth, hedgeTrade, whalleyWilmottHalfWidth } from './policy.js';
export { dealerSchema, hedgePolicySchema, executionSchema, type DealerParams, type HedgePolicyParams } from './schema.js';

/** The `option_dealer` agent kind. */
export const optionDealerKind: AgentKind<DealerParams> = {
  kind: 'option_dealer',
  description: 'Option dealer: quotes the options desk from its vol surface and delta-hedges its book under a hedge policy.',
  schema: dealerSchema as unknown as z.ZodType<DealerParams>,
  create: (params, env) => new OptionDealer(params, env),
};
