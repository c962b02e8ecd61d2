/**
 * Clearing core of a venue (pure: no kernel, no book): ledger, margin with tiered brackets,
 * liquidation/bankruptcy prices, the liquidation trigger index, the liquidation engine with
 * insurance fund, ADL and socialized loss, and funding settlement. Start at {@link ClearingHouse}
 * (house.ts has the venue call sequence); formulas and defaults are in docs/clearing.md.
 */
export * from './types.js';
export * from './brackets.js';
export * from './defaults.js';
export { Ledger, SystemAccount } from './ledger.js';
export { MarginCalc } from './margin.js';
export { liquidationTicks, bankruptcyTicks, isolatedLiquidationSimple, inverseLiquidationTicks, inverseBankruptcyTicks } from './liqPrice.js';
export { ContractKind, lotValue, priceOfLotValue, tradeValueUnits, settlementValueUnits, inverseScale } from './contract.js';
export { TriggerIndex } from './triggerIndex.js';
export { LiquidationEngine } from './liquidation.js';
export { adlScore, rankAdl } from './adl.js';
export { settleFunding, FundingBuffers, inverseFundingPayments } from './funding.js';
export { ClearingHouse } from './house.js';
