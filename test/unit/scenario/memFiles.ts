/** An in-memory file system for loader tests: display path -> YAML text. */
import { resolve } from 'node:path';
import type { ReadText } from '../../../src/scenario/extendsChain.js';

export function memFiles(files: Readonly<Record<string, string>>): ReadText {
  const byAbsolute = new Map(Object.entries(files).map(([p, text]) => [resolve(p), text]));
  return (absolutePath) => {
    const text = byAbsolute.get(absolutePath);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${absolutePath}`), { code: 'ENOENT' });
    return text;
  };
}

/** A minimal valid scenario using the test kinds. */
export const MINIMAL = `name: minimal
clock:
  start_utc: "2026-03-27T00:00:00Z"
  duration: 1h
underlying:
  symbol: BTC
  initial_price: 60000
venues:
  cex:
    kind: cex
    instruments:
      - { symbol: BTC-PERP, type: perp, tick_size: 0.5, lot_size: 0.001 }
agents:
  takers:
    kind: test_taker
    venue: cex
    instrument: BTC-PERP
`;
