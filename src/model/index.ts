/** Domain values shared by every layer. */
export * from './units.js';
export * from './side.js';
export * from './ids.js';
export * from './messages.js';
export * from './market.js';
export * from './clock.js';
export * from './tables.js';
export * from './context.js';
export * from './time.js';
