/**
 * Contract valuation (linear / inverse) for the clearing core: re-exported from the instruments
 * layer (src/instruments/contract.ts), where agents can reach it too.
 */
export { ContractKind, lotValue, priceOfLotValue, tradeValueUnits, settlementValueUnits, inverseScale } from '../../instruments/contract.js';
