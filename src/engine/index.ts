/** The engine's public surface: time, random streams, event queue, kernel, latency models. */
export * from './time.js';
export * from './rng.js';
export * from './eventQueue.js';
export * from './latency.js';
export * from './kernel.js';
export * from './slotPriorityQueue.js';
