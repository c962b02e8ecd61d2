/** Public surface of the instruments layer: pricing, greeks, vol, settlement, perps, index, fundamental, oracle. */
export * from './normal.js';
export * from './black.js';
export * from './impliedVol.js';
export * from './surface.js';
export * from './twap.js';
export * from './settlement.js';
export * from './twapOption.js';
export * from './gex.js';
export * from './timeEma.js';
export * from './perpMark.js';
export * from './funding.js';
export * from './priceIndex.js';
export * from './fundamental.js';
export * from './oracle.js';
export * from './contract.js';
export * from './inverseOption.js';
export * from './correlatedFundamentals.js';
