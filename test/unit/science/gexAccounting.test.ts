/**
 * gex-accounting's verdict on deliberately broken inputs: a dealer book that ignores its side
 * (records |GEX|), a naive calculator whose sign is taken as the truth, and a filled hedge left
 * outside the band. The correct per-run numbers (built from the same GEX formula) pass.
 */
import { describe, expect, it } from 'vitest';
import type { Measured } from '../../../src/science/check.js';
import { GEX_BOOKS, evaluateGex, gexOfBook, type GexBook } from '../../../src/science/checks/gexAccounting.js';

const SPOT = 60_010;
const good = (book: GexBook, over: Partial<Record<string, number>> = {}): Measured => ({
  spot0: SPOT, gex0: gexOfBook(book, SPOT).trueGex, hedges_complete: 4, hedges_complete_in_band: 4, hedges_cut: 0, worst_excess: -0.1, ...over,
});
const books = Object.keys(GEX_BOOKS) as GexBook[];
const arms = (f: (b: GexBook) => Measured): Record<GexBook, Measured[]> =>
  Object.fromEntries(books.map((b) => [b, [f(b), f(b)]])) as Record<GexBook, Measured[]>;

describe('gex-accounting verdict', () => {
  it('passes on correct accounting', () => {
    expect(evaluateGex(arms((b) => good(b)), [1, 2]).pass).toBe(true);
  });
  it('fails when the dealer book ignores its side (records |true GEX|)', () => {
    expect(evaluateGex(arms((b) => good(b, { gex0: Math.abs(gexOfBook(b, SPOT).trueGex) })), [1, 2]).pass).toBe(false);
  });
  it('fails when the naive convention is taken as the truth', () => {
    expect(evaluateGex(arms((b) => good(b, { gex0: gexOfBook(b, SPOT).naiveGex || 1 })), [1, 2]).pass).toBe(false);
  });
  it('fails when a fully filled hedge ends outside the band', () => {
    expect(evaluateGex(arms((b) => good(b, b === 'flipped' ? { hedges_complete_in_band: 3, worst_excess: 0.5 } : {})), [1, 2]).pass).toBe(false);
  });
  it('fails when no hedge completed (nothing was tested)', () => {
    expect(evaluateGex(arms((b) => good(b, { hedges_complete: 0, hedges_complete_in_band: 0 })), [1, 2]).pass).toBe(false);
  });
});
